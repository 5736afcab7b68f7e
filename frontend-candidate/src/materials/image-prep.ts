// Decisions about a picked file before it is uploaded, as pure functions (prepare.ts does the canvas work):
// what the file is and how big (read from its first bytes), which way up it is (EXIF orientation), whether
// it can go as it is, and if not the size and JPEG quality to re-encode it at — never upscaling, never below
// the photo minimums (295×413 px, 10 KiB), and when a re-encode cannot stay above them, the original goes.
// The server checks everything again: its verdict is final; these only save the candidate a wasted upload.

export interface Size {
  width: number
  height: number
}

export type FileFormat = 'jpeg' | 'png' | 'pdf' | 'other'

export interface HeadInfo {
  format: FileFormat
  /** Pixel size as stored (before EXIF orientation), when the header could be read. */
  size: Size | null
  /** EXIF orientation 1–8 (1 = upright, also when there is none). */
  orientation: number
}

/** Limits for one kind of material (the photo's are the server's spec, core/src/files/photo.rs). */
export interface ImageLimits {
  /** Above this many bytes the file is re-encoded. */
  maxBytes: number
  /** A re-encode is never allowed to produce fewer bytes than this. */
  minBytes: number
  /** Above this many pixels the file is re-encoded. */
  maxPixels: number
  /** A re-encoded image's longer side is at most this. */
  maxEdge: number
  /** A re-encoded image is never smaller than this (unless the original already is: no upscaling). */
  minWidth: number
  minHeight: number
  /** Only JPEG is accepted (other images are converted). */
  jpegOnly: boolean
}

const KiB = 1024
const MiB = 1024 * KiB

/** The server's photo spec. */
export const PHOTO_SPEC = {
  minWidth: 295,
  minHeight: 413,
  aspectWidth: 5,
  aspectHeight: 7,
  aspectTolerance: 0.06,
  minBytes: 10 * KiB,
  maxBytes: 2 * MiB,
  maxPixels: 25_000_000,
} as const

/** The server's limit for any upload (WEIKAO_UPLOAD_MAX_BYTES default). */
export const UPLOAD_MAX_BYTES = 10 * MiB

export const PHOTO_LIMITS: ImageLimits = {
  maxBytes: PHOTO_SPEC.maxBytes,
  minBytes: PHOTO_SPEC.minBytes,
  maxPixels: PHOTO_SPEC.maxPixels,
  maxEdge: 1200,
  minWidth: PHOTO_SPEC.minWidth,
  minHeight: PHOTO_SPEC.minHeight,
  jpegOnly: true,
}

/** Pictures of documents: readable at 2560 px, kept small enough for a phone connection. */
export const DOCUMENT_LIMITS: ImageLimits = {
  maxBytes: 3 * MiB,
  minBytes: 0,
  maxPixels: 16_000_000,
  maxEdge: 2560,
  minWidth: 0,
  minHeight: 0,
  jpegOnly: false,
}

export function limitsFor(kind: string): ImageLimits {
  return kind === 'photo' ? PHOTO_LIMITS : DOCUMENT_LIMITS
}

// ---- reading the first bytes

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2)

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((v, i) => b[i] === v)
}

/** EXIF orientation from an APP1 segment's TIFF data starting at `tiff`; 1 when absent or unreadable. */
function tiffOrientation(b: Uint8Array, tiff: number, end: number): number {
  const little = b[tiff] === 0x49 && b[tiff + 1] === 0x49
  const big = b[tiff] === 0x4d && b[tiff + 1] === 0x4d
  if (!little && !big) return 1
  const u16 = (i: number) => (little ? (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) : u16be(b, i))
  const u32 = (i: number) => (little ? u16(i) + u16(i + 2) * 65536 : u32be(b, i))
  if (u16(tiff + 2) !== 42) return 1
  const ifd = tiff + u32(tiff + 4)
  if (ifd + 2 > end) return 1
  const entries = u16(ifd)
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12
    if (entry + 12 > end) return 1
    if (u16(entry) === 0x0112) {
      const v = u16(entry + 8)
      return v >= 1 && v <= 8 ? v : 1
    }
  }
  return 1
}

