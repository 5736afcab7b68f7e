//! Turning the cells of an import file into validated library rows: header mapping, per-cell parsing, and
//! duplicate detection. Every problem becomes a [`RowError`] with the file row (1-based, the header is row 1),
//! the column and a stable code, so the caller can write an error report.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::spec::{ColType, ColumnSpec, LibrarySpec, ID_NUMBER, ID_TYPE, NAME};
use crate::identity::{validate_id_number, IdType};

/// One cell as read from CSV or XLSX.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// An XLSX date cell already converted.
    Date(NaiveDate),
    /// An XLSX cell holding a formula: never imported (its cached value may be stale or crafted).
    Formula(String),
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// File row, 1-based; the header is row 1; 0 for problems with the file as a whole.
    pub row: u32,
    /// Canonical column name (or the header as written for header problems).
    pub column: String,
    /// Stable code, e.g. `id_number_invalid`, `date_invalid`, `duplicate_row`.
    pub code: String,
    /// Human-readable message (Chinese, for the province's operators).
    pub message: String,
}

impl RowError {
    fn new(row: u32, column: &str, code: &str, message: String) -> RowError {
        RowError {
            row,
            column: column.to_string(),
            code: code.to_string(),
            message,
        }
    }
}

/// A validated row, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryRow {
    pub row: u32,
    /// Normalised ID number (ID-keyed libraries).
    pub id_number: Option<String>,
    pub name: Option<String>,
    /// Values of the library's typed columns, in spec order, as PostgreSQL text input (`None` = NULL).
    pub values: Vec<Option<String>>,
}

/// All the columns a file must or may have, implicit ID columns first.
pub fn file_columns(spec: &LibrarySpec) -> Vec<ColumnSpec> {
    let mut cols = Vec::new();
    if spec.keyed_by_id {
        cols.extend([ID_TYPE, ID_NUMBER, NAME]);
    }
    cols.extend(spec.columns.iter().copied());
    cols
}

/// Where each of [`file_columns`] is in the file (`None` = absent, optional column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    pub positions: Vec<Option<usize>>,
    /// Headers that match no column: ignored, and listed in the report.
    pub ignored: Vec<String>,
}

fn norm_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
}

/// Maps the header row to the library's columns. `overrides` maps a header as written to a canonical column
/// name and wins over the built-in aliases. A missing required column, a header naming a column twice, or an
/// override to a column the library does not have is an error on row 1; nothing can be imported then, and the
/// error comes with the headers that matched nothing.
pub fn map_headers(
    spec: &LibrarySpec,
    headers: &[String],
    overrides: &BTreeMap<String, String>,
) -> Result<HeaderMap, (Vec<RowError>, Vec<String>)> {
    let cols = file_columns(spec);
    let mut errors = Vec::new();
    let overrides: HashMap<String, &String> =
        overrides.iter().map(|(k, v)| (norm_header(k), v)).collect();
    for (from, to) in &overrides {
        if !cols.iter().any(|c| c.name == to.as_str()) {
            errors.push(RowError::new(
                1,
                from,
                "mapping_unknown_column",
                format!("映射目标列 {to} 不存在于 {}", spec.name_zh),
            ));
        }
    }
    let mut positions: Vec<Option<usize>> = vec![None; cols.len()];
    let mut ignored = Vec::new();
    for (i, raw) in headers.iter().enumerate() {
        let h = norm_header(raw);
        if h.is_empty() {
            continue;
        }
        let target = match overrides.get(&h) {
            Some(to) => cols.iter().position(|c| c.name == to.as_str()),
            None => cols
                .iter()
                .position(|c| c.name == h || c.aliases.iter().any(|a| norm_header(a) == h)),
        };
        match target {
            Some(ci) if positions[ci].is_some() => errors.push(RowError::new(
                1,
                raw.trim(),
                "duplicate_column",
                format!("列 {} 出现了不止一次", cols[ci].name),
            )),
            Some(ci) => positions[ci] = Some(i),
            None => ignored.push(raw.trim().to_string()),
        }
    }
    for (ci, c) in cols.iter().enumerate() {
        if c.required && positions[ci].is_none() {
            errors.push(RowError::new(
                1,
                c.name,
                "missing_column",
                format!(
                    "缺少必需列 {}（可用表头：{}）",
                    c.name,
                    c.aliases.join("、")
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(HeaderMap { positions, ignored })
    } else {
        Err((errors, ignored))
    }
}

fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        Cell::Number(n) => Some(n.to_string()),
        Cell::Bool(b) => Some(b.to_string()),
        Cell::Date(d) => Some(d.to_string()),
        Cell::Formula(_) => None,
    }
}

/// Parses a date written as `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYYMMDD`, or an Excel serial number.
pub fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) if (1.0..200_000.0).contains(n) && n.fract() == 0.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30).map(|base| base + Duration::days(*n as i64))
        }
        _ => {
            let t = cell_text(cell)?;
            let t = t.replace(['/', '.'], "-");
            NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(&t, "%Y%m%d"))
                .ok()
        }
    }
}

