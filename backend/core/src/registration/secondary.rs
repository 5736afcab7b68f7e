//! 中专 (secondary vocational) classification for the physician exam
//! (domain.md §2.2), driven by a policy table per exam year *(confirm)*.
//!
//! The input is assumed to be a 中专 education; callers only classify when
//! `education.level == "zhongzhuan"`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One year's 中专 policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondaryPolicy {
    /// Exam year the policy applies to.
    pub year: i32,
    /// Last enrolment date (inclusive) for the transition arrangement.
    pub enrolment_cutoff: NaiveDate,
    /// Majors that may sit the assistant exam during the transition (exact names, trimmed).
    pub allowed_majors: Vec<String>,
    /// Majors limited to the 乡村全科执业助理医师 exam (e.g. 农村医学).
    pub rural_majors: Vec<String>,
    /// Minimum nominal length of study in years.
    pub min_study_years: u8,
    /// Whether only full-time (`"full_time"`) study counts.
    pub full_time_only: bool,
}

/// Outcome of the classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondaryClass {
    /// May sit the assistant physician exam during the transition.
    TransitionAssistant,
    /// May sit only the 乡村全科执业助理医师 exam, while working in a township health centre or village clinic.
    RuralGeneralAssistantOnly,
    /// Not eligible on the strength of this 中专 education.
    NotEligible,
}

impl SecondaryClass {
    /// Stable snake_case code, identical to the serde representation.
    pub fn code(&self) -> &'static str {
        match self {
            SecondaryClass::TransitionAssistant => "transition_assistant",
            SecondaryClass::RuralGeneralAssistantOnly => "rural_general_assistant_only",
            SecondaryClass::NotEligible => "not_eligible",
        }
    }
}

/// The education facts the classification uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondaryInput {
    /// Major as printed on the diploma.
    pub major: String,
    /// Enrolment date.
    pub enrolled_on: NaiveDate,
    /// Graduation date.
    pub graduated_on: NaiveDate,
    /// Nominal length of study in years.
    pub study_years: u8,
    /// Study form (`"full_time"`, `"adult"`, …).
    pub study_form: String,
}

/// Classifies a 中专 education under `policy` and gives the reason code.
///
/// Checked in order, the first failure deciding `NotEligible`:
/// `dates_out_of_order` (graduation not after enrolment),
/// `study_form_not_full_time`, `study_years_too_short`. Then:
/// a rural major → `RuralGeneralAssistantOnly` / `rural_major` (no enrolment cutoff);
/// an allowed major enrolled on or before the cutoff →
/// `TransitionAssistant` / `allowed_major_before_cutoff`; an allowed major
/// enrolled later → `NotEligible` / `enrolled_after_cutoff`; any other major →
/// `NotEligible` / `major_not_allowed`.
pub fn classify(
    policy: &SecondaryPolicy,
    input: &SecondaryInput,
) -> (SecondaryClass, &'static str) {
    use SecondaryClass::*;
    if input.graduated_on <= input.enrolled_on {
        return (NotEligible, "dates_out_of_order");
    }
    if policy.full_time_only && input.study_form.trim() != "full_time" {
        return (NotEligible, "study_form_not_full_time");
    }
    if input.study_years < policy.min_study_years {
        return (NotEligible, "study_years_too_short");
    }
    let major = input.major.trim();
    let listed = |list: &[String]| list.iter().any(|m| m.trim() == major);
    if listed(&policy.rural_majors) {
        return (RuralGeneralAssistantOnly, "rural_major");
    }
    if listed(&policy.allowed_majors) {
        if input.enrolled_on <= policy.enrolment_cutoff {
            return (TransitionAssistant, "allowed_major_before_cutoff");
        }
        return (NotEligible, "enrolled_after_cutoff");
    }
    (NotEligible, "major_not_allowed")
}

