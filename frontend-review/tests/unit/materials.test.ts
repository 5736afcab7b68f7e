import { describe, expect, it } from 'vitest'
import type { MaterialView } from '@/api/types'
import { fileToken, formatSize, imageLayout, rotateStep, sortMaterials, stepIndex, viewerKind, zoomStep } from '@/utils/materials'

const material = (kind: string, uploaded = '2026-11-25T10:00:00Z'): MaterialView => ({
  id: `${kind}-${uploaded}`,
  kind,
  content_type: 'image/jpeg',
  size_bytes: 1000,
  sha256: '0'.repeat(64),
  status: 'uploaded',
  reject_reason: null,
  uploaded_at: uploaded,
})

describe('materials', () => {
  it('lists materials in reading order, unknown kinds last', () => {
    const list = [material('integrity_pledge'), material('zz_new'), material('diploma'), material('photo'), material('aa_new')]
    expect(sortMaterials(list).map((m) => m.kind)).toEqual(['photo', 'diploma', 'integrity_pledge', 'aa_new', 'zz_new'])
  })

  it('picks the viewer by content type', () => {
    expect(viewerKind('image/jpeg')).toBe('image')
    expect(viewerKind('image/PNG')).toBe('image')
    expect(viewerKind('application/pdf; charset=binary')).toBe('pdf')
    expect(viewerKind('text/html')).toBe('other')
  })

  it('finds the token of the API’s file links, whatever their origin', () => {
    expect(fileToken('http://127.0.0.1:8080/api/v1/files/abc.DEF-1_2')).toBe('abc.DEF-1_2')
    expect(fileToken('https://exam.example.cn/api/v1/files/tok%2Ben')).toBe('tok+en')
    expect(fileToken('/api/v1/files/xyz')).toBe('xyz')
    expect(fileToken('https://s3.example.cn/bucket/materials/1.jpg?X-Amz-Signature=1')).toBeNull()
    expect(fileToken('http://127.0.0.1:8080/api/v1/files/a/b')).toBeNull()
  })

  it('zooms in steps between 25 % and 400 %, back to 100 % exactly', () => {
    expect(zoomStep(1, 1)).toBe(1.25)
    expect(zoomStep(zoomStep(1, 1), -1)).toBe(1)
    let z = 1
    for (let i = 0; i < 20; i++) z = zoomStep(z, 1)
    expect(z).toBe(4)
    for (let i = 0; i < 40; i++) z = zoomStep(z, -1)
    expect(z).toBe(0.25)
  })

  it('rotates in quarter turns', () => {
    expect(rotateStep(0, 1)).toBe(90)
    expect(rotateStep(270, 1)).toBe(0)
    expect(rotateStep(0, -1)).toBe(270)
  })

  it('steps to the previous / next material without wrapping', () => {
    expect(stepIndex(0, 3, -1)).toBeNull()
    expect(stepIndex(0, 3, 1)).toBe(1)
    expect(stepIndex(2, 3, 1)).toBeNull()
  })

  it('formats sizes', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(123456)).toBe('121 KB')
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB')
  })

  it('fits the (rotated) image to the stage at 100 % and scales from there', () => {
    const natural = { width: 2000, height: 1000 }
    const stage = { width: 1000, height: 800 }
    expect(imageLayout(natural, stage, 1, 0)).toEqual({ box: { width: 1000, height: 500 }, image: { width: 1000, height: 500 } })
    // a quarter turn: the image is 1000 wide on its side, so 800 high fits
    expect(imageLayout(natural, stage, 1, 90)).toEqual({ box: { width: 400, height: 800 }, image: { width: 800, height: 400 } })
    expect(imageLayout(natural, stage, 2, 180)).toEqual({ box: { width: 2000, height: 1000 }, image: { width: 2000, height: 1000 } })
    // not laid out yet: natural size
    expect(imageLayout(natural, { width: 0, height: 0 }, 1, 0).image).toEqual(natural)
  })
})
