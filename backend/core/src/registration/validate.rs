//! Validation of the registration form: format checks of what is present
//! ([`validate_partial`]) and completeness for submission ([`validate_complete`]).
//!
//! Error codes (all stable snake_case):
//! - `required` — a field needed for submission is missing or blank;
//! - `text_length` — text longer than 100 characters;
//! - `text_invalid_characters` — text containing control characters;
//! - `code_invalid` — a code that is not 1–64 ASCII letters, digits, `-`, `_`, `.`;
//! - `invalid_value` — not one of the allowed enumeration values;
//! - `date_in_future` — a date after `today` where that cannot be;
//! - `dates_out_of_order` — graduation not after enrolment, probation end not after start;
//! - `specialty_code_format` — a health-tech specialty code that is not three digits;
//! - `subject_duplicate` — the same subject chosen twice;
//! - `postal_code_invalid` — not six ASCII digits;
//! - `phone_invalid`, `email_invalid` — from [`crate::identity`];
//! - `study_years_range` (1–10), `years_range` (0–60), `internship_months_range` (0–60);
//! - `unit_conflict` — both a library unit code and a manual unit name;
//! - `section_not_applicable` — a section the exam does not use (key = section);
//! - `probation_too_short` — education-route probation shorter than 12 months;
//! - `internship_too_short` — fewer than 8 internship months;
//! - `graduation_after_exam_year` — a fresh graduate's expected graduation after the exam year.

use chrono::{Datelike, Months, NaiveDate};

use super::form::{
    filled, is_fresh_graduate, EducationSection, ExamChoiceSection, ExamKind, FieldErrors, Form,
    IdentitySection, NurseSection, PhysicianSection, WorkSection,
};
use crate::identity::{validate_email, validate_mobile};

const EDUCATION_LEVELS: [&str; 5] = ["zhongzhuan", "dazhuan", "benke", "shuoshi", "boshi"];
const STUDY_FORMS: [&str; 4] = ["full_time", "adult", "self_study", "online"];
const EXAM_FORMATS: [&str; 2] = ["computer", "paper"];
const PHYSICIAN_ROUTES: [&str; 3] = ["education", "apprenticeship", "expertise"];
const MAX_TEXT_CHARS: usize = 100;
const MAX_CODE_LEN: usize = 64;
/// Minimum internship months for the nurse exam (domain.md §2.3).
pub(crate) const MIN_INTERNSHIP_MONTHS: u8 = 8;
/// Minimum probation length in months for the physician education route (domain.md §2.2).
pub(crate) const MIN_PROBATION_MONTHS: u32 = 12;

/// Collects errors under `"section.field"` keys without duplicate codes.
struct Errs<'a> {
    out: &'a mut FieldErrors,
    section: &'static str,
}

impl Errs<'_> {
    fn add(&mut self, field: &str, code: &str) {
        add(self.out, &format!("{}.{field}", self.section), code);
    }

    fn text(&mut self, field: &str, v: &Option<String>) {
        if let Some(s) = filled(v) {
            if s.chars().count() > MAX_TEXT_CHARS {
                self.add(field, "text_length");
            }
            if s.chars().any(char::is_control) {
                self.add(field, "text_invalid_characters");
            }
        }
    }

    fn code(&mut self, field: &str, v: &Option<String>) {
        if let Some(s) = filled(v) {
            if !is_code(s) {
                self.add(field, "code_invalid");
            }
        }
    }

    fn one_of(&mut self, field: &str, v: &Option<String>, allowed: &[&str]) {
        if let Some(s) = filled(v) {
            if !allowed.contains(&s) {
                self.add(field, "invalid_value");
            }
        }
    }

    fn not_future(&mut self, field: &str, v: Option<NaiveDate>, today: NaiveDate) {
        if v.is_some_and(|d| d > today) {
            self.add(field, "date_in_future");
        }
    }

    fn require_text(&mut self, field: &str, v: &Option<String>) {
        if filled(v).is_none() {
            self.add(field, "required");
        }
    }

    fn require<T>(&mut self, field: &str, v: &Option<T>) {
        if v.is_none() {
            self.add(field, "required");
        }
    }
}