/** Walks a JPEG's markers up to the image data: its stored size (SOFn) and EXIF orientation (APP1). */
function jpegHead(b: Uint8Array): HeadInfo {
  let orientation = 1
  let size: Size | null = null
  let off = 2
  while (off + 4 <= b.length && !size) {
    if (b[off] !== 0xff) break
    const marker = b[off + 1] ?? 0
    if (marker === 0xff) {
      off += 1 // fill byte
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      off += 2
      continue
    }
    if (marker === 0xda || marker === 0xd9) break
    const len = u16be(b, off + 2)
    if (len < 2) break
    const seg = off + 4
    const end = Math.min(b.length, off + 2 + len)
    if (marker === 0xe1 && startsWith(b.subarray(seg), [0x45, 0x78, 0x69, 0x66, 0, 0])) {
      orientation = tiffOrientation(b, seg + 6, end)
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (seg + 5 <= b.length) size = { height: u16be(b, seg + 1), width: u16be(b, seg + 3) }
    }
    off += 2 + len
  }
  return { format: 'jpeg', size: size && size.width > 0 && size.height > 0 ? size : null, orientation }
}

/** What a file is by its first bytes (never by its name), its stored pixel size and EXIF orientation. */
export function readHead(bytes: Uint8Array): HeadInfo {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpegHead(bytes)
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const ok = bytes.length >= 24 && startsWith(bytes.subarray(12), [0x49, 0x48, 0x44, 0x52])
    const size = ok ? { width: u32be(bytes, 16), height: u32be(bytes, 20) } : null
    return { format: 'png', size: size && size.width > 0 && size.height > 0 ? size : null, orientation: 1 }
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { format: 'pdf', size: null, orientation: 1 }
  return { format: 'other', size: null, orientation: 1 }
}

// ---- orientation

/** Orientations 5–8 turn the picture a quarter: width and height swap. */
export function swapsSides(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8
}

/** The size the picture has the right way up. */
export function uprightSize(stored: Size, orientation: number): Size {
  return swapsSides(orientation) ? { width: stored.height, height: stored.width } : { ...stored }
}

/**
 * Whether the browser already turned the decoded picture upright (current browsers do, older ones do not).
 * A quarter turn shows in the decoded size; for half turns and mirrors only the browser's support can tell.
 */
export function browserApplied(orientation: number, stored: Size, decoded: Size, supportsImageOrientation: boolean): boolean {
  if (orientation === 1) return true
  if (swapsSides(orientation) && stored.width !== stored.height) {
    return decoded.width === stored.height && decoded.height === stored.width
  }
  return supportsImageOrientation
}

/**
 * The canvas transform (a, b, c, d, e, f) that draws a picture stored `drawn` large (as it is stored,
 * scaled) the right way up; null for orientation 1.
 */
export function orientationTransform(orientation: number, drawn: Size): [number, number, number, number, number, number] | null {
  const { width: w, height: h } = drawn
  switch (orientation) {
    case 2:
      return [-1, 0, 0, 1, w, 0]
    case 3:
      return [-1, 0, 0, -1, w, h]
    case 4:
      return [1, 0, 0, -1, 0, h]
    case 5:
      return [0, 1, 1, 0, 0, 0]
    case 6:
      return [0, 1, -1, 0, h, 0]
    case 7:
      return [0, -1, -1, 0, h, w]
    case 8:
      return [0, -1, 1, 0, 0, w]
    default:
      return null
  }
}

// ---- deciding

export type ReencodeReason = 'orientation' | 'bytes' | 'pixels' | 'format'

export type Plan =
  | { action: 'keep'; reason: 'not_image' | 'unknown_size' | 'within_limits' }
  | { action: 'reencode'; reasons: ReencodeReason[]; target: Size }

export interface PlanInput {
  format: FileFormat
  bytes: number
  /** The picture's size the right way up (null when unknown). */
  upright: Size | null
  orientation: number
}

/**
 * The size to re-encode `upright` at: within `maxEdge` and `maxPixels`, but never smaller than the minimums
 * (unless the picture already is: it is then left at its own size) and never larger than it is.
 */
export function fitSize(upright: Size, limits: ImageLimits, opts: { ignoreEdge?: boolean } = {}): Size {
  const { width: w, height: h } = upright
  let scale = Math.min(1, Math.sqrt(limits.maxPixels / (w * h)))
  if (!opts.ignoreEdge) scale = Math.min(scale, limits.maxEdge / Math.max(w, h))
  const floor = Math.max(limits.minWidth / w, limits.minHeight / h)
  if (scale < floor) scale = Math.min(1, floor)
  let width = Math.round(w * scale)
  let height = Math.round(h * scale)
  // rounding must not take a picture that meets the minimums below them
  if (w >= limits.minWidth) width = Math.max(width, limits.minWidth)
  if (h >= limits.minHeight) height = Math.max(height, limits.minHeight)
  return { width: Math.max(1, Math.min(width, w)), height: Math.max(1, Math.min(height, h)) }
}

