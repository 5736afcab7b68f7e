//! A school's graduating class list (集体报名, nurse fresh graduates): the spreadsheet a school's registration
//! point uploads for an exam session — one row per student with the resident ID number, name, major, education
//! level and expected graduation date. Pure: the header names it accepts, the checks of each row, the students it
//! lists. The caller reads the file and stores the result (all or nothing).

use chrono::{Datelike, NaiveDate};

use crate::catalog_sheet::{header_columns, SheetError};
use crate::identity::{validate_id_number, validate_person_name, IdType};
use crate::libraries::rows::parse_date;
use crate::libraries::Cell;

/// The columns: (field, accepted header names). `major` and `education_level` are optional.
pub const COLUMNS: &[(&str, &[&str])] = &[
    (
        "id_number",
        &["id_number", "身份证号", "身份证号码", "证件号码"],
    ),
    ("name", &["name", "姓名"]),
    ("major", &["major", "专业"]),
    ("education_level", &["education_level", "学历", "学历层次"]),
    (
        "expected_graduation_on",
        &[
            "expected_graduation_on",
            "预计毕业时间",
            "预计毕业日期",
            "毕业时间",
        ],
    ),
];

const REQUIRED: &[&str] = &["id_number", "name", "expected_graduation_on"];

/// Education levels by code and by the words schools write.
const EDUCATION: &[(&str, &[&str])] = &[
    ("zhongzhuan", &["zhongzhuan", "中专"]),
    ("dazhuan", &["dazhuan", "大专", "专科"]),
    ("benke", &["benke", "本科"]),
    ("shuoshi", &["shuoshi", "硕士", "硕士研究生"]),
    ("boshi", &["boshi", "博士", "博士研究生"]),
];

/// The most rows one list may hold (a school's graduating class, not a province).
pub const MAX_STUDENTS: usize = 5_000;

/// One student of a class list, checked and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassStudent {
    /// the row in the file (header = 1)
    pub row: usize,
    /// the normalised resident ID number
    pub id_number: String,
    pub name: String,
    pub major: Option<String>,
    pub education_level: Option<String>,
    pub expected_graduation_on: NaiveDate,
}

