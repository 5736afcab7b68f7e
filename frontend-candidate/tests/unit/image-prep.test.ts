// Preparing a picked file before upload (materials/image-prep.ts, materials/prepare.ts): what the first bytes
// say, which way up the picture is and who turns it, untouched when within the limits, re-encoded otherwise
// — never upscaled, never below the photo minimums (295×413 px, 10 KiB) — and the early photo check.
import { describe, expect, it, vi } from 'vitest'
import {
  aspectOk,
  browserApplied,
  DOCUMENT_LIMITS,
  firstAttempt,
  fitSize,
  formatBytes,
  nextAttempt,
  orientationTransform,
  PHOTO_LIMITS,
  planPreparation,
  precheck,
  readHead,
  uprightSize,
  type Attempt,
  type Size,
} from '@/materials/image-prep'
import { drawPlan, prepareFile, type DrawPlan, type PrepareDeps } from '@/materials/prepare'
import { fileOf, jpegBytes, KiB, MiB, pdfBytes, pngBytes } from './fixtures/files'

describe('reading the first bytes', () => {
  it('finds a JPEG’s stored size and EXIF orientation (either byte order), 1 without EXIF', () => {
    expect(readHead(jpegBytes({ width: 4032, height: 3024, orientation: 6 }))).toEqual({
      format: 'jpeg',
      size: { width: 4032, height: 3024 },
      orientation: 6,
    })
    expect(readHead(jpegBytes({ width: 640, height: 480, orientation: 3, bigEndian: true })).orientation).toBe(3)
    expect(readHead(jpegBytes({ width: 358, height: 441 }))).toEqual({ format: 'jpeg', size: { width: 358, height: 441 }, orientation: 1 })
    // a nonsense orientation counts as upright
    expect(readHead(jpegBytes({ width: 10, height: 10, orientation: 42 })).orientation).toBe(1)
  })

  it('reads a PNG’s size, knows a PDF, and never trusts a name', () => {
    expect(readHead(pngBytes(1200, 1600))).toEqual({ format: 'png', size: { width: 1200, height: 1600 }, orientation: 1 })
    expect(readHead(pdfBytes())).toEqual({ format: 'pdf', size: null, orientation: 1 })
    expect(readHead(new TextEncoder().encode('GIF89a...'))).toEqual({ format: 'other', size: null, orientation: 1 })
    // a truncated JPEG: the format, but no size
    expect(readHead(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toMatchObject({ format: 'jpeg', size: null })
  })
})

describe('orientation', () => {
  it('quarter turns (5–8) swap width and height', () => {
    expect(uprightSize({ width: 4032, height: 3024 }, 6)).toEqual({ width: 3024, height: 4032 })
    expect(uprightSize({ width: 4032, height: 3024 }, 8)).toEqual({ width: 3024, height: 4032 })
    expect(uprightSize({ width: 4032, height: 3024 }, 3)).toEqual({ width: 4032, height: 3024 })
    expect(uprightSize({ width: 4032, height: 3024 }, 1)).toEqual({ width: 4032, height: 3024 })
  })

  it('tells whether the browser already turned the decoded picture', () => {
    const stored = { width: 4032, height: 3024 }
    // a quarter turn shows in the decoded size, whatever the browser claims
    expect(browserApplied(6, stored, { width: 3024, height: 4032 }, false)).toBe(true)
    expect(browserApplied(6, stored, { width: 4032, height: 3024 }, true)).toBe(false)
    // half turns and mirrors: only the browser's support can tell
    expect(browserApplied(3, stored, stored, true)).toBe(true)
    expect(browserApplied(3, stored, stored, false)).toBe(false)
    // a square picture turned a quarter: same size either way
    expect(browserApplied(6, { width: 500, height: 500 }, { width: 500, height: 500 }, false)).toBe(false)
    expect(browserApplied(1, stored, stored, false)).toBe(true)
  })

  it('every transform draws the stored picture exactly onto the upright canvas', () => {
    const drawn = { width: 400, height: 300 }
    expect(orientationTransform(1, drawn)).toBeNull()
    for (let o = 2; o <= 8; o++) {
      const m = orientationTransform(o, drawn)!
      const canvas = uprightSize(drawn, o)
      const corners = [
        [0, 0],
        [drawn.width, 0],
        [0, drawn.height],
        [drawn.width, drawn.height],
      ].map(([x, y]) => [m[0] * x! + m[2] * y! + m[4], m[1] * x! + m[3] * y! + m[5]])
      const xs = corners.map((c) => c[0]).sort((a, b) => a! - b!)
      const ys = corners.map((c) => c[1]).sort((a, b) => a! - b!)
      expect([xs[0], xs[3], ys[0], ys[3]], `orientation ${o}`).toEqual([0, canvas.width, 0, canvas.height])
    }
    // orientation 6 (turn right): the stored top-left corner ends at the top right
    const m6 = orientationTransform(6, drawn)!
    expect([m6[4], m6[5]]).toEqual([300, 0])
  })

  it('draws by hand only when the browser did not', () => {
    const attempt: Attempt = { width: 900, height: 1200, quality: 0.92 }
    expect(drawPlan(attempt, 6, false)).toEqual({ canvas: { width: 900, height: 1200 }, drawn: { width: 900, height: 1200 }, transform: null, quality: 0.92 })
    const byHand = drawPlan(attempt, 6, true)
    expect(byHand.canvas).toEqual({ width: 900, height: 1200 })
    expect(byHand.drawn).toEqual({ width: 1200, height: 900 })
    expect(byHand.transform).toEqual([0, 1, -1, 0, 900, 0])
  })
})

describe('deciding what to do with a file', () => {
  const photo = (over: Partial<Parameters<typeof planPreparation>[0]> = {}) =>
    planPreparation({ format: 'jpeg', bytes: 300 * KiB, upright: { width: 600, height: 840 }, orientation: 1, ...over }, PHOTO_LIMITS)

  it('leaves a file within the limits untouched', () => {
    expect(photo()).toEqual({ action: 'keep', reason: 'within_limits' })
    // a big but light enough photo is not shrunk just because it could be
    expect(photo({ upright: { width: 3000, height: 4200 }, bytes: 1.9 * MiB })).toEqual({ action: 'keep', reason: 'within_limits' })
    const doc = { format: 'png' as const, bytes: 2 * MiB, upright: { width: 2480, height: 3508 }, orientation: 1 }
    expect(planPreparation(doc, DOCUMENT_LIMITS)).toEqual({ action: 'keep', reason: 'within_limits' })
    expect(planPreparation({ format: 'pdf', bytes: 9 * MiB, upright: null, orientation: 1 }, DOCUMENT_LIMITS)).toEqual({ action: 'keep', reason: 'not_image' })
    expect(photo({ upright: null })).toEqual({ action: 'keep', reason: 'unknown_size' })
  })

  it('re-encodes a picture that relies on EXIF orientation (the server strips EXIF without re-encoding)', () => {
    expect(photo({ orientation: 6 })).toEqual({ action: 'reencode', reasons: ['orientation'], target: { width: 600, height: 840 } })
  })

  it('compresses what is too heavy or has too many pixels, and converts a PNG photo to JPEG', () => {
    expect(photo({ bytes: 5 * MiB, upright: { width: 3000, height: 4200 } })).toEqual({
      action: 'reencode',
      reasons: ['bytes'],
      target: { width: 857, height: 1200 },
    })
    const huge = planPreparation({ format: 'jpeg', bytes: 2 * MiB, upright: { width: 6000, height: 4500 }, orientation: 1 }, DOCUMENT_LIMITS)
    expect(huge).toMatchObject({ action: 'reencode', reasons: ['pixels'] })
    expect(photo({ format: 'png' })).toMatchObject({ action: 'reencode', reasons: ['format'] })
  })

  it('never upscales and never goes below the photo minimums', () => {
    // already smaller than the minimum: stays as it is
    expect(fitSize({ width: 200, height: 280 }, PHOTO_LIMITS)).toEqual({ width: 200, height: 280 })
    // a very tall picture: the 1200 px edge would make it too narrow, so the minimum width wins
    const tall = fitSize({ width: 400, height: 2400 }, PHOTO_LIMITS)
    expect(tall.width).toBeGreaterThanOrEqual(295)
    expect(tall.width).toBeLessThanOrEqual(400)
    // exactly the minimum: kept, rounding does not take a pixel off
    expect(fitSize({ width: 295, height: 413 }, PHOTO_LIMITS)).toEqual({ width: 295, height: 413 })
    for (const size of [
      { width: 296, height: 414 },
      { width: 3024, height: 4032 },
      { width: 1000, height: 10000 },
      { width: 10000, height: 500 },
    ]) {
      const fit = fitSize(size, PHOTO_LIMITS)
      expect(fit.width, JSON.stringify(size)).toBeGreaterThanOrEqual(Math.min(295, size.width))
      expect(fit.height, JSON.stringify(size)).toBeGreaterThanOrEqual(Math.min(413, size.height))
      expect(fit.width).toBeLessThanOrEqual(size.width)
      expect(fit.height).toBeLessThanOrEqual(size.height)
    }
  })
})

describe('encoding attempts', () => {
  const upright: Size = { width: 3024, height: 4032 }

  it('accepts an encode within the byte limits', () => {
    expect(nextAttempt(firstAttempt({ width: 900, height: 1200 }), 400 * KiB, upright, PHOTO_LIMITS, 1)).toEqual({ done: 'accept' })
  })

  it('too heavy: lower quality first, then smaller — never below 295×413, then takes what it has', () => {
    let attempt = firstAttempt({ width: 900, height: 1200 })
    const seen: Attempt[] = [attempt]
    for (let tries = 1; tries < 40; tries++) {
      const out = nextAttempt(attempt, 3 * MiB, upright, { ...PHOTO_LIMITS }, 1)
      if (!('next' in out)) {
        expect(out).toEqual({ done: 'accept' })
        break
      }
      attempt = out.next
      seen.push(attempt)
    }
    expect(seen.slice(0, 4).map((a) => a.quality)).toEqual([0.92, 0.85, 0.75, 0.65])
    expect(seen[4]!.width).toBeLessThan(900)
    for (const a of seen) {
      expect(a.width).toBeGreaterThanOrEqual(295)
      expect(a.height).toBeGreaterThanOrEqual(413)
    }
    // stops at the minimum height (keeping the 900:1200 proportions as far as it can)
    expect(seen.at(-1)).toMatchObject({ width: 310, height: 413 })
  })

  it('too light (under 10 KiB): higher quality, then the full size, then the original — never a smaller file', () => {
    const small = { width: 600, height: 840, quality: 0.92 }
    const up = { width: 1000, height: 1400 }
    expect(nextAttempt(small, 8 * KiB, up, PHOTO_LIMITS, 1)).toEqual({ next: { width: 600, height: 840, quality: 0.98 } })
    expect(nextAttempt({ ...small, quality: 0.98 }, 8 * KiB, up, PHOTO_LIMITS, 2)).toEqual({ next: { width: 1000, height: 1400, quality: 0.98 } })
    expect(nextAttempt({ width: 1000, height: 1400, quality: 0.98 }, 8 * KiB, up, PHOTO_LIMITS, 3)).toEqual({ done: 'original' })
    // documents have no minimum
    expect(nextAttempt(small, 3 * KiB, up, DOCUMENT_LIMITS, 1)).toEqual({ done: 'accept' })
  })
})

describe('the early photo check', () => {
  const jpeg = (width: number, height: number, bytes = 100 * KiB) => ({ format: 'jpeg' as const, bytes, size: { width, height } })

  it('says what the server would most likely refuse', () => {
    expect(precheck('photo', jpeg(295, 413))).toEqual([])
    expect(precheck('photo', jpeg(358, 441))).toEqual(['photo_wrong_aspect'])
    expect(precheck('photo', jpeg(200, 280))).toEqual(['photo_too_small'])
    expect(precheck('photo', jpeg(413, 295))).toEqual(['photo_too_small', 'photo_wrong_aspect'])
    expect(precheck('photo', jpeg(590, 590))).toEqual(['photo_wrong_aspect'])
    expect(precheck('photo', jpeg(600, 840, 5 * KiB))).toEqual(['photo_file_too_small'])
    expect(precheck('photo', jpeg(600, 840, 3 * MiB))).toEqual(['photo_file_too_large'])
    expect(precheck('photo', { format: 'png', bytes: 100 * KiB, size: { width: 600, height: 840 } })).toEqual(['photo_not_jpeg'])
    expect(precheck('photo', { format: 'other', bytes: 100 * KiB, size: null })).toEqual(['photo_not_jpeg'])
  })

  it('for documents: only the type, emptiness and the upload limit', () => {
    expect(precheck('diploma', { format: 'pdf', bytes: 2 * MiB, size: null })).toEqual([])
    expect(precheck('diploma', { format: 'other', bytes: 2 * MiB, size: null })).toEqual(['file_type_not_allowed'])
    expect(precheck('diploma', { format: 'pdf', bytes: 0, size: null })).toEqual(['file_empty'])
    expect(precheck('diploma', { format: 'pdf', bytes: 11 * MiB, size: null })).toEqual(['file_too_large'])
  })

  it('5:7 within 6 %', () => {
    expect(aspectOk({ width: 500, height: 700 })).toBe(true)
    expect(aspectOk({ width: 530, height: 700 })).toBe(true)
    expect(aspectOk({ width: 540, height: 700 })).toBe(false)
    expect(formatBytes(900)).toBe('900 B')
    expect(formatBytes(35 * KiB)).toBe('35 KB')
    expect(formatBytes(1.5 * MiB)).toBe('1.5 MB')
  })
})

describe('prepareFile (canvas mocked)', () => {
  function deps(opts: { decoded?: Size | null; sizes?: number[]; supports?: boolean } = {}) {
    const sizes = [...(opts.sizes ?? [300 * KiB])]
    const plans: DrawPlan[] = []
    const release = vi.fn()
    const d: PrepareDeps = {
      decode: vi.fn(async () => (opts.decoded === null ? null : { source: {} as CanvasImageSource, ...(opts.decoded ?? { width: 3024, height: 4032 }), release })),
      encode: vi.fn(async (_src: CanvasImageSource, plan: DrawPlan) => {
        plans.push(plan)
        const n = sizes.length > 1 ? sizes.shift()! : sizes[0]!
        return new Blob([new Uint8Array(n)], { type: 'image/jpeg' })
      }),
      supportsImageOrientation: () => opts.supports ?? true,
    }
    return { d, plans, release }
  }

  it('uploads a file within the limits untouched, without decoding it', async () => {
    const file = fileOf(jpegBytes({ width: 600, height: 840 }), 200 * KiB, 'me.jpg')
    const { d } = deps()
    const out = await prepareFile(file, 'photo', d)
    expect(out.file).toBe(file)
    expect(out).toMatchObject({ changed: false, format: 'jpeg', size: { width: 600, height: 840 }, name: 'me.jpg' })
    expect(d.decode).not.toHaveBeenCalled()
    const pdf = fileOf(pdfBytes(), 5 * MiB, 'diploma.pdf', 'application/pdf')
    expect((await prepareFile(pdf, 'diploma', d)).file).toBe(pdf)
  })

  it('turns a sideways phone photo upright and compresses it (the browser already turned it)', async () => {
    const file = fileOf(jpegBytes({ width: 4032, height: 3024, orientation: 6 }), 3 * MiB, 'IMG_0001.JPG')
    const { d, plans, release } = deps({ decoded: { width: 3024, height: 4032 } })
    const out = await prepareFile(file, 'photo', d)
    expect(out.changed).toBe(true)
    expect(out.reasons).toEqual(['orientation', 'bytes'])
    expect(out.size).toEqual({ width: 900, height: 1200 })
    expect(out.name).toBe('IMG_0001.jpg')
    expect(out.file.type).toBe('image/jpeg')
    expect(plans).toEqual([{ canvas: { width: 900, height: 1200 }, drawn: { width: 900, height: 1200 }, transform: null, quality: 0.92 }])
    expect(release).toHaveBeenCalled()
  })

  it('turns it by hand when the browser did not', async () => {
    const file = fileOf(jpegBytes({ width: 4032, height: 3024, orientation: 6 }), 1 * MiB)
    const { d, plans } = deps({ decoded: { width: 4032, height: 3024 }, supports: false })
    await prepareFile(file, 'photo', d)
    expect(plans[0]).toMatchObject({ canvas: { width: 900, height: 1200 }, drawn: { width: 1200, height: 900 }, transform: [0, 1, -1, 0, 900, 0] })
  })

  it('lowers the quality until the photo fits in 2 MiB', async () => {
    const file = fileOf(jpegBytes({ width: 3000, height: 4200 }), 6 * MiB)
    const { d, plans } = deps({ decoded: { width: 3000, height: 4200 }, sizes: [2.5 * MiB, 2.2 * MiB, 1.5 * MiB] })
    const out = await prepareFile(file, 'photo', d)
    expect(plans.map((p) => p.quality)).toEqual([0.92, 0.85, 0.75])
    expect(out.file.size).toBe(1.5 * MiB)
  })

  it('sends the original when a re-encode would fall below 10 KiB', async () => {
    const file = fileOf(jpegBytes({ width: 600, height: 840, orientation: 3 }), 40 * KiB)
    const { d } = deps({ decoded: { width: 600, height: 840 }, sizes: [4 * KiB] })
    const out = await prepareFile(file, 'photo', d)
    expect(out.file).toBe(file)
    expect(out.changed).toBe(false)
  })

  it('sends the original when the browser cannot decode it (the server has the last word)', async () => {
    const file = fileOf(jpegBytes({ width: 4032, height: 3024, orientation: 6 }), 3 * MiB)
    const { d } = deps({ decoded: null })
    expect((await prepareFile(file, 'photo', d)).file).toBe(file)
  })
})
