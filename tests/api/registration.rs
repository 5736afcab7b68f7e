//! The candidate's registration journey through the API: draft, section saves, version conflicts,
//! completeness, submission and routing to the first review level.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

use crate::accounts_candidate::signup;

async fn session_id(app: &TestApp, exam: &str) -> String {
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == exam)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn sections() -> Vec<Value> {
    vec![
        json!({"identity": {"ethnicity": "汉族", "address": "郑州市金水区经三路 1 号", "postal_code": "450000"}}),
        json!({"education": {"level": "benke", "school": "郑州大学", "major": "护理学", "study_form": "full_time",
            "enrolled_on": "2012-09-01", "graduated_on": "2016-07-01", "study_years": 4}}),
        json!({"work": {"unit_code": "41000000000000001X", "unit_nature": "公立医院", "current_specialty": "护理",
            "work_started_on": "2016-08-01", "title": "护师", "title_obtained_on": "2019-01-01", "years_in_specialty": 9}}),
        json!({"exam": {"level_code": "intermediate", "specialty_code": "368", "subject_codes": ["basic", "practice"],
            "site_code": "410100", "point_code": "41010501", "exam_format": "computer", "front_line": false}}),
    ]
}

#[tokio::test]
async fn draft_save_submit_and_route_to_the_first_level() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let me = signup(&app, "11010519491231002X", "13912345678").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let sid = session_id(&app, "health_tech").await;

    let (s, reg) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": sid}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 201, "{reg}");
    assert_eq!(
        (reg["status"].as_str(), reg["version"].as_i64()),
        (Some("draft"), Some(1))
    );
    assert_eq!(reg["completeness"]["complete"], false);
    assert!(reg["completeness"]["errors"]["identity.ethnicity"][0] == "required");
    let id = reg["id"].as_str().unwrap().to_string();
    let (s, b) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": sid}),
            Some(&token),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("registration_exists")));

    // submitting an incomplete draft lists what is missing
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": 1}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"]["education.school"][0], "required");

    // section by section, each save bumps the version
    let mut version = 1;
    for section in sections() {
        let (s, b) = app
            .patch(
                &format!("/api/v1/registrations/{id}"),
                json!({"version": version, "form": section}),
                Some(&token),
            )
            .await;
        assert_eq!(s, 200, "{b}");
        version = b["version"].as_i64().unwrap();
    }
    assert_eq!(version, 5);
    // a stale version is refused, nothing overwritten
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": 2, "form": {"identity": {"ethnicity": "回族"}}}),
            Some(&token),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    // field errors are per field; nothing is saved
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": version, "form": {"education": {"graduated_on": "2010-01-01"}}}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert!(
        b["errors"]
            .as_object()
            .unwrap()
            .keys()
            .any(|k| k.starts_with("education.")),
        "{b}"
    );
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": version, "form": {"identity": {"shoe_size": 42}}}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["form"][0].as_str()),
        (422, Some("invalid_value"))
    );

    let (s, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(s, 200);
    assert_eq!(reg["version"], 5);
    assert_eq!(reg["form"]["identity"]["ethnicity"], "汉族");
    assert_eq!(
        reg["completeness"]["complete"], true,
        "{}",
        reg["completeness"]
    );
    // the fee is computed on the server: 2 subjects × 70.00 元
    assert_eq!(reg["fee"]["total_fen"], 14000);
    let materials: Vec<&str> = reg["required_materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    for m in [
        "photo",
        "id_card_front",
        "diploma",
        "work_years_certificate",
    ] {
        assert!(materials.contains(&m), "{materials:?}");
    }

    // a complete form without its materials is refused, each missing kind named
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": 5}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    let errors = b["errors"].as_object().unwrap();
    for m in &materials {
        assert_eq!(
            errors[&format!("materials.{m}")],
            json!(["material_missing"]),
            "{b}"
        );
    }
    assert_eq!(
        errors.len(),
        materials.len(),
        "only materials are missing: {b}"
    );
    // with all but one uploaded only that one is named
    let uploaded = app.upload_required_materials(&token, &id).await;
    assert_eq!(uploaded.len(), materials.len());
    let (s, list) = app
        .get(
            &format!("/api/v1/registrations/{id}/materials"),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200);
    let diploma = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "diploma")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .http
        .delete(app.url(&format!("/api/v1/registrations/{id}/materials/{diploma}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": 5}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (
            s,
            b["errors"]
                .as_object()
                .map(|e| e.keys().collect::<Vec<_>>())
        ),
        (422, Some(vec![&"materials.diploma".to_string()])),
        "{b}"
    );
    assert_eq!(
        app.upload_required_materials(&token, &id).await,
        vec!["diploma"]
    );

    let (s, reg) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": 5}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{reg}");
    assert_eq!(
        (reg["status"].as_str(), reg["current_level"].as_str()),
        (Some("submitted"), Some("point"))
    );
    let actions: Vec<&str> = reg["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["create", "submit"]);
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": 6, "form": {}}),
            Some(&token),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("registration_locked")));

    // the Jinshui registration point sees it; Luoyang does not
    let point = app.staff_token("point_reviewer").await;
    let (_, q) = app
        .get("/api/v1/review/registrations?q=王小明", Some(&point))
        .await;
    assert_eq!(q["total"], 1, "{q}");
    let ly = app.staff_token("site_reviewer_ly").await;
    let (s, _) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&ly))
        .await;
    assert_eq!(s, 404);

    // the immutable history has one row per version
    let versions = app
        .with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::registration_versions::dsl as v;
            v::registration_versions
                .filter(v::registration_id.eq(uuid::Uuid::parse_str(&id).unwrap()))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(versions, 6);
}

