//! Reading import files: CSV (UTF-8 with or without BOM, or GB18030 as saved by Excel on Chinese Windows) and
//! XLSX (first worksheet; formulas are reported, never evaluated). Both yield rows of [`Cell`]s.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use weikao_core::libraries::Cell;

/// The two accepted file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// From the file's first bytes: a ZIP signature is XLSX, anything else is taken as CSV.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// Problems with a file as a whole.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("the file has no header row")]
    Empty,
    #[error("the workbook cannot be read: {0}")]
    BadWorkbook(String),
    #[error("the CSV cannot be read at line {0}")]
    BadCsv(u64),
    #[error("the text is neither UTF-8 nor GB18030")]
    Encoding,
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Empty => "file_empty",
            ReadError::BadWorkbook(_) => "xlsx_unreadable",
            ReadError::BadCsv(_) => "csv_unreadable",
            ReadError::Encoding => "encoding_unsupported",
        }
    }
}

/// The text encoding of a CSV file, decided for the whole file: a GB18030 field can be valid UTF-8 by accident
/// (专业 is D7 A8 D2 B5 in GB18030, two valid UTF-8 sequences), so fields are never guessed one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// nothing but ASCII seen so far: the first field with other bytes decides
    Undecided,
    Utf8,
    Gb18030,
}

impl Encoding {
    /// From the file's first bytes (a sample of up to 64 KiB): valid UTF-8 with non-ASCII text is UTF-8 (a
    /// sequence cut at the sample's end does not count against it), invalid UTF-8 is GB18030.
    pub fn sniff(head: &[u8]) -> Encoding {
        match std::str::from_utf8(head) {
            Ok(s) if s.is_ascii() => Encoding::Undecided,
            Ok(_) => Encoding::Utf8,
            Err(e) if e.error_len().is_none() => {
                if head[..e.valid_up_to()].is_ascii() {
                    Encoding::Undecided
                } else {
                    Encoding::Utf8
                }
            }
            Err(_) => Encoding::Gb18030,
        }
    }
}

fn decode(field: &[u8], enc: &mut Encoding) -> Result<String, ReadError> {
    if field.is_ascii() {
        return Ok(String::from_utf8_lossy(field).into_owned());
    }
    if *enc == Encoding::Undecided {
        *enc = Encoding::sniff(field);
    }
    match enc {
        Encoding::Utf8 | Encoding::Undecided => std::str::from_utf8(field)
            .map(str::to_string)
            .map_err(|_| ReadError::Encoding),
        Encoding::Gb18030 => {
            let (s, _, bad) = encoding_rs::GB18030.decode(field);
            if bad {
                Err(ReadError::Encoding)
            } else {
                Ok(s.into_owned())
            }
        }
    }
}

/// Rows of a file, header first. CSV is streamed; an XLSX sheet is read whole (the format requires it).
pub enum Rows {
    Csv(csv::ByteRecordsIntoIter<BufReader<File>>, Encoding),
    Xlsx(std::vec::IntoIter<Vec<Cell>>),
}

impl Iterator for Rows {
    type Item = Result<Vec<Cell>, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Csv(it, enc) => {
                let rec = it.next()?;
                Some(match rec {
                    Err(e) => Err(ReadError::BadCsv(e.position().map_or(0, |p| p.line()))),
                    Ok(rec) => rec
                        .iter()
                        .map(|f| {
                            decode(f, enc).map(|s| {
                                if s.trim().is_empty() {
                                    Cell::Empty
                                } else {
                                    Cell::Text(s)
                                }
                            })
                        })
                        .collect(),
                })
            }
            Rows::Xlsx(it) => it.next().map(Ok),
        }
    }
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let serial = dt.as_f64().floor() as i64;
            chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .map(|base| Cell::Date(base + chrono::Duration::days(serial)))
                .unwrap_or(Cell::Empty)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Formula(format!("{e:?}")),
    }
}