fn add(out: &mut FieldErrors, key: &str, code: &str) {
    let codes = out.entry(key.to_owned()).or_default();
    if !codes.iter().any(|c| c == code) {
        codes.push(code.to_owned());
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_CODE_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn errs<'a>(out: &'a mut FieldErrors, section: &'static str) -> Errs<'a> {
    Errs { out, section }
}

/// Format checks of the fields that are present; missing fields are not
/// errors. Sections the exam does not use get `section_not_applicable` on the
/// section key (`"physician"`, `"nurse"`) and are not checked further.
/// See the module documentation for the codes.
pub fn validate_partial(kind: ExamKind, form: &Form, today: NaiveDate) -> FieldErrors {
    let mut out = FieldErrors::new();
    if let Some(s) = &form.identity {
        identity(&mut errs(&mut out, "identity"), s);
    }
    // A fresh graduate registers before graduating: the graduation date may be ahead.
    let fresh = kind == ExamKind::Nurse && is_fresh_graduate(form);
    if let Some(s) = &form.education {
        education(&mut errs(&mut out, "education"), s, today, fresh);
    }
    if let Some(s) = &form.second_degree {
        education(&mut errs(&mut out, "second_degree"), s, today, false);
    }
    if let Some(s) = &form.work {
        work(&mut errs(&mut out, "work"), s, today);
    }
    if let Some(s) = &form.exam {
        exam(&mut errs(&mut out, "exam"), s, kind);
    }
    match (&form.physician, kind) {
        (Some(s), ExamKind::Physician) => physician(&mut errs(&mut out, "physician"), s, today),
        (Some(_), _) => add(&mut out, "physician", "section_not_applicable"),
        (None, _) => {}
    }
    match (&form.nurse, kind) {
        (Some(s), ExamKind::Nurse) => nurse(&mut errs(&mut out, "nurse"), s),
        (Some(_), _) => add(&mut out, "nurse", "section_not_applicable"),
        (None, _) => {}
    }
    out
}

fn identity(e: &mut Errs, s: &IdentitySection) {
    e.text("ethnicity", &s.ethnicity);
    e.text("address", &s.address);
    if let Some(p) = filled(&s.postal_code) {
        if p.len() != 6 || !p.bytes().all(|b| b.is_ascii_digit()) {
            e.add("postal_code", "postal_code_invalid");
        }
    }
    if let Some(m) = filled(&s.email) {
        if let Err(err) = validate_email(m) {
            e.add("email", err.code);
        }
    }
    if let Some(p) = filled(&s.emergency_phone) {
        if let Err(err) = validate_mobile(p) {
            e.add("emergency_phone", err.code);
        }
    }
}

fn education(e: &mut Errs, s: &EducationSection, today: NaiveDate, graduation_may_be_ahead: bool) {
    e.one_of("level", &s.level, &EDUCATION_LEVELS);
    e.text("school", &s.school);
    e.text("major", &s.major);
    e.one_of("study_form", &s.study_form, &STUDY_FORMS);
    e.not_future("enrolled_on", s.enrolled_on, today);
    if !graduation_may_be_ahead {
        e.not_future("graduated_on", s.graduated_on, today);
    }
    if let (Some(from), Some(to)) = (s.enrolled_on, s.graduated_on) {
        if to <= from {
            e.add("graduated_on", "dates_out_of_order");
        }
    }
    e.text("degree", &s.degree);
    e.text("certificate_number", &s.certificate_number);
    if s.study_years.is_some_and(|y| !(1..=10).contains(&y)) {
        e.add("study_years", "study_years_range");
    }
}

fn work(e: &mut Errs, s: &WorkSection, today: NaiveDate) {
    e.code("unit_code", &s.unit_code);
    e.text("unit_name_manual", &s.unit_name_manual);
    if filled(&s.unit_code).is_some() && filled(&s.unit_name_manual).is_some() {
        e.add("unit_name_manual", "unit_conflict");
    }
    e.text("unit_nature", &s.unit_nature);
    e.text("current_specialty", &s.current_specialty);
    e.not_future("work_started_on", s.work_started_on, today);
    e.text("title", &s.title);
    e.not_future("title_obtained_on", s.title_obtained_on, today);
    if s.years_in_specialty.is_some_and(|y| y > 60) {
        e.add("years_in_specialty", "years_range");
    }
}

fn exam(e: &mut Errs, s: &ExamChoiceSection, kind: ExamKind) {
    e.code("level_code", &s.level_code);
    e.code("category_code", &s.category_code);
    if kind == ExamKind::HealthTech {
        if let Some(c) = filled(&s.specialty_code) {
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_digit()) {
                e.add("specialty_code", "specialty_code_format");
            }
        }
    } else {
        e.code("specialty_code", &s.specialty_code);
    }
    let mut seen: Vec<&str> = Vec::new();
    for code in &s.subject_codes {
        let code = code.trim();
        if !is_code(code) {
            e.add("subject_codes", "code_invalid");
        } else if seen.contains(&code) {
            e.add("subject_codes", "subject_duplicate");
        }
        seen.push(code);
    }
    e.code("site_code", &s.site_code);
    e.code("point_code", &s.point_code);
    e.text("archive_number", &s.archive_number);
    e.one_of("exam_format", &s.exam_format, &EXAM_FORMATS);
}

fn physician(e: &mut Errs, s: &PhysicianSection, today: NaiveDate) {
    e.one_of("route", &s.route, &PHYSICIAN_ROUTES);
    e.code("probation_institution_code", &s.probation_institution_code);
    e.not_future("probation_started_on", s.probation_started_on, today);
    if let (Some(from), Some(to)) = (s.probation_started_on, s.probation_ended_on) {
        if to <= from {
            e.add("probation_ended_on", "dates_out_of_order");
        }
    }
    e.text(
        "assistant_certificate_number",
        &s.assistant_certificate_number,
    );
    e.not_future(
        "assistant_certificate_obtained_on",
        s.assistant_certificate_obtained_on,
        today,
    );
    e.text(
        "practice_registration_number",
        &s.practice_registration_number,
    );
    e.text(
        "apprenticeship_certificate_number",
        &s.apprenticeship_certificate_number,
    );
    e.text(
        "expertise_certificate_number",
        &s.expertise_certificate_number,
    );
}

fn nurse(e: &mut Errs, s: &NurseSection) {
    e.text("school", &s.school);
    if s.internship_months.is_some_and(|m| m > 60) {
        e.add("internship_months", "internship_months_range");
    }
}

/// [`validate_partial`] plus what a submission requires (`required` and the
/// eligibility codes). The exam year is taken as `today`'s year.
///
/// Required for every exam: `identity.ethnicity`, `identity.address`,
/// `education.{level,school,major,study_form,enrolled_on,graduated_on}`,
/// `exam.site_code` and a work unit (`work.unit_code` or
/// `work.unit_name_manual`, reported on `work.unit_code`) unless the candidate
/// is a nurse fresh graduate. Health-tech: `exam.level_code`,
/// `exam.specialty_code`, at least one `exam.subject_codes`,
/// `work.work_started_on`. Physician: `exam.category_code`, `exam.level_code`,
/// `physician.route`; for the education route the probation institution and
/// period (≥ 12 months, end ≥ start + 12 months − 1 day); for the other routes
/// their certificate number. Nurse: `nurse.fresh_graduate`; fresh graduates
/// also `nurse.school`, `nurse.expected_graduation_on` (not after the exam
/// year — the exam session's year, passed in) and `nurse.internship_months` (≥ 8, checked for everyone who
/// gives it).
pub fn validate_complete(
    kind: ExamKind,
    form: &Form,
    today: NaiveDate,
    exam_year: i32,
) -> FieldErrors {
    let mut out = validate_partial(kind, form, today);
    let id = form.identity.clone().unwrap_or_default();
    let mut e = errs(&mut out, "identity");
    e.require_text("ethnicity", &id.ethnicity);
    e.require_text("address", &id.address);

    let ed = form.education.clone().unwrap_or_default();
    let mut e = errs(&mut out, "education");
    e.require_text("level", &ed.level);
    e.require_text("school", &ed.school);
    e.require_text("major", &ed.major);
    e.require_text("study_form", &ed.study_form);
    e.require("enrolled_on", &ed.enrolled_on);
    e.require("graduated_on", &ed.graduated_on);

    let ex = form.exam.clone().unwrap_or_default();
    let mut e = errs(&mut out, "exam");
    e.require_text("site_code", &ex.site_code);

    let fresh = kind == ExamKind::Nurse && is_fresh_graduate(form);
    let wk = form.work.clone().unwrap_or_default();
    let mut e = errs(&mut out, "work");
    if !fresh && filled(&wk.unit_code).is_none() && filled(&wk.unit_name_manual).is_none() {
        e.add("unit_code", "required");
    }

    match kind {
        ExamKind::HealthTech => {
            e.require("work_started_on", &wk.work_started_on);
            let mut e = errs(&mut out, "exam");
            e.require_text("level_code", &ex.level_code);
            e.require_text("specialty_code", &ex.specialty_code);
            if ex.subject_codes.is_empty() {
                e.add("subject_codes", "required");
            }
        }
        ExamKind::Physician => {
            let mut e = errs(&mut out, "exam");
            e.require_text("category_code", &ex.category_code);
            e.require_text("level_code", &ex.level_code);
            let ph = form.physician.clone().unwrap_or_default();
            physician_complete(&mut errs(&mut out, "physician"), &ph);
        }
        ExamKind::Nurse => {
            let nu = form.nurse.clone().unwrap_or_default();
            nurse_complete(&mut errs(&mut out, "nurse"), &nu, exam_year);
        }
    }
    out
}

fn physician_complete(e: &mut Errs, ph: &PhysicianSection) {
    e.require_text("route", &ph.route);
    match filled(&ph.route) {
        Some("education") => {
            e.require_text("probation_institution_code", &ph.probation_institution_code);
            e.require("probation_started_on", &ph.probation_started_on);
            e.require("probation_ended_on", &ph.probation_ended_on);
            if let (Some(from), Some(to)) = (ph.probation_started_on, ph.probation_ended_on) {
                if to > from && !probation_long_enough(from, to) {
                    e.add("probation_ended_on", "probation_too_short");
                }
            }
        }
        Some("apprenticeship") => e.require_text(
            "apprenticeship_certificate_number",
            &ph.apprenticeship_certificate_number,
        ),
        Some("expertise") => e.require_text(
            "expertise_certificate_number",
            &ph.expertise_certificate_number,
        ),
        _ => {}
    }
}

/// Whether `from..=to` (both days included) covers at least 12 months.
fn probation_long_enough(from: NaiveDate, to: NaiveDate) -> bool {
    match from.checked_add_months(Months::new(MIN_PROBATION_MONTHS)) {
        Some(anniversary) => to >= anniversary.pred_opt().unwrap_or(anniversary),
        None => false,
    }
}

fn nurse_complete(e: &mut Errs, nu: &NurseSection, exam_year: i32) {
    e.require("fresh_graduate", &nu.fresh_graduate);
    if nu.fresh_graduate == Some(true) {
        e.require_text("school", &nu.school);
        e.require("expected_graduation_on", &nu.expected_graduation_on);
        e.require("internship_months", &nu.internship_months);
        if nu
            .expected_graduation_on
            .is_some_and(|d| d.year() > exam_year)
        {
            e.add("expected_graduation_on", "graduation_after_exam_year");
        }
    }
    if nu
        .internship_months
        .is_some_and(|m| m < MIN_INTERNSHIP_MONTHS)
    {
        e.add("internship_months", "internship_too_short");
    }
}
