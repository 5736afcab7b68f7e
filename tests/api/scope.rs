//! Data scope: a reviewer sees only their org subtree; another scope's registration is a 404.

use serde_json::json;
use weikao_api_tests::TestApp;

async fn registration_ids(app: &TestApp, token: &str) -> Vec<(String, String)> {
    let (s, b) = app
        .get("/api/v1/review/registrations?page_size=200", Some(token))
        .await;
    assert_eq!(s, 200, "{b}");
    b["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["candidate_name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn reviewers_see_their_subtree_only() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let zz = app.staff_token("site_reviewer").await;
    let ly = app.staff_token("site_reviewer_ly").await;
    let point = app.staff_token("point_reviewer").await;
    let region = app.staff_token("region_reviewer").await;
    let zz_regs = registration_ids(&app, &zz).await;
    let ly_regs = registration_ids(&app, &ly).await;
    let point_regs = registration_ids(&app, &point).await;
    let all = registration_ids(&app, &region).await;
    assert_eq!((zz_regs.len(), ly_regs.len(), all.len()), (3, 2, 5));
    assert_eq!(point_regs.len(), 2, "the Jinshui point sees its own two");
    let (s, b) = app
        .get(
            &format!("/api/v1/review/registrations/{}", zz_regs[0].0),
            Some(&zz),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert!(b["id_number_masked"].as_str().unwrap().contains("********"));
    // Luoyang asks for a Zhengzhou registration: indistinguishable from a missing one
    let (s, b) = app
        .get(
            &format!("/api/v1/review/registrations/{}", zz_regs[0].0),
            Some(&ly),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("not_found")));
    let (s, _) = app
        .get(
            &format!("/api/v1/review/registrations/{}", uuid::Uuid::new_v4()),
            Some(&ly),
        )
        .await;
    assert_eq!(s, 404);
    // search by full ID number goes through the blind index and respects the scope
    let id = weikao_app::seed::demo_id_number("410105", "19950312", 24);
    let (s, b) = app
        .get(&format!("/api/v1/review/registrations?q={id}"), Some(&zz))
        .await;
    assert_eq!((s, b["total"].as_i64()), (200, Some(1)));
    let (s, b) = app
        .get(&format!("/api/v1/review/registrations?q={id}"), Some(&ly))
        .await;
    assert_eq!((s, b["total"].as_i64()), (200, Some(0)));
    // orgs: the scope's subtree
    let (s, b) = app.get("/api/v1/orgs", Some(&ly)).await;
    assert_eq!(s, 200);
    let codes: Vec<&str> = b
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["410300", "41030501", "41030502"]);
}

#[tokio::test]
async fn revealing_an_id_number_needs_permission_and_is_audited() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let site = app.staff_token("site_reviewer").await;
    let regs = registration_ids(&app, &point).await;
    let target = &regs[0].0;
    let path = format!("/api/v1/review/registrations/{target}/reveal-id-number");
    let (s, b) = app
        .post(&path, json!({"reason": "核对身份证原件"}), Some(&point))
        .await;
    assert_eq!((s, b["code"].as_str()), (403, Some("forbidden")));
    let (s, b) = app.post(&path, json!({"reason": "x"}), Some(&site)).await;
    assert_eq!(
        (s, b["errors"]["reason"][0].as_str()),
        (422, Some("reason_length"))
    );
    let (s, b) = app
        .post(&path, json!({"reason": "核对身份证原件"}), Some(&site))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["id_number"].as_str().unwrap().len(), 18);
    assert!(!b["id_number"].as_str().unwrap().contains('*'));
    let outcomes = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq("review.reveal_id_number"))
                .order(a::id.asc())
                .select(a::outcome)
                .load::<String>(c)
                .unwrap()
        })
        .await;
    assert_eq!(outcomes, vec!["denied", "success"]);
}
