//! Required proof materials as configuration (domain.md §5): each exam
//! session holds a list of [`MaterialRule`]s, each requiring a material kind
//! under a [`Condition`] evaluated against the registration's [`Facts`].
//!
//! Conditions serialise externally tagged in snake_case, e.g. `"always"`,
//! `{"exam_kind":"nurse"}`, `{"specialty_range":{"from":301,"to":365}}`,
//! `{"not":"fresh_graduate"}`, `{"all":[...]}`.

use serde::{Deserialize, Serialize};

use super::form::{filled, is_fresh_graduate, is_manual_unit, ExamKind, Form};

/// When a material is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Always.
    Always,
    /// For this exam.
    ExamKind(ExamKind),
    /// Specialty code (three digits) within `from..=to`; false without a numeric specialty.
    SpecialtyRange {
        /// Lowest code included.
        from: u16,
        /// Highest code included.
        to: u16,
    },
    /// The candidate is a fresh graduate.
    FreshGraduate,
    /// The work unit was typed by hand.
    ManualWorkUnit,
    /// The candidate claims front-line personnel status.
    FrontLine,
    /// The physician eligibility route is this one (`"education"`, `"apprenticeship"`, `"expertise"`).
    PhysicianRoute(String),
    /// Every condition holds (true when empty).
    All(Vec<Condition>),
    /// At least one condition holds (false when empty).
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

impl Condition {
    /// Evaluates the condition against the facts.
    pub fn holds(&self, f: &Facts) -> bool {
        match self {
            Condition::Always => true,
            Condition::ExamKind(k) => f.exam == *k,
            Condition::SpecialtyRange { from, to } => f
                .specialty_code
                .as_deref()
                .map(str::trim)
                .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|c| c.parse::<u16>().ok())
                .is_some_and(|c| (*from..=*to).contains(&c)),
            Condition::FreshGraduate => f.fresh_graduate,
            Condition::ManualWorkUnit => f.manual_unit,
            Condition::FrontLine => f.front_line,
            Condition::PhysicianRoute(r) => f.physician_route.as_deref() == Some(r.as_str()),
            Condition::All(cs) => cs.iter().all(|c| c.holds(f)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(f)),
            Condition::Not(c) => !c.holds(f),
        }
    }
}

/// One configured requirement: material `kind` is required when `condition` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialRule {
    /// Material kind code (e.g. `"diploma"`).
    pub kind: String,
    /// When it is required.
    pub condition: Condition,
    /// Optional translation key of a hint shown to the candidate.
    #[serde(default)]
    pub note_key: Option<String>,
}

/// The facts about a registration that material conditions look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The exam.
    pub exam: ExamKind,
    /// Specialty code chosen, if any.
    pub specialty_code: Option<String>,
    /// Nurse fresh graduate.
    pub fresh_graduate: bool,
    /// Work unit typed by hand.
    pub manual_unit: bool,
    /// Front-line personnel flag.
    pub front_line: bool,
    /// Physician eligibility route, physician exam only.
    pub physician_route: Option<String>,
}

/// Extracts the facts from a (possibly partial) form. The fresh-graduate flag
/// only counts on nurse forms and the route only on physician forms.
pub fn facts_of(kind: ExamKind, form: &Form) -> Facts {
    let exam = form.exam.as_ref();
    Facts {
        exam: kind,
        specialty_code: exam
            .and_then(|e| filled(&e.specialty_code))
            .map(str::to_owned),
        fresh_graduate: kind == ExamKind::Nurse && is_fresh_graduate(form),
        manual_unit: is_manual_unit(form),
        front_line: exam.is_some_and(|e| e.front_line == Some(true)),
        physician_route: match kind {
            ExamKind::Physician => form
                .physician
                .as_ref()
                .and_then(|p| filled(&p.route))
                .map(str::to_owned),
            _ => None,
        },
    }
}

