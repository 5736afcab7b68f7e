//! Bad input of every kind is a 4xx problem+json with a stable code, never a 500.

use serde_json::json;
use weikao_api_tests::TestApp;

async fn raw(
    app: &TestApp,
    path: &str,
    ctype: Option<&str>,
    body: Vec<u8>,
) -> (u16, String, serde_json::Value) {
    let mut rq = app.http.post(app.url(path)).body(body);
    if let Some(c) = ctype {
        rq = rq.header("content-type", c);
    }
    let res = rq.send().await.unwrap();
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = res.text().await.unwrap();
    (status, ct, serde_json::from_str(&text).unwrap_or_default())
}

#[tokio::test]
async fn malformed_bodies_get_specific_codes() {
    let app = TestApp::spawn().await;
    let login = "/api/v1/auth/candidate/login";
    let (s, ct, b) = raw(&app, login, Some("application/json"), b"{not json".to_vec()).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("malformed_json")));
    assert!(ct.starts_with("application/problem+json"));
    let (s, _, b) = raw(&app, login, Some("text/plain"), b"{}".to_vec()).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (415, Some("unsupported_media_type"))
    );
    let (s, _, b) = raw(&app, login, None, b"{}".to_vec()).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (415, Some("unsupported_media_type"))
    );
    let (s, _, b) = raw(
        &app,
        login,
        Some("application/json"),
        br#"{"login":"a","password":"b","admin":true}"#.to_vec(),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("unknown_field")));
    let (s, _, b) = raw(
        &app,
        login,
        Some("application/json"),
        br#"{"login":5,"password":"b"}"#.to_vec(),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_body")));
    let big = format!(r#"{{"login":"{}","password":"x"}}"#, "a".repeat(300_000));
    let (s, _, b) = raw(&app, login, Some("application/json"), big.into_bytes()).await;
    assert_eq!((s, b["code"].as_str()), (413, Some("payload_too_large")));
}

#[tokio::test]
async fn bad_parameters_and_unknown_routes() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let t = app.staff_token("site_reviewer").await;
    let (s, b) = app
        .get("/api/v1/review/registrations/not-a-uuid", Some(&t))
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_path")));
    let (s, b) = app
        .get("/api/v1/review/registrations?page=abc", Some(&t))
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_query")));
    let (s, b) = app
        .get("/api/v1/review/registrations?bogus=1", Some(&t))
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_query")));
    let (s, b) = app.get("/api/v1/nothing-here", None).await;
    assert_eq!((s, b["code"].as_str()), (404, Some("not_found")));
    let (s, b) = app.post("/healthz", json!({}), None).await;
    assert_eq!(s, 404, "{b}");
    assert_eq!(b["code"], "not_found");
}

#[tokio::test]
async fn bad_bearer_tokens_are_401_with_codes() {
    let app = TestApp::spawn().await;
    let (s, b) = app.get("/api/v1/me", None).await;
    assert_eq!((s, b["code"].as_str()), (401, Some("unauthenticated")));
    let (s, b) = app.get("/api/v1/me", Some("garbage")).await;
    assert_eq!((s, b["code"].as_str()), (401, Some("token_invalid")));
    let res = app
        .http
        .get(app.url("/api/v1/me"))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn nul_characters_are_bad_input_not_server_errors() {
    let app = TestApp::spawn().await;
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/login",
            json!({"username": "a\u{0}b", "password": "x"}),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_characters")));
}

#[tokio::test]
async fn absurd_paging_values_are_clamped_not_overflowed() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let t = app.staff_token("region_reviewer").await;
    let (s, b) = app
        .get(
            "/api/v1/review/registrations?page=9223372036854775806&page_size=-5",
            Some(&t),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["page"], 1_000_000);
    assert_eq!(b["page_size"], 1);
    assert_eq!(b["items"].as_array().unwrap().len(), 0);
    let (s, _) = app
        .get(
            "/api/v1/audit/events?before=-9223372036854775808&limit=9223372036854775807",
            Some(&app.staff_token("auditor").await),
        )
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn nul_characters_headed_for_jsonb_are_bad_input_too() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let t = app.staff_token("site_reviewer").await;
    let (_, regs) = app.get("/api/v1/review/registrations", Some(&t)).await;
    let id = regs["items"][0]["id"].as_str().unwrap().to_string();
    let (s, b) = app
        .post(
            &format!("/api/v1/review/registrations/{id}/reveal-id-number"),
            json!({"reason": "ab\u{0}cd"}),
            Some(&t),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_characters")));
}
