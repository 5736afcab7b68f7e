//! Test helpers (also behind the `testdata` feature for the API tests): a minimal baseline JPEG encoder (4:4:4 YCbCr or grayscale, flat quantisation, simple
//! fixed-length Huffman codes), PNG chunk builders and a reader that returns tiny reads.

use std::f64::consts::PI;
use std::io::{self, Read};

use super::crc32::crc32;

/// Reader that returns at most `step` bytes per `read` (exercises chunk boundaries).
pub(crate) struct Trickle<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Reader that panics when read: proves that a parser stopped before reaching it.
pub(crate) struct Untouchable;

impl Read for Untouchable {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        panic!("read past the point where the input should have been refused");
    }
}

/// A JPEG marker segment `FF marker len payload`.
pub(crate) fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// A PNG chunk with a correct CRC.
pub(crate) fn png_chunk(ty: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(ty);
    c.extend_from_slice(data);
    let mut crc_input = ty.to_vec();
    crc_input.extend_from_slice(data);
    c.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    c
}

/// IHDR payload for an 8-bit RGB image.
pub(crate) fn ihdr(width: u32, height: u32) -> Vec<u8> {
    let mut d = width.to_be_bytes().to_vec();
    d.extend_from_slice(&height.to_be_bytes());
    d.extend_from_slice(&[8, 2, 0, 0, 0]);
    d
}

pub(crate) const PNG_SIG: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// Flat quantiser (all entries equal): near-lossless and trivially correct.
const Q: u8 = 2;

struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn put(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.acc = (self.acc << 1) | ((code >> i) & 1);
            self.n += 1;
            if self.n == 8 {
                let b = self.acc as u8;
                self.out.push(b);
                if b == 0xFF {
                    self.out.push(0x00);
                }
                self.acc = 0;
                self.n = 0;
            }
        }
    }
    fn flush(&mut self) {
        while self.n != 0 {
            self.put(1, 1);
        }
    }
}

/// Symbols of the AC table in code order; code = index, all 8 bits long (never the all-ones code).
fn ac_symbols() -> Vec<u8> {
    let mut v = vec![0x00, 0xF0];
    for run in 0..16u8 {
        for size in 1..=10u8 {
            v.push(run << 4 | size);
        }
    }
    v
}

fn category(v: i32) -> u32 {
    32 - v.unsigned_abs().leading_zeros()
}

fn extra_bits(v: i32, size: u32) -> u32 {
    if v >= 0 {
        v as u32
    } else {
        (v + (1 << size) - 1) as u32
    }
}

