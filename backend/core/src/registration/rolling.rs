//! The health-tech two-year rolling pass (两年滚动, domain.md §2.1).
//!
//! All four subjects of a specialty must be passed within two consecutive exam
//! years. A subject passed last year in the same specialty is carried over: it
//! cannot be chosen again and is not charged. Passes in another specialty or
//! from two or more years ago do not count: the window restarts.

use serde::{Deserialize, Serialize};

/// Subjects a candidate passed in one exam year and specialty (from the
/// historical-candidate library).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassRecord {
    /// Exam year.
    pub year: i32,
    /// Three-digit specialty code.
    pub specialty_code: String,
    /// Subjects passed that year (may be empty: registered, passed none).
    pub subject_codes: Vec<String>,
}

/// What a candidate may choose this year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RollingState {
    /// Subjects that may be chosen (the specialty's subjects minus those carried over), in catalog order.
    pub selectable: Vec<String>,
    /// Subjects passed last year in this specialty, in catalog order.
    pub carried_over: Vec<String>,
    /// Whether the candidate has a record for last year in this specialty (returning candidate, same archive number).
    pub returning: bool,
}

/// Computes the rolling state for `specialty_code` in `exam_year` from the
/// candidate's pass history. `all_subjects` is the specialty's subject list in
/// catalog order; history subjects not in it are ignored.
pub fn rolling_state(
    all_subjects: &[String],
    exam_year: i32,
    specialty_code: &str,
    history: &[PassRecord],
) -> RollingState {
    let last_year: Vec<&PassRecord> = history
        .iter()
        .filter(|r| r.year == exam_year - 1 && r.specialty_code.trim() == specialty_code.trim())
        .collect();
    let passed = |s: &String| {
        last_year
            .iter()
            .any(|r| r.subject_codes.iter().any(|p| p.trim() == s.trim()))
    };
    let (carried_over, selectable) = all_subjects.iter().cloned().partition(passed);
    RollingState {
        selectable,
        carried_over,
        returning: !last_year.is_empty(),
    }
}