#[tokio::test]
async fn submission_checks_catalog_and_routing() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let me = signup(&app, "11010519491231002X", "13912345678").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let sid = session_id(&app, "health_tech").await;
    let (_, reg) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": sid}),
            Some(&token),
        )
        .await;
    let id = reg["id"].as_str().unwrap().to_string();
    let mut version = 1;
    let mut all = sections();
    all[3] = json!({"exam": {"level_code": "intermediate", "specialty_code": "999", "subject_codes": ["basic", "astrology"],
        "site_code": "410300", "point_code": "41010501"}});
    for section in all {
        let (s, b) = app
            .patch(
                &format!("/api/v1/registrations/{id}"),
                json!({"version": version, "form": section}),
                Some(&token),
            )
            .await;
        assert_eq!(s, 200, "{b}");
        version = b["version"].as_i64().unwrap();
    }
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"]["exam.specialty_code"][0], "specialty_unknown");
    assert_eq!(
        b["errors"]["exam.point_code"][0], "point_unknown",
        "a Zhengzhou point under the Luoyang site"
    );
    let (s, b) = app
        .patch(&format!("/api/v1/registrations/{id}"), json!({"version": version, "form": {"exam": {"specialty_code": "368", "site_code": "410100"}}}), Some(&token))
        .await;
    assert_eq!(s, 200, "{b}");
    version = b["version"].as_i64().unwrap();
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["exam.subject_codes"][0].as_str()),
        (422, Some("subject_unknown")),
        "{b}"
    );

    // another candidate cannot see or touch it; staff tokens are not candidate tokens
    let other = app.candidate_token("13800000001").await;
    let (s, _) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&other))
        .await;
    assert_eq!(s, 404);
    // after the window closes nothing can be saved or created
    app.state.clock.advance(chrono::Duration::days(25));
    let (s, _) = app.get("/api/v1/registrations", Some(&token)).await;
    assert_eq!(s, 401, "the 14-day session has expired too");
    let (_, login) = app
        .post(
            "/api/v1/auth/candidate/login",
            json!({"login": "13912345678", "password": "abc12345"}),
            None,
        )
        .await;
    let token = login["access_token"].as_str().unwrap().to_string();
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": version, "form": {}}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_window_closed"))
    );
}
