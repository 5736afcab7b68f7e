//! Every rule, with a case where it fires and one where it does not.

use chrono::NaiveDate;

use super::*;
use crate::registration::form::{
    EducationSection, ExamChoiceSection, NurseSection, PhysicianSection, WorkSection,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rec<T>(id: i64, name: &str, data: T) -> Record<T> {
    Record {
        id,
        batch_id: format!("batch-{id}"),
        name: Some(name.to_string()),
        data,
    }
}

fn exam(level: &str, specialty: &str, category: Option<&str>) -> ExamChoiceSection {
    ExamChoiceSection {
        level_code: Some(level.into()),
        specialty_code: Some(specialty.into()),
        category_code: category.map(String::from),
        ..Default::default()
    }
}

struct Case {
    kind: ExamKind,
    form: Form,
    materials: Vec<String>,
    others: Vec<OtherRegistration>,
    lookups: Lookups,
    policy: Policy,
}

impl Case {
    fn new(kind: ExamKind, form: Form) -> Case {
        Case {
            kind,
            form,
            materials: vec![],
            others: vec![],
            lookups: Lookups::default(),
            policy: Policy::default(),
        }
    }
    fn run(&self) -> Vec<Finding> {
        let s = Subject {
            kind: self.kind,
            year: 2027,
            name: "张三",
            form: &self.form,
            materials: &self.materials,
            others: &self.others,
            today: d(2026, 12, 1),
        };
        verify(&s, &self.lookups, &self.policy)
    }
    fn codes(&self) -> Vec<String> {
        self.run().into_iter().map(|f| f.rule_code).collect()
    }
    fn find(&self, code: &str) -> Option<Finding> {
        self.run().into_iter().find(|f| f.rule_code == code)
    }
}

fn health_tech(level: &str, specialty: &str) -> Case {
    Case::new(
        ExamKind::HealthTech,
        Form {
            exam: Some(exam(level, specialty, None)),
            ..Default::default()
        },
    )
}

fn physician(level: &str, category: &str, ph: PhysicianSection) -> Case {
    Case::new(
        ExamKind::Physician,
        Form {
            exam: Some(exam(level, "110", Some(category))),
            physician: Some(ph),
            ..Default::default()
        },
    )
}

#[test]
fn nothing_in_the_libraries_gives_no_findings_for_a_plain_form() {
    assert!(health_tech("assistant", "104").run().is_empty());
}

#[test]
fn a_different_name_in_a_library_is_flagged_once_per_library_with_evidence() {
    let mut c = health_tech("assistant", "104");
    c.lookups.front_line = vec![
        rec(
            7,
            "张叁",
            FrontLine {
                policy: "援鄂".into(),
                unit: None,
                valid_year: 2020,
            },
        ),
        rec(
            8,
            "张叁",
            FrontLine {
                policy: "援鄂".into(),
                unit: None,
                valid_year: 2021,
            },
        ),
    ];
    let f: Vec<_> = c
        .run()
        .into_iter()
        .filter(|f| f.rule_code == "id_name_mismatch")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].evidence.as_ref().unwrap().batch_id, "batch-7");
    c.lookups.front_line[0].name = Some("张三".into());
    c.lookups.front_line[1].name = Some(" 张三 ".into());
    assert!(c.find("id_name_mismatch").is_none());
}

#[test]
fn other_registrations_of_the_year_are_warned() {
    let mut c = health_tech("assistant", "104");
    assert!(c.find("duplicate_registration").is_none());
    c.others.push(OtherRegistration {
        session_name: "2027 护士".into(),
        exam_type: "nurse".into(),
        status: "submitted".into(),
    });
    assert_eq!(
        c.find("duplicate_registration").unwrap().severity,
        Severity::Warning
    );
}

fn ban(exam_type: &str, from: i32, to: Option<i32>) -> Violation {
    Violation {
        exam_type: exam_type.into(),
        sanction: "ban_2y".into(),
        legal_basis: Some("第十条".into()),
        from_year: from,
        to_year: to,
    }
}

