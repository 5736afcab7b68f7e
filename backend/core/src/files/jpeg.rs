//! JPEG metadata stripping without re-encoding.

use std::io::{BufRead, Write};

use super::{has_more, InspectError, Removed};

/// Copies a JPEG from `r` to `w`, dropping metadata segments (see [`super::sanitize`]). Returns (width, height).
pub(crate) fn sanitize<R: BufRead, W: Write>(
    r: &mut R,
    w: &mut W,
    max_pixels: u64,
    removed: &mut Removed,
) -> Result<(u32, u32), InspectError> {
    let mut soi = [0u8; 2];
    r.read_exact(&mut soi)?;
    if soi != [0xFF, 0xD8] {
        return Err(InspectError::Truncated);
    }
    w.write_all(&soi)?;

    let mut frame: Option<(u32, u32)> = None;
    let mut seen_scan = false;
    let mut seg = Vec::with_capacity(1024);
    let mut pending: Option<u8> = None;
    loop {
        let marker = match pending.take() {
            Some(m) => m,
            None => read_marker(r)?,
        };
        match marker {
            0xD9 => {
                // EOI: only valid after at least one scan; anything after it is dropped.
                if !seen_scan {
                    return Err(InspectError::Truncated);
                }
                w.write_all(&[0xFF, 0xD9])?;
                if has_more(r) {
                    removed.add("trailing data".to_owned());
                }
                return frame.ok_or(InspectError::Truncated);
            }
            // SOI again, TEM and RSTn are not valid outside entropy-coded data.
            0xD8 | 0x01 | 0xD0..=0xD7 => return Err(InspectError::Truncated),
            _ => {}
        }

        let mut len = [0u8; 2];
        r.read_exact(&mut len)?;
        let len = usize::from(u16::from_be_bytes(len));
        if len < 2 {
            return Err(InspectError::Truncated);
        }
        seg.clear();
        seg.resize(len - 2, 0);
        r.read_exact(&mut seg)?;

        let keep = match marker {
            // SOFn (C4 = DHT, C8 = JPG reserved, CC = DAC are not frame headers).
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                if frame.is_some() {
                    return Err(InspectError::Truncated);
                }
                frame = Some(parse_sof(&seg, max_pixels)?);
                true
            }
            0xDA => {
                if frame.is_none() {
                    return Err(InspectError::Truncated);
                }
                let ns = usize::from(*seg.first().ok_or(InspectError::Truncated)?);
                if !(1..=4).contains(&ns) || seg.len() != 1 + 2 * ns + 3 {
                    return Err(InspectError::Truncated);
                }
                true
            }
            // DHT, DAC, DQT, DNL, DRI, DHP, EXP.
            0xC4 | 0xCC | 0xDB..=0xDF => true,
            0xE0 => seg.starts_with(b"JFIF\0") || seg.starts_with(b"JFXX\0"),
            0xE2 => seg.starts_with(b"ICC_PROFILE\0"),
            0xEE => seg.starts_with(b"Adobe"),
            _ => false,
        };
        if keep {
            w.write_all(&[0xFF, marker])?;
            w.write_all(&((len as u16).to_be_bytes()))?;
            w.write_all(&seg)?;
        } else {
            removed.add(label(marker, &seg));
        }
        if marker == 0xDA {
            seen_scan = true;
            pending = Some(copy_scan(r, w)?);
        }
    }
}

/// Parses a SOFn payload and enforces the pixel bound. Returns (width, height).
fn parse_sof(seg: &[u8], max_pixels: u64) -> Result<(u32, u32), InspectError> {
    if seg.len() < 6 {
        return Err(InspectError::Truncated);
    }
    let height = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
    let width = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
    let components = usize::from(seg[5]);
    if components == 0 || seg.len() != 6 + 3 * components {
        return Err(InspectError::Truncated);
    }
    // Height 0 (defined later by DNL) is refused: the pixel count must be known up front.
    if width == 0 || height == 0 {
        return Err(InspectError::Truncated);
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(InspectError::TooManyPixels);
    }
    Ok((width, height))
}

