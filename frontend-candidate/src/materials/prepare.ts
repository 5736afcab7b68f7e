// Getting a picked file ready to upload: read its head, decide (image-prep.ts), and only when needed decode
// it, turn it upright and re-encode it as JPEG on a canvas. The browser parts (decode, encode, whether the
// browser applies EXIF orientation itself) are injectable so the steps can be tested without a canvas.
import {
  browserApplied,
  firstAttempt,
  limitsFor,
  MAX_ATTEMPTS,
  nextAttempt,
  orientationTransform,
  planPreparation,
  readHead,
  swapsSides,
  uprightSize,
  type Attempt,
  type FileFormat,
  type ReencodeReason,
  type Size,
} from './image-prep'

/** Enough of a file to find its size and EXIF orientation (APP segments come before the frame header). */
export const HEAD_BYTES = 256 * 1024

export interface Decoded extends Size {
  source: CanvasImageSource
  release(): void
}

/** How to draw the decoded picture on a canvas of `canvas` size. */
export interface DrawPlan {
  canvas: Size
  /** The size to draw the picture at (its stored orientation when `transform` turns it). */
  drawn: Size
  transform: [number, number, number, number, number, number] | null
  quality: number
}

export interface PrepareDeps {
  decode(file: Blob): Promise<Decoded | null>
  encode(source: CanvasImageSource, plan: DrawPlan): Promise<Blob | null>
  supportsImageOrientation(): boolean
}

export interface Prepared {
  file: Blob
  /** The file name to show. */
  name: string
  format: FileFormat
  /** Pixel size as uploaded (null when unknown, e.g. a PDF). */
  size: Size | null
  /** Re-encoded on the device, and why. */
  changed: boolean
  reasons: ReencodeReason[]
}

/** The canvas work for one attempt: draw the picture upright at the attempt's size (pure). */
export function drawPlan(attempt: Attempt, orientation: number, turnByHand: boolean): DrawPlan {
  const canvas = { width: attempt.width, height: attempt.height }
  if (!turnByHand || orientation === 1) return { canvas, drawn: canvas, transform: null, quality: attempt.quality }
  const drawn = swapsSides(orientation) ? { width: canvas.height, height: canvas.width } : canvas
  return { canvas, drawn, transform: orientationTransform(orientation, drawn), quality: attempt.quality }
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '') || 'image'
  return `${base}.jpg`
}

function bytesOf(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer()
  // older WebViews
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsArrayBuffer(blob)
  })
}

async function headOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await bytesOf(file.slice(0, HEAD_BYTES)))
}

/** Prepares `file` for the material `kind`; any failure on the way falls back to the file as it is. */
export async function prepareFile(file: File, kind: string, deps: PrepareDeps = browserDeps): Promise<Prepared> {
  const head = readHead(await headOf(file).catch(() => new Uint8Array(0)))
  const original: Prepared = {
    file,
    name: file.name,
    format: head.format,
    // as stored: what the server will measure
    size: head.size,
    changed: false,
    reasons: [],
  }
  const limits = limitsFor(kind)
  const upright = head.size ? uprightSize(head.size, head.orientation) : null
  const isImage = head.format === 'jpeg' || head.format === 'png' || file.type.startsWith('image/')
  if (!isImage || head.format === 'pdf') return original
  // decide from the header when it could be read: most files go as they are, without decoding
  if (upright) {
    const plan = planPreparation({ format: head.format, bytes: file.size, upright, orientation: head.orientation }, limits)
    if (plan.action === 'keep') return original
  }
  const decoded = await deps.decode(file).catch(() => null)
  if (!decoded) return original
  try {
    const decodedSize = { width: decoded.width, height: decoded.height }
    const applied = head.size ? browserApplied(head.orientation, head.size, decodedSize, deps.supportsImageOrientation()) : true
    // without a readable header the decoded picture is taken as it comes (the browser turned it, or not)
    const orientation = head.size ? head.orientation : 1
    const up = upright ?? decodedSize
    const plan = planPreparation({ format: head.format, bytes: file.size, upright: up, orientation }, limits)
    if (plan.action === 'keep') return original
    let attempt = firstAttempt(plan.target)
    let best: Blob | null = null
    for (let tries = 1; tries <= MAX_ATTEMPTS; tries++) {
      const blob = await deps.encode(decoded.source, drawPlan(attempt, orientation, !applied))
      if (!blob) return original
      const outcome = nextAttempt(attempt, blob.size, up, limits, tries)
      if ('next' in outcome) {
        attempt = outcome.next
        continue
      }
      if (outcome.done === 'original') return original
      best = blob
      break
    }
    if (!best) return original
    return {
      file: new File([best], jpegName(file.name), { type: 'image/jpeg' }),
      name: jpegName(file.name),
      format: 'jpeg',
      size: { width: attempt.width, height: attempt.height },
      changed: true,
      reasons: plan.reasons,
    }
  } finally {
    decoded.release()
  }
}

// ---- the browser's canvas

async function decodeInBrowser(file: Blob): Promise<Decoded | null> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() }
    } catch {
      // an older browser (no Blob or option support): try an <img>
    }
  }
  if (typeof Image === 'undefined' || typeof URL.createObjectURL !== 'function') return null
  const url = URL.createObjectURL(file)
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, release: () => URL.revokeObjectURL(url) }
  } catch {
    URL.revokeObjectURL(url)
    return null
  }
}

function encodeInBrowser(source: CanvasImageSource, plan: DrawPlan): Promise<Blob | null> {
  const canvas = document.createElement('canvas')
  canvas.width = plan.canvas.width
  canvas.height = plan.canvas.height
  const ctx = canvas.getContext('2d')
  if (!ctx) return Promise.resolve(null)
  // transparent PNG areas become white, not black
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.imageSmoothingQuality = 'high'
  if (plan.transform) ctx.setTransform(...plan.transform)
  ctx.drawImage(source, 0, 0, plan.drawn.width, plan.drawn.height)
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', plan.quality))
}

function supportsImageOrientation(): boolean {
  return typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('image-orientation', 'from-image')
}

export const browserDeps: PrepareDeps = {
  decode: decodeInBrowser,
  encode: encodeInBrowser,
  supportsImageOrientation,
}