#[test]
fn an_active_ban_warns_or_blocks_by_policy_and_expired_or_other_exam_bans_do_not() {
    let mut c = health_tech("assistant", "104");
    c.lookups.violations = vec![
        rec(1, "张三", ban("health_tech", 2022, Some(2026))),
        rec(2, "张三", ban("nurse", 2027, None)),
    ];
    assert!(c.find("violation_active").is_none());
    c.lookups
        .violations
        .push(rec(3, "张三", ban("health_tech", 2026, None)));
    let f = c.find("violation_active").unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.evidence.unwrap().record_id, 3);
    c.policy.ban_blocks = true;
    assert_eq!(
        c.find("violation_active").unwrap().severity,
        Severity::Block
    );
}

#[test]
fn front_line_hint_when_listed_and_warning_when_claimed_but_not_listed() {
    let mut c = health_tech("assistant", "104");
    c.form.exam.as_mut().unwrap().front_line = Some(true);
    assert_eq!(c.codes(), vec!["front_line_not_listed"]);
    c.lookups.front_line = vec![rec(
        4,
        "张三",
        FrontLine {
            policy: "援鄂".into(),
            unit: None,
            valid_year: 2027,
        },
    )];
    assert_eq!(c.codes(), vec!["front_line_listed"]);
}

#[test]
fn provincial_line_records_are_hints() {
    let mut c = health_tech("assistant", "104");
    c.lookups.provincial_line = vec![rec(
        5,
        "张三",
        ProvincialLine {
            year: 2025,
            specialty_code: Some("104".into()),
            valid_region: "郑州".into(),
        },
    )];
    let f = c.find("provincial_line").unwrap();
    assert_eq!(f.severity, Severity::Hint);
    assert!(f.reviewer_message.contains("郑州"));
}

fn nurse_fresh(school: &str) -> Case {
    Case::new(
        ExamKind::Nurse,
        Form {
            nurse: Some(NurseSection {
                fresh_graduate: Some(true),
                school: Some(school.into()),
                ..Default::default()
            }),
            ..Default::default()
        },
    )
}

#[test]
fn fresh_graduates_are_screened_against_this_years_list() {
    let mut c = nurse_fresh("郑州卫校");
    assert_eq!(
        c.find("fresh_graduate_not_listed").unwrap().severity,
        Severity::Warning
    );
    c.lookups.fresh_graduates = vec![rec(
        6,
        "张三",
        FreshGraduate {
            school: "郑州卫校".into(),
            graduation_year: 2026,
            major: None,
            education_level: None,
        },
    )];
    assert!(
        c.find("fresh_graduate_not_listed").is_some(),
        "last year's list does not count"
    );
    c.lookups.fresh_graduates[0].data.graduation_year = 2027;
    assert_eq!(c.codes(), vec!["fresh_graduate_verified"]);
    c.lookups.fresh_graduates[0].data.school = "洛阳卫校".into();
    assert_eq!(c.codes(), vec!["fresh_graduate_school_differs"]);
    c.form.nurse.as_mut().unwrap().fresh_graduate = Some(false);
    assert!(c.run().is_empty());
}

#[test]
fn health_tech_fresh_graduates_are_screened_only_when_the_session_admits_them() {
    let mut c = health_tech("assistant", "104");
    c.form.education = Some(EducationSection {
        graduated_on: Some(d(2027, 6, 30)),
        ..Default::default()
    });
    assert!(c.run().is_empty());
    c.policy.admits_fresh_graduates = true;
    assert_eq!(c.codes(), vec!["fresh_graduate_not_listed"]);
}

fn inst(code: &str, kind: &str) -> Record<Institution> {
    Record {
        id: 9,
        batch_id: "batch-9".into(),
        name: Some("某卫生院".into()),
        data: Institution {
            code: code.into(),
            region_code: "410100".into(),
            level: None,
            kind: Some(kind.into()),
        },
    }
}

#[test]
fn work_unit_is_checked_against_the_institution_library() {
    let mut c = health_tech("assistant", "104");
    c.form.work = Some(WorkSection {
        unit_code: Some("H1".into()),
        ..Default::default()
    });
    assert_eq!(c.codes(), vec!["work_unit_unknown"]);
    c.lookups.institutions = vec![inst("H1", "hospital")];
    assert_eq!(c.codes(), vec!["work_unit_verified"]);
    c.form.work = Some(WorkSection {
        unit_name_manual: Some("某诊所".into()),
        ..Default::default()
    });
    assert_eq!(c.codes(), vec!["work_unit_manual"]);
}

