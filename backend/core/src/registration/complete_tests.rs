//! Tests of `validate_complete`: required fields and eligibility codes per exam.

use super::form::*;
use super::validate_fixtures::*;

#[test]
fn physician_required_fields_per_route() {
    let mut f = physician();
    f.exam.as_mut().unwrap().category_code = None;
    f.physician = None;
    let e = complete(ExamKind::Physician, &f);
    assert_eq!(codes(&e, "exam.category_code"), vec!["required"]);
    assert_eq!(codes(&e, "physician.route"), vec!["required"]);
    // Health-tech requirements do not apply.
    assert!(!e.contains_key("exam.specialty_code"));
    assert!(!e.contains_key("work.work_started_on"));

    f.physician = Some(PhysicianSection {
        route: some("education"),
        ..Default::default()
    });
    let e = complete(ExamKind::Physician, &f);
    for key in [
        "physician.probation_institution_code",
        "physician.probation_started_on",
        "physician.probation_ended_on",
    ] {
        assert_eq!(codes(&e, key), vec!["required"], "{key}");
    }
    f.physician.as_mut().unwrap().route = some("apprenticeship");
    let e = complete(ExamKind::Physician, &f);
    assert_eq!(
        codes(&e, "physician.apprenticeship_certificate_number"),
        vec!["required"]
    );
    assert!(!e.contains_key("physician.probation_started_on"));
    f.physician.as_mut().unwrap().route = some("expertise");
    let e = complete(ExamKind::Physician, &f);
    assert_eq!(
        codes(&e, "physician.expertise_certificate_number"),
        vec!["required"]
    );
    f.physician.as_mut().unwrap().expertise_certificate_number = some("ZC2024-001");
    assert!(
        !complete(ExamKind::Physician, &f).contains_key("physician.expertise_certificate_number")
    );
}

#[test]
fn probation_must_cover_twelve_months() {
    let mut f = physician();
    let p = f.physician.as_mut().unwrap();
    p.probation_ended_on = Some(d(2024, 6, 29));
    let e = complete(ExamKind::Physician, &f);
    assert_eq!(
        codes(&e, "physician.probation_ended_on"),
        vec!["probation_too_short"]
    );
    // Drafts are not judged on eligibility.
    assert!(partial(ExamKind::Physician, &f).is_empty());
    // Leap day start: 2024-02-29 + 12 months - 1 day = 2025-02-27.
    let p = f.physician.as_mut().unwrap();
    p.probation_started_on = Some(d(2024, 2, 29));
    p.probation_ended_on = Some(d(2025, 2, 27));
    assert!(complete(ExamKind::Physician, &f).is_empty());
    f.physician.as_mut().unwrap().probation_ended_on = Some(d(2025, 2, 26));
    assert!(has(
        &complete(ExamKind::Physician, &f),
        "physician.probation_ended_on",
        "probation_too_short"
    ));
}

#[test]
fn nurse_required_fields() {
    let mut f = base();
    f.work = None;
    let e = complete(ExamKind::Nurse, &f);
    assert_eq!(codes(&e, "nurse.fresh_graduate"), vec!["required"]);
    assert_eq!(codes(&e, "work.unit_code"), vec!["required"]);

    let mut f = nurse_fresh();
    f.nurse = Some(NurseSection {
        fresh_graduate: Some(true),
        ..Default::default()
    });
    let e = complete(ExamKind::Nurse, &f);
    for key in [
        "nurse.school",
        "nurse.expected_graduation_on",
        "nurse.internship_months",
    ] {
        assert_eq!(codes(&e, key), vec!["required"], "{key}");
    }
    // A fresh graduate needs no work unit.
    assert!(!e.contains_key("work.unit_code"));
}

#[test]
fn nurse_eligibility_codes() {
    let mut f = nurse_fresh();
    let n = f.nurse.as_mut().unwrap();
    n.internship_months = Some(7);
    n.expected_graduation_on = Some(d(2026, 1, 15));
    let e = complete(ExamKind::Nurse, &f);
    assert_eq!(
        codes(&e, "nurse.internship_months"),
        vec!["internship_too_short"]
    );
    assert_eq!(
        codes(&e, "nurse.expected_graduation_on"),
        vec!["graduation_after_exam_year"]
    );
    let n = f.nurse.as_mut().unwrap();
    n.internship_months = Some(8);
    n.expected_graduation_on = Some(d(2025, 12, 31));
    assert!(complete(ExamKind::Nurse, &f).is_empty());
}

#[test]
fn fresh_graduate_helper() {
    assert!(is_fresh_graduate(&nurse_fresh()));
    assert!(!is_fresh_graduate(&base()));
    assert!(!is_manual_unit(&Form::default()));
}

#[test]
fn errors_are_not_duplicated() {
    let f = Form {
        exam: Some(ExamChoiceSection {
            subject_codes: vec!["a".into(), "a".into(), "a".into()],
            ..Default::default()
        }),
        ..Default::default()
    };
    let e = partial(ExamKind::HealthTech, &f);
    assert_eq!(codes(&e, "exam.subject_codes"), vec!["subject_duplicate"]);
}
