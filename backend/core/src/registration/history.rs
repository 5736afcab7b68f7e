//! Quick-fill from the historical-candidate library (历史考生便捷填报, domain.md §3): a returning candidate's
//! education, work unit and archive number come from their latest history record, and last year's passes feed
//! the two-year rolling rule.

use serde_json::{json, Map, Value};

use super::form::ExamKind;
use super::rolling::PassRecord;
use crate::verification::History;

/// Pass records (year, specialty, subjects passed) of one exam's history rows.
pub fn pass_records(kind: ExamKind, rows: &[History]) -> Vec<PassRecord> {
    rows.iter()
        .filter(|h| h.exam_type == kind.as_str())
        .filter_map(|h| {
            Some(PassRecord {
                year: h.year,
                specialty_code: h.specialty_code.clone()?,
                subject_codes: h.subjects_passed.clone().unwrap_or_default(),
            })
        })
        .collect()
}

/// A merge patch for the form from the latest history row of this exam (`None` without history). Only fields
/// the row holds are set; the archive number and specialty carry over only from last year (the rolling
/// window), because an older archive number starts a new window.
pub fn prefill(kind: ExamKind, exam_year: i32, rows: &[History]) -> Option<Value> {
    let latest = rows
        .iter()
        .filter(|h| h.exam_type == kind.as_str())
        .max_by_key(|h| h.year)?;
    let mut patch = Map::new();
    let mut education = Map::new();
    for (k, v) in [
        ("level", &latest.education_level),
        ("school", &latest.school),
        ("major", &latest.major),
    ] {
        if let Some(v) = v {
            education.insert(k.into(), json!(v));
        }
    }
    if !education.is_empty() {
        patch.insert("education".into(), Value::Object(education));
    }
    if let Some(unit) = &latest.unit_code {
        patch.insert("work".into(), json!({ "unit_code": unit }));
    }
    if kind == ExamKind::HealthTech && latest.year == exam_year - 1 {
        let mut exam = Map::new();
        if let Some(a) = &latest.archive_number {
            exam.insert("archive_number".into(), json!(a));
        }
        if let Some(s) = &latest.specialty_code {
            exam.insert("specialty_code".into(), json!(s));
        }
        if let Some(l) = &latest.level_code {
            exam.insert("level_code".into(), json!(l));
        }
        if !exam.is_empty() {
            patch.insert("exam".into(), Value::Object(exam));
        }
    }
    Some(Value::Object(patch))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(year: i32, specialty: &str, passed: &[&str]) -> History {
        History {
            year,
            exam_type: "health_tech".into(),
            archive_number: Some(format!("A{year}")),
            level_code: Some("practitioner".into()),
            specialty_code: Some(specialty.into()),
            subjects_passed: Some(passed.iter().map(|s| s.to_string()).collect()),
            skills_passed: None,
            written_passed: None,
            education_level: Some("benke".into()),
            school: Some("郑州大学".into()),
            major: None,
            unit_code: Some("H1".into()),
        }
    }

    #[test]
    fn last_years_row_fills_archive_number_and_specialty() {
        let p = prefill(
            ExamKind::HealthTech,
            2027,
            &[row(2025, "201", &[]), row(2026, "203", &["basic"])],
        )
        .unwrap();
        assert_eq!(p["exam"]["archive_number"], "A2026");
        assert_eq!(p["exam"]["specialty_code"], "203");
        assert_eq!(
            p["education"],
            json!({"level": "benke", "school": "郑州大学"})
        );
        assert_eq!(p["work"]["unit_code"], "H1");
    }

    #[test]
    fn an_older_row_fills_education_but_not_the_rolling_window() {
        let p = prefill(ExamKind::HealthTech, 2027, &[row(2024, "203", &["basic"])]).unwrap();
        assert!(p.get("exam").is_none());
        assert!(p.get("education").is_some());
        assert_eq!(
            prefill(ExamKind::Nurse, 2027, &[row(2026, "203", &[])]),
            None,
            "other exams' rows do not count"
        );
    }

    #[test]
    fn pass_records_come_from_this_exams_rows_with_a_specialty() {
        let mut other = row(2026, "110", &["skills"]);
        other.exam_type = "physician".into();
        let mut no_specialty = row(2026, "203", &[]);
        no_specialty.specialty_code = None;
        let r = pass_records(
            ExamKind::HealthTech,
            &[row(2026, "203", &["basic"]), other, no_specialty],
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].subject_codes, vec!["basic".to_string()]);
    }
}