/// Reads the next marker code: `FF`, optional fill `FF`s, then a non-zero code.
fn read_marker<R: BufRead>(r: &mut R) -> Result<u8, InspectError> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    if b[0] != 0xFF {
        return Err(InspectError::Truncated);
    }
    loop {
        r.read_exact(&mut b)?;
        match b[0] {
            0xFF => continue,
            0x00 => return Err(InspectError::Truncated),
            m => return Ok(m),
        }
    }
}

enum Step {
    /// Whole buffer handled; `carry` = its last byte was an unwritten `FF`.
    Next { consumed: usize, carry: bool },
    /// A marker ends the scan.
    Marker { consumed: usize, code: u8 },
}

/// Copies entropy-coded data (byte stuffing `FF 00` and `RSTn` included) chunk by chunk until a marker that is not
/// `RSTn`; returns that marker's code with `FF code` consumed but not written.
fn copy_scan<R: BufRead, W: Write>(r: &mut R, w: &mut W) -> Result<u8, InspectError> {
    // An `FF` that ended the previous chunk and has not been written yet.
    let mut carried = false;
    loop {
        let step = {
            let buf = r.fill_buf()?;
            if buf.is_empty() {
                return Err(InspectError::Truncated);
            }
            scan_chunk(buf, carried, w)?
        };
        match step {
            Step::Next { consumed, carry } => {
                r.consume(consumed);
                carried = carry;
            }
            Step::Marker { consumed, code } => {
                r.consume(consumed);
                return Ok(code);
            }
        }
    }
}

fn scan_chunk<W: Write>(buf: &[u8], mut carried: bool, w: &mut W) -> Result<Step, InspectError> {
    // Nothing of `buf` is written before the end of the chunk or the terminating marker, so the written prefix
    // is always `buf[..k]`. While `pending` and not `carried`, the pending FF is `buf[i - 1]`.
    let mut pending = carried;
    for (i, &b) in buf.iter().enumerate() {
        if pending {
            match b {
                0x00 | 0xD0..=0xD7 => {
                    if carried {
                        w.write_all(&[0xFF])?;
                        carried = false;
                    }
                    pending = false;
                }
                0xFF => {
                    // The previous FF was a fill byte: keep it, this one is now pending.
                    if carried {
                        w.write_all(&[0xFF])?;
                        carried = false;
                    }
                }
                code => {
                    if !carried {
                        w.write_all(&buf[..i - 1])?;
                    }
                    return Ok(Step::Marker {
                        consumed: i + 1,
                        code,
                    });
                }
            }
        } else if b == 0xFF {
            pending = true;
        }
    }
    let end = if pending { buf.len() - 1 } else { buf.len() };
    w.write_all(&buf[..end])?;
    Ok(Step::Next {
        consumed: buf.len(),
        carry: pending,
    })
}

