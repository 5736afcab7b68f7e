//! Inspection of uploaded proof materials (pure rules over `std::io` streams, no paths, no network).
//!
//! * [`sniff`] decides the file type from magic bytes only — names and declared content types are never trusted.
//! * [`sanitize`] copies an upload to its stored form: JPEG/PNG metadata (EXIF/GPS, XMP, comments, text chunks)
//!   is removed **without re-encoding**, the pixel count is bounded from the header before anything is decoded,
//!   and PDFs with active content are refused.
//! * [`check_photo`] checks a candidate photo against a configurable [`PhotoSpec`].
//!
//! Everything works on streams in bounded chunks: memory does not grow with the file size (JPEG/PNG headers and
//! segments are buffered, at most 64 KiB each; image data is copied chunk by chunk).

mod crc32;
mod jpeg;
mod pdf;
mod photo;
mod png;
mod sniff;
/// Test data generators (a minimal JPEG encoder, synthetic portraits); compiled for tests and for the
/// `testdata` feature, which the black-box test crate enables.
#[cfg(any(test, feature = "testdata"))]
#[allow(dead_code)] // parts are used only by this crate's unit tests
pub mod test_support;

use std::io::{self, BufRead, BufReader, Read, Write};

pub use photo::{check_photo, PhotoProblem, PhotoSpec};
pub use sniff::sniff;

/// Size of the read buffer used while streaming (and of the PDF scan chunks).
pub(crate) const CHUNK: usize = 64 * 1024;

/// A file type accepted for proof materials, decided by magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// JPEG image (`FF D8 FF`).
    Jpeg,
    /// PNG image (`89 50 4E 47 0D 0A 1A 0A`).
    Png,
    /// PDF document (`%PDF-` at offset 0).
    Pdf,
}

impl FileKind {
    /// Stable lower-case name: `"jpeg"`, `"png"` or `"pdf"`.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Pdf => "pdf",
        }
    }

    /// MIME type to store and to serve the file with.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Pdf => "application/pdf",
        }
    }
}

/// Why an upload was refused by [`sanitize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    /// Not a JPEG, PNG or PDF by magic bytes (SVG, HTML, scripts, GIF, WebP, archives, empty input…).
    #[error("file type not allowed")]
    UnsupportedType,
    /// The structure ends early or is malformed (bad segment lengths, CRC mismatch, missing EOI/IEND/%%EOF…).
    #[error("file is corrupt or truncated")]
    Truncated,
    /// The image header declares more pixels than allowed; detected before any decoding.
    #[error("image has too many pixels")]
    TooManyPixels,
    /// A PDF with active content (JavaScript, launch actions, embedded files, rich media, XFA forms).
    #[error("file contains active content")]
    ActiveContent,
    /// Reading the input or writing the output failed.
    #[error("file could not be read")]
    Io,
}

impl InspectError {
    /// Stable snake_case error code for API responses.
    pub fn code(self) -> &'static str {
        match self {
            InspectError::UnsupportedType => "file_type_not_allowed",
            InspectError::Truncated => "file_corrupt",
            InspectError::TooManyPixels => "image_too_many_pixels",
            InspectError::ActiveContent => "file_active_content",
            InspectError::Io => "file_unreadable",
        }
    }
}

impl From<io::Error> for InspectError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            InspectError::Truncated
        } else {
            InspectError::Io
        }
    }
}

/// Result of a successful [`sanitize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized {
    /// Detected type (from magic bytes).
    pub kind: FileKind,
    /// Image width in pixels from the header (`None` for PDF).
    pub width: Option<u32>,
    /// Image height in pixels from the header (`None` for PDF).
    pub height: Option<u32>,
    /// Number of bytes written to the output.
    pub bytes_written: u64,
    /// Distinct kinds of removed content, in order of first appearance, e.g. `"APP1 Exif"`, `"APP1 XMP"`,
    /// `"APP13 Photoshop"`, `"COM"`, `"PNG eXIf"`, `"PNG tEXt"`, `"trailing data"` (bytes after EOI/IEND).
    pub removed_segments: Vec<String>,
}

