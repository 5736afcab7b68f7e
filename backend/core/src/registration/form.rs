//! The registration form (domain.md §4): the union of the sections the three
//! exams use, each exam using its subset.
//!
//! Every field is optional so that partial drafts deserialize; what a
//! submission needs is decided by [`validate_complete`]. The candidate's name,
//! ID number, sex and birth date are not part of the form: they come from the
//! account.
//!
//! Text fields that are present but blank (only whitespace) are treated as not
//! filled in: no format error while drafting, `required` on submission.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::validate::{validate_complete, validate_partial};

/// Field-level validation errors: key `"section.field"` (or `"section"` for a
/// whole section), value the stable snake_case error codes for that key.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// The three exams a registration can be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExamKind {
    /// Health professional technical qualification exam (卫生专业技术资格考试).
    HealthTech,
    /// Physician qualification exam (医师资格考试).
    Physician,
    /// Nurse licensure exam (护士执业资格考试).
    Nurse,
}

const ALL_EXAM_KINDS: [ExamKind; 3] = [ExamKind::HealthTech, ExamKind::Physician, ExamKind::Nurse];

impl ExamKind {
    /// Stable snake_case identifier, identical to the serde representation.
    pub fn as_str(&self) -> &'static str {
        match self {
            ExamKind::HealthTech => "health_tech",
            ExamKind::Physician => "physician",
            ExamKind::Nurse => "nurse",
        }
    }

    /// Parses the exact string produced by [`ExamKind::as_str`]; anything else is `None`.
    pub fn parse(s: &str) -> Option<ExamKind> {
        ALL_EXAM_KINDS.iter().copied().find(|k| k.as_str() == s)
    }

    /// All exam kinds, in display order.
    pub fn all() -> &'static [ExamKind] {
        &ALL_EXAM_KINDS
    }
}

/// A (possibly partial) registration form.
#[derive(Default, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Contact and personal details not carried by the account.
    #[serde(default)]
    pub identity: Option<IdentitySection>,
    /// Highest education.
    #[serde(default)]
    pub education: Option<EducationSection>,
    /// Second degree (第二学历), captured separately from the first.
    #[serde(default)]
    pub second_degree: Option<EducationSection>,
    /// Current employment.
    #[serde(default)]
    pub work: Option<WorkSection>,
    /// What the candidate registers for and where.
    #[serde(default)]
    pub exam: Option<ExamChoiceSection>,
    /// Physician-exam extras; only allowed on physician forms.
    #[serde(default)]
    pub physician: Option<PhysicianSection>,
    /// Nurse-exam extras; only allowed on nurse forms.
    #[serde(default)]
    pub nurse: Option<NurseSection>,
}

/// Identity section: the contact details the account does not hold.
#[derive(Default, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IdentitySection {
    /// Ethnicity (民族), free text of 1–100 characters.
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// Postal address, 1–100 characters.
    #[serde(default)]
    pub address: Option<String>,
    /// Six-digit postal code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// Contact e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Emergency contact mobile number (`^1[3-9]\d{9}$`).
    #[serde(default)]
    pub emergency_phone: Option<String>,
}

/// Education section, used for both the highest education and the second degree.
#[derive(Default, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EducationSection {
    /// `"zhongzhuan"` (中专) | `"dazhuan"` (大专) | `"benke"` (本科) | `"shuoshi"` (硕士) | `"boshi"` (博士).
    #[serde(default)]
    pub level: Option<String>,
    /// School name.
    #[serde(default)]
    pub school: Option<String>,
    /// Major as printed on the diploma.
    #[serde(default)]
    pub major: Option<String>,
    /// `"full_time"` (全日制) | `"adult"` (成人) | `"self_study"` (自考) | `"online"` (网络).
    #[serde(default)]
    pub study_form: Option<String>,
    /// Enrolment date.
    #[serde(default)]
    pub enrolled_on: Option<chrono::NaiveDate>,
    /// Graduation date; must be after the enrolment date.
    #[serde(default)]
    pub graduated_on: Option<chrono::NaiveDate>,
    /// Degree obtained, if any (e.g. "学士").
    #[serde(default)]
    pub degree: Option<String>,
    /// Diploma certificate number.
    #[serde(default)]
    pub certificate_number: Option<String>,
    /// Nominal length of study in years (1–10).
    #[serde(default)]
    pub study_years: Option<u8>,
}

