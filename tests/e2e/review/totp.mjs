// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) for the demo staff accounts.
import { createHash, createHmac } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Decode(text) {
  const clean = text.replace(/[\s=]/g, '').toUpperCase()
  let bits = 0
  let value = 0
  const out = []
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch)
    if (idx < 0) throw new Error(`not base32: ${ch}`)
    value = (value << 5) | idx
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

export function base32Encode(bytes) {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

/** The demo seed's secret: base32 of the first 20 bytes of SHA-256("weikao-demo-totp:" + username). */
export function demoSecret(username) {
  return base32Encode(createHash('sha256').update(`weikao-demo-totp:${username}`).digest().subarray(0, 20))
}

export function totp(secret, timeMs = Date.now(), step = 30, digits = 6) {
  const counter = Math.floor(timeMs / 1000 / step)
  const msg = Buffer.alloc(8)
  msg.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits
  return code.toString().padStart(digits, '0')
}

const lastStep = new Map()
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * A fresh code for an account: the server refuses a code replayed within its 30-second step, so a second
 * login of the same account waits for the next step; a code about to expire is not used either.
 */
export async function freshCode(username, secret) {
  for (;;) {
    const now = Date.now()
    const step = Math.floor(now / 30_000)
    const left = (step + 1) * 30_000 - now
    if (lastStep.get(username) !== step && left > 3_000) {
      lastStep.set(username, step)
      return totp(secret, now)
    }
    await sleep(left + 50)
  }
}
