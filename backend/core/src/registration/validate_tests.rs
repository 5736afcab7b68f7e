//! Tests of `validate_partial`: one per format error code.

use super::form::*;
use super::validate_fixtures::*;

#[test]
fn exam_kind_strings() {
    for &k in ExamKind::all() {
        assert_eq!(ExamKind::parse(k.as_str()), Some(k));
    }
    assert_eq!(ExamKind::HealthTech.as_str(), "health_tech");
    assert_eq!(ExamKind::parse("Nurse"), None);
}

#[test]
fn valid_complete_forms_have_no_errors() {
    assert_eq!(
        complete(ExamKind::HealthTech, &health_tech()),
        FieldErrors::new()
    );
    assert_eq!(
        complete(ExamKind::Physician, &physician()),
        FieldErrors::new()
    );
    assert_eq!(
        complete(ExamKind::Nurse, &nurse_fresh()),
        FieldErrors::new()
    );
    let mut working_nurse = base();
    working_nurse.nurse = Some(NurseSection {
        fresh_graduate: Some(false),
        ..Default::default()
    });
    assert_eq!(
        complete(ExamKind::Nurse, &working_nurse),
        FieldErrors::new()
    );
}

#[test]
fn empty_draft_is_valid_partially_and_lists_required_fields() {
    let empty = Form::default();
    assert!(partial(ExamKind::HealthTech, &empty).is_empty());
    let e = complete(ExamKind::HealthTech, &empty);
    for key in [
        "identity.ethnicity",
        "identity.address",
        "education.level",
        "education.school",
        "education.major",
        "education.study_form",
        "education.enrolled_on",
        "education.graduated_on",
        "exam.site_code",
        "work.unit_code",
        "exam.level_code",
        "exam.specialty_code",
        "exam.subject_codes",
        "work.work_started_on",
    ] {
        assert_eq!(codes(&e, key), vec!["required"], "{key}");
    }
    assert_eq!(e.len(), 14);
}

#[test]
fn blank_text_counts_as_missing() {
    let mut f = health_tech();
    f.identity.as_mut().unwrap().ethnicity = some("   ");
    assert!(partial(ExamKind::HealthTech, &f).is_empty());
    assert!(has(
        &complete(ExamKind::HealthTech, &f),
        "identity.ethnicity",
        "required"
    ));
}

#[test]
fn text_length_and_characters() {
    let mut f = health_tech();
    f.identity.as_mut().unwrap().address = Some("路".repeat(101));
    f.education.as_mut().unwrap().school = Some("学".repeat(100));
    f.work.as_mut().unwrap().title = some("护\u{7}师");
    let e = partial(ExamKind::HealthTech, &f);
    assert_eq!(codes(&e, "identity.address"), vec!["text_length"]);
    assert!(!e.contains_key("education.school"));
    assert_eq!(codes(&e, "work.title"), vec!["text_invalid_characters"]);
}

#[test]
fn codes_must_be_ascii_identifiers() {
    let mut f = health_tech();
    f.exam.as_mut().unwrap().site_code = some("考点1");
    f.work.as_mut().unwrap().unit_code = Some("A".repeat(65));
    f.exam.as_mut().unwrap().subject_codes = vec!["jc".into(), "j c".into()];
    let e = partial(ExamKind::HealthTech, &f);
    assert_eq!(codes(&e, "exam.site_code"), vec!["code_invalid"]);
    assert_eq!(codes(&e, "work.unit_code"), vec!["code_invalid"]);
    assert_eq!(codes(&e, "exam.subject_codes"), vec!["code_invalid"]);
}

#[test]
fn enumerations() {
    let mut f = physician();
    f.education.as_mut().unwrap().level = some("gaozhong");
    f.education.as_mut().unwrap().study_form = some("part_time");
    f.exam.as_mut().unwrap().exam_format = some("online");
    f.physician.as_mut().unwrap().route = some("other");
    let e = partial(ExamKind::Physician, &f);
    for key in [
        "education.level",
        "education.study_form",
        "exam.exam_format",
        "physician.route",
    ] {
        assert_eq!(codes(&e, key), vec!["invalid_value"], "{key}");
    }
    for level in ["zhongzhuan", "dazhuan", "benke", "shuoshi", "boshi"] {
        f.education.as_mut().unwrap().level = some(level);
        assert!(!partial(ExamKind::Physician, &f).contains_key("education.level"));
    }
}

#[test]
fn dates_in_the_future() {
    let tomorrow = Some(d(2025, 3, 2));
    let mut f = physician();
    f.education.as_mut().unwrap().enrolled_on = tomorrow;
    f.education.as_mut().unwrap().graduated_on = Some(d(2026, 1, 1));
    let w = f.work.as_mut().unwrap();
    w.work_started_on = tomorrow;
    w.title_obtained_on = tomorrow;
    let p = f.physician.as_mut().unwrap();
    p.probation_started_on = tomorrow;
    p.probation_ended_on = Some(d(2026, 3, 2));
    p.assistant_certificate_obtained_on = tomorrow;
    let e = partial(ExamKind::Physician, &f);
    for key in [
        "education.enrolled_on",
        "education.graduated_on",
        "work.work_started_on",
        "work.title_obtained_on",
        "physician.probation_started_on",
        "physician.assistant_certificate_obtained_on",
    ] {
        assert_eq!(codes(&e, key), vec!["date_in_future"], "{key}");
    }
    // The probation end may lie ahead while drafting; today itself is fine.
    assert!(!e.contains_key("physician.probation_ended_on"));
    f.education.as_mut().unwrap().enrolled_on = Some(today());
    assert!(!partial(ExamKind::Physician, &f).contains_key("education.enrolled_on"));
}

