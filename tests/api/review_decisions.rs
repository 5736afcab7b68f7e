//! Review decisions through the chain: approve to the next level and to final approval, return, reject,
//! optimistic concurrency between two reviewers, level and scope rules.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

/// The demo registration of 张晓燕 (health-tech, Jinshui point, waiting at the point level).
pub(crate) async fn demo_registration(app: &TestApp, token: &str) -> (String, i64) {
    let (s, q) = app
        .get("/api/v1/review/registrations?q=张晓燕", Some(token))
        .await;
    assert_eq!(s, 200, "{q}");
    let item = &q["items"][0];
    (
        item["id"].as_str().unwrap().to_string(),
        item["version"].as_i64().unwrap(),
    )
}

pub(crate) async fn decide(app: &TestApp, token: &str, id: &str, body: Value) -> (u16, Value) {
    app.post(
        &format!("/api/v1/review/registrations/{id}/decisions"),
        body,
        Some(token),
    )
    .await
}

#[tokio::test]
async fn approvals_walk_point_site_region_to_final_approval() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let site = app.staff_token("site_reviewer").await;
    let region = app.staff_token("region_reviewer").await;
    let (id, v) = demo_registration(&app, &point).await;

    let (_, pending) = app
        .get("/api/v1/review/registrations?pending=true", Some(&point))
        .await;
    // of the two Jinshui registrations only the health-tech one waits at the point: the nurse chain starts at the site
    assert_eq!(pending["total"], 1, "{pending}");
    // the site cannot decide what waits at the point
    let (s, b) = decide(&app, &site, &id, json!({"version": v, "action": "approve"})).await;
    assert_eq!((s, b["code"].as_str()), (409, Some("not_at_your_level")));
    let (s, b) = decide(
        &app,
        &point,
        &id,
        json!({"version": v, "action": "approve", "comment": "单位证明齐全"}),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (b["status"].as_str(), b["current_level"].as_str()),
        (Some("submitted"), Some("site"))
    );
    let v = b["version"].as_i64().unwrap();
    let (_, b) = decide(&app, &site, &id, json!({"version": v, "action": "approve"})).await;
    let v = b["version"].as_i64().unwrap();
    let (s, b) = decide(
        &app,
        &region,
        &id,
        json!({"version": v, "action": "approve"}),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (b["status"].as_str(), b["current_level"].as_str()),
        (Some("approved"), None)
    );
    // decided: nobody can decide again
    let (s, b) = decide(
        &app,
        &region,
        &id,
        json!({"version": b["version"], "action": "reject", "reason_codes": ["other"]}),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_not_pending"))
    );
    // the candidate sees the public trail (internal comment hidden)
    let cand = app.candidate_token("13800000001").await;
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&cand))
        .await;
    let actions: Vec<&str> = reg["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["approve", "approve", "approve"]);
    assert!(
        reg["timeline"][0]["comment"].is_null(),
        "internal comments are not shown to candidates"
    );
    assert_eq!(reg["status"], "approved");
}

#[tokio::test]
async fn two_reviewers_deciding_at_once_one_wins_the_other_gets_409() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let (id, v) = demo_registration(&app, &point).await;
    let url = app.url(&format!("/api/v1/review/registrations/{id}/decisions"));
    let a = app
        .http
        .post(&url)
        .bearer_auth(&point)
        .json(&json!({"version": v, "action": "approve"}))
        .send();
    let b = app
        .http
        .post(&url)
        .bearer_auth(&point)
        .json(&json!({"version": v, "action": "return", "reason_codes": ["work_certificate_missing"], "comment": "请补充工作年限证明", "comment_public": true}))
        .send();
    let (ra, rb) = tokio::join!(a, b);
    let mut statuses = vec![ra.unwrap().status().as_u16(), rb.unwrap().status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, vec![200, 409]);
    let n = app
        .with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::review_actions::dsl as x;
            x::review_actions
                .filter(x::registration_id.eq(uuid::Uuid::parse_str(&id).unwrap()))
                .filter(x::actor_kind.eq("staff"))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(n, 1, "exactly one decision recorded");
}

#[tokio::test]
async fn returns_and_rejections_need_reasons_and_respect_scope_and_windows() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let (id, v) = demo_registration(&app, &point).await;
    let (s, b) = decide(&app, &point, &id, json!({"version": v, "action": "return"})).await;
    assert_eq!(
        (s, b["errors"]["reason_codes"][0].as_str()),
        (422, Some("reason_required"))
    );
    let (s, b) = decide(&app, &point, &id, json!({"version": v, "action": "maybe"})).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_body")));
    let (s, b) = decide(
        &app,
        &point,
        &id,
        json!({"version": v + 7, "action": "approve"}),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    // Luoyang cannot see it, admins and auditors cannot decide
    let ly = app.staff_token("site_reviewer_ly").await;
    let (s, _) = decide(&app, &ly, &id, json!({"version": v, "action": "approve"})).await;
    assert_eq!(s, 404);
    let admin = app.staff_token("region_admin").await;
    let (s, _) = decide(
        &app,
        &admin,
        &id,
        json!({"version": v, "action": "approve"}),
    )
    .await;
    assert_eq!(s, 403);
    // a public return comment reaches the candidate
    let (s, b) = decide(
        &app,
        &point,
        &id,
        json!({"version": v, "action": "return", "reason_codes": ["work_certificate_missing"],
        "comment": "请补充加盖公章的工作年限证明", "comment_public": true}),
    )
    .await;
    assert_eq!(
        (s, b["status"].as_str(), b["current_level"].as_str()),
        (200, Some("returned"), Some("point"))
    );
    let cand = app.candidate_token("13800000001").await;
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&cand))
        .await;
    let last = reg["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["comment"], "请补充加盖公章的工作年限证明");
    assert_eq!(last["reason_codes"][0], "work_certificate_missing");
    // after the point's review window closes, the point cannot decide
    let (_, q) = app
        .get("/api/v1/review/registrations?q=阿依古丽", Some(&point))
        .await;
    let other = q["items"][0]["id"].as_str().unwrap().to_string();
    let ver = q["items"][0]["version"].as_i64().unwrap();
    app.state.clock.advance(chrono::Duration::days(21));
    let point = app.staff_token("point_reviewer").await;
    let (s, b) = decide(
        &app,
        &point,
        &other,
        json!({"version": ver, "action": "approve"}),
    )
    .await;
    assert!(
        s == 409 && (b["code"] == "review_window_closed" || b["code"] == "not_at_your_level"),
        "{s} {b}"
    );
}
