//! A season's exam catalog as a spreadsheet (CSV or XLSX, one row per subject of a specialty): the header
//! names it accepts, the checks of each row, and the de-duplicated levels, categories, specialties and subjects
//! it describes. Pure: the caller reads the file and writes the result.

use std::collections::BTreeMap;

use crate::libraries::Cell;

/// The columns: (field, accepted header names). `category_*` are optional (physician categories).
pub const COLUMNS: &[(&str, &[&str])] = &[
    ("level_code", &["level_code", "级别代码"]),
    ("level_name", &["level_name", "级别名称", "级别"]),
    ("category_code", &["category_code", "类别代码"]),
    ("category_name", &["category_name", "类别名称", "类别"]),
    ("specialty_code", &["specialty_code", "专业代码"]),
    ("specialty_name", &["specialty_name", "专业名称", "专业"]),
    ("subject_code", &["subject_code", "科目代码"]),
    ("subject_name", &["subject_name", "科目名称", "科目"]),
];

const REQUIRED: &[&str] = &[
    "level_code",
    "level_name",
    "specialty_code",
    "specialty_name",
    "subject_code",
    "subject_name",
];

/// A problem of the file: `row` is 1-based as a spreadsheet shows it (the header is row 1; 0 = the header
/// itself is wrong).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    pub row: usize,
    pub field: String,
    pub code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Specialty {
    pub code: String,
    pub name: String,
    pub level_code: String,
    pub category_code: Option<String>,
    /// (code, name) in file order
    pub subjects: Vec<(String, String)>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CatalogSheet {
    /// code → name, in file order
    pub levels: Vec<(String, String)>,
    pub categories: Vec<(String, String)>,
    pub specialties: Vec<Specialty>,
}

fn text(c: Option<&Cell>) -> Option<String> {
    match c {
        Some(Cell::Text(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        // codes typed into Excel lose their zeros otherwise ("001" → 1): numbers are taken as written
        Some(Cell::Number(n)) if n.fract() == 0.0 => Some(format!("{}", *n as i64)),
        Some(Cell::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn code_ok(c: &str) -> bool {
    (1..=16).contains(&c.len())
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Where each known column of a sheet's header row is: `columns` lists (field, accepted header names);
/// every `required` field without a column is a `column_missing` problem of row 0. Shared by the sheets a
/// region or a school uploads (the catalog, a class list).
pub fn header_columns(
    header: &[Cell],
    columns: &[(&'static str, &[&str])],
    required: &[&str],
) -> Result<BTreeMap<&'static str, usize>, Vec<SheetError>> {
    let mut at = BTreeMap::new();
    for (i, cell) in header.iter().enumerate() {
        if let Some(h) = text(Some(cell)) {
            if let Some((field, _)) = columns
                .iter()
                .find(|(_, names)| names.contains(&h.as_str()))
            {
                at.insert(*field, i);
            }
        }
    }
    let missing: Vec<SheetError> = required
        .iter()
        .filter(|f| !at.contains_key(*f))
        .map(|f| SheetError {
            row: 0,
            field: f.to_string(),
            code: "column_missing",
        })
        .collect();
    if missing.is_empty() {
        Ok(at)
    } else {
        Err(missing)
    }
}

/// Reads the rows (header first). Health-tech specialty codes are three digits (`three_digit_codes`).
pub fn parse(
    rows: impl IntoIterator<Item = Vec<Cell>>,
    three_digit_codes: bool,
) -> Result<CatalogSheet, Vec<SheetError>> {
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Err(vec![SheetError {
            row: 0,
            field: "header".into(),
            code: "file_empty",
        }]);
    };
    let at = header_columns(&header, COLUMNS, REQUIRED)?;
    let mut errors = Vec::new();
    let mut sheet = CatalogSheet::default();
    let mut seen_subject: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, row) in rows.enumerate() {
        let n = i + 2;
        let get = |f: &str| at.get(f).and_then(|&c| text(row.get(c)));
        if row.iter().all(|c| matches!(c, Cell::Empty)) {
            continue;
        }
        if row.iter().any(|c| matches!(c, Cell::Formula(_))) {
            errors.push(SheetError {
                row: n,
                field: "row".into(),
                code: "formula_not_allowed",
            });
            continue;
        }
        let mut field = |f: &str| -> Option<String> {
            let v = get(f);
            if v.is_none() && REQUIRED.contains(&f) {
                errors.push(SheetError {
                    row: n,
                    field: f.into(),
                    code: "required",
                });
            }
            v
        };
        let (lc, ln, cc, cn, sc, sn, uc, un) = (
            field("level_code"),
            field("level_name"),
            field("category_code"),
            field("category_name"),
            field("specialty_code"),
            field("specialty_name"),
            field("subject_code"),
            field("subject_name"),
        );
        let (Some(lc), Some(ln), Some(sc), Some(sn), Some(uc), Some(un)) = (lc, ln, sc, sn, uc, un)
        else {
            continue;
        };
        let mut bad = |f: &str, code: &'static str| {
            errors.push(SheetError {
                row: n,
                field: f.into(),
                code,
            })
        };
        if !code_ok(&lc) {
            bad("level_code", "code_invalid");
        }
        if !code_ok(&uc) {
            bad("subject_code", "code_invalid");
        }
        let spec_ok = if three_digit_codes {
            sc.len() == 3 && sc.bytes().all(|b| b.is_ascii_digit())
        } else {
            code_ok(&sc)
        };
        if !spec_ok {
            bad("specialty_code", "specialty_code_invalid");
        }
        if cc.is_some() != cn.is_some() {
            bad("category_code", "category_incomplete");
        }
        if let Some(c) = &cc {
            if !code_ok(c) {
                bad("category_code", "code_invalid");
            }
        }
        // the same code must mean the same thing on every row
        match sheet.levels.iter().find(|(c, _)| *c == lc) {
            Some((_, name)) if *name != ln => bad("level_name", "conflicts_with_earlier_row"),
            Some(_) => {}
            None => sheet.levels.push((lc.clone(), ln.clone())),
        }
        if let (Some(cc), Some(cn)) = (&cc, &cn) {
            match sheet.categories.iter().find(|(c, _)| c == cc) {
                Some((_, name)) if name != cn => bad("category_name", "conflicts_with_earlier_row"),
                Some(_) => {}
                None => sheet.categories.push((cc.clone(), cn.clone())),
            }
        }
        let idx = match sheet.specialties.iter().position(|s| s.code == sc) {
            Some(p) => {
                let s = &sheet.specialties[p];
                if s.name != sn || s.level_code != lc || s.category_code != cc {
                    bad("specialty_code", "conflicts_with_earlier_row");
                    continue;
                }
                p
            }
            None => {
                sheet.specialties.push(Specialty {
                    code: sc.clone(),
                    name: sn,
                    level_code: lc,
                    category_code: cc,
                    subjects: vec![],
                });
                sheet.specialties.len() - 1
            }
        };
        if seen_subject.insert((sc.clone(), uc.clone()), n).is_some() {
            bad("subject_code", "duplicate_subject");
            continue;
        }
        sheet.specialties[idx].subjects.push((uc, un));
    }
    if errors.is_empty() && sheet.specialties.is_empty() {
        errors.push(SheetError {
            row: 0,
            field: "rows".into(),
            code: "no_rows",
        });
    }
    if errors.is_empty() {
        Ok(sheet)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_string())
                }
            })
            .collect()
    }

    const HEADER: &[&str] = &[
        "级别代码",
        "级别名称",
        "专业代码",
        "专业名称",
        "科目代码",
        "科目名称",
    ];

    #[test]
    fn rows_become_levels_specialties_and_subjects() {
        let sheet = parse(
            vec![
                row(HEADER),
                row(&["shi", "师", "203", "护理学", "basic", "基础知识"]),
                row(&["shi", "师", "203", "护理学", "practice", "专业实践能力"]),
                row(&["zhongji", "中级", "368", "内科护理", "basic", "基础知识"]),
                row(&["", "", "", "", "", ""]),
            ],
            true,
        )
        .unwrap();
        assert_eq!(
            sheet.levels,
            vec![
                ("shi".into(), "师".into()),
                ("zhongji".into(), "中级".into())
            ]
        );
        assert_eq!(sheet.specialties.len(), 2);
        assert_eq!(sheet.specialties[0].subjects.len(), 2);
        assert_eq!(sheet.specialties[1].level_code, "zhongji");
    }

    #[test]
    fn english_headers_and_numeric_codes_are_accepted() {
        let sheet = parse(
            vec![
                row(&[
                    "level_code",
                    "level_name",
                    "category_code",
                    "category_name",
                    "specialty_code",
                    "specialty_name",
                    "subject_code",
                    "subject_name",
                ]),
                vec![
                    Cell::Text("practising".into()),
                    Cell::Text("执业医师".into()),
                    Cell::Text("clinical".into()),
                    Cell::Text("临床".into()),
                    Cell::Number(101.0),
                    Cell::Text("临床执业医师".into()),
                    Cell::Number(1.0),
                    Cell::Text("医学综合".into()),
                ],
            ],
            false,
        )
        .unwrap();
        assert_eq!(sheet.categories, vec![("clinical".into(), "临床".into())]);
        assert_eq!(sheet.specialties[0].code, "101");
        assert_eq!(sheet.specialties[0].subjects[0].0, "1");
    }

    #[test]
    fn every_bad_row_is_named() {
        let errors = parse(
            vec![
                row(HEADER),
                row(&["shi", "师", "20", "护理学", "basic", "基础知识"]),
                row(&["shi", "护师", "204", "药学", "basic", "基础知识"]),
                row(&["shi", "师", "205", "检验", "", "基础知识"]),
                row(&["shi", "师", "206", "影像", "basic", "基础知识"]),
                row(&["shi", "师", "206", "影像", "basic", "基础知识"]),
                row(&["shi", "师", "206", "放射", "x", "x"]),
            ],
            true,
        )
        .unwrap_err();
        let got: Vec<(usize, &str, &str)> = errors
            .iter()
            .map(|e| (e.row, e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "specialty_code", "specialty_code_invalid"),
                (3, "level_name", "conflicts_with_earlier_row"),
                (4, "subject_code", "required"),
                (6, "subject_code", "duplicate_subject"),
                (7, "specialty_code", "conflicts_with_earlier_row"),
            ]
        );
    }

    #[test]
    fn headers_and_empty_files_are_checked() {
        let e = parse(vec![row(&["专业代码", "专业名称"])], true).unwrap_err();
        assert!(e.iter().all(|e| e.row == 0 && e.code == "column_missing"));
        assert_eq!(e.len(), 4);
        let e = parse(Vec::<Vec<Cell>>::new(), true).unwrap_err();
        assert_eq!(e[0].code, "file_empty");
        let e = parse(vec![row(HEADER)], true).unwrap_err();
        assert_eq!(e[0].code, "no_rows");
        let e = parse(vec![row(HEADER), vec![Cell::Formula("=A1".into())]], true).unwrap_err();
        assert_eq!(e[0].code, "formula_not_allowed");
    }
}