#[test]
fn rural_assistant_needs_a_grassroots_unit() {
    let mut c = physician("rural_assistant", "clinical", PhysicianSection::default());
    c.form.work = Some(WorkSection {
        unit_code: Some("H1".into()),
        ..Default::default()
    });
    c.lookups.institutions = vec![inst("H1", "hospital")];
    assert!(c.find("rural_unit_required").is_some());
    c.lookups.institutions = vec![inst("H1", "township_health_centre")];
    assert!(c.find("rural_unit_required").is_none());
}

fn hist(year: i32, specialty: &str, passed: &[&str], archive: &str) -> History {
    History {
        year,
        exam_type: "health_tech".into(),
        archive_number: Some(archive.into()),
        level_code: None,
        specialty_code: Some(specialty.into()),
        subjects_passed: Some(passed.iter().map(|s| s.to_string()).collect()),
        skills_passed: None,
        written_passed: None,
        education_level: Some("benke".into()),
        school: Some("郑州大学".into()),
        major: Some("护理学".into()),
        unit_code: None,
    }
}

#[test]
fn returning_candidates_keep_their_archive_number_and_cannot_retake_passed_subjects() {
    let mut c = health_tech("practitioner", "203");
    c.lookups.history = vec![rec(
        10,
        "张三",
        hist(2026, "203", &["basic", "related"], "A-2026-1"),
    )];
    {
        let e = c.form.exam.as_mut().unwrap();
        e.archive_number = Some("A-2026-1".into());
        e.subject_codes = vec!["specialty".into(), "practice".into()];
    }
    // nursing 203 also needs a nurse registration: give one
    c.lookups.nurse_practice = vec![rec(
        11,
        "张三",
        NursePractice {
            registration_number: "N1".into(),
            registered_on: d(2020, 1, 1),
            valid_until: None,
        },
    )];
    assert_eq!(
        c.codes(),
        vec!["history_returning", "nurse_registration_verified"]
    );
    {
        let e = c.form.exam.as_mut().unwrap();
        e.archive_number = Some("X".into());
        e.subject_codes = vec!["basic".into(), "practice".into()];
    }
    let codes = c.codes();
    assert!(codes.contains(&"history_subject_already_passed".to_string()));
    assert!(codes.contains(&"history_archive_mismatch".to_string()));
    assert!(c
        .find("history_archive_mismatch")
        .unwrap()
        .candidate_message
        .unwrap()
        .contains("A-2026-1"));
}

#[test]
fn history_in_another_specialty_or_older_years_does_not_carry_over() {
    let mut c = health_tech("assistant", "104");
    c.lookups.history = vec![
        rec(12, "张三", hist(2026, "105", &["basic"], "A")),
        rec(13, "张三", hist(2025, "104", &["basic"], "B")),
    ];
    assert_eq!(c.codes(), vec!["history_specialty_changed"]);
}

#[test]
fn education_changes_against_history_are_flagged() {
    let mut c = health_tech("assistant", "104");
    c.lookups.history = vec![rec(14, "张三", hist(2024, "104", &[], "A"))];
    c.form.education = Some(EducationSection {
        level: Some("benke".into()),
        school: Some("郑州大学".into()),
        major: Some("护理学".into()),
        ..Default::default()
    });
    assert!(c.run().is_empty());
    c.form.education.as_mut().unwrap().major = Some("临床医学".into());
    let f = c.find("history_education_changed").unwrap();
    assert!(f.reviewer_message.contains("临床医学"));
}

#[test]
fn skills_exemption_basis_is_last_years_skills_pass_without_written_pass() {
    let mut c = physician("practising", "clinical", PhysicianSection::default());
    let mut h = hist(2026, "110", &[], "P");
    h.exam_type = "physician".into();
    h.skills_passed = Some(true);
    h.written_passed = Some(false);
    c.lookups.history = vec![rec(15, "张三", h)];
    assert_eq!(c.codes(), vec!["skills_exemption_basis"]);
    c.lookups.history[0].data.written_passed = Some(true);
    assert!(c.run().is_empty());
}

fn qual(level: &str, obtained: NaiveDate) -> Qualification {
    Qualification {
        title: "护师".into(),
        level_code: level.into(),
        specialty_code: None,
        obtained_on: obtained,
        certificate_number: None,
    }
}

