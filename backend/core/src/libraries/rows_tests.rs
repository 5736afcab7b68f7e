use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::libraries::spec::library;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}
fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}
// valid GB 11643 numbers
const ID1: &str = "110105199001011234";

fn valid_id() -> String {
    let first17 = &ID1[..17];
    let check = crate::identity::gb11643_check_char(first17).unwrap();
    format!("{first17}{check}")
}

#[test]
fn chinese_headers_map_through_aliases_and_extra_columns_are_reported() {
    let spec = library("violations").unwrap();
    let m = map_headers(
        spec,
        &headers(&[
            "\u{feff}身份证号",
            "姓名",
            "考试类别",
            "处理类型",
            "起始年度",
            "备注",
        ]),
        &BTreeMap::new(),
    )
    .unwrap();
    assert_eq!(m.positions[1], Some(0)); // id_number
    assert_eq!(m.positions[0], None); // id_type optional
    assert_eq!(m.ignored, vec!["备注".to_string()]);
}

#[test]
fn missing_required_and_duplicate_columns_are_header_errors() {
    let spec = library("violations").unwrap();
    let errs = map_headers(
        spec,
        &headers(&["id_number", "证件号码", "name", "exam_type"]),
        &BTreeMap::new(),
    )
    .unwrap_err()
    .0;
    let codes: Vec<&str> = errs.iter().map(|e| e.code.as_str()).collect();
    assert!(codes.contains(&"duplicate_column"));
    assert!(errs
        .iter()
        .any(|e| e.code == "missing_column" && e.column == "sanction"));
    assert!(errs.iter().all(|e| e.row == 1));
}

#[test]
fn overrides_map_odd_headers_and_unknown_targets_are_rejected() {
    let spec = library("front_line").unwrap();
    let mut o = BTreeMap::new();
    o.insert("人员证件".to_string(), "id_number".to_string());
    let m = map_headers(
        spec,
        &headers(&["人员证件", "姓名", "policy", "valid_year"]),
        &o,
    )
    .unwrap();
    assert_eq!(m.positions[1], Some(0));
    o.insert("x".to_string(), "no_such".to_string());
    let (e, _) = map_headers(
        spec,
        &headers(&["人员证件", "姓名", "policy", "valid_year"]),
        &o,
    )
    .unwrap_err();
    assert_eq!(e[0].code, "mapping_unknown_column");
}

#[test]
fn a_good_row_is_normalised() {
    let spec = library("secondary_education").unwrap();
    let h = headers(&[
        "id_number",
        "name",
        "school",
        "major",
        "enrolled_on",
        "graduated_on",
        "study_years",
        "study_form",
    ]);
    let m = map_headers(spec, &h, &BTreeMap::new()).unwrap();
    let id = valid_id();
    let r = parse_row(
        spec,
        &m,
        2,
        &[
            t(&id.to_lowercase()),
            t(" 张三 "),
            t("卫校"),
            t("临床医学"),
            t("2008/09/01"),
            Cell::Number(40_360.0), // 2010-07-01 as an Excel serial
            Cell::Number(3.0),
            t("full_time"),
        ],
        today(),
    )
    .unwrap();
    assert_eq!(r.id_number.as_deref(), Some(id.as_str()));
    assert_eq!(r.name.as_deref(), Some("张三"));
    assert_eq!(r.values[2].as_deref(), Some("2008-09-01"));
    assert_eq!(r.values[3].as_deref(), Some("2010-07-01"));
    assert_eq!(r.values[4].as_deref(), Some("3"));
}

#[test]
fn bad_cells_give_one_error_each_with_row_and_column() {
    let spec = library("violations").unwrap();
    let h = headers(&[
        "id_number",
        "name",
        "exam_type",
        "sanction",
        "from_year",
        "to_year",
    ]);
    let m = map_headers(spec, &h, &BTreeMap::new()).unwrap();
    let errs = parse_row(
        spec,
        &m,
        7,
        &[
            t("110105199001011230"),
            Cell::Empty,
            t("dentist"),
            t("ban_2y"),
            t("20x6"),
            Cell::Formula("=A1+1".into()),
        ],
        today(),
    )
    .unwrap_err();
    let by_col: BTreeMap<&str, &str> = errs
        .iter()
        .map(|e| (e.column.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(by_col["id_number"], "id_number_invalid");
    assert_eq!(by_col["name"], "required");
    assert_eq!(by_col["exam_type"], "value_not_allowed");
    assert_eq!(by_col["from_year"], "year_invalid");
    assert_eq!(by_col["to_year"], "formula_not_allowed");
    assert!(errs.iter().all(|e| e.row == 7));
}

#[test]
fn dates_accept_common_spellings_and_reject_nonsense() {
    for ok in ["2024-02-29", "2024/2/29", "20240229", "2024.02.29"] {
        let d = parse_date(&t(ok));
        assert_eq!(d, NaiveDate::from_ymd_opt(2024, 2, 29), "{ok}");
    }
    for bad in ["2023-02-29", "29/02/2024", "yesterday"] {
        assert_eq!(parse_date(&t(bad)), None, "{bad}");
    }
}

#[test]
fn code_lists_split_on_both_semicolons() {
    let spec = library("history").unwrap();
    let h = headers(&["id_number", "name", "year", "exam_type", "subjects_passed"]);
    let m = map_headers(spec, &h, &BTreeMap::new()).unwrap();
    let r = parse_row(
        spec,
        &m,
        2,
        &[
            t(&valid_id()),
            t("李四"),
            t("2025"),
            t("health_tech"),
            t("basic；related; "),
        ],
        today(),
    )
    .unwrap();
    let i = spec
        .columns
        .iter()
        .position(|c| c.name == "subjects_passed")
        .unwrap();
    assert_eq!(r.values[i].as_deref(), Some("basic;related"));
}

#[test]
fn institution_rows_have_no_id_columns() {
    let spec = library("institutions").unwrap();
    let m = map_headers(
        spec,
        &headers(&["机构代码", "机构名称", "所属地区"]),
        &BTreeMap::new(),
    )
    .unwrap();
    let r = parse_row(
        spec,
        &m,
        2,
        &[t("H001"), t("郑州市第一人民医院"), t("410100")],
        today(),
    )
    .unwrap();
    assert_eq!(r.id_number, None);
    assert_eq!(r.values[0].as_deref(), Some("H001"));
}