fn text(c: Option<&Cell>) -> Option<String> {
    match c {
        Some(Cell::Text(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        // an ID number typed into Excel as a number keeps its digits (18 digits exceed f64: use text cells)
        Some(Cell::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => {
            Some(format!("{}", *n as i64))
        }
        _ => None,
    }
}

fn error(row: usize, field: &str, code: &'static str) -> SheetError {
    SheetError {
        row,
        field: field.into(),
        code,
    }
}

/// Reads the rows (header first) of a class list for an exam session of `session_year`: fresh graduates
/// graduate in that year (`not_session_year` otherwise); one row per person (`duplicate_in_file`).
pub fn parse(
    rows: impl IntoIterator<Item = Vec<Cell>>,
    session_year: i32,
    today: NaiveDate,
) -> Result<Vec<ClassStudent>, Vec<SheetError>> {
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Err(vec![error(0, "header", "file_empty")]);
    };
    let at = header_columns(&header, COLUMNS, REQUIRED)?;
    let mut errors = Vec::new();
    let mut students: Vec<ClassStudent> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (i, row) in rows.enumerate() {
        let n = i + 2;
        if row.iter().all(|c| matches!(c, Cell::Empty)) {
            continue;
        }
        if row.iter().any(|c| matches!(c, Cell::Formula(_))) {
            errors.push(error(n, "row", "formula_not_allowed"));
            continue;
        }
        let cell = |f: &str| at.get(f).and_then(|&c| row.get(c));
        let before = errors.len();
        let id_number = match text(cell("id_number")) {
            None => {
                errors.push(error(n, "id_number", "required"));
                None
            }
            Some(raw) => match validate_id_number(IdType::ResidentId, &raw, today) {
                Ok(v) => Some(v.normalized),
                Err(e) => {
                    errors.push(error(n, "id_number", e.code()));
                    None
                }
            },
        };
        let name = match text(cell("name")) {
            None => {
                errors.push(error(n, "name", "required"));
                None
            }
            Some(raw) => match validate_person_name(&raw) {
                Ok(v) => Some(v),
                Err(e) => {
                    errors.push(error(n, "name", e.code));
                    None
                }
            },
        };
        let major = text(cell("major"));
        if major.as_ref().is_some_and(|m| m.chars().count() > 60) {
            errors.push(error(n, "major", "too_long"));
        }
        let education_level = match text(cell("education_level")) {
            None => None,
            Some(raw) => match EDUCATION
                .iter()
                .find(|(_, words)| words.contains(&raw.as_str()))
            {
                Some((code, _)) => Some(code.to_string()),
                None => {
                    errors.push(error(n, "education_level", "invalid_value"));
                    None
                }
            },
        };
        let graduation = match cell("expected_graduation_on") {
            None | Some(Cell::Empty) => {
                errors.push(error(n, "expected_graduation_on", "required"));
                None
            }
            Some(c) => match parse_date(c) {
                None => {
                    errors.push(error(n, "expected_graduation_on", "date_invalid"));
                    None
                }
                Some(d) if d.year() != session_year => {
                    errors.push(error(n, "expected_graduation_on", "not_session_year"));
                    None
                }
                Some(d) => Some(d),
            },
        };
        if errors.len() > before {
            continue;
        }
        let (Some(id_number), Some(name), Some(expected_graduation_on)) =
            (id_number, name, graduation)
        else {
            continue;
        };
        if !seen.insert(id_number.clone()) {
            errors.push(error(n, "id_number", "duplicate_in_file"));
            continue;
        }
        students.push(ClassStudent {
            row: n,
            id_number,
            name,
            major,
            education_level,
            expected_graduation_on,
        });
    }
    if students.len() > MAX_STUDENTS {
        errors.push(error(0, "rows", "too_many_rows"));
    }
    if students.is_empty() && errors.is_empty() {
        errors.push(error(0, "rows", "no_rows"));
    }
    if errors.is_empty() {
        Ok(students)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    }

    fn sheet(rows: &[&[&str]]) -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|r| r.iter().map(|c| t(c)).collect())
            .collect()
    }

    const HEADER: &[&str] = &["身份证号", "姓名", "专业", "学历", "预计毕业时间"];
    /// 410105200301010012 with its check character
    fn second_id() -> String {
        let first17 = "41010520030101001";
        format!(
            "{first17}{}",
            crate::identity::gb11643_check_char(first17).unwrap()
        )
    }
    const TODAY: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();

    #[test]
    fn reads_students_with_chinese_headers() {
        let rows = sheet(&[
            HEADER,
            &["11010519491231002x", "王小明", "护理", "大专", "2026-07-01"],
            &["", "", "", "", ""],
            &[&second_id(), "李娜", "", "", "2026/06/30"],
        ]);
        let s = parse(rows, 2026, TODAY()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id_number, "11010519491231002X", "normalised");
        assert_eq!(s[0].education_level.as_deref(), Some("dazhuan"));
        assert_eq!(s[0].major.as_deref(), Some("护理"));
        assert_eq!((s[1].row, s[1].major.as_deref()), (4, None));
        assert_eq!(
            s[1].expected_graduation_on,
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
        );
    }

    #[test]
    fn every_bad_row_is_reported() {
        let rows = sheet(&[
            HEADER,
            &["110105194912310021", "王小明", "护理", "大专", "2026-07-01"],
            &["11010519491231002X", "", "护理", "高中", "2025-07-01"],
            &["11010519491231002X", "张三", "护理", "大专", "2026-07-01"],
            &["11010519491231002X", "张三", "护理", "大专", "2026-07-01"],
            &[&second_id(), "李娜", "护理", "", "明年"],
        ]);
        let errors = parse(rows, 2026, TODAY()).unwrap_err();
        let got: Vec<(usize, &str, &str)> = errors
            .iter()
            .map(|e| (e.row, e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "id_number", "id_number_checksum"),
                (3, "name", "required"),
                (3, "education_level", "invalid_value"),
                (3, "expected_graduation_on", "not_session_year"),
                (5, "id_number", "duplicate_in_file"),
                (6, "expected_graduation_on", "date_invalid"),
            ]
        );
    }

    #[test]
    fn header_problems_come_first() {
        let errors = parse(sheet(&[&["姓名", "专业"]]), 2026, TODAY()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["id_number", "expected_graduation_on"]);
        assert!(errors
            .iter()
            .all(|e| e.code == "column_missing" && e.row == 0));
        assert_eq!(
            parse(Vec::<Vec<Cell>>::new(), 2026, TODAY()).unwrap_err()[0].code,
            "file_empty"
        );
        assert_eq!(
            parse(sheet(&[HEADER]), 2026, TODAY()).unwrap_err()[0].code,
            "no_rows"
        );
    }

    #[test]
    fn formulas_are_refused() {
        let mut rows = sheet(&[
            HEADER,
            &["11010519491231002X", "王小明", "", "", "2026-07-01"],
        ]);
        rows[1][1] = Cell::Formula("=A1".into());
        assert_eq!(
            parse(rows, 2026, TODAY()).unwrap_err()[0].code,
            "formula_not_allowed"
        );
    }
}