/// Checks a candidate's subject choice against the rolling state.
///
/// Errors (first found wins, subjects checked in the order given):
/// `subjects_empty` (nothing chosen), `subject_duplicate`,
/// `subject_already_passed` (carried over from last year), `subject_unknown`
/// (not a subject of the specialty).
pub fn check_subject_choice(chosen: &[String], state: &RollingState) -> Result<(), &'static str> {
    if chosen.is_empty() {
        return Err("subjects_empty");
    }
    for (i, subject) in chosen.iter().enumerate() {
        if chosen[..i].contains(subject) {
            return Err("subject_duplicate");
        }
        if state.carried_over.contains(subject) {
            return Err("subject_already_passed");
        }
        if !state.selectable.contains(subject) {
            return Err("subject_unknown");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn subjects() -> Vec<String> {
        s(&["jc", "xg", "zy", "sj"])
    }

    fn rec(year: i32, specialty: &str, passed: &[&str]) -> PassRecord {
        PassRecord {
            year,
            specialty_code: specialty.into(),
            subject_codes: s(passed),
        }
    }

    #[test]
    fn first_year_candidate_may_choose_everything() {
        let st = rolling_state(&subjects(), 2025, "203", &[]);
        assert_eq!(st.selectable, subjects());
        assert!(st.carried_over.is_empty());
        assert!(!st.returning);
        assert_eq!(check_subject_choice(&s(&["jc", "sj"]), &st), Ok(()));
        assert_eq!(check_subject_choice(&subjects(), &st), Ok(()));
    }

    #[test]
    fn returning_with_one_two_three_passed_keeps_catalog_order() {
        let st = rolling_state(&subjects(), 2025, "203", &[rec(2024, "203", &["zy"])]);
        assert_eq!(st.carried_over, s(&["zy"]));
        assert_eq!(st.selectable, s(&["jc", "xg", "sj"]));
        assert!(st.returning);

        let st = rolling_state(&subjects(), 2025, "203", &[rec(2024, "203", &["sj", "jc"])]);
        assert_eq!(st.carried_over, s(&["jc", "sj"]));
        assert_eq!(st.selectable, s(&["xg", "zy"]));

        let st = rolling_state(
            &subjects(),
            2025,
            "203",
            &[rec(2024, "203", &["sj", "xg", "jc"])],
        );
        assert_eq!(st.carried_over, s(&["jc", "xg", "sj"]));
        assert_eq!(st.selectable, s(&["zy"]));
        assert_eq!(check_subject_choice(&s(&["zy"]), &st), Ok(()));
        assert_eq!(
            check_subject_choice(&s(&["zy", "jc"]), &st),
            Err("subject_already_passed")
        );
    }

    #[test]
    fn returning_with_nothing_passed_is_still_returning() {
        let st = rolling_state(&subjects(), 2025, "203", &[rec(2024, "203", &[])]);
        assert!(st.returning);
        assert_eq!(st.selectable, subjects());
    }

    #[test]
    fn several_records_for_last_year_are_merged() {
        let st = rolling_state(
            &subjects(),
            2025,
            "203",
            &[rec(2024, "203", &["jc"]), rec(2024, "203", &["xg"])],
        );
        assert_eq!(st.carried_over, s(&["jc", "xg"]));
    }

    #[test]
    fn passes_in_another_specialty_do_not_count() {
        let st = rolling_state(&subjects(), 2025, "203", &[rec(2024, "368", &["jc", "xg"])]);
        assert_eq!(st.selectable, subjects());
        assert!(st.carried_over.is_empty());
        assert!(!st.returning);
    }

    #[test]
    fn passes_two_years_ago_do_not_count_the_window_restarts() {
        let history = [
            rec(2023, "203", &["jc", "xg", "zy"]),
            rec(2024, "203", &["sj"]),
        ];
        let st = rolling_state(&subjects(), 2025, "203", &history);
        // Only last year's pass carries over; 2023's passes expired.
        assert_eq!(st.carried_over, s(&["sj"]));
        assert_eq!(st.selectable, s(&["jc", "xg", "zy"]));
        assert!(st.returning);

        let st = rolling_state(&subjects(), 2025, "203", &[rec(2023, "203", &["jc"])]);
        assert_eq!(st.selectable, subjects());
        assert!(!st.returning);
    }

    #[test]
    fn future_records_and_unknown_subjects_are_ignored() {
        let history = [rec(2025, "203", &["jc"]), rec(2024, "203", &["zz"])];
        let st = rolling_state(&subjects(), 2025, "203", &history);
        assert_eq!(st.selectable, subjects());
        assert!(st.carried_over.is_empty());
        assert!(st.returning);
    }

    #[test]
    fn choice_errors() {
        let st = rolling_state(&subjects(), 2025, "203", &[rec(2024, "203", &["jc"])]);
        assert_eq!(check_subject_choice(&[], &st), Err("subjects_empty"));
        assert_eq!(
            check_subject_choice(&s(&["xg", "xg"]), &st),
            Err("subject_duplicate")
        );
        assert_eq!(
            check_subject_choice(&s(&["jc"]), &st),
            Err("subject_already_passed")
        );
        assert_eq!(
            check_subject_choice(&s(&["xg", "nope"]), &st),
            Err("subject_unknown")
        );
        assert_eq!(check_subject_choice(&s(&["xg", "zy", "sj"]), &st), Ok(()));
    }

    #[test]
    fn all_passed_last_year_leaves_nothing_to_choose() {
        let st = rolling_state(
            &subjects(),
            2025,
            "203",
            &[rec(2024, "203", &["jc", "xg", "zy", "sj"])],
        );
        assert!(st.selectable.is_empty());
        assert_eq!(
            check_subject_choice(&s(&["jc"]), &st),
            Err("subject_already_passed")
        );
        assert_eq!(check_subject_choice(&[], &st), Err("subjects_empty"));
    }
}
