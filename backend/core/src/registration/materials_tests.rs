use super::*;
use crate::registration::form::{ExamChoiceSection, NurseSection, PhysicianSection, WorkSection};
use serde::de::{value::Error as DeError, IntoDeserializer};

const ALL_KINDS: [&str; 21] = [
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

fn facts(exam: ExamKind) -> Facts {
    Facts {
        exam,
        specialty_code: None,
        fresh_graduate: false,
        manual_unit: false,
        front_line: false,
        physician_route: None,
    }
}

fn with_specialty(code: &str) -> Facts {
    Facts {
        specialty_code: Some(code.into()),
        ..facts(ExamKind::HealthTech)
    }
}

#[test]
fn each_condition() {
    let f = facts(ExamKind::Nurse);
    assert!(Condition::Always.holds(&f));
    assert!(Condition::ExamKind(ExamKind::Nurse).holds(&f));
    assert!(!Condition::ExamKind(ExamKind::Physician).holds(&f));

    let range = Condition::SpecialtyRange { from: 301, to: 365 };
    assert!(range.holds(&with_specialty("301")));
    assert!(range.holds(&with_specialty("365")));
    assert!(!range.holds(&with_specialty("300")));
    assert!(!range.holds(&with_specialty("366")));
    assert!(!range.holds(&with_specialty("3a1")));
    assert!(!range.holds(&with_specialty("0301")));
    assert!(!range.holds(&facts(ExamKind::HealthTech)));

    assert!(!Condition::FreshGraduate.holds(&f));
    assert!(Condition::FreshGraduate.holds(&Facts {
        fresh_graduate: true,
        ..f.clone()
    }));
    assert!(!Condition::ManualWorkUnit.holds(&f));
    assert!(Condition::ManualWorkUnit.holds(&Facts {
        manual_unit: true,
        ..f.clone()
    }));
    assert!(!Condition::FrontLine.holds(&f));
    assert!(Condition::FrontLine.holds(&Facts {
        front_line: true,
        ..f.clone()
    }));

    let p = Facts {
        physician_route: Some("education".into()),
        ..facts(ExamKind::Physician)
    };
    assert!(Condition::PhysicianRoute("education".into()).holds(&p));
    assert!(!Condition::PhysicianRoute("expertise".into()).holds(&p));
    assert!(!Condition::PhysicianRoute("education".into()).holds(&f));
}

#[test]
fn combinators_and_nesting() {
    let f = Facts {
        fresh_graduate: true,
        ..facts(ExamKind::Nurse)
    };
    let t = || Condition::Always;
    let no = || Condition::FrontLine;
    assert!(Condition::All(vec![]).holds(&f));
    assert!(!Condition::Any(vec![]).holds(&f));
    assert!(Condition::All(vec![t(), Condition::FreshGraduate]).holds(&f));
    assert!(!Condition::All(vec![t(), no()]).holds(&f));
    assert!(Condition::Any(vec![no(), t()]).holds(&f));
    assert!(!Condition::Any(vec![no(), no()]).holds(&f));
    assert!(Condition::Not(Box::new(no())).holds(&f));
    assert!(!Condition::Not(Box::new(t())).holds(&f));
    // nurse AND NOT (front line OR manual unit) AND (fresh OR any[])
    let nested = Condition::All(vec![
        Condition::ExamKind(ExamKind::Nurse),
        Condition::Not(Box::new(Condition::Any(vec![
            Condition::FrontLine,
            Condition::ManualWorkUnit,
        ]))),
        Condition::Any(vec![Condition::FreshGraduate, Condition::Any(vec![])]),
    ]);
    assert!(nested.holds(&f));
    assert!(!nested.holds(&Facts {
        manual_unit: true,
        ..f.clone()
    }));
    assert!(!nested.holds(&Facts {
        fresh_graduate: false,
        ..f
    }));
}

#[test]
fn required_materials_deduplicates_in_rule_order() {
    let rules = vec![
        rule("photo", Condition::Always),
        rule("diploma", Condition::FrontLine),
        rule("front_line_proof", Condition::FrontLine),
        rule("photo", Condition::Always),
        rule("diploma", Condition::Always),
    ];
    assert_eq!(
        required_materials(&rules, &facts(ExamKind::Nurse)),
        vec!["photo", "diploma"]
    );
    let f = Facts {
        front_line: true,
        ..facts(ExamKind::Nurse)
    };
    assert_eq!(
        required_materials(&rules, &f),
        vec!["photo", "diploma", "front_line_proof"]
    );
    assert!(required_materials(&[], &f).is_empty());
}

#[test]
fn facts_from_form() {
    let form = Form {
        exam: Some(ExamChoiceSection {
            specialty_code: Some(" 302 ".into()),
            front_line: Some(true),
            ..Default::default()
        }),
        work: Some(WorkSection {
            unit_name_manual: Some("某某诊所".into()),
            ..Default::default()
        }),
        nurse: Some(NurseSection {
            fresh_graduate: Some(true),
            ..Default::default()
        }),
        physician: Some(PhysicianSection {
            route: Some("expertise".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let f = facts_of(ExamKind::Nurse, &form);
    assert_eq!(f.specialty_code.as_deref(), Some("302"));
    assert!(f.fresh_graduate && f.manual_unit && f.front_line);
    assert_eq!(f.physician_route, None);
    let f = facts_of(ExamKind::Physician, &form);
    assert!(!f.fresh_graduate);
    assert_eq!(f.physician_route.as_deref(), Some("expertise"));
    let f = facts_of(ExamKind::HealthTech, &Form::default());
    assert_eq!(f, facts(ExamKind::HealthTech));
}

fn required(kind: ExamKind, f: &Facts) -> Vec<String> {
    required_materials(&default_rules(kind), f)
}

#[test]
fn default_rules_health_tech() {
    let base = required(ExamKind::HealthTech, &with_specialty("203"));
    for k in [
        "photo",
        "id_card_front",
        "id_card_back",
        "diploma",
        "work_years_certificate",
    ] {
        assert!(base.contains(&k.to_string()), "{k}");
    }
    assert!(base.contains(&"nurse_practice_certificate".to_string()));
    assert!(!base.contains(&"physician_qualification_certificate".to_string()));
    assert!(!base.contains(&"title_certificate".to_string()));

    let attending = required(ExamKind::HealthTech, &with_specialty("301"));
    assert!(attending.contains(&"physician_qualification_certificate".to_string()));
    assert!(attending.contains(&"physician_practice_certificate".to_string()));
    assert!(attending.contains(&"title_certificate".to_string()));
    assert!(!attending.contains(&"nurse_practice_certificate".to_string()));
    let pharmacy = required(ExamKind::HealthTech, &with_specialty("366"));
    assert!(!pharmacy.contains(&"physician_practice_certificate".to_string()));
}

#[test]
fn default_rules_physician_routes() {
    let route = |r: &str| {
        required(
            ExamKind::Physician,
            &Facts {
                physician_route: Some(r.into()),
                ..facts(ExamKind::Physician)
            },
        )
    };
    let edu = route("education");
    assert!(edu.contains(&"probation_certificate".to_string()));
    assert!(edu.contains(&"diploma".to_string()));
    assert!(!edu.contains(&"apprenticeship_certificate".to_string()));
    assert!(route("apprenticeship").contains(&"apprenticeship_certificate".to_string()));
    assert!(route("expertise").contains(&"expertise_certificate".to_string()));
    assert!(!route("expertise").contains(&"probation_certificate".to_string()));
}

#[test]
fn default_rules_nurse_and_common_flags() {
    let fresh = required(
        ExamKind::Nurse,
        &Facts {
            fresh_graduate: true,
            ..facts(ExamKind::Nurse)
        },
    );
    assert!(fresh.contains(&"fresh_graduate_proof".to_string()));
    assert!(!fresh.contains(&"diploma".to_string()));
    let working = required(
        ExamKind::Nurse,
        &Facts {
            manual_unit: true,
            front_line: true,
            ..facts(ExamKind::Nurse)
        },
    );
    assert!(working.contains(&"diploma".to_string()));
    assert!(!working.contains(&"fresh_graduate_proof".to_string()));
    assert!(working.contains(&"institution_licence".to_string()));
    assert!(working.contains(&"front_line_proof".to_string()));
}

#[test]
fn default_rules_use_known_kinds_only() {
    for &k in ExamKind::all() {
        let rules = default_rules(k);
        assert!(!rules.is_empty());
        for r in &rules {
            assert!(ALL_KINDS.contains(&r.kind.as_str()), "{}", r.kind);
        }
    }
}

#[test]
fn unit_variants_and_exam_kind_deserialize_from_snake_case() {
    let de: serde::de::value::StrDeserializer<'_, DeError> = "fresh_graduate".into_deserializer();
    assert_eq!(
        Condition::deserialize(de).unwrap(),
        Condition::FreshGraduate
    );
    let de: serde::de::value::StrDeserializer<'_, DeError> = "manual_work_unit".into_deserializer();
    assert_eq!(
        Condition::deserialize(de).unwrap(),
        Condition::ManualWorkUnit
    );
    let de: serde::de::value::StrDeserializer<'_, DeError> = "health_tech".into_deserializer();
    assert_eq!(ExamKind::deserialize(de).unwrap(), ExamKind::HealthTech);
}