#[test]
fn fresh_nurse_graduate_may_graduate_later() {
    let f = nurse_fresh();
    assert!(partial(ExamKind::Nurse, &f).is_empty());
    let mut not_fresh = f.clone();
    not_fresh.nurse.as_mut().unwrap().fresh_graduate = Some(false);
    let e = partial(ExamKind::Nurse, &not_fresh);
    assert_eq!(codes(&e, "education.graduated_on"), vec!["date_in_future"]);
}

#[test]
fn dates_out_of_order() {
    let mut f = physician();
    let ed = f.education.as_mut().unwrap();
    ed.graduated_on = ed.enrolled_on;
    let p = f.physician.as_mut().unwrap();
    p.probation_ended_on = Some(d(2023, 6, 30));
    let e = complete(ExamKind::Physician, &f);
    assert_eq!(
        codes(&e, "education.graduated_on"),
        vec!["dates_out_of_order"]
    );
    // Out of order is not also reported as too short.
    assert_eq!(
        codes(&e, "physician.probation_ended_on"),
        vec!["dates_out_of_order"]
    );
    f.second_degree = Some(EducationSection {
        enrolled_on: Some(d(2020, 9, 1)),
        graduated_on: Some(d(2020, 1, 1)),
        ..Default::default()
    });
    let e = partial(ExamKind::Physician, &f);
    assert_eq!(
        codes(&e, "second_degree.graduated_on"),
        vec!["dates_out_of_order"]
    );
}

#[test]
fn specialty_code_format_only_for_health_tech() {
    let mut f = health_tech();
    for bad in ["36", "3681", "36a", "３６８"] {
        f.exam.as_mut().unwrap().specialty_code = some(bad);
        let e = partial(ExamKind::HealthTech, &f);
        assert_eq!(
            codes(&e, "exam.specialty_code"),
            vec!["specialty_code_format"],
            "{bad}"
        );
    }
    f.exam.as_mut().unwrap().specialty_code = some("lc01");
    f.exam.as_mut().unwrap().subject_codes.clear();
    assert!(!partial(ExamKind::Nurse, &f).contains_key("exam.specialty_code"));
}

#[test]
fn subject_duplicates() {
    let mut f = health_tech();
    f.exam.as_mut().unwrap().subject_codes = vec!["jc".into(), "sj".into(), " jc".into()];
    let e = partial(ExamKind::HealthTech, &f);
    assert_eq!(codes(&e, "exam.subject_codes"), vec!["subject_duplicate"]);
}

#[test]
fn contact_formats_use_identity_helpers() {
    let mut f = health_tech();
    let id = f.identity.as_mut().unwrap();
    id.postal_code = some("30000");
    id.email = some("not-an-email");
    id.emergency_phone = some("12812345678");
    let e = partial(ExamKind::HealthTech, &f);
    assert_eq!(
        codes(&e, "identity.postal_code"),
        vec!["postal_code_invalid"]
    );
    assert_eq!(codes(&e, "identity.email"), vec!["email_invalid"]);
    assert_eq!(codes(&e, "identity.emergency_phone"), vec!["phone_invalid"]);
    f.identity.as_mut().unwrap().postal_code = some("30000a");
    assert!(has(
        &partial(ExamKind::HealthTech, &f),
        "identity.postal_code",
        "postal_code_invalid"
    ));
}

#[test]
fn number_ranges() {
    let mut f = nurse_fresh();
    f.education.as_mut().unwrap().study_years = Some(0);
    f.nurse.as_mut().unwrap().internship_months = Some(61);
    f.work = Some(WorkSection {
        years_in_specialty: Some(61),
        ..Default::default()
    });
    let e = partial(ExamKind::Nurse, &f);
    assert_eq!(
        codes(&e, "education.study_years"),
        vec!["study_years_range"]
    );
    assert_eq!(
        codes(&e, "nurse.internship_months"),
        vec!["internship_months_range"]
    );
    assert_eq!(codes(&e, "work.years_in_specialty"), vec!["years_range"]);
    f.education.as_mut().unwrap().study_years = Some(11);
    assert!(has(
        &partial(ExamKind::Nurse, &f),
        "education.study_years",
        "study_years_range"
    ));
}

#[test]
fn unit_code_and_manual_name_conflict() {
    let mut f = health_tech();
    f.work.as_mut().unwrap().unit_name_manual = some("某某社区卫生服务站");
    let e = partial(ExamKind::HealthTech, &f);
    assert_eq!(codes(&e, "work.unit_name_manual"), vec!["unit_conflict"]);
    assert!(!is_manual_unit(&f));
    f.work.as_mut().unwrap().unit_code = None;
    assert!(complete(ExamKind::HealthTech, &f).is_empty());
    assert!(is_manual_unit(&f));
}

#[test]
fn sections_not_applicable() {
    let mut f = health_tech();
    f.physician = Some(PhysicianSection {
        route: some("bogus"),
        ..Default::default()
    });
    f.nurse = Some(NurseSection::default());
    let e = partial(ExamKind::HealthTech, &f);
    assert_eq!(codes(&e, "physician"), vec!["section_not_applicable"]);
    assert_eq!(codes(&e, "nurse"), vec!["section_not_applicable"]);
    assert!(!e.contains_key("physician.route"));
    let mut p = physician();
    p.nurse = Some(NurseSection::default());
    assert_eq!(
        codes(&partial(ExamKind::Physician, &p), "nurse"),
        vec!["section_not_applicable"]
    );
    let mut n = nurse_fresh();
    n.physician = Some(PhysicianSection::default());
    assert_eq!(
        codes(&partial(ExamKind::Nurse, &n), "physician"),
        vec!["section_not_applicable"]
    );
}