/// Label of a dropped segment, e.g. `APP1 Exif`, `APP1 XMP`, `COM`.
fn label(marker: u8, seg: &[u8]) -> String {
    match marker {
        0xE0..=0xEF => {
            let ids: [(&[u8], &str); 6] = [
                (b"Exif\0", " Exif"),
                (b"http://ns.adobe.com/xap/1.0/", " XMP"),
                (b"http://ns.adobe.com/xmp/extension/", " XMP"),
                (b"MPF\0", " MPF"),
                (b"Photoshop 3.0\0", " Photoshop"),
                (b"ICC_PROFILE\0", " ICC"),
            ];
            let id = ids
                .iter()
                .find(|(p, _)| seg.starts_with(p))
                .map_or("", |(_, s)| *s);
            format!("APP{}{}", marker - 0xE0, id)
        }
        0xFE => "COM".to_owned(),
        0xF0..=0xFD => format!("JPG{}", marker - 0xF0),
        m => format!("marker {m:02X}"),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::super::test_support::{encode_jpeg, noise, segment, Trickle, Untouchable};
    use super::super::{sanitize, InspectError, Sanitized};

    const LIMIT: u64 = 25_000_000;

    fn run(input: &[u8]) -> Result<(Sanitized, Vec<u8>), InspectError> {
        let mut out = Vec::new();
        let s = sanitize(input, &mut out, LIMIT)?;
        assert_eq!(s.bytes_written, out.len() as u64);
        Ok((s, out))
    }

    fn sof0(width: u16, height: u16) -> Vec<u8> {
        let mut p = vec![8];
        p.extend(height.to_be_bytes());
        p.extend(width.to_be_bytes());
        p.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        segment(0xC0, &p)
    }

    fn exif_gps() -> Vec<u8> {
        let mut p = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
        p.extend(b"GPSLatitude N 39 54 26 GPSLongitude E 116 23 29");
        segment(0xE1, &p)
    }

    /// Hand-crafted structure: (input, expected output).
    fn crafted() -> (Vec<u8>, Vec<u8>) {
        let app0 = segment(0xE0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0");
        let com = segment(0xFE, b"shot on phone, Beijing");
        let dqt = segment(0xDB, &[0u8; 65]);
        let sof = sof0(640, 480);
        let dht = segment(
            0xC4,
            &[0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05],
        );
        let dri = segment(0xDD, &[0, 4]);
        let sos = segment(0xDA, &[3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
        // Entropy data with byte stuffing, restart markers and fill bytes before a restart marker.
        let data = [
            0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0x00, 0xFF, 0xFF, 0xD1, 0x78, 0xFF,
            0x00,
        ];
        let eoi = [0xFF, 0xD9];
        let trailing = b"PK\x03\x04 hidden zip with GPS".to_vec();

        let mut input = vec![0xFF, 0xD8];
        for part in [&app0, &exif_gps(), &com, &dqt, &sof, &dht, &dri, &sos] {
            input.extend(part);
        }
        input.extend(data);
        input.extend(eoi);
        input.extend(&trailing);

        let mut expected = vec![0xFF, 0xD8];
        for part in [&app0, &dqt, &sof, &dht, &dri, &sos] {
            expected.extend(part);
        }
        expected.extend(data);
        expected.extend(eoi);
        (input, expected)
    }

    #[test]
    fn strips_exif_comments_and_trailing_data_keeping_the_rest_byte_identical() {
        let (input, expected) = crafted();
        let (s, out) = run(&input).unwrap();
        assert_eq!(out, expected);
        assert_eq!((s.width, s.height), (Some(640), Some(480)));
        assert_eq!(s.kind.as_str(), "jpeg");
        assert_eq!(
            s.removed_segments,
            vec!["APP1 Exif", "COM", "trailing data"]
        );
        let hay = String::from_utf8_lossy(&out);
        assert!(
            !hay.contains("GPS")
                && !hay.contains("Exif")
                && !hay.contains("Beijing")
                && !hay.contains("PK")
        );
    }

    #[test]
    fn every_read_size_gives_the_same_output() {
        let (input, expected) = crafted();
        for step in 1..=40 {
            let mut out = Vec::new();
            let s = sanitize(Trickle { data: &input, step }, &mut out, LIMIT).unwrap();
            assert_eq!(out, expected, "read size {step}");
            assert_eq!(s.width, Some(640));
        }
    }

    #[test]
    fn real_jpeg_with_metadata_is_restored_exactly_and_decodes_identically() {
        let (w, h) = (61u16, 45u16);
        let mut rnd = noise(3);
        let pixels: Vec<u8> = (0..usize::from(w) * usize::from(h) * 3)
            .map(|_| rnd())
            .collect();
        let clean = encode_jpeg(w, h, &pixels, 3, 5);
        // The encoded data really exercises stuffing and restart markers.
        let scan = &clean[clean.windows(2).position(|p| p == [0xFF, 0xDA]).unwrap()..];
        assert!(scan.windows(2).any(|p| p == [0xFF, 0x00]));
        assert!(scan.windows(2).any(|p| p == [0xFF, 0xD3]));

        let icc = segment(0xE2, b"ICC_PROFILE\0\x01\x01fake profile");
        let adobe_ps = segment(0xED, b"Photoshop 3.0\08BIM\x04\x04 IPTC city");
        let xmp = segment(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>exif:GPSLatitude</x:xmpmeta>",
        );
        let mpf = segment(0xE2, b"MPF\0MM\0\x2a");
        let app3 = segment(0xE3, b"vendor");
        let app15 = segment(0xEF, b"vendor");
        let com = segment(0xFE, b"comment");
        let mut dirty = clean[..2].to_vec();
        let app0_end = 2 + 4 + 14;
        dirty.extend(&clean[2..app0_end]);
        for s in [
            &exif_gps(),
            &icc,
            &xmp,
            &mpf,
            &app3,
            &adobe_ps,
            &app15,
            &com,
        ] {
            dirty.extend(s);
        }
        dirty.extend(&clean[app0_end..]);
        dirty.extend(&clean); // a second image after EOI (like an MPF preview with its own EXIF)

        let mut expected = clean[..app0_end].to_vec();
        expected.extend(&icc);
        expected.extend(&clean[app0_end..]);

        for step in [1, 3, 4096, usize::MAX] {
            let mut out = Vec::new();
            let s = sanitize(Trickle { data: &dirty, step }, &mut out, LIMIT).unwrap();
            assert_eq!(out, expected);
            assert_eq!((s.width, s.height), (Some(61), Some(45)));
            assert_eq!(
                s.removed_segments,
                vec![
                    "APP1 Exif",
                    "APP1 XMP",
                    "APP2 MPF",
                    "APP3",
                    "APP13 Photoshop",
                    "APP15",
                    "COM",
                    "trailing data"
                ]
            );
        }
        let decode = |b: &[u8]| jpeg_decoder::Decoder::new(b).decode().unwrap();
        assert_eq!(decode(&expected), decode(&clean));
    }

    #[test]
    fn pixel_bomb_is_refused_at_the_frame_header_without_reading_further() {
        let mut header = vec![0xFF, 0xD8];
        header.extend(segment(0xDB, &[0u8; 65]));
        header.extend(sof0(60000, 60000));
        let mut out = Vec::new();
        let err = sanitize((&header[..]).chain(Untouchable), &mut out, LIMIT).unwrap_err();
        assert_eq!(err, InspectError::TooManyPixels);
        assert_eq!(err.code(), "image_too_many_pixels");
    }

    #[test]
    fn pixel_bound_is_inclusive() {
        let (input, _) = crafted();
        assert!(sanitize(&input[..], &mut Vec::new(), 640 * 480).is_ok());
        assert_eq!(
            sanitize(&input[..], &mut Vec::new(), 640 * 480 - 1).unwrap_err(),
            InspectError::TooManyPixels
        );
    }

    #[test]
    fn truncated_or_malformed_jpegs_are_corrupt() {
        let (input, _) = crafted();
        let sos_at = input.windows(2).position(|p| p == [0xFF, 0xDA]).unwrap();
        let eoi_at = input.windows(2).rposition(|p| p == [0xFF, 0xD9]).unwrap();
        // Cut inside the header, inside the scan header, inside the entropy data, before EOI.
        for cut in [3, 10, 30, sos_at + 5, sos_at + 14, eoi_at, eoi_at + 1] {
            assert_eq!(
                run(&input[..cut]).unwrap_err(),
                InspectError::Truncated,
                "cut at {cut}"
            );
        }

        let sof = sof0(10, 10);
        let sos = segment(0xDA, &[1, 1, 0, 0, 63, 0]);
        let cases: Vec<Vec<u8>> = vec![
            // SOS before any frame header.
            [&[0xFF, 0xD8][..], &sos, &[0x00, 0xFF, 0xD9]].concat(),
            // EOI before any scan.
            [&[0xFF, 0xD8][..], &sof, &[0xFF, 0xD9]].concat(),
            // Segment length below 2.
            [&[0xFF, 0xD8][..], &[0xFF, 0xFE, 0x00, 0x01], &sof].concat(),
            // Junk between segments.
            [&[0xFF, 0xD8][..], &sof, b"junk", &sos, &[0, 0xFF, 0xD9]].concat(),
            // Two frame headers.
            [&[0xFF, 0xD8][..], &sof, &sof, &sos, &[0, 0xFF, 0xD9]].concat(),
            // Zero height (DNL) is not accepted.
            [&[0xFF, 0xD8][..], &sof0(10, 0), &sos, &[0, 0xFF, 0xD9]].concat(),
            // SOF length inconsistent with its component count.
            [
                &[0xFF, 0xD8][..],
                &segment(0xC0, &[8, 0, 10, 0, 10, 3, 1, 0x11, 0]),
                &sos,
                &[0xFF, 0xD9],
            ]
            .concat(),
            // Restart marker outside entropy-coded data.
            [&[0xFF, 0xD8][..], &[0xFF, 0xD0], &sof].concat(),
        ];
        for (i, case) in cases.iter().enumerate() {
            assert_eq!(run(case).unwrap_err(), InspectError::Truncated, "case {i}");
        }
    }

    #[test]
    fn markers_between_progressive_scans_are_filtered_like_header_segments() {
        let sof2 = {
            let mut s = sof0(16, 16);
            s[1] = 0xC2;
            s
        };
        let sos = segment(0xDA, &[1, 1, 0, 0, 0, 0]);
        let dht = segment(
            0xC4,
            &[0x10, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00],
        );
        let com = segment(0xFE, b"between scans");
        let exif = exif_gps();
        let input = [
            &[0xFF, 0xD8][..],
            &sof2,
            &sos,
            &[0x11, 0xFF, 0x00, 0x22],
            &dht,
            &com,
            &exif,
            &sos,
            &[0x33, 0xFF, 0xD7, 0x44],
            &[0xFF, 0xD9],
        ]
        .concat();
        let expected = [
            &[0xFF, 0xD8][..],
            &sof2,
            &sos,
            &[0x11, 0xFF, 0x00, 0x22],
            &dht,
            &sos,
            &[0x33, 0xFF, 0xD7, 0x44],
            &[0xFF, 0xD9],
        ]
        .concat();
        for step in [1, 2, 5, 1000] {
            let mut out = Vec::new();
            let s = sanitize(Trickle { data: &input, step }, &mut out, LIMIT).unwrap();
            assert_eq!(out, expected, "step {step}");
            assert_eq!(s.removed_segments, vec!["COM", "APP1 Exif"]);
            assert_eq!(s.width, Some(16));
        }
    }

    #[test]
    fn non_standard_app_segments_are_dropped_but_standard_ones_kept() {
        let sof = sof0(8, 8);
        let sos = segment(0xDA, &[1, 1, 0, 0, 63, 0]);
        let avi = segment(0xE0, b"AVI1\0\0");
        let adobe = segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01");
        let not_adobe = segment(0xEE, b"Other");
        let not_icc = segment(0xE2, b"FPXR\0");
        let input = [
            &[0xFF, 0xD8][..],
            &avi,
            &adobe,
            &not_adobe,
            &not_icc,
            &sof,
            &sos,
            &[0, 0xFF, 0xD9],
        ]
        .concat();
        let (s, out) = run(&input).unwrap();
        assert_eq!(
            out,
            [&[0xFF, 0xD8][..], &adobe, &sof, &sos, &[0, 0xFF, 0xD9]].concat()
        );
        assert_eq!(s.removed_segments, vec!["APP0", "APP14", "APP2"]);
    }
}
