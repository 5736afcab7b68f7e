//! Rules against the historical-candidate library: returning candidates, locked fields, rolling passes, and the
//! physician skills-exam exemption.

use super::{Finding, Lookups, Severity, Subject};
use crate::registration::form::{filled, ExamKind};

/// Health-tech history rules:
/// - `history_returning` (hint): a record for last year in the chosen specialty (archive number, subjects passed);
/// - `history_archive_mismatch` (warning): the form's archive number differs from last year's;
/// - `history_subject_already_passed` (block): a chosen subject was passed last year in this specialty;
/// - `history_specialty_changed` (hint): last year's passes were in another specialty (the window restarts);
/// - `history_education_changed` (warning): education level, school or major differ from the history record.
pub fn history(s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    let mine: Vec<_> = l
        .history
        .iter()
        .filter(|r| r.data.exam_type == s.kind.as_str())
        .collect();
    if let Some(latest) = mine.iter().max_by_key(|r| r.data.year) {
        education_changes(s, latest, out);
    }
    if s.kind != ExamKind::HealthTech {
        return;
    }
    let (_, specialty, _) = s.exam();
    let Some(specialty) = specialty else { return };
    let exam = s.form.exam.as_ref();
    for r in mine.iter().filter(|r| r.data.year == s.year - 1) {
        let passed = r.data.subjects_passed.clone().unwrap_or_default();
        if r.data.specialty_code.as_deref() != Some(specialty) {
            if !passed.is_empty() {
                out.push(
                    Finding::new(
                        "history_specialty_changed",
                        Severity::Hint,
                        format!(
                            "去年报考专业 {}（已通过 {}），今年改报 {specialty}，两年滚动重新计算",
                            r.data.specialty_code.as_deref().unwrap_or("—"),
                            passed.join("、")
                        ),
                    )
                    .cite("history", r),
                );
            }
            continue;
        }
        out.push(
            Finding::new(
                "history_returning",
                Severity::Hint,
                format!(
                    "历史考生：{} 年档案号 {}，已通过科目：{}",
                    r.data.year,
                    r.data.archive_number.as_deref().unwrap_or("—"),
                    if passed.is_empty() {
                        "无".to_string()
                    } else {
                        passed.join("、")
                    }
                ),
            )
            .cite("history", r),
        );
        let form_archive = exam.and_then(|e| filled(&e.archive_number));
        if let Some(archive) = r.data.archive_number.as_deref() {
            if form_archive != Some(archive) {
                out.push(
                    Finding::new(
                        "history_archive_mismatch",
                        Severity::Warning,
                        format!(
                            "档案号应沿用 {archive}，报名填写为 {}",
                            form_archive.unwrap_or("（空）")
                        ),
                    )
                    .cite("history", r)
                    .tell(format!("您是滚动考生，档案号应为 {archive}")),
                );
            }
        }
        let chosen = exam.map(|e| e.subject_codes.clone()).unwrap_or_default();
        let again: Vec<&String> = chosen.iter().filter(|c| passed.contains(c)).collect();
        if !again.is_empty() {
            let list = again
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("、");
            out.push(
                Finding::new(
                    "history_subject_already_passed",
                    Severity::Block,
                    format!("科目 {list} 去年已通过，不应重复报考"),
                )
                .cite("history", r)
                .tell(format!("科目 {list} 去年已通过，无需再报")),
            );
        }
    }
}

fn education_changes(s: &Subject, r: &super::Record<super::History>, out: &mut Vec<Finding>) {
    let Some(edu) = s.form.education.as_ref() else {
        return;
    };
    let pairs = [
        (
            "学历",
            r.data.education_level.as_deref(),
            filled(&edu.level),
        ),
        ("毕业学校", r.data.school.as_deref(), filled(&edu.school)),
        ("所学专业", r.data.major.as_deref(), filled(&edu.major)),
    ];
    let changed: Vec<String> = pairs
        .iter()
        .filter_map(|(label, was, now)| match (was, now) {
            (Some(was), Some(now)) if was.trim() != *now => Some(format!("{label}：{was} → {now}")),
            _ => None,
        })
        .collect();
    if !changed.is_empty() {
        out.push(
            Finding::new(
                "history_education_changed",
                Severity::Warning,
                format!(
                    "与 {} 年历史记录相比学历信息有变更：{}",
                    r.data.year,
                    changed.join("；")
                ),
            )
            .cite("history", r),
        );
    }
}

/// `skills_exemption_basis` (hint): a physician candidate passed the skills exam last year and did not pass the
/// written exam, the basis of a skills exemption (技能免考).
pub fn skills_exemption(s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    if s.kind != ExamKind::Physician {
        return;
    }
    for r in l.history.iter().filter(|r| {
        r.data.exam_type == "physician"
            && r.data.year == s.year - 1
            && r.data.skills_passed == Some(true)
            && r.data.written_passed != Some(true)
    }) {
        out.push(
            Finding::new(
                "skills_exemption_basis",
                Severity::Hint,
                format!(
                    "{} 年实践技能已通过、医学综合未通过：符合技能免考条件",
                    r.data.year
                ),
            )
            .cite("history", r),
        );
    }
}
