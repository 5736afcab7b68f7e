//! Staff data correction (数据更正): the exam region corrects a field of a submitted registration for the
//! candidate — a typo in a school's name, a wrong graduation date — with a reason; the candidate is told.
//! Which registrations and which fields may be corrected so.

use std::collections::BTreeMap;

/// Statuses in which staff correct data: submitted and not withdrawn. Drafts and returned registrations are
/// the candidate's to edit; a rejected one is final.
pub const CORRECTABLE: &[&str] = &["submitted", "resubmitted", "approved", "paid"];

/// Form sections staff may not correct: the exam choice decides the fee and the review route — return the
/// registration for correction instead.
pub const LOCKED_SECTIONS: &[&str] = &["exam"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// the registration's status does not allow it (409 `registration_not_correctable`)
    Status,
    /// field errors (422): `changes` → `no_changes`, `<section.field>` → `field_not_correctable`,
    /// `reason` → `reason_length`
    Fields(BTreeMap<String, Vec<String>>),
}

/// Checks a correction: the registration's status, the touched `section.field` keys and the reason.
pub fn check(status: &str, touched: &[String], reason: &str) -> Result<(), Refusal> {
    if !CORRECTABLE.contains(&status) {
        return Err(Refusal::Status);
    }
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if touched.is_empty() {
        errors.insert("changes".into(), vec!["no_changes".into()]);
    }
    for key in touched {
        let section = key.split('.').next().unwrap_or(key);
        if LOCKED_SECTIONS.contains(&section) {
            errors.insert(key.clone(), vec!["field_not_correctable".into()]);
        }
    }
    if !(4..=500).contains(&reason.trim().chars().count()) {
        errors.insert("reason".into(), vec!["reason_length".into()]);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Fields(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn submitted_and_approved_registrations_are_corrected_with_a_reason() {
        for s in CORRECTABLE {
            assert_eq!(
                check(s, &keys(&["education.school"]), "学校名称录入有误"),
                Ok(())
            );
        }
    }

    #[test]
    fn drafts_returned_and_rejected_registrations_are_not() {
        for s in ["draft", "returned", "rejected"] {
            assert_eq!(
                check(s, &keys(&["education.school"]), "学校名称录入有误"),
                Err(Refusal::Status)
            );
        }
    }

    #[test]
    fn the_exam_choice_no_changes_and_a_short_reason_are_field_errors() {
        let Err(Refusal::Fields(e)) = check(
            "submitted",
            &keys(&["exam.specialty_code", "work.title"]),
            "错",
        ) else {
            panic!("refused")
        };
        assert_eq!(e["exam.specialty_code"], vec!["field_not_correctable"]);
        assert_eq!(e["reason"], vec!["reason_length"]);
        assert!(!e.contains_key("work.title"));
        let Err(Refusal::Fields(e)) = check("approved", &[], "学校名称录入有误") else {
            panic!("refused")
        };
        assert_eq!(e["changes"], vec!["no_changes"]);
        let Err(Refusal::Fields(e)) = check("paid", &keys(&["exam"]), "整节替换不允许")
        else {
            panic!("refused")
        };
        assert_eq!(e["exam"], vec!["field_not_correctable"]);
    }
}