#[test]
fn intermediate_needs_a_practitioner_title_held_long_enough_for_the_education() {
    let mut c = health_tech("intermediate", "366");
    c.form.education = Some(EducationSection {
        level: Some("benke".into()),
        ..Default::default()
    });
    assert_eq!(c.codes(), vec!["qualification_missing"]);
    // held from 2024-06-01: 3 full years by 2027-12-31, benke needs 4
    c.lookups.qualifications = vec![rec(16, "张三", qual("practitioner", d(2024, 6, 1)))];
    assert_eq!(c.codes(), vec!["qualification_years_short"]);
    c.lookups.qualifications[0].data.obtained_on = d(2023, 12, 31);
    assert_eq!(c.codes(), vec!["qualification_verified"]);
    // an assistant-level title does not count
    c.lookups.qualifications[0].data.level_code = "assistant".into();
    assert_eq!(c.codes(), vec!["qualification_missing"]);
    assert!(health_tech("practitioner", "201").run().is_empty());
}

#[test]
fn years_are_counted_to_the_end_of_the_exam_year() {
    assert_eq!(prerequisites::years_to_end_of(d(2023, 12, 31), 2027), 4);
    assert_eq!(prerequisites::years_to_end_of(d(2024, 1, 1), 2027), 3);
    assert_eq!(prerequisites::years_to_end_of(d(2030, 1, 1), 2027), 0);
}

fn cert(level: &str, category: &str, number: &str) -> PhysicianPractice {
    PhysicianPractice {
        certificate_kind: "qualification".into(),
        level_code: level.into(),
        category_code: category.into(),
        scope: None,
        certificate_number: number.into(),
        obtained_on: d(2015, 1, 1),
    }
}

#[test]
fn specialties_301_to_365_need_a_physician_certificate() {
    let mut c = health_tech("intermediate", "303");
    c.lookups.qualifications = vec![rec(17, "张三", qual("practitioner", d(2010, 1, 1)))];
    assert!(c
        .codes()
        .contains(&"physician_certificate_missing".to_string()));
    c.lookups.physician_practice = vec![rec(18, "张三", cert("practising", "clinical", "P1"))];
    assert!(c
        .codes()
        .contains(&"physician_certificate_verified".to_string()));
    // 366 is outside the range
    let mut c = health_tech("intermediate", "366");
    c.lookups.qualifications = vec![rec(17, "张三", qual("practitioner", d(2010, 1, 1)))];
    assert_eq!(c.codes(), vec!["qualification_verified"]);
}

#[test]
fn assistant_to_practising_upgrade_needs_the_assistant_certificate() {
    let ph = PhysicianSection {
        assistant_certificate_number: Some("A123".into()),
        ..Default::default()
    };
    let mut c = physician("practising", "clinical", ph);
    assert_eq!(c.codes(), vec!["assistant_certificate_not_found"]);
    c.lookups.physician_practice = vec![rec(19, "张三", cert("assistant", "clinical", "A123"))];
    assert_eq!(c.codes(), vec!["assistant_certificate_verified"]);
    c.lookups
        .physician_practice
        .push(rec(20, "张三", cert("practising", "clinical", "P9")));
    assert!(c.codes().contains(&"already_qualified".to_string()));
}

#[test]
fn nursing_specialties_need_a_valid_nurse_registration() {
    let mut c = health_tech("practitioner", "203");
    assert_eq!(c.codes(), vec!["nurse_registration_missing"]);
    c.lookups.nurse_practice = vec![rec(
        21,
        "张三",
        NursePractice {
            registration_number: "N".into(),
            registered_on: d(2018, 1, 1),
            valid_until: Some(d(2025, 1, 1)),
        },
    )];
    assert_eq!(c.codes(), vec!["nurse_registration_expired"]);
    c.lookups.nurse_practice[0].data.valid_until = Some(d(2028, 1, 1));
    assert_eq!(c.codes(), vec!["nurse_registration_verified"]);
    assert!(health_tech("practitioner", "201").run().is_empty());
    let mut n = nurse_fresh("x");
    n.form.nurse.as_mut().unwrap().fresh_graduate = Some(false);
    n.lookups.nurse_practice = c.lookups.nurse_practice.clone();
    assert_eq!(n.codes(), vec!["already_registered_nurse"]);
}