/** Whether to upload the file as it is, or re-encode it (why, and at what size). */
export function planPreparation(input: PlanInput, limits: ImageLimits): Plan {
  if (input.format === 'pdf') return { action: 'keep', reason: 'not_image' }
  if (!input.upright) return { action: 'keep', reason: input.format === 'other' ? 'not_image' : 'unknown_size' }
  const { width, height } = input.upright
  const reasons: ReencodeReason[] = []
  // the server strips EXIF without re-encoding: a picture that relies on it would be stored sideways
  if (input.orientation !== 1) reasons.push('orientation')
  if (input.bytes > limits.maxBytes) reasons.push('bytes')
  if (width * height > limits.maxPixels) reasons.push('pixels')
  if (input.format === 'other' || (limits.jpegOnly && input.format !== 'jpeg')) reasons.push('format')
  if (reasons.length === 0) return { action: 'keep', reason: 'within_limits' }
  return { action: 'reencode', reasons, target: fitSize(input.upright, limits) }
}

/** One try at encoding: canvas size (upright) and JPEG quality. */
export interface Attempt extends Size {
  quality: number
}

export const QUALITIES = [0.92, 0.85, 0.75, 0.65] as const
export const MAX_QUALITY = 0.98
export const MAX_ATTEMPTS = 10
/** Each shrink step keeps this share of each side. */
const SHRINK = 0.8

export function firstAttempt(target: Size): Attempt {
  return { ...target, quality: QUALITIES[0] }
}

export type AttemptOutcome = { next: Attempt } | { done: 'accept' } | { done: 'original' }

/**
 * After an encode of `produced` bytes: accept it, try again (lower quality, then smaller — never below the
 * minimums; or higher quality / the full size when it came out below `minBytes`), or give up and send the
 * original (a re-encode must never go below the minimums the original meets).
 */
export function nextAttempt(prev: Attempt, produced: number, upright: Size, limits: ImageLimits, tries: number): AttemptOutcome {
  if (produced > limits.maxBytes) {
    if (tries >= MAX_ATTEMPTS) return { done: 'accept' }
    const lower = QUALITIES.find((q) => q < prev.quality)
    if (lower !== undefined) return { next: { ...prev, quality: lower } }
    const smaller = fitSize(prev, { ...limits, maxPixels: prev.width * prev.height * SHRINK * SHRINK })
    if (smaller.width >= prev.width && smaller.height >= prev.height) return { done: 'accept' }
    return { next: { ...smaller, quality: QUALITIES[1] } }
  }
  if (produced < limits.minBytes) {
    if (tries >= MAX_ATTEMPTS) return { done: 'original' }
    if (prev.quality < MAX_QUALITY) return { next: { ...prev, quality: MAX_QUALITY } }
    const full = fitSize(upright, limits, { ignoreEdge: true })
    if (full.width > prev.width || full.height > prev.height) return { next: { ...full, quality: MAX_QUALITY } }
    return { done: 'original' }
  }
  return { done: 'accept' }
}

// ---- checking the photo before it goes (the server checks again)

export interface FileFacts {
  format: FileFormat
  bytes: number
  /** Stored pixel size of what will be uploaded (null when unknown). */
  size: Size | null
}

/** Whether width:height is within the photo's 5:7 ± 6 %. */
export function aspectOk(size: Size): boolean {
  const target = PHOTO_SPEC.aspectWidth / PHOTO_SPEC.aspectHeight
  return Math.abs(size.width / size.height / target - 1) <= PHOTO_SPEC.aspectTolerance
}

/** The server's codes this file would most likely get, for an early hint (empty: nothing found). */
export function precheck(kind: string, file: FileFacts): string[] {
  if (file.bytes === 0) return ['file_empty']
  if (file.bytes > UPLOAD_MAX_BYTES) return ['file_too_large']
  if (file.format === 'other') return [kind === 'photo' ? 'photo_not_jpeg' : 'file_type_not_allowed']
  if (kind !== 'photo') return []
  const codes: string[] = []
  if (file.format !== 'jpeg') return ['photo_not_jpeg']
  if (file.bytes < PHOTO_SPEC.minBytes) codes.push('photo_file_too_small')
  if (file.bytes > PHOTO_SPEC.maxBytes) codes.push('photo_file_too_large')
  if (file.size) {
    if (file.size.width < PHOTO_SPEC.minWidth || file.size.height < PHOTO_SPEC.minHeight) codes.push('photo_too_small')
    if (!aspectOk(file.size)) codes.push('photo_wrong_aspect')
  }
  return codes
}

/** 900 → "900 B", 35 840 → "35 KB", 1 572 864 → "1.5 MB". */
export function formatBytes(n: number): string {
  if (n < KiB) return `${n} B`
  if (n < MiB) return `${Math.round(n / KiB)} KB`
  return `${(n / MiB).toFixed(1)} MB`
}
