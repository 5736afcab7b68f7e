//! Shared fixtures of the form-validation tests.

use chrono::{Datelike, NaiveDate};

use super::form::*;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn today() -> NaiveDate {
    d(2025, 3, 1)
}

pub(super) fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

pub(super) fn base() -> Form {
    Form {
        identity: Some(IdentitySection {
            ethnicity: some("汉族"),
            address: some("天津市和平区南京路 1 号"),
            postal_code: some("300000"),
            email: some("zhang@example.com"),
            emergency_phone: some("13812345678"),
        }),
        education: Some(EducationSection {
            level: some("benke"),
            school: some("天津医科大学"),
            major: some("护理学"),
            study_form: some("full_time"),
            enrolled_on: Some(d(2015, 9, 1)),
            graduated_on: Some(d(2019, 7, 1)),
            degree: some("学士"),
            certificate_number: some("100621201905000123"),
            study_years: Some(4),
        }),
        second_degree: None,
        work: Some(WorkSection {
            unit_code: some("12120000401359321X"),
            unit_name_manual: None,
            unit_nature: some("公立医院"),
            current_specialty: some("护理"),
            work_started_on: Some(d(2019, 8, 1)),
            title: some("护师"),
            title_obtained_on: Some(d(2021, 1, 1)),
            years_in_specialty: Some(5),
        }),
        exam: Some(ExamChoiceSection {
            site_code: some("1201"),
            point_code: some("120101"),
            exam_format: some("computer"),
            front_line: Some(false),
            ..Default::default()
        }),
        physician: None,
        nurse: None,
    }
}

pub(super) fn health_tech() -> Form {
    let mut f = base();
    let ex = f.exam.as_mut().unwrap();
    ex.level_code = some("zhongji");
    ex.specialty_code = some("368");
    ex.subject_codes = vec!["jc".into(), "sj".into()];
    f
}

pub(super) fn physician() -> Form {
    let mut f = base();
    let ex = f.exam.as_mut().unwrap();
    ex.category_code = some("linchuang");
    ex.level_code = some("zhiye");
    f.physician = Some(PhysicianSection {
        route: some("education"),
        probation_institution_code: some("H1201"),
        probation_started_on: Some(d(2023, 7, 1)),
        probation_ended_on: Some(d(2024, 6, 30)),
        ..Default::default()
    });
    f
}

pub(super) fn nurse_fresh() -> Form {
    let mut f = base();
    f.work = None;
    f.education.as_mut().unwrap().graduated_on = Some(d(2025, 7, 1));
    f.nurse = Some(NurseSection {
        fresh_graduate: Some(true),
        school: some("天津医学高等专科学校"),
        expected_graduation_on: Some(d(2025, 7, 1)),
        internship_months: Some(10),
    });
    f
}

/// The codes reported for `key`.
pub(super) fn codes(errs: &FieldErrors, key: &str) -> Vec<String> {
    errs.get(key).cloned().unwrap_or_default()
}

pub(super) fn has(errs: &FieldErrors, key: &str, code: &str) -> bool {
    codes(errs, key).iter().any(|c| c == code)
}

pub(super) fn partial(kind: ExamKind, f: &Form) -> FieldErrors {
    validate_partial(kind, f, today())
}

pub(super) fn complete(kind: ExamKind, f: &Form) -> FieldErrors {
    validate_complete(kind, f, today(), today().year())
}