fn zhongzhuan(major: &str, enrolled: NaiveDate) -> EducationSection {
    EducationSection {
        level: Some("zhongzhuan".into()),
        school: Some("卫校".into()),
        major: Some(major.into()),
        study_form: Some("full_time".into()),
        enrolled_on: Some(enrolled),
        graduated_on: Some(d(enrolled.year_ce().1 as i32 + 3, 7, 1)),
        study_years: Some(3),
        ..Default::default()
    }
}
use chrono::Datelike;

#[test]
fn secondary_education_is_classified_by_policy_and_checked_against_the_library() {
    let mut c = physician("assistant", "clinical", PhysicianSection::default());
    c.form.education = Some(zhongzhuan("临床医学", d(2009, 9, 1)));
    assert_eq!(c.codes(), vec!["secondary_not_in_library"]);
    c.lookups.secondary_education = vec![rec(
        22,
        "张三",
        SecondaryEducation {
            school: "卫校".into(),
            major: "临床医学".into(),
            enrolled_on: d(2009, 9, 1),
            graduated_on: d(2012, 7, 1),
            study_years: Some(3),
            study_form: Some("full_time".into()),
        },
    )];
    assert_eq!(c.codes(), vec!["secondary_verified"]);
    c.lookups.secondary_education[0].data.enrolled_on = d(2009, 3, 1);
    assert_eq!(c.codes(), vec!["secondary_mismatch"]);
    c.form.education = Some(zhongzhuan("临床医学", d(2012, 9, 1)));
    assert!(c.codes().contains(&"secondary_not_eligible".to_string()));
    c.form.education = Some(zhongzhuan("农村医学", d(2012, 9, 1)));
    assert!(c.codes().contains(&"secondary_rural_only".to_string()));
    c.form.exam.as_mut().unwrap().level_code = Some("rural_assistant".into());
    assert!(!c.codes().contains(&"secondary_rural_only".to_string()));
}

#[test]
fn second_degree_follows_the_session_policy_and_needs_a_report() {
    let mut c = physician("assistant", "clinical", PhysicianSection::default());
    assert!(c.run().is_empty());
    c.form.education = Some(EducationSection {
        enrolled_on: Some(d(2010, 9, 1)),
        ..Default::default()
    });
    c.form.second_degree = Some(EducationSection {
        level: Some("dazhuan".into()),
        enrolled_on: Some(d(2009, 9, 1)),
        ..Default::default()
    });
    assert_eq!(
        c.codes(),
        vec![
            "second_degree_inconsistent",
            "second_degree_report_missing",
            "second_degree_restricted"
        ]
    );
    c.materials.push("diploma_verification_report".into());
    c.form.second_degree.as_mut().unwrap().enrolled_on = Some(d(2015, 9, 1));
    c.policy.second_degree = "not_accepted".into();
    assert_eq!(c.codes(), vec!["second_degree_not_accepted"]);
    c.policy.second_degree = "accepted".into();
    assert!(c.run().is_empty());
}

fn filing(start: NaiveDate, end: NaiveDate, category: &str) -> ProbationFiling {
    ProbationFiling {
        institution_code: "H1".into(),
        category_code: category.into(),
        started_on: start,
        ended_on: end,
        valid_until: Some(d(2027, 12, 31)),
        certificate_number: None,
    }
}

#[test]
fn probation_must_be_filed_a_year_long_in_the_category_and_current() {
    let ph = PhysicianSection {
        route: Some("education".into()),
        probation_institution_code: Some("H1".into()),
        ..Default::default()
    };
    let mut c = physician("practising", "clinical", ph);
    assert_eq!(c.codes(), vec!["probation_not_filed"]);
    c.lookups.probation_filings = vec![rec(
        23,
        "张三",
        filing(d(2025, 7, 1), d(2026, 6, 30), "clinical"),
    )];
    assert_eq!(c.codes(), vec!["probation_verified"]);
    c.lookups.probation_filings[0].data.ended_on = d(2026, 3, 31);
    c.lookups.probation_filings[0].data.category_code = "dental".into();
    c.lookups.probation_filings[0].data.valid_until = Some(d(2026, 1, 1));
    assert_eq!(
        c.codes(),
        vec![
            "probation_category_mismatch",
            "probation_too_short",
            "probation_expired"
        ]
    );
    // another institution's filing does not count
    c.form
        .physician
        .as_mut()
        .unwrap()
        .probation_institution_code = Some("H2".into());
    assert_eq!(c.codes(), vec!["probation_not_filed"]);
}

