//! Candidate photo rules (national exam systems): JPEG, minimum size, ~5:7 aspect, byte bounds, white background.

use std::io::{self, BufReader, Read};

use jpeg_decoder::{Decoder, PixelFormat};

use super::{read_full, sniff, FileKind};

/// Configurable photo requirements (limits differ between exam systems).
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoSpec {
    /// Minimum width in pixels.
    pub min_width: u32,
    /// Minimum height in pixels.
    pub min_height: u32,
    /// Aspect ratio numerator (width part), e.g. 5.
    pub aspect_w: u32,
    /// Aspect ratio denominator (height part), e.g. 7.
    pub aspect_h: u32,
    /// Allowed relative deviation of width/height from `aspect_w/aspect_h` (0.06 = ±6 %).
    pub aspect_tolerance: f64,
    /// Minimum file size in bytes.
    pub min_bytes: u64,
    /// Maximum file size in bytes.
    pub max_bytes: u64,
    /// Maximum width × height; larger images are never decoded.
    pub max_pixels: u64,
    /// Minimum luma (0–255) of a background pixel counted as white.
    pub border_min_luma: u8,
    /// Share of sampled border pixels that must be white (0.0–1.0).
    pub border_white_ratio: f64,
}

impl Default for PhotoSpec {
    /// 295×413 minimum, 5:7 ± 6 %, 10 KiB – 2 MiB, at most 25 megapixels, border luma ≥ 200 on ≥ 85 % of samples.
    fn default() -> Self {
        PhotoSpec {
            min_width: 295,
            min_height: 413,
            aspect_w: 5,
            aspect_h: 7,
            aspect_tolerance: 0.06,
            min_bytes: 10 * 1024,
            max_bytes: 2 * 1024 * 1024,
            max_pixels: 25_000_000,
            border_min_luma: 200,
            border_white_ratio: 0.85,
        }
    }
}

/// One reason a photo does not meet the [`PhotoSpec`].
#[derive(Debug, Clone, PartialEq)]
pub enum PhotoProblem {
    /// Not a JPEG by magic bytes.
    NotJpeg,
    /// Width or height below the minimum.
    TooSmall {
        /// Width from the header.
        width: u32,
        /// Height from the header.
        height: u32,
    },
    /// Width/height ratio outside the tolerance.
    WrongAspect {
        /// Actual width / height.
        ratio: f64,
    },
    /// File smaller than `min_bytes`.
    FileTooSmall,
    /// File larger than `max_bytes`.
    FileTooLarge,
    /// Too few near-white pixels on the left, right and top border.
    BackgroundNotWhite {
        /// Share of sampled border pixels that were near-white.
        white_ratio: f64,
    },
    /// The JPEG could not be decoded (corrupt, unsupported coding such as arithmetic/CMYK, or more pixels than
    /// `max_pixels`, in which case it is deliberately not decoded).
    Undecodable,
}

impl PhotoProblem {
    /// Stable snake_case error code for API responses.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoProblem::NotJpeg => "photo_not_jpeg",
            PhotoProblem::TooSmall { .. } => "photo_too_small",
            PhotoProblem::WrongAspect { .. } => "photo_wrong_aspect",
            PhotoProblem::FileTooSmall => "photo_file_too_small",
            PhotoProblem::FileTooLarge => "photo_file_too_large",
            PhotoProblem::BackgroundNotWhite { .. } => "photo_background_not_white",
            PhotoProblem::Undecodable => "photo_undecodable",
        }
    }
}

/// Maximum channel spread (max − min of R, G, B) of a pixel counted as white.
const MAX_CHROMA_SPREAD: u8 = 40;
/// Border strip thickness as a share of the width (left/right) or height (top).
const STRIP: f64 = 0.04;
/// The left and right strips cover the upper part of the image only (shoulders reach the sides lower down).
const SIDE_EXTENT: f64 = 2.0 / 3.0;
/// Images are decoded at the smallest DCT scale (1/8…1) that keeps at least this many pixels on one axis.
const SAMPLE_SIZE: u16 = 256;

