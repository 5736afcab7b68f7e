//! PDF pass-through with a streaming scan for active content.
//!
//! The scanner is a byte-level state machine, so a name split across read chunks is still seen whole (its state is
//! the "overlap"). PDF names are decoded (`/J#61vaScript` is `/JavaScript`) and compared exactly, which avoids
//! false hits such as `/JSON`. Inside `stream … endstream` bodies (mostly compressed image data, effectively random
//! bytes) the short name `/JS` is ignored to avoid chance matches; the longer names are still checked there, which
//! also covers uncompressed object streams (every JavaScript action carries `/S /JavaScript`).
//!
//! Not covered: content hidden inside *compressed* object streams (no inflate here).

use std::io::{BufRead, Write};

use super::InspectError;

/// `%%EOF` must appear within this many bytes of the end (the usual reader tolerance).
const EOF_WINDOW: u64 = 1024;
/// Decoded name bytes kept for comparison (longer names only matter by prefix).
const NAME_KEEP: usize = 32;

/// Copies a PDF unchanged from `r` to `w`, refusing active content and truncated files.
pub(crate) fn sanitize<R: BufRead, W: Write>(r: &mut R, w: &mut W) -> Result<(), InspectError> {
    let mut scanner = Scanner::default();
    loop {
        let n = {
            let buf = r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            scanner.feed(buf);
            if scanner.hit.is_some() {
                return Err(InspectError::ActiveContent);
            }
            w.write_all(buf)?;
            buf.len()
        };
        r.consume(n);
    }
    scanner.finish();
    if scanner.hit.is_some() {
        return Err(InspectError::ActiveContent);
    }
    match scanner.last_eof_end {
        Some(end) if scanner.pos - end <= EOF_WINDOW => Ok(()),
        _ => Err(InspectError::Truncated),
    }
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum State {
    #[default]
    Normal,
    /// Inside a name after `/`.
    Name,
    /// After `#` in a name.
    Hex1,
    /// After `#` and one hex digit.
    Hex2(u8),
}

#[derive(Default)]
pub(crate) struct Scanner {
    state: State,
    name: [u8; NAME_KEEP],
    name_len: usize,
    in_stream: bool,
    /// Last 16 bytes, most recent in the low byte.
    recent: u128,
    /// Bytes seen so far.
    pos: u64,
    /// Offset just after the last `%%EOF`.
    last_eof_end: Option<u64>,
    /// First active-content name found.
    pub(crate) hit: Option<&'static str>,
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'\0'
            | b'\t'
            | b'\n'
            | 0x0C
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

const fn tail(word: &[u8]) -> u128 {
    let mut v = 0u128;
    let mut i = 0;
    while i < word.len() {
        v = (v << 8) | word[i] as u128;
        i += 1;
    }
    v
}

const fn mask(n: u32) -> u128 {
    (1u128 << (8 * n)) - 1
}

impl Scanner {
    pub(crate) fn feed(&mut self, buf: &[u8]) {
        for &b in buf {
            self.byte(b);
            if self.hit.is_some() {
                return;
            }
        }
    }

    /// End of input: a name may run up to the last byte.
    pub(crate) fn finish(&mut self) {
        if self.state != State::Normal {
            self.end_name();
        }
    }

    fn byte(&mut self, b: u8) {
        self.pos += 1;
        self.recent = (self.recent << 8) | u128::from(b);
        if self.recent & mask(5) == tail(b"%%EOF") {
            self.last_eof_end = Some(self.pos);
        }
        if self.recent & mask(9) == tail(b"endstream") {
            self.in_stream = false;
        } else if self.recent & mask(6) == tail(b"stream")
            && is_delimiter(((self.recent >> 48) & 0xFF) as u8)
        {
            self.in_stream = true;
        }
        self.token(b);
    }

    /// Name state machine.
    fn token(&mut self, b: u8) {
        match self.state {
            State::Normal => {
                if b == b'/' {
                    self.state = State::Name;
                    self.name_len = 0;
                }
            }
            State::Name => {
                if b == b'#' {
                    self.state = State::Hex1;
                } else if is_delimiter(b) {
                    self.end_name();
                    if b == b'/' {
                        self.state = State::Name;
                        self.name_len = 0;
                    }
                } else {
                    self.push(b);
                }
            }
            State::Hex1 => match hex(b) {
                Some(h) => self.state = State::Hex2(h),
                None => {
                    // Not an escape: keep `#` literally and reprocess this byte as part of the name.
                    self.push(b'#');
                    self.state = State::Name;
                    self.token(b);
                }
            },
            State::Hex2(h) => match hex(b) {
                Some(l) => {
                    self.push(h << 4 | l);
                    self.state = State::Name;
                }
                None => {
                    self.push(b'#');
                    self.push(b"0123456789ABCDEF"[usize::from(h)]);
                    self.state = State::Name;
                    self.token(b);
                }
            },
        }
    }

    fn push(&mut self, b: u8) {
        if self.name_len < NAME_KEEP {
            self.name[self.name_len] = b;
        }
        self.name_len = self.name_len.saturating_add(1);
    }

    fn end_name(&mut self) {
        self.state = State::Normal;
        let kept = &self.name[..self.name_len.min(NAME_KEEP)];
        let exact = |n: &[u8]| self.name_len == n.len() && kept == n;
        self.hit = if exact(b"JavaScript") {
            Some("JavaScript")
        } else if exact(b"JS") && !self.in_stream {
            Some("JS")
        } else if exact(b"Launch") {
            Some("Launch")
        } else if exact(b"XFA") {
            Some("XFA")
        } else if kept.starts_with(b"EmbeddedFile") {
            Some("EmbeddedFile")
        } else if kept.starts_with(b"RichMedia") {
            Some("RichMedia")
        } else {
            self.hit
        };
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::Trickle;
    use super::super::{sanitize, FileKind, InspectError, CHUNK};

    fn pdf(body: &str) -> Vec<u8> {
        format!(
            "%PDF-1.7\n%\u{e2}\u{e3}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {body} >>\nendobj\n\
             2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        )
        .into_bytes()
    }

    fn check(input: &[u8], step: usize) -> Result<Vec<u8>, InspectError> {
        let mut out = Vec::new();
        let s = sanitize(Trickle { data: input, step }, &mut out, 0)?;
        assert_eq!(s.kind, FileKind::Pdf);
        assert_eq!((s.width, s.height), (None, None));
        assert_eq!(s.bytes_written, out.len() as u64);
        assert!(s.removed_segments.is_empty());
        Ok(out)
    }

    #[test]
    fn clean_pdf_passes_unchanged() {
        let mut input =
            pdf("/OpenAction [3 0 R /Fit] /Metadata 4 0 R /Names << /Dests 5 0 R >> /JSON 1");
        // A binary image stream that happens to contain "/JS " must not trigger (names in stream data are noise).
        let stream = b"4 0 obj\n<< /Length 20 /Filter /DCTDecode >>\nstream\n\xff\xd8/JS \x00\x01\x02endstream\nendobj\n";
        let at = input.len() - 6;
        input.splice(at..at, stream.iter().copied());
        for step in [1, 2, 7, 100, usize::MAX] {
            assert_eq!(check(&input, step).unwrap(), input, "step {step}");
        }
    }

    #[test]
    fn javascript_split_across_every_chunk_boundary_is_found() {
        let input = pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>");
        for step in 1..=40 {
            assert_eq!(
                check(&input, step).unwrap_err(),
                InspectError::ActiveContent,
                "step {step}"
            );
        }
    }

    #[test]
    fn javascript_split_at_the_internal_buffer_boundary_is_found() {
        // The first 8 bytes are sniffed separately, then the body is read in CHUNK-sized pieces.
        let prefix = "%PDF-1.7\n%";
        let token = "/JavaScript";
        for split in 1..token.len() {
            let pad = 8 + CHUNK - prefix.len() - split - 1;
            let mut s = String::from(prefix);
            s.push_str(&"x".repeat(pad));
            s.push('\n');
            s.push_str(token);
            s.push_str(" 5 0 R\n%%EOF\n");
            assert_eq!(s.as_bytes()[8 + CHUNK], token.as_bytes()[split]);
            let err = sanitize(s.as_bytes(), &mut Vec::new(), 0).unwrap_err();
            assert_eq!(err, InspectError::ActiveContent, "split {split}");
        }
    }

    #[test]
    fn every_active_content_name_is_refused() {
        let bodies = [
            "/Names << /JavaScript 3 0 R >>",
            "/AA << /O << /S /JavaScript /JS 7 0 R >> >>",
            "/OpenAction << /JS (x) >>",
            "/OpenAction << /S /Launch /F (cmd.exe) >>",
            "/Names << /EmbeddedFiles 6 0 R >>",
            "/Type /EmbeddedFile",
            "/Annots [<< /Subtype /RichMedia >>]",
            "/RichMediaContent 8 0 R",
            "/AcroForm << /XFA 9 0 R >>",
            "/OpenAction << /S /J#61vaScript /J#53 (x) >>",
            "/A<</S/Launch>>",
        ];
        for body in bodies {
            let err = check(&pdf(body), usize::MAX).unwrap_err();
            assert_eq!(err, InspectError::ActiveContent, "{body}");
            assert_eq!(err.code(), "file_active_content");
        }
        // Uncompressed object streams are scanned too (long names only).
        let mut input = pdf("");
        let at = input.len() - 6;
        let objstm = b"5 0 obj\n<< /Type /ObjStm >>\nstream\n<< /S /JavaScript /JS (x) >>\nendstream\nendobj\n";
        input.splice(at..at, objstm.iter().copied());
        assert_eq!(check(&input, 3).unwrap_err(), InspectError::ActiveContent);
        // A name at the very end of the input is checked as well.
        assert_eq!(
            check(b"%PDF-1.4\n%%EOF\n/Launch", 4).unwrap_err(),
            InspectError::ActiveContent
        );
    }

    #[test]
    fn similar_but_harmless_names_pass() {
        for body in [
            "/JSON 1",
            "/JavaScripts 1",
            "/LaunchDate 1",
            "/XFAx 1",
            "/JS#",
            "/Javascript 1",
        ] {
            assert!(check(&pdf(body), 5).is_ok(), "{body}");
        }
    }

    #[test]
    fn truncated_pdfs_are_corrupt() {
        let input = pdf("");
        assert_eq!(
            check(&input[..input.len() / 2], 9).unwrap_err(),
            InspectError::Truncated
        );
        assert_eq!(check(b"%PDF-1.4", 9).unwrap_err(), InspectError::Truncated);
        // %%EOF followed by more than 1 KiB (an update cut off before its own %%EOF).
        let mut cut = input.clone();
        cut.extend(std::iter::repeat_n(b' ', 1100));
        assert_eq!(check(&cut, 64).unwrap_err(), InspectError::Truncated);
        // A little whitespace after %%EOF is fine.
        let mut tail = input.clone();
        tail.extend(b"\r\n\r\n");
        assert!(check(&tail, 64).is_ok());
    }
}