/// Copies `input` to `output` with metadata removed WITHOUT re-encoding, and reports the image size.
///
/// * **JPEG**: keeps SOI, APP0 (JFIF/JFXX), APP2 (ICC_PROFILE), APP14 (Adobe), DQT, DHT, DAC, DRI, DNL, SOFn, SOS
///   and the entropy-coded data byte for byte (including stuffed bytes and RSTn) up to and including EOI; drops
///   APP1 (Exif/XMP — where GPS lives), every other APPn, COM, reserved markers, and anything after EOI. Markers
///   between the scans of a progressive JPEG are treated like header segments (APPn/COM there are dropped too).
///   Width/height come from the SOFn header and `max_pixels` is enforced as soon as it is read.
/// * **PNG**: IHDR must come first (width/height, `max_pixels` checked before anything else is read); every chunk's
///   CRC-32 is verified; eXIf, tEXt, zTXt, iTXt and tIME are dropped, other chunks copied whole; stops after IEND.
/// * **PDF**: copied unchanged while names are scanned across chunk boundaries; refused with
///   [`InspectError::ActiveContent`] for /JavaScript, /JS, /Launch, /EmbeddedFile(s), /RichMedia*, /XFA (also when
///   written with `#xx` escapes); refused as [`InspectError::Truncated`] without a final `%%EOF`.
///
/// On `Err` the output holds an unspecified prefix and must be discarded. Input after EOI/IEND is not read
/// beyond one buffered chunk.
pub fn sanitize<R: Read, W: Write>(
    input: R,
    output: W,
    max_pixels: u64,
) -> Result<Sanitized, InspectError> {
    let mut input = input;
    let mut head = [0u8; 8];
    let n = read_full(&mut input, &mut head)?;
    let kind = sniff(&head[..n]).ok_or(InspectError::UnsupportedType)?;
    let mut reader = BufReader::with_capacity(CHUNK, io::Cursor::new(&head[..n]).chain(input));
    let mut out = Counting {
        inner: output,
        count: 0,
    };
    let mut removed = Removed::default();
    let dims = match kind {
        FileKind::Jpeg => Some(jpeg::sanitize(
            &mut reader,
            &mut out,
            max_pixels,
            &mut removed,
        )?),
        FileKind::Png => Some(png::sanitize(
            &mut reader,
            &mut out,
            max_pixels,
            &mut removed,
        )?),
        FileKind::Pdf => {
            pdf::sanitize(&mut reader, &mut out)?;
            None
        }
    };
    out.flush()?;
    Ok(Sanitized {
        kind,
        width: dims.map(|d| d.0),
        height: dims.map(|d| d.1),
        bytes_written: out.count,
        removed_segments: removed.0,
    })
}

/// Reads until `buf` is full or the input ends; returns the number of bytes read.
pub(crate) fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// True when the reader has at least one more byte (used to report data after EOI/IEND).
pub(crate) fn has_more<R: BufRead>(r: &mut R) -> bool {
    matches!(r.fill_buf(), Ok(b) if !b.is_empty())
}

/// Distinct labels of removed content (bounded: labels are deduplicated).
#[derive(Default)]
pub(crate) struct Removed(Vec<String>);

impl Removed {
    pub(crate) fn add(&mut self, label: String) {
        if !self.0.contains(&label) {
            self.0.push(label);
        }
    }
}

/// Writer wrapper counting the bytes written.
struct Counting<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disallowed_types_are_refused_before_reading_more() {
        let inputs: &[&[u8]] = &[
            b"",
            b"<svg onload=alert(1)>",
            b"<!doctype html><script>x</script>",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
            b"RIFF\x24\x00\x00\x00WEBPVP8 ",
            b"PK\x03\x04",
            b"\xEF\xBB\xBF%PDF-1.4",
        ];
        for input in inputs {
            let mut out = Vec::new();
            let err = sanitize(*input, &mut out, 1).unwrap_err();
            assert_eq!(err, InspectError::UnsupportedType);
            assert_eq!(err.code(), "file_type_not_allowed");
            assert!(out.is_empty());
        }
    }

    #[test]
    fn error_codes_are_stable() {
        assert_eq!(InspectError::Truncated.code(), "file_corrupt");
        assert_eq!(InspectError::TooManyPixels.code(), "image_too_many_pixels");
        assert_eq!(InspectError::ActiveContent.code(), "file_active_content");
        assert_eq!(InspectError::Io.code(), "file_unreadable");
        assert_eq!(
            InspectError::from(io::Error::from(io::ErrorKind::UnexpectedEof)),
            InspectError::Truncated
        );
        assert_eq!(
            InspectError::from(io::Error::other("disk")),
            InspectError::Io
        );
    }

    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("connection reset"))
        }
    }

    #[test]
    fn read_and_write_failures_are_io_errors() {
        assert_eq!(
            sanitize(Failing, Vec::new(), 1).unwrap_err(),
            InspectError::Io
        );
        let pdf = b"%PDF-1.4\n%%EOF\n";
        assert_eq!(
            sanitize((&pdf[..8]).chain(Failing), Vec::new(), 1).unwrap_err(),
            InspectError::Io
        );
        let full: &mut [u8] = &mut [0u8; 4];
        assert_eq!(sanitize(&pdf[..], full, 1).unwrap_err(), InspectError::Io);
    }
}