/// Checks a (sanitized) photo of `byte_len` bytes against `spec` and returns every problem found (empty = ok).
///
/// Order of checks: JPEG magic bytes; byte bounds; pixel size and aspect from the header; then, only when the
/// header's pixel count is within `spec.max_pixels`, the image is decoded (downscaled by the DCT where possible)
/// and the left, right (upper two thirds) and top strips, ~4 % thick, are sampled for near-white pixels
/// (luma ≥ `border_min_luma` and max − min of R, G, B ≤ 40). The bottom is not sampled (shoulders).
pub fn check_photo<R: Read>(jpeg: R, byte_len: u64, spec: &PhotoSpec) -> Vec<PhotoProblem> {
    let mut problems = Vec::new();
    let mut jpeg = jpeg;
    let mut head = [0u8; 8];
    let n = match read_full(&mut jpeg, &mut head) {
        Ok(n) => n,
        Err(_) => {
            problems.push(PhotoProblem::Undecodable);
            return problems;
        }
    };
    if sniff(&head[..n]) != Some(FileKind::Jpeg) {
        problems.push(PhotoProblem::NotJpeg);
    }
    if byte_len < spec.min_bytes {
        problems.push(PhotoProblem::FileTooSmall);
    }
    if byte_len > spec.max_bytes {
        problems.push(PhotoProblem::FileTooLarge);
    }
    if problems.first() == Some(&PhotoProblem::NotJpeg) {
        return problems;
    }

    let reader = BufReader::new(io::Cursor::new(&head[..n]).chain(jpeg));
    let mut decoder = Decoder::new(reader);
    // Reads the header up to the frame header only; nothing is decoded or allocated per pixel.
    let info = match decoder.read_info().ok().and_then(|_| decoder.info()) {
        Some(info) => info,
        None => {
            problems.push(PhotoProblem::Undecodable);
            return problems;
        }
    };
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    if width < spec.min_width || height < spec.min_height {
        problems.push(PhotoProblem::TooSmall { width, height });
    }
    if spec.aspect_w > 0 && spec.aspect_h > 0 && height > 0 {
        let ratio = f64::from(width) / f64::from(height);
        let target = f64::from(spec.aspect_w) / f64::from(spec.aspect_h);
        if ((ratio - target) / target).abs() > spec.aspect_tolerance {
            problems.push(PhotoProblem::WrongAspect { ratio });
        }
    }
    if u64::from(width) * u64::from(height) > spec.max_pixels || width == 0 || height == 0 {
        problems.push(PhotoProblem::Undecodable);
        return problems;
    }
    let channels = match info.pixel_format {
        PixelFormat::L8 => 1,
        PixelFormat::RGB24 => 3,
        _ => {
            problems.push(PhotoProblem::Undecodable);
            return problems;
        }
    };
    let Ok((sw, sh)) = decoder.scale(SAMPLE_SIZE, SAMPLE_SIZE) else {
        problems.push(PhotoProblem::Undecodable);
        return problems;
    };
    let (sw, sh) = (usize::from(sw), usize::from(sh));
    decoder.set_max_decoding_buffer_size(sw * sh * channels);
    match decoder.decode() {
        Ok(pixels) if pixels.len() == sw * sh * channels => {
            let white_ratio = border_white_ratio(&pixels, sw, sh, channels, spec.border_min_luma);
            if white_ratio < spec.border_white_ratio {
                problems.push(PhotoProblem::BackgroundNotWhite { white_ratio });
            }
        }
        _ => problems.push(PhotoProblem::Undecodable),
    }
    problems
}

