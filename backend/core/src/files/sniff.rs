//! Magic-byte type detection.

use super::FileKind;

const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG_MAGIC: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const PDF_MAGIC: &[u8] = b"%PDF-";

/// Detects the file type from its first bytes (pass at least 8 when available). JPEG needs `FF D8 FF`, PNG the
/// full 8-byte signature, PDF `%PDF-` at offset 0 (no leading junk). Everything else — SVG, HTML, scripts, GIF,
/// WebP, archives, empty input — is `None`. Never trust file names or declared types instead.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(JPEG_MAGIC) {
        Some(FileKind::Jpeg)
    } else if head.starts_with(PNG_MAGIC) {
        Some(FileKind::Png)
    } else if head.starts_with(PDF_MAGIC) {
        Some(FileKind::Pdf)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_magic_bytes() {
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F']),
            Some(FileKind::Jpeg)
        );
        assert_eq!(sniff(PNG_MAGIC), Some(FileKind::Png));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
    }

    #[test]
    fn everything_else_is_refused() {
        let refused: &[&[u8]] = &[
            b"",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            b"<?xml version=\"1.0\"?><svg/>",
            b"<!DOCTYPE html><html>",
            b"<html><body>",
            b"#!/bin/sh\nrm -rf /",
            b"GIF89a\x01\x00\x01\x00",
            b"RIFF\x10\x00\x00\x00WEBPVP8 ",
            b"PK\x03\x04\x14\x00",
            b"BM6\x00\x00\x00",
            b"  %PDF-1.4",
            b"junk%PDF-1.4",
            &[0xFF, 0xD8],                         // too short for JPEG
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A], // truncated PNG signature
            b"%PDF",
        ];
        for head in refused {
            assert_eq!(sniff(head), None, "{:?}", String::from_utf8_lossy(head));
        }
    }

    #[test]
    fn names_and_content_types() {
        assert_eq!(FileKind::Jpeg.as_str(), "jpeg");
        assert_eq!(FileKind::Png.as_str(), "png");
        assert_eq!(FileKind::Pdf.as_str(), "pdf");
        assert_eq!(FileKind::Jpeg.content_type(), "image/jpeg");
        assert_eq!(FileKind::Png.content_type(), "image/png");
        assert_eq!(FileKind::Pdf.content_type(), "application/pdf");
    }
}