#[test]
fn probation_dates_on_the_form_must_match_the_filing() {
    let ph = PhysicianSection {
        probation_institution_code: Some("H1".into()),
        probation_started_on: Some(d(2025, 7, 2)),
        probation_ended_on: Some(d(2026, 6, 30)),
        ..Default::default()
    };
    let mut c = physician("practising", "clinical", ph);
    c.lookups.probation_filings = vec![rec(
        24,
        "张三",
        filing(d(2025, 7, 1), d(2026, 6, 30), "clinical"),
    )];
    assert_eq!(c.codes(), vec!["probation_dates_differ"]);
}

#[test]
fn apprenticeship_route_needs_the_certificate_in_the_library() {
    let ph = PhysicianSection {
        route: Some("apprenticeship".into()),
        apprenticeship_certificate_number: Some("S-1".into()),
        ..Default::default()
    };
    let mut c = physician("assistant", "tcm", ph);
    assert_eq!(c.codes(), vec!["apprenticeship_not_found"]);
    c.lookups.apprenticeship = vec![rec(
        25,
        "张三",
        Apprenticeship {
            certificate_kind: "expertise".into(),
            certificate_number: "S-1".into(),
            issued_on: None,
            teacher: None,
        },
    )];
    assert_eq!(
        c.codes(),
        vec!["apprenticeship_not_found"],
        "kind must match the route"
    );
    c.lookups.apprenticeship[0].data.certificate_kind = "apprenticeship".into();
    assert_eq!(c.codes(), vec!["apprenticeship_verified"]);
}

#[test]
fn lookups_accept_rows_as_json_from_the_database() {
    let mut l = Lookups::default();
    l.push(
        "violations",
        serde_json::json!({"id": 3, "batch_id": "b", "name": "张三", "id_bi": "\\x00", "exam_type": "nurse",
            "sanction": "ban_2y", "legal_basis": null, "from_year": 2026, "to_year": null}),
    )
    .unwrap();
    assert_eq!(l.violations[0].data.from_year, 2026);
    assert!(l.push("violations", serde_json::json!({"id": 1})).is_err());
    assert!(l.push("nope", serde_json::json!({})).is_err());
}

#[test]
fn findings_are_ordered_block_first() {
    let mut c = health_tech("practitioner", "203");
    c.form.exam.as_mut().unwrap().front_line = Some(true);
    c.lookups.provincial_line = vec![rec(
        5,
        "张三",
        ProvincialLine {
            year: 2025,
            specialty_code: None,
            valid_region: "x".into(),
        },
    )];
    let sev: Vec<Severity> = c.run().iter().map(|f| f.severity).collect();
    assert_eq!(
        sev,
        vec![Severity::Block, Severity::Warning, Severity::Hint]
    );
}

/// Rule codes as written in the rule sources (the first string after each `Finding::new(`).
fn rule_codes_in_sources() -> Vec<String> {
    let sources = [
        include_str!("people.rs"),
        include_str!("returning.rs"),
        include_str!("prerequisites.rs"),
        include_str!("physician.rs"),
    ];
    let mut codes = Vec::new();
    for src in sources {
        for part in src.split("Finding::new(").skip(1) {
            let start = part.find('"').expect("a code string") + 1;
            let end = start + part[start..].find('"').expect("closing quote");
            codes.push(part[start..end].to_string());
        }
    }
    codes
}

#[test]
fn every_rule_code_is_documented_for_operators() {
    let doc = include_str!("../../../../docs/libraries.md");
    let codes = rule_codes_in_sources();
    assert!(codes.len() > 40, "{codes:?}");
    for code in codes {
        assert!(
            doc.contains(&format!("`{code}`")),
            "docs/libraries.md does not document {code}"
        );
    }
}

#[test]
fn every_library_column_is_documented_for_operators() {
    let doc = include_str!("../../../../docs/libraries.md");
    for lib in crate::libraries::LIBRARIES {
        assert!(doc.contains(&format!("`{}`", lib.code)), "{}", lib.code);
        for c in lib.columns {
            assert!(doc.contains(c.name), "{}.{}", lib.code, c.name);
        }
    }
}