fn parse_bool(t: &str) -> Option<bool> {
    match t.to_lowercase().as_str() {
        "true" | "1" | "y" | "yes" | "是" => Some(true),
        "false" | "0" | "n" | "no" | "否" => Some(false),
        _ => None,
    }
}

fn is_code(t: &str) -> bool {
    (1..=40).contains(&t.len())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Parses one cell for `col`; `Ok(None)` is an empty optional cell.
fn parse_cell(col: &ColumnSpec, cell: &Cell) -> Result<Option<String>, (&'static str, String)> {
    if let Cell::Formula(f) = cell {
        return Err((
            "formula_not_allowed",
            format!("不接受公式（{f}），请粘贴为数值"),
        ));
    }
    let Some(text) = cell_text(cell) else {
        return if col.required {
            Err(("required", "必填".to_string()))
        } else {
            Ok(None)
        };
    };
    let v = match col.ty {
        ColType::Text => {
            if text.chars().count() > 200 {
                return Err(("too_long", "超过 200 个字符".to_string()));
            }
            text
        }
        ColType::Code => {
            if !is_code(&text) {
                return Err(("code_invalid", format!("{text} 不是有效代码")));
            }
            text
        }
        ColType::Date => match parse_date(cell) {
            Some(d) if (1900..=2100).contains(&chrono::Datelike::year(&d)) => d.to_string(),
            _ => return Err(("date_invalid", format!("{text} 不是有效日期（YYYY-MM-DD）"))),
        },
        ColType::Year => match text.parse::<i32>() {
            Ok(y) if (1950..=2100).contains(&y) => y.to_string(),
            _ => return Err(("year_invalid", format!("{text} 不是有效年度"))),
        },
        ColType::Int => match text.parse::<i32>() {
            Ok(n) if (0..=1000).contains(&n) => n.to_string(),
            _ => return Err(("number_invalid", format!("{text} 不是 0–1000 的整数"))),
        },
        ColType::Bool => match parse_bool(&text) {
            Some(b) => b.to_string(),
            None => return Err(("bool_invalid", format!("{text} 应为 是/否"))),
        },
        ColType::Enum(allowed) => {
            if !allowed.contains(&text.as_str()) {
                return Err((
                    "value_not_allowed",
                    format!("{text} 不在允许值内：{}", allowed.join(", ")),
                ));
            }
            text
        }
        ColType::CodeList => {
            let items: Vec<&str> = text
                .split([';', '；', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if let Some(bad) = items.iter().find(|s| !is_code(s)) {
                return Err(("code_invalid", format!("{bad} 不是有效代码")));
            }
            items.join(";")
        }
    };
    Ok(Some(v))
}

/// Validates one data row. `row` is the 1-based file row; `today` bounds ID-number birth dates.
pub fn parse_row(
    spec: &LibrarySpec,
    map: &HeaderMap,
    row: u32,
    cells: &[Cell],
    today: NaiveDate,
) -> Result<LibraryRow, Vec<RowError>> {
    let cols = file_columns(spec);
    let mut errors = Vec::new();
    let mut parsed: Vec<Option<String>> = Vec::with_capacity(cols.len());
    for (ci, col) in cols.iter().enumerate() {
        let cell = map.positions[ci]
            .and_then(|p| cells.get(p))
            .unwrap_or(&Cell::Empty);
        match parse_cell(col, cell) {
            Ok(v) => parsed.push(v),
            Err((code, msg)) => {
                errors.push(RowError::new(row, col.name, code, msg));
                parsed.push(None);
            }
        }
    }
    let (id_number, name, values) = if spec.keyed_by_id {
        let id_type = match parsed[0].as_deref() {
            None => Some(IdType::ResidentId),
            Some(t) => IdType::parse(t),
        };
        let mut id_number = None;
        match (id_type, parsed[1].as_deref()) {
            (None, _) => errors.push(RowError::new(
                row,
                "id_type",
                "id_type_invalid",
                "证件类型无效".to_string(),
            )),
            (Some(t), Some(raw)) => match validate_id_number(t, raw, today) {
                Ok(v) => id_number = Some(v.normalized),
                Err(e) => errors.push(RowError::new(
                    row,
                    "id_number",
                    "id_number_invalid",
                    format!("证件号码无效（{}）", e.code()),
                )),
            },
            (Some(_), None) => {}
        }
        (id_number, parsed[2].clone(), parsed[3..].to_vec())
    } else {
        (None, None, parsed)
    };
    if errors.is_empty() {
        Ok(LibraryRow {
            row,
            id_number,
            name,
            values,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