/// Encodes a baseline JPEG. `pixels` is RGB (channels = 3, stored as YCbCr 4:4:4) or grayscale (channels = 1).
/// `restart` > 0 inserts RSTn markers every `restart` MCUs.
pub fn encode_jpeg(
    width: u16,
    height: u16,
    pixels: &[u8],
    channels: usize,
    restart: u16,
) -> Vec<u8> {
    let (w, h) = (usize::from(width), usize::from(height));
    assert_eq!(pixels.len(), w * h * channels);
    // Component planes (level-shifted).
    let mut planes = vec![vec![0f64; w * h]; channels];
    for i in 0..w * h {
        if channels == 1 {
            planes[0][i] = f64::from(pixels[i]) - 128.0;
        } else {
            let (r, g, b) = (
                f64::from(pixels[3 * i]),
                f64::from(pixels[3 * i + 1]),
                f64::from(pixels[3 * i + 2]),
            );
            planes[0][i] = 0.299 * r + 0.587 * g + 0.114 * b - 128.0;
            planes[1][i] = -0.168_736 * r - 0.331_264 * g + 0.5 * b;
            planes[2][i] = 0.5 * r - 0.418_688 * g - 0.081_312 * b;
        }
    }
    let mut cos = [[0f64; 8]; 8];
    for (x, row) in cos.iter_mut().enumerate() {
        for (u, c) in row.iter_mut().enumerate() {
            let cu = if u == 0 { 1.0 / 2f64.sqrt() } else { 1.0 };
            *c = cu * (((2 * x + 1) as f64 * u as f64 * PI) / 16.0).cos();
        }
    }
    let ac = ac_symbols();
    let mut ac_code = [0u32; 256];
    for (i, &s) in ac.iter().enumerate() {
        ac_code[usize::from(s)] = i as u32;
    }

    let mut out = vec![0xFF, 0xD8];
    out.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    let mut dqt = vec![0u8];
    dqt.extend([Q; 64]);
    out.extend(segment(0xDB, &dqt));
    let mut sof = vec![8];
    sof.extend(height.to_be_bytes());
    sof.extend(width.to_be_bytes());
    sof.push(channels as u8);
    for c in 0..channels {
        sof.extend([c as u8 + 1, 0x11, 0]);
    }
    out.extend(segment(0xC0, &sof));
    // DC: 12 symbols, 4-bit codes 0..11. AC: 162 symbols, 8-bit codes 0..161.
    let mut dht = vec![0x00];
    let mut bits = [0u8; 16];
    bits[3] = 12;
    dht.extend(bits);
    dht.extend(0..12u8);
    out.extend(segment(0xC4, &dht));
    let mut dht = vec![0x10];
    let mut bits = [0u8; 16];
    bits[7] = ac.len() as u8;
    dht.extend(bits);
    dht.extend(&ac);
    out.extend(segment(0xC4, &dht));
    if restart > 0 {
        out.extend(segment(0xDD, &restart.to_be_bytes()));
    }
    let mut sos = vec![channels as u8];
    for c in 0..channels {
        sos.extend([c as u8 + 1, 0x00]);
    }
    sos.extend([0, 63, 0]);
    out.extend(segment(0xDA, &sos));

    let mut bw = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    let mut pred = vec![0i32; channels];
    let (bx, by) = (w.div_ceil(8), h.div_ceil(8));
    let mut mcu = 0usize;
    let mut rst = 0u8;
    for my in 0..by {
        for mx in 0..bx {
            if restart > 0 && mcu > 0 && mcu.is_multiple_of(usize::from(restart)) {
                bw.flush();
                bw.out.extend([0xFF, 0xD0 + rst]);
                rst = (rst + 1) % 8;
                pred.iter_mut().for_each(|p| *p = 0);
            }
            mcu += 1;
            for (c, plane) in planes.iter().enumerate() {
                let mut block = [0f64; 64];
                for y in 0..8 {
                    for x in 0..8 {
                        let px = (mx * 8 + x).min(w - 1);
                        let py = (my * 8 + y).min(h - 1);
                        block[y * 8 + x] = plane[py * w + px];
                    }
                }
                let mut coef = [0i32; 64];
                if block.iter().all(|&v| v == block[0]) {
                    // Flat block: DC only (DC = 8 × value).
                    coef[0] = (block[0] * 8.0 / f64::from(Q)).round() as i32;
                } else {
                    // Separable 2-D DCT-II: rows, then columns.
                    let mut rows = [0f64; 64];
                    for y in 0..8 {
                        for u in 0..8 {
                            rows[y * 8 + u] = (0..8).map(|x| block[y * 8 + x] * cos[x][u]).sum();
                        }
                    }
                    for v in 0..8 {
                        for u in 0..8 {
                            let s: f64 = (0..8).map(|y| rows[y * 8 + u] * cos[y][v]).sum();
                            coef[v * 8 + u] = (s / 4.0 / f64::from(Q)).round() as i32;
                        }
                    }
                }
                let diff = coef[0] - pred[c];
                pred[c] = coef[0];
                let size = category(diff);
                bw.put(size, 4);
                bw.put(extra_bits(diff, size), size);
                let mut run = 0u32;
                for &z in &ZIGZAG[1..] {
                    let v = coef[z];
                    if v == 0 {
                        run += 1;
                        continue;
                    }
                    while run > 15 {
                        bw.put(ac_code[0xF0], 8);
                        run -= 16;
                    }
                    let size = category(v);
                    bw.put(ac_code[((run << 4) | size) as usize], 8);
                    bw.put(extra_bits(v, size), size);
                    run = 0;
                }
                if run > 0 {
                    bw.put(ac_code[0x00], 8);
                }
            }
        }
    }
    bw.flush();
    out.extend(bw.out);
    out.extend([0xFF, 0xD9]);
    out
}

/// Deterministic pseudo-random bytes (xorshift).
pub fn noise(seed: u32) -> impl FnMut() -> u8 {
    let mut s = seed.max(1);
    move || {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        (s >> 24) as u8
    }
}

/// RGB photo: `background` everywhere, a dark textured "head" in the centre and "shoulders" across the bottom.
pub fn portrait(width: u16, height: u16, background: [u8; 3]) -> Vec<u8> {
    let (w, h) = (usize::from(width), usize::from(height));
    let mut rnd = noise(7);
    let mut px = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let head = x > w / 4 && x < w * 3 / 4 && y > h / 8 && y < h * 3 / 4;
            let shoulders = y > h * 5 / 6;
            if head || shoulders {
                let n = rnd() / 2;
                px.extend([40 + n, 30 + n / 2, 30 + n / 3]);
            } else {
                px.extend(background);
            }
        }
    }
    px
}