fn read_xlsx(path: &Path) -> Result<Vec<Vec<Cell>>, ReadError> {
    let bad = |e: calamine::XlsxError| ReadError::BadWorkbook(e.to_string());
    let mut wb: Xlsx<_> = calamine::open_workbook(path).map_err(bad)?;
    let Some(sheet) = wb.sheet_names().first().cloned() else {
        return Err(ReadError::Empty);
    };
    let values = wb.worksheet_range(&sheet).map_err(bad)?;
    let formulas = wb.worksheet_formula(&sheet).map_err(bad)?;
    let (r0, c0) = values.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = values
        .rows()
        .map(|r| r.iter().map(cell_of).collect())
        .collect();
    // a formula cell is reported as such whatever its cached value
    if let Some((fr, fc)) = formulas.start() {
        for (i, row) in formulas.rows().enumerate() {
            for (j, f) in row.iter().enumerate() {
                if f.is_empty() {
                    continue;
                }
                let (r, c) = (
                    (fr as usize + i).checked_sub(r0 as usize),
                    (fc as usize + j).checked_sub(c0 as usize),
                );
                if let (Some(r), Some(c)) = (r, c) {
                    if let Some(row) = rows.get_mut(r) {
                        if row.len() <= c {
                            row.resize(c + 1, Cell::Empty);
                        }
                        row[c] = Cell::Formula(f.clone());
                    }
                }
            }
        }
    }
    // files that start below row 1 or right of column A keep their shape
    if r0 > 0 || c0 > 0 {
        for row in rows.iter_mut() {
            let mut padded = vec![Cell::Empty; c0 as usize];
            padded.append(row);
            *row = padded;
        }
        let mut blank = vec![Vec::new(); r0 as usize];
        blank.append(&mut rows);
        rows = blank;
    }
    Ok(rows)
}

/// Opens a file for reading rows.
pub fn open(path: &Path, format: Format) -> Result<Rows, ReadError> {
    match format {
        Format::Csv => {
            let mut head = Vec::with_capacity(64 * 1024);
            {
                use std::io::Read;
                File::open(path)
                    .and_then(|f| f.take(64 * 1024).read_to_end(&mut head))
                    .map_err(|_| ReadError::Empty)?;
            }
            let f = File::open(path).map_err(|_| ReadError::Empty)?;
            let rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(BufReader::with_capacity(1 << 20, f));
            Ok(Rows::Csv(rdr.into_byte_records(), Encoding::sniff(&head)))
        }
        Format::Xlsx => Ok(Rows::Xlsx(read_xlsx(path)?.into_iter())),
    }
}

/// Every row of a small file (a catalog, a class list), its format told by its first four bytes.
pub fn read_all(path: &Path) -> Result<Vec<Vec<Cell>>, ReadError> {
    let mut head = Vec::with_capacity(4);
    {
        use std::io::Read;
        File::open(path)
            .and_then(|f| f.take(4).read_to_end(&mut head))
            .map_err(|_| ReadError::Empty)?;
    }
    open(path, Format::sniff(&head))?.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_fields_are_decoded_and_invalid_bytes_refused() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("身份证号");
        assert_eq!(decode(&gbk, &mut Encoding::Undecided).unwrap(), "身份证号");
        assert_eq!(
            decode("姓名".as_bytes(), &mut Encoding::Undecided).unwrap(),
            "姓名"
        );
        assert_eq!(
            decode(&[0x81, 0x20], &mut Encoding::Gb18030),
            Err(ReadError::Encoding)
        );
        assert_eq!(
            decode(&gbk, &mut Encoding::Utf8),
            Err(ReadError::Encoding),
            "a UTF-8 file with a GB18030 field is refused, not guessed"
        );
    }

    #[test]
    fn the_encoding_is_the_files_not_each_fields() {
        // 专业 in GB18030 happens to be valid UTF-8: decided by the file, it is read as 专业
        let (zhuanye, _, _) = encoding_rs::GB18030.encode("专业");
        assert!(std::str::from_utf8(&zhuanye).is_ok());
        let (file, _, _) = encoding_rs::GB18030.encode("身份证号,姓名,专业\n1,王小明,护理\n");
        assert_eq!(Encoding::sniff(&file), Encoding::Gb18030);
        let mut enc = Encoding::sniff(&file);
        assert_eq!(decode(&zhuanye, &mut enc).unwrap(), "专业");
        assert_eq!(Encoding::sniff("姓名,专业\n".as_bytes()), Encoding::Utf8);
        assert_eq!(Encoding::sniff(b"name,major\n"), Encoding::Undecided);
        // a UTF-8 sample cut inside a character is still UTF-8
        let utf8 = "姓名,专业".as_bytes();
        assert_eq!(Encoding::sniff(&utf8[..utf8.len() - 1]), Encoding::Utf8);
        // undecided until the first non-ASCII field
        let mut enc = Encoding::Undecided;
        assert_eq!(decode(b"name", &mut enc).unwrap(), "name");
        assert_eq!(enc, Encoding::Undecided);
        let (gb, _, _) = encoding_rs::GB18030.encode("王小明");
        assert_eq!(decode(&gb, &mut enc).unwrap(), "王小明");
        assert_eq!(enc, Encoding::Gb18030);
    }

    #[test]
    fn zip_signature_means_xlsx() {
        assert_eq!(Format::sniff(b"PK\x03\x04rest"), Format::Xlsx);
        assert_eq!(Format::sniff("身份证号,姓名".as_bytes()), Format::Csv);
    }
}