/// The material kinds required for these facts: the kinds of the rules whose
/// condition holds, de-duplicated, in rule order.
pub fn required_materials(rules: &[MaterialRule], facts: &Facts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rules.iter().filter(|r| r.condition.holds(facts)) {
        if !out.contains(&r.kind) {
            out.push(r.kind.clone());
        }
    }
    out
}

fn rule(kind: &str, condition: Condition) -> MaterialRule {
    MaterialRule {
        kind: kind.to_owned(),
        condition,
        note_key: None,
    }
}

fn noted(kind: &str, condition: Condition, note_key: &str) -> MaterialRule {
    MaterialRule {
        note_key: Some(note_key.to_owned()),
        ..rule(kind, condition)
    }
}

/// A sensible default rule set per exam (domain.md §5), meant to be copied
/// into a session's configuration and edited there. *(confirm)* per province.
pub fn default_rules(kind: ExamKind) -> Vec<MaterialRule> {
    use Condition::{
        Always, Any, FreshGraduate, FrontLine, ManualWorkUnit, Not, PhysicianRoute, SpecialtyRange,
    };
    let mut rules = vec![
        rule("photo", Always),
        rule("id_card_front", Always),
        rule("id_card_back", Always),
    ];
    match kind {
        ExamKind::HealthTech => {
            rules.push(rule("diploma", Always));
            rules.push(noted(
                "work_years_certificate",
                Always,
                "material_note_work_years_stamped",
            ));
            // 中级 (3xx) needs the current 师-level title.
            rules.push(rule(
                "title_certificate",
                SpecialtyRange { from: 300, to: 399 },
            ));
            let attending = SpecialtyRange { from: 301, to: 365 };
            rules.push(noted(
                "physician_qualification_certificate",
                attending.clone(),
                "material_note_attending_physician",
            ));
            rules.push(noted(
                "physician_practice_certificate",
                attending,
                "material_note_attending_physician",
            ));
            // Nursing 师 (203) and 中级 (368–373) need the nurse registration.
            rules.push(rule(
                "nurse_practice_certificate",
                Any(vec![
                    SpecialtyRange { from: 203, to: 203 },
                    SpecialtyRange { from: 368, to: 373 },
                ]),
            ));
        }
        ExamKind::Physician => {
            rules.push(rule("diploma", Always));
            rules.push(rule(
                "probation_certificate",
                PhysicianRoute("education".into()),
            ));
            rules.push(rule(
                "apprenticeship_certificate",
                PhysicianRoute("apprenticeship".into()),
            ));
            rules.push(rule(
                "expertise_certificate",
                PhysicianRoute("expertise".into()),
            ));
        }
        ExamKind::Nurse => {
            // Fresh graduates upload the diploma later, in the supplement window.
            rules.push(rule("diploma", Not(Box::new(FreshGraduate))));
            rules.push(noted(
                "fresh_graduate_proof",
                FreshGraduate,
                "material_note_school_graduation_proof",
            ));
            rules.push(rule("internship_certificate", FreshGraduate));
        }
    }
    rules.push(rule("institution_licence", ManualWorkUnit));
    rules.push(rule("front_line_proof", FrontLine));
    rules.push(rule("signed_application_form", Always));
    rules.push(rule("integrity_pledge", Always));
    rules
}

#[cfg(test)]
#[path = "materials_tests.rs"]
mod tests;

/// Every material kind a registration can carry (domain.md §5); uploads of any other kind are refused.
pub const MATERIAL_KINDS: &[&str] = &[
    "photo",
    "id_card_front",
    "id_card_back",
    "diploma",
    "degree",
    "diploma_verification_report",
    "work_years_certificate",
    "title_certificate",
    "physician_qualification_certificate",
    "physician_practice_certificate",
    "first_registration_certificate",
    "probation_certificate",
    "institution_licence",
    "apprenticeship_certificate",
    "expertise_certificate",
    "internship_certificate",
    "fresh_graduate_proof",
    "nurse_practice_certificate",
    "signed_application_form",
    "integrity_pledge",
    "front_line_proof",
];