/// Work section.
#[derive(Default, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WorkSection {
    /// Code of the unit in the institution library (机构库).
    #[serde(default)]
    pub unit_code: Option<String>,
    /// Unit name typed by hand when it is not in the library (flagged for reviewers).
    #[serde(default)]
    pub unit_name_manual: Option<String>,
    /// Nature of the unit (e.g. public hospital), free text.
    #[serde(default)]
    pub unit_nature: Option<String>,
    /// Specialty currently practised.
    #[serde(default)]
    pub current_specialty: Option<String>,
    /// Date the candidate started working.
    #[serde(default)]
    pub work_started_on: Option<chrono::NaiveDate>,
    /// Current professional title (e.g. "护师").
    #[serde(default)]
    pub title: Option<String>,
    /// Date the current title was obtained.
    #[serde(default)]
    pub title_obtained_on: Option<chrono::NaiveDate>,
    /// Years worked in the current specialty (0–60).
    #[serde(default)]
    pub years_in_specialty: Option<u8>,
}

/// Exam choice section.
#[derive(Default, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExamChoiceSection {
    /// Level code from the session catalog.
    #[serde(default)]
    pub level_code: Option<String>,
    /// Category code (physician exam) from the session catalog.
    #[serde(default)]
    pub category_code: Option<String>,
    /// Specialty code; exactly three digits for health-tech.
    #[serde(default)]
    pub specialty_code: Option<String>,
    /// Subjects chosen for this year (health-tech), unique.
    #[serde(default)]
    pub subject_codes: Vec<String>,
    /// Exam site (考点) code.
    #[serde(default)]
    pub site_code: Option<String>,
    /// Registration point (报名点) code.
    #[serde(default)]
    pub point_code: Option<String>,
    /// Archive number (档案号) of a returning candidate.
    #[serde(default)]
    pub archive_number: Option<String>,
    /// `"computer"` | `"paper"`.
    #[serde(default)]
    pub exam_format: Option<String>,
    /// Front-line personnel policy flag (一线人员).
    #[serde(default)]
    pub front_line: Option<bool>,
}

/// Physician-exam section.
#[derive(Default, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PhysicianSection {
    /// Eligibility route: `"education"` | `"apprenticeship"` (师承) | `"expertise"` (确有专长).
    #[serde(default)]
    pub route: Option<String>,
    /// Institution-library code of the probation institution.
    #[serde(default)]
    pub probation_institution_code: Option<String>,
    /// First day of the probation period.
    #[serde(default)]
    pub probation_started_on: Option<chrono::NaiveDate>,
    /// Last day of the probation period (may be in the future while drafting).
    #[serde(default)]
    pub probation_ended_on: Option<chrono::NaiveDate>,
    /// Existing assistant physician certificate number (助理→执业 upgrade).
    #[serde(default)]
    pub assistant_certificate_number: Option<String>,
    /// Date the assistant certificate was obtained.
    #[serde(default)]
    pub assistant_certificate_obtained_on: Option<chrono::NaiveDate>,
    /// Practice registration number of the existing certificate.
    #[serde(default)]
    pub practice_registration_number: Option<String>,
    /// Apprenticeship (师承) certificate number.
    #[serde(default)]
    pub apprenticeship_certificate_number: Option<String>,
    /// Proven-expertise (确有专长) certificate number.
    #[serde(default)]
    pub expertise_certificate_number: Option<String>,
}

/// Nurse-exam section.
#[derive(Default, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NurseSection {
    /// Whether the candidate is a fresh graduate (应届毕业生).
    #[serde(default)]
    pub fresh_graduate: Option<bool>,
    /// School of a fresh graduate.
    #[serde(default)]
    pub school: Option<String>,
    /// Expected graduation date of a fresh graduate (in the exam year or earlier).
    #[serde(default)]
    pub expected_graduation_on: Option<chrono::NaiveDate>,
    /// Months of clinical internship (0–60; at least 8 for eligibility).
    #[serde(default)]
    pub internship_months: Option<u8>,
}

/// The trimmed text if present and not blank.
pub(crate) fn filled(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Whether the work unit was typed by hand instead of picked from the
/// institution library (a non-blank `work.unit_name_manual` and no `work.unit_code`).
pub fn is_manual_unit(form: &Form) -> bool {
    form.work
        .as_ref()
        .is_some_and(|w| filled(&w.unit_name_manual).is_some() && filled(&w.unit_code).is_none())
}

/// Whether the form declares a fresh graduate (`nurse.fresh_graduate == true`).
pub fn is_fresh_graduate(form: &Form) -> bool {
    form.nurse
        .as_ref()
        .is_some_and(|n| n.fresh_graduate == Some(true))
}
