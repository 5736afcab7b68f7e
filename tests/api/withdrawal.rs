//! Withdrawing a registration through the real app: before final approval only, versioned, on the timeline
//! with the reason, out of the reviewers' hands; registering again turns the same registration into a draft
//! with its form kept.

use serde_json::json;
use weikao_api_tests::TestApp;

use crate::payments::approved;
use crate::review_decisions::{decide, demo_registration};

#[tokio::test]
async fn a_candidate_withdraws_and_registers_again() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let (id, _) = demo_registration(&app, &point).await;
    let token = app.candidate_token("13800000001").await;
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(reg["status"], "submitted");
    let url = format!("/api/v1/registrations/{id}/withdraw");

    let (s, b) = app
        .post(
            &url,
            json!({"version": reg["version"], "reason": "很".repeat(201)}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["reason"][0].as_str()),
        (422, Some("reason_too_long"))
    );
    let (s, b) = app.post(&url, json!({"version": 999}), Some(&token)).await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    let other = app.candidate_token("13800000002").await;
    let (s, _) = app
        .post(&url, json!({"version": reg["version"]}), Some(&other))
        .await;
    assert_eq!(s, 404, "someone else's registration");

    let (s, gone) = app
        .post(
            &url,
            json!({"version": reg["version"], "reason": "今年工作太忙，明年再考"}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, gone["status"].as_str()),
        (200, Some("withdrawn")),
        "{gone}"
    );
    assert!(gone["current_level"].is_null());
    let (s, b) = app
        .post(&url, json!({"version": gone["version"]}), Some(&token))
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_not_withdrawable"))
    );

    // out of the reviewers' hands
    let (_, detail) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&point))
        .await;
    let (s, b) = decide(
        &app,
        &point,
        &id,
        json!({"version": detail["version"], "action": "approve"}),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_not_pending")),
        "{b}"
    );

    // registering again for the session: the same registration, a draft, the form kept
    let (s, again) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": reg["session_id"]}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 201, "{again}");
    assert_eq!(
        (again["id"].as_str(), again["status"].as_str()),
        (Some(id.as_str()), Some("draft"))
    );
    assert_eq!(again["form"], reg["form"]);
    let actions: Vec<&str> = again["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.ends_with(&["withdraw", "register_again"]),
        "{actions:?}"
    );
    let withdrawn = again["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["action"] == "withdraw")
        .unwrap();
    assert_eq!(withdrawn["comment"], "今年工作太忙，明年再考");
    let (s, b) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": reg["session_id"]}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_exists")),
        "one registration per session"
    );
    // and it can be submitted again (with its materials): it waits at the first level once more
    app.upload_required_materials(&token, &id).await;
    let (s, sub) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": again["version"]}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, sub["current_level"].as_str()),
        (200, Some("point")),
        "{sub}"
    );

    let audited: Vec<String> = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.like("registration.%"))
                .filter(a::action.ne("registration.submit"))
                .order(a::id.asc())
                .select(a::action)
                .load(c)
                .unwrap()
        })
        .await;
    assert!(
        audited.ends_with(&[
            "registration.withdraw".to_string(),
            "registration.register_again".to_string()
        ]),
        "{audited:?}"
    );
}

#[tokio::test]
async fn a_finally_approved_registration_cannot_be_withdrawn() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = app.candidate_token("13800000001").await;
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/withdraw"),
            json!({"version": reg["version"]}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_not_withdrawable"))
    );
}