/// The default policy *(confirm)*: allowed majors 临床医学, 中医, 中西医结合,
/// 口腔; rural major 农村医学; enrolment on or before 2010-08-31; at least 3
/// years of full-time study. Meant to be stored as data and edited per year.
pub fn default_policy(year: i32) -> SecondaryPolicy {
    SecondaryPolicy {
        year,
        enrolment_cutoff: NaiveDate::from_ymd_opt(2010, 8, 31).unwrap_or_default(),
        allowed_majors: ["临床医学", "中医", "中西医结合", "口腔"]
            .map(String::from)
            .to_vec(),
        rural_majors: vec!["农村医学".to_owned()],
        min_study_years: 3,
        full_time_only: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input(major: &str, enrolled_on: NaiveDate) -> SecondaryInput {
        SecondaryInput {
            major: major.into(),
            enrolled_on,
            graduated_on: enrolled_on + chrono::Days::new(3 * 365),
            study_years: 3,
            study_form: "full_time".into(),
        }
    }

    #[test]
    fn default_policy_is_the_documented_table() {
        let p = default_policy(2025);
        assert_eq!(p.year, 2025);
        assert_eq!(p.enrolment_cutoff, d(2010, 8, 31));
        assert_eq!(p.allowed_majors.len(), 4);
        assert_eq!(p.rural_majors, vec!["农村医学".to_string()]);
    }

    #[test]
    fn allowed_major_before_cutoff_is_transition_assistant() {
        let p = default_policy(2025);
        for major in ["临床医学", "中医", "中西医结合", " 口腔 "] {
            let r = classify(&p, &input(major, d(2009, 9, 1)));
            assert_eq!(
                r,
                (
                    SecondaryClass::TransitionAssistant,
                    "allowed_major_before_cutoff"
                )
            );
        }
        // The cutoff day itself is included.
        assert_eq!(
            classify(&p, &input("中医", d(2010, 8, 31))).0,
            SecondaryClass::TransitionAssistant
        );
        assert_eq!(
            SecondaryClass::TransitionAssistant.code(),
            "transition_assistant"
        );
    }

    #[test]
    fn allowed_major_after_cutoff_is_not_eligible() {
        let p = default_policy(2025);
        let r = classify(&p, &input("临床医学", d(2010, 9, 1)));
        assert_eq!(r, (SecondaryClass::NotEligible, "enrolled_after_cutoff"));
        assert_eq!(r.0.code(), "not_eligible");
    }

    #[test]
    fn rural_major_has_no_cutoff() {
        let p = default_policy(2025);
        for enrolled in [d(2008, 9, 1), d(2018, 9, 1)] {
            let r = classify(&p, &input("农村医学", enrolled));
            assert_eq!(
                r,
                (SecondaryClass::RuralGeneralAssistantOnly, "rural_major")
            );
        }
        assert_eq!(
            SecondaryClass::RuralGeneralAssistantOnly.code(),
            "rural_general_assistant_only"
        );
    }

    #[test]
    fn other_major_is_not_eligible() {
        let p = default_policy(2025);
        let r = classify(&p, &input("护理", d(2009, 9, 1)));
        assert_eq!(r, (SecondaryClass::NotEligible, "major_not_allowed"));
    }

    #[test]
    fn form_length_and_dates_are_checked_first() {
        let p = default_policy(2025);
        let mut i = input("临床医学", d(2009, 9, 1));
        i.study_form = "adult".into();
        assert_eq!(
            classify(&p, &i),
            (SecondaryClass::NotEligible, "study_form_not_full_time")
        );
        let relaxed = SecondaryPolicy {
            full_time_only: false,
            ..p.clone()
        };
        assert_eq!(
            classify(&relaxed, &i).0,
            SecondaryClass::TransitionAssistant
        );

        let mut i = input("农村医学", d(2015, 9, 1));
        i.study_years = 2;
        assert_eq!(
            classify(&p, &i),
            (SecondaryClass::NotEligible, "study_years_too_short")
        );

        let mut i = input("临床医学", d(2009, 9, 1));
        i.graduated_on = i.enrolled_on;
        assert_eq!(
            classify(&p, &i),
            (SecondaryClass::NotEligible, "dates_out_of_order")
        );
    }

    #[test]
    fn policy_is_data() {
        let p = SecondaryPolicy {
            enrolment_cutoff: d(2012, 8, 31),
            allowed_majors: vec!["护理".into()],
            ..default_policy(2026)
        };
        assert_eq!(
            classify(&p, &input("护理", d(2011, 9, 1))).0,
            SecondaryClass::TransitionAssistant
        );
        assert_eq!(
            classify(&p, &input("临床医学", d(2009, 9, 1))).1,
            "major_not_allowed"
        );
    }
}