/// Share of near-white pixels in the left, right (upper part) and top border strips of a decoded image.
fn border_white_ratio(pixels: &[u8], w: usize, h: usize, channels: usize, min_luma: u8) -> f64 {
    let strip_w = ((w as f64 * STRIP).round() as usize).clamp(1, w);
    let strip_h = ((h as f64 * STRIP).round() as usize).clamp(1, h);
    let side_end = ((h as f64 * SIDE_EXTENT).round() as usize).clamp(strip_h, h);
    let is_white = |x: usize, y: usize| -> bool {
        let i = (y * w + x) * channels;
        if channels == 1 {
            return pixels[i] >= min_luma;
        }
        let (r, g, b) = (pixels[i], pixels[i + 1], pixels[i + 2]);
        let luma = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000;
        let spread = r.max(g).max(b) - r.min(g).min(b);
        luma >= u32::from(min_luma) && spread <= MAX_CHROMA_SPREAD
    };
    let (mut total, mut white) = (0u64, 0u64);
    let mut count = |x: usize, y: usize| {
        total += 1;
        white += u64::from(is_white(x, y));
    };
    for y in 0..strip_h {
        for x in 0..w {
            count(x, y);
        }
    }
    for y in strip_h..side_end {
        for x in (0..strip_w).chain(w.saturating_sub(strip_w).max(strip_w)..w) {
            count(x, y);
        }
    }
    if total == 0 {
        return 0.0;
    }
    white as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::super::test_support::{
        encode_jpeg, ihdr, png_chunk, portrait, segment, Untouchable, PNG_SIG,
    };
    use super::*;

    const WHITE: [u8; 3] = [250, 252, 251];

    fn photo(width: u16, height: u16, background: [u8; 3]) -> Vec<u8> {
        encode_jpeg(width, height, &portrait(width, height, background), 3, 0)
    }

    fn check(jpeg: &[u8]) -> Vec<PhotoProblem> {
        check_photo(jpeg, jpeg.len() as u64, &PhotoSpec::default())
    }

    fn codes(problems: &[PhotoProblem]) -> Vec<&'static str> {
        problems.iter().map(PhotoProblem::code).collect()
    }

    #[test]
    fn white_background_photo_with_dark_centre_passes() {
        let jpeg = photo(300, 420, WHITE);
        assert!(
            jpeg.len() as u64 >= PhotoSpec::default().min_bytes,
            "{} bytes",
            jpeg.len()
        );
        assert_eq!(check(&jpeg), vec![]);
    }

    #[test]
    fn grey_background_fails() {
        let problems = check(&photo(300, 420, [150, 150, 150]));
        assert_eq!(codes(&problems), vec!["photo_background_not_white"]);
        let PhotoProblem::BackgroundNotWhite { white_ratio } = problems[0] else {
            unreachable!()
        };
        assert!(white_ratio < 0.01, "{white_ratio}");
    }

    #[test]
    fn bright_but_coloured_background_fails_on_chroma() {
        // Light yellow: luma ≈ 243 but R, G, B far apart.
        let problems = check(&photo(300, 420, [255, 255, 150]));
        assert_eq!(codes(&problems), vec!["photo_background_not_white"]);
    }

    #[test]
    fn grayscale_photo_is_checked_on_luma() {
        let (w, h) = (300usize, 420usize);
        let mut px = vec![245u8; w * h];
        for y in h / 8..h * 3 / 4 {
            for x in w / 4..w * 3 / 4 {
                px[y * w + x] = ((x * 7 + y * 13) % 90) as u8;
            }
        }
        let jpeg = encode_jpeg(300, 420, &px, 1, 0);
        let spec = PhotoSpec {
            min_bytes: 0,
            ..PhotoSpec::default()
        };
        assert_eq!(check_photo(&jpeg[..], jpeg.len() as u64, &spec), vec![]);
        let dark: Vec<u8> = px.iter().map(|&v| v.min(120)).collect();
        let jpeg = encode_jpeg(300, 420, &dark, 1, 0);
        assert_eq!(
            codes(&check_photo(&jpeg[..], jpeg.len() as u64, &spec)),
            vec!["photo_background_not_white"]
        );
    }

    #[test]
    fn too_small_photo_fails() {
        let jpeg = photo(200, 280, WHITE);
        let problems = check_photo(&jpeg[..], 50_000, &PhotoSpec::default());
        assert_eq!(
            problems,
            vec![PhotoProblem::TooSmall {
                width: 200,
                height: 280
            }]
        );
        assert_eq!(problems[0].code(), "photo_too_small");
    }

    #[test]
    fn square_photo_fails_aspect() {
        let jpeg = photo(420, 420, WHITE);
        let problems = check(&jpeg);
        assert_eq!(problems, vec![PhotoProblem::WrongAspect { ratio: 1.0 }]);
        assert_eq!(problems[0].code(), "photo_wrong_aspect");
        // 5:7 within ±6 % passes: 313/413 ≈ 0.758 is +6.1 % (fails), 310/413 ≈ 0.751 is +5.1 % (passes).
        let spec = PhotoSpec {
            min_bytes: 0,
            ..PhotoSpec::default()
        };
        let ok = photo(310, 413, WHITE);
        assert_eq!(check_photo(&ok[..], ok.len() as u64, &spec), vec![]);
        let wide = photo(313, 413, WHITE);
        assert_eq!(
            codes(&check_photo(&wide[..], wide.len() as u64, &spec)),
            vec!["photo_wrong_aspect"]
        );
    }

    #[test]
    fn png_is_not_a_jpeg() {
        let mut png = PNG_SIG.to_vec();
        png.extend(png_chunk(b"IHDR", &ihdr(300, 420)));
        png.extend(png_chunk(b"IEND", b""));
        assert_eq!(
            check_photo(&png[..], 50_000, &PhotoSpec::default()),
            vec![PhotoProblem::NotJpeg]
        );
        assert_eq!(PhotoProblem::NotJpeg.code(), "photo_not_jpeg");
        assert_eq!(
            check_photo(&b""[..], 0, &PhotoSpec::default()),
            vec![PhotoProblem::NotJpeg, PhotoProblem::FileTooSmall]
        );
    }

    #[test]
    fn byte_bounds_are_checked() {
        let jpeg = photo(300, 420, WHITE);
        let spec = PhotoSpec::default();
        assert_eq!(
            check_photo(&jpeg[..], 5_000, &spec),
            vec![PhotoProblem::FileTooSmall]
        );
        assert_eq!(
            check_photo(&jpeg[..], 3 * 1024 * 1024, &spec),
            vec![PhotoProblem::FileTooLarge]
        );
        assert_eq!(PhotoProblem::FileTooSmall.code(), "photo_file_too_small");
        assert_eq!(PhotoProblem::FileTooLarge.code(), "photo_file_too_large");
        // Configurable (e.g. health-tech: at least 45 KB).
        let strict = PhotoSpec {
            min_bytes: 45 * 1024,
            max_bytes: 50 * 1024 * 1024,
            ..spec
        };
        assert_eq!(
            check_photo(&jpeg[..], 40 * 1024, &strict),
            vec![PhotoProblem::FileTooSmall]
        );
    }

    #[test]
    fn every_problem_is_reported() {
        let jpeg = photo(240, 240, [120, 120, 120]);
        assert_eq!(
            codes(&check_photo(&jpeg[..], 3_000, &PhotoSpec::default())),
            vec![
                "photo_file_too_small",
                "photo_too_small",
                "photo_wrong_aspect",
                "photo_background_not_white"
            ]
        );
    }

    #[test]
    fn shoulders_at_the_bottom_do_not_count_against_the_background() {
        // portrait() paints dark "shoulders" across the full bottom sixth; still passes.
        let px = portrait(300, 420, WHITE);
        let bottom_row = &px[(419 * 300) * 3..];
        assert!(bottom_row.chunks(3).all(|p| p[0] < 170 && p[2] < 100));
        assert_eq!(check(&encode_jpeg(300, 420, &px, 3, 0)), vec![]);
    }

    #[test]
    fn pixel_bomb_is_not_decoded() {
        let mut header = vec![0xFF, 0xD8];
        header.extend(segment(0xDB, &[0u8; 65]));
        let mut sof = vec![8];
        sof.extend(60000u16.to_be_bytes());
        sof.extend(42857u16.to_be_bytes());
        sof.extend([1, 1, 0x11, 0]);
        header.extend(segment(0xC0, &sof));
        let problems = check_photo(
            (&header[..]).chain(Untouchable),
            100_000,
            &PhotoSpec::default(),
        );
        assert_eq!(problems, vec![PhotoProblem::Undecodable]);
    }

    #[test]
    fn corrupt_jpeg_is_undecodable() {
        let jpeg = photo(300, 420, WHITE);
        let problems = check_photo(&jpeg[..40], 50_000, &PhotoSpec::default());
        assert_eq!(problems, vec![PhotoProblem::Undecodable]);
        assert_eq!(problems[0].code(), "photo_undecodable");
        let cut = &jpeg[..jpeg.len() / 3];
        assert_eq!(
            codes(&check_photo(cut, 50_000, &PhotoSpec::default())),
            vec!["photo_undecodable"]
        );
    }

    #[test]
    fn large_photo_is_checked_at_reduced_scale() {
        let jpeg = photo(520, 728, WHITE);
        let spec = PhotoSpec {
            max_bytes: u64::MAX,
            ..PhotoSpec::default()
        };
        assert_eq!(check_photo(&jpeg[..], jpeg.len() as u64, &spec), vec![]);
        let grey = photo(520, 728, [160, 160, 160]);
        assert_eq!(
            codes(&check_photo(&grey[..], grey.len() as u64, &spec)),
            vec!["photo_background_not_white"]
        );
    }

    #[test]
    fn sanitized_photo_still_passes() {
        let jpeg = photo(300, 420, WHITE);
        let mut with_exif = jpeg[..20].to_vec();
        with_exif.extend(segment(0xE1, b"Exif\0\0GPS"));
        with_exif.extend(&jpeg[20..]);
        let mut out = Vec::new();
        let s = crate::files::sanitize(&with_exif[..], &mut out, 25_000_000).unwrap();
        assert_eq!(out, jpeg);
        assert_eq!(
            check_photo(&out[..], s.bytes_written, &PhotoSpec::default()),
            vec![]
        );
    }
}
