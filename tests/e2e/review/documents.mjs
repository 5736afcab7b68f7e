// Made-up scanned documents for the journeys: PNG files drawn here (no binary fixtures), recognisably upright
// (a heading bar at the top, a stamp at the bottom right) so that a rotation shows in the screenshots.
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** An RGB PNG of `width`×`height` whose pixels `paint(x, y)` gives as [r, g, b]. */
function png(width, height, paint) {
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    rows[row] = 0 // filter: none
    for (let x = 0; x < width; x++) rows.set(paint(x, y), row + 1 + x * 3)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A landscape certificate-like page: border, a coloured heading bar, lines of “text”, a red stamp. */
export function documentPng(accent = [31, 78, 160], width = 640, height = 440) {
  const stamp = { x: width - 130, y: height - 110, r: 48 }
  return png(width, height, (x, y) => {
    if (x < 6 || y < 6 || x >= width - 6 || y >= height - 6) return accent
    if (y >= 30 && y < 70 && x >= 40 && x < width - 40) return accent
    const dx = x - stamp.x
    const dy = y - stamp.y
    const d = Math.sqrt(dx * dx + dy * dy)
    if (d <= stamp.r && d >= stamp.r - 6) return [200, 30, 30]
    const line = Math.floor((y - 100) / 28)
    if (y >= 100 && line < 8 && (y - 100) % 28 < 10 && x >= 60 && x < width - 60 - (line % 3) * 90) return [120, 120, 120]
    return [255, 255, 255]
  })
}
