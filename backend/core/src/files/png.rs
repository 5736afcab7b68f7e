//! PNG metadata stripping: chunks are copied whole (so CRCs stay valid) except text/time/EXIF chunks.

use std::io::{BufRead, Write};

use super::crc32::Crc32;
use super::{has_more, read_full, InspectError, Removed, CHUNK};

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
/// Chunks that carry metadata (EXIF incl. GPS, free text, modification time) and are dropped.
const DROPPED: [&[u8; 4]; 5] = [b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"];

/// Copies a PNG from `r` to `w`, dropping metadata chunks (see [`super::sanitize`]). Returns (width, height).
pub(crate) fn sanitize<R: BufRead, W: Write>(
    r: &mut R,
    w: &mut W,
    max_pixels: u64,
    removed: &mut Removed,
) -> Result<(u32, u32), InspectError> {
    let mut sig = [0u8; 8];
    r.read_exact(&mut sig)?;
    if sig != SIGNATURE {
        return Err(InspectError::Truncated);
    }
    w.write_all(&sig)?;

    // IHDR must be the first chunk; it is checked (CRC, size, pixel bound) before anything else is read.
    let mut head = [0u8; 8];
    r.read_exact(&mut head)?;
    if &head[4..8] != b"IHDR" || u32::from_be_bytes([head[0], head[1], head[2], head[3]]) != 13 {
        return Err(InspectError::Truncated);
    }
    let mut ihdr = [0u8; 13 + 4];
    r.read_exact(&mut ihdr)?;
    let mut crc = Crc32::new();
    crc.update(&head[4..8]);
    crc.update(&ihdr[..13]);
    if crc.finish() != u32::from_be_bytes([ihdr[13], ihdr[14], ihdr[15], ihdr[16]]) {
        return Err(InspectError::Truncated);
    }
    let width = u32::from_be_bytes([ihdr[0], ihdr[1], ihdr[2], ihdr[3]]);
    let height = u32::from_be_bytes([ihdr[4], ihdr[5], ihdr[6], ihdr[7]]);
    if width == 0 || height == 0 || width > 0x7FFF_FFFF || height > 0x7FFF_FFFF {
        return Err(InspectError::Truncated);
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(InspectError::TooManyPixels);
    }
    w.write_all(&head)?;
    w.write_all(&ihdr)?;

    let mut buf = vec![0u8; CHUNK];
    let mut seen_idat = false;
    loop {
        r.read_exact(&mut head)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        let ty: [u8; 4] = [head[4], head[5], head[6], head[7]];
        if len > 0x7FFF_FFFF || !ty.iter().all(u8::is_ascii_alphabetic) || &ty == b"IHDR" {
            return Err(InspectError::Truncated);
        }
        let keep = !DROPPED.contains(&&ty);
        if keep {
            w.write_all(&head)?;
        }
        let mut crc = Crc32::new();
        crc.update(&ty);
        let mut left = len as usize;
        while left > 0 {
            let want = left.min(buf.len());
            let got = read_full(r, &mut buf[..want])?;
            if got < want {
                return Err(InspectError::Truncated);
            }
            crc.update(&buf[..want]);
            if keep {
                w.write_all(&buf[..want])?;
            }
            left -= want;
        }
        let mut stored = [0u8; 4];
        r.read_exact(&mut stored)?;
        if crc.finish() != u32::from_be_bytes(stored) {
            return Err(InspectError::Truncated);
        }
        if keep {
            w.write_all(&stored)?;
        } else {
            removed.add(format!("PNG {}", String::from_utf8_lossy(&ty)));
        }
        match &ty {
            b"IDAT" => seen_idat = true,
            b"IEND" => {
                if len != 0 || !seen_idat {
                    return Err(InspectError::Truncated);
                }
                if has_more(r) {
                    removed.add("trailing data".to_owned());
                }
                return Ok((width, height));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::super::test_support::{ihdr, noise, png_chunk, Trickle, Untouchable, PNG_SIG};
    use super::super::{sanitize, FileKind, InspectError};

    const LIMIT: u64 = 25_000_000;

    fn png(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut v = PNG_SIG.to_vec();
        for c in chunks {
            v.extend(c);
        }
        v
    }

    #[test]
    fn metadata_chunks_are_removed_and_the_rest_copied_whole() {
        let head = png_chunk(b"IHDR", &ihdr(3, 2));
        let srgb = png_chunk(b"sRGB", &[0]);
        let text = png_chunk(b"tEXt", b"Comment\0taken at home");
        let exif = png_chunk(b"eXIf", b"MM\0\x2a\0\0\0\x08GPSLatitude 39.9");
        let ztxt = png_chunk(b"zTXt", b"Author\0\0x");
        let itxt = png_chunk(b"iTXt", b"Location\0\0\0\0\0Beijing");
        let time = png_chunk(b"tIME", &[7, 232, 5, 1, 12, 0, 0]);
        let idat = png_chunk(b"IDAT", b"\x78\x9c not really zlib but opaque here");
        let iend = png_chunk(b"IEND", b"");
        let input = png(&[
            head.clone(),
            srgb.clone(),
            text,
            exif,
            idat.clone(),
            ztxt,
            itxt,
            time,
            iend.clone(),
            b"trailing".to_vec(),
        ]);
        let expected = png(&[head, srgb, idat, iend]);
        for step in [1, 5, 13, usize::MAX] {
            let mut out = Vec::new();
            let s = sanitize(Trickle { data: &input, step }, &mut out, LIMIT).unwrap();
            assert_eq!(out, expected, "step {step}");
            assert_eq!(s.kind, FileKind::Png);
            assert_eq!((s.width, s.height), (Some(3), Some(2)));
            assert_eq!(s.bytes_written, expected.len() as u64);
            assert_eq!(
                s.removed_segments,
                vec![
                    "PNG tEXt",
                    "PNG eXIf",
                    "PNG zTXt",
                    "PNG iTXt",
                    "PNG tIME",
                    "trailing data"
                ]
            );
        }
    }

    #[test]
    fn large_chunks_are_streamed_and_crc_checked() {
        let mut rnd = noise(11);
        let big: Vec<u8> = (0..300_000).map(|_| rnd()).collect();
        let input = png(&[
            png_chunk(b"IHDR", &ihdr(1000, 1000)),
            png_chunk(b"IDAT", &big),
            png_chunk(b"tEXt", &big[..100_000]),
            png_chunk(b"IDAT", &big[..70_000]),
            png_chunk(b"IEND", b""),
        ]);
        let mut out = Vec::new();
        sanitize(
            Trickle {
                data: &input,
                step: 40_000,
            },
            &mut out,
            LIMIT,
        )
        .unwrap();
        assert_eq!(out.len(), input.len() - (100_000 + 12));

        // One flipped bit deep inside the big chunk is detected.
        let mut bad = input.clone();
        bad[8 + 25 + 8 + 200_000] ^= 0x01;
        assert_eq!(
            sanitize(&bad[..], &mut Vec::new(), LIMIT).unwrap_err(),
            InspectError::Truncated
        );
    }

    #[test]
    fn corrupted_crc_is_corrupt_even_in_dropped_chunks() {
        let good = png(&[
            png_chunk(b"IHDR", &ihdr(4, 4)),
            png_chunk(b"tEXt", b"k\0v"),
            png_chunk(b"IDAT", b"data"),
            png_chunk(b"IEND", b""),
        ]);
        assert!(sanitize(&good[..], &mut Vec::new(), LIMIT).is_ok());
        let chunk_starts = [8usize, 8 + 25, 8 + 25 + 15, 8 + 25 + 15 + 16];
        for (i, start) in chunk_starts.iter().enumerate() {
            // Corrupt the last CRC byte of chunk i.
            let len = u32::from_be_bytes(good[*start..start + 4].try_into().unwrap()) as usize;
            let mut bad = good.clone();
            bad[start + 8 + len + 3] ^= 0xFF;
            let err = sanitize(&bad[..], &mut Vec::new(), LIMIT).unwrap_err();
            assert_eq!(err, InspectError::Truncated, "chunk {i}");
            assert_eq!(err.code(), "file_corrupt");
        }
    }

    #[test]
    fn pixel_bomb_is_refused_from_ihdr_without_reading_further() {
        let mut header = PNG_SIG.to_vec();
        header.extend(png_chunk(b"IHDR", &ihdr(100_000, 100_000)));
        let err = sanitize((&header[..]).chain(Untouchable), &mut Vec::new(), LIMIT).unwrap_err();
        assert_eq!(err, InspectError::TooManyPixels);
        // 5000 × 5000 is exactly the limit: accepted.
        let ok = png(&[
            png_chunk(b"IHDR", &ihdr(5000, 5000)),
            png_chunk(b"IDAT", b"x"),
            png_chunk(b"IEND", b""),
        ]);
        assert!(sanitize(&ok[..], &mut Vec::new(), LIMIT).is_ok());
    }

    #[test]
    fn malformed_pngs_are_corrupt() {
        let head = png_chunk(b"IHDR", &ihdr(4, 4));
        let idat = png_chunk(b"IDAT", b"data");
        let iend = png_chunk(b"IEND", b"");
        let full = png(&[head.clone(), idat.clone(), iend.clone()]);
        let cases = vec![
            // Cut anywhere.
            full[..full.len() - 1].to_vec(),
            full[..full.len() - 12].to_vec(),
            full[..20].to_vec(),
            PNG_SIG.to_vec(),
            // IHDR not first.
            png(&[idat.clone(), head.clone(), iend.clone()]),
            // Second IHDR.
            png(&[head.clone(), head.clone(), idat.clone(), iend.clone()]),
            // No IDAT.
            png(&[head.clone(), iend.clone()]),
            // Zero width.
            png(&[png_chunk(b"IHDR", &ihdr(0, 4)), idat.clone(), iend.clone()]),
            // Chunk type with non-letters.
            png(&[
                head.clone(),
                png_chunk(b"ID@T", b"x"),
                idat.clone(),
                iend.clone(),
            ]),
            // Length with the high bit set.
            png(&[head.clone(), vec![0x80, 0, 0, 0, b'I', b'D', b'A', b'T']]),
        ];
        for (i, case) in cases.iter().enumerate() {
            assert_eq!(
                sanitize(&case[..], &mut Vec::new(), LIMIT).unwrap_err(),
                InspectError::Truncated,
                "case {i}"
            );
        }
    }
}
