//! The automatic verification engine (domain.md §6): rules as plain functions over one registration's facts and
//! the library records found for its holder, each returning findings with a severity, a stable rule code,
//! messages and the evidence (library, record, import batch).
//!
//! The caller gathers everything in one batched lookup ([`Lookups`]) and calls [`verify`]; nothing here does I/O.

mod people;
pub mod physician;
mod prerequisites;
pub mod records;
mod returning;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use records::*;

use crate::registration::form::{ExamKind, Form};
use crate::registration::secondary::SecondaryPolicy;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The reviewer must resolve it before approving.
    Block,
    /// The reviewer should look at it.
    Warning,
    /// Information for the reviewer.
    Hint,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Block => "block",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }
}

/// Which library record a finding rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub library: String,
    pub record_id: i64,
    pub batch_id: String,
}

/// One result of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_code: String,
    pub severity: Severity,
    pub reviewer_message: String,
    pub candidate_message: Option<String>,
    pub evidence: Option<Evidence>,
}

impl Finding {
    fn new(code: &str, severity: Severity, reviewer_message: impl Into<String>) -> Finding {
        Finding {
            rule_code: code.to_string(),
            severity,
            reviewer_message: reviewer_message.into(),
            candidate_message: None,
            evidence: None,
        }
    }
    fn cite<T>(mut self, library: &str, r: &Record<T>) -> Finding {
        self.evidence = Some(Evidence {
            library: library.to_string(),
            record_id: r.id,
            batch_id: r.batch_id.clone(),
        });
        self
    }
    fn tell(mut self, candidate_message: impl Into<String>) -> Finding {
        self.candidate_message = Some(candidate_message.into());
        self
    }
}

/// Another registration of the same person in the same year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherRegistration {
    pub session_name: String,
    pub exam_type: String,
    pub status: String,
}

/// The registration being verified.
#[derive(Debug, Clone)]
pub struct Subject<'a> {
    pub kind: ExamKind,
    /// Exam year of the session.
    pub year: i32,
    /// Candidate name from the account.
    pub name: &'a str,
    pub form: &'a Form,
    /// Kinds of the materials currently uploaded (not superseded or rejected).
    pub materials: &'a [String],
    /// The person's other live registrations in sessions of the same year.
    pub others: &'a [OtherRegistration],
    pub today: NaiveDate,
}

impl Subject<'_> {
    fn exam(&self) -> (Option<&str>, Option<&str>, Option<&str>) {
        let e = self.form.exam.as_ref();
        (
            e.and_then(|e| e.level_code.as_deref()),
            e.and_then(|e| e.specialty_code.as_deref()),
            e.and_then(|e| e.category_code.as_deref()),
        )
    }
}

/// What a session allows, from its settings (`settings.verification`); every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Whether an active ban blocks (otherwise a warning for the region to confirm).
    pub ban_blocks: bool,
    /// Whether a health-tech session admits fresh graduates (本科应届生), screened against the library.
    pub admits_fresh_graduates: bool,
    /// `accepted` | `restricted` | `not_accepted`: how a second degree (第二学历) is treated.
    pub second_degree: String,
    /// Years a 师-level title must be held for 中级, by education level.
    pub intermediate_years: Vec<(String, u8)>,
    /// Health-tech specialties that need a nurse registration.
    pub nursing_specialties: Vec<String>,
    /// Minimum probation length in months.
    pub probation_min_months: u32,
    /// 中专 classification policy; `None` uses the default for the year.
    pub secondary: Option<SecondaryPolicy>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            ban_blocks: false,
            admits_fresh_graduates: false,
            second_degree: "restricted".into(),
            intermediate_years: [
                ("zhongzhuan", 7),
                ("dazhuan", 6),
                ("benke", 4),
                ("shuoshi", 2),
                ("boshi", 0),
            ]
            .iter()
            .map(|(e, y)| (e.to_string(), *y))
            .collect(),
            nursing_specialties: ["203", "368", "369", "370", "371"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            probation_min_months: 12,
            secondary: None,
        }
    }
}

/// Runs every rule; findings come out ordered by severity, then rule code.
pub fn verify(s: &Subject, l: &Lookups, p: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    people::identity_consistency(s, l, &mut out);
    people::duplicate_registration(s, &mut out);
    people::violations(s, l, p, &mut out);
    people::front_line(s, l, &mut out);
    people::provincial_line(s, l, &mut out);
    people::fresh_graduate(s, l, p, &mut out);
    people::work_unit(s, l, &mut out);
    returning::history(s, l, &mut out);
    returning::skills_exemption(s, l, &mut out);
    prerequisites::qualification(s, l, p, &mut out);
    prerequisites::physician_certificate(s, l, &mut out);
    prerequisites::nurse_registration(s, l, p, &mut out);
    physician::secondary(s, l, p, &mut out);
    physician::second_degree(s, p, &mut out);
    physician::probation(s, l, p, &mut out);
    physician::apprenticeship(s, l, &mut out);
    out.sort_by(|a, b| (a.severity, &a.rule_code).cmp(&(b.severity, &b.rule_code)));
    out
}

#[cfg(test)]
mod tests;
