//! API clients managed by administrators through the real app: registered with a secret shown once, which
//! gets a token that reads the feed; settings checked by field; disabling stops its token at once; a rotated
//! secret replaces the old one; every change audited.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

async fn token(app: &TestApp, client_id: &str, secret: &str) -> (u16, Value) {
    app.post(
        "/api/v1/auth/token",
        json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}),
        None,
    )
    .await
}

#[tokio::test]
async fn an_administrator_registers_disables_and_rotates_an_api_client() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("sysadmin").await;
    for (body, field, code) in [
        (
            json!({"client_id": "bad id", "name": "x", "scopes": ["registrations:read"]}),
            "client_id",
            "client_id_invalid",
        ),
        (
            json!({"client_id": "nmec", "name": "x", "scopes": []}),
            "scopes",
            "scopes_required",
        ),
        (
            json!({"client_id": "nmec", "name": "x", "scopes": ["everything"]}),
            "scopes",
            "scope_unknown",
        ),
        (
            json!({"client_id": "nmec", "name": "x", "scopes": ["registrations:read"], "allowed_origins": ["https://a.cn/path"]}),
            "allowed_origins",
            "origin_invalid",
        ),
        (
            json!({"client_id": "nmec", "name": "x", "scopes": ["registrations:read"], "rate_limit_per_minute": 0}),
            "rate_limit_per_minute",
            "out_of_range",
        ),
        (
            json!({"client_id": "nmec", "name": " ", "scopes": ["registrations:read"]}),
            "name",
            "name_length",
        ),
    ] {
        let (s, b) = app
            .post("/api/v1/admin/api-clients", body, Some(&admin))
            .await;
        assert_eq!(
            (s, b["errors"][field][0].as_str()),
            (422, Some(code)),
            "{b}"
        );
    }
    let (s, made) = app
        .post("/api/v1/admin/api-clients", json!({"client_id": "nmec", "name": "国家医学考试网", "scopes": ["registrations:read"]}), Some(&admin))
        .await;
    assert_eq!(s, 201, "{made}");
    assert_eq!(made["client"]["rate_limit_per_minute"], 600);
    let secret = made["client_secret"].as_str().unwrap().to_string();
    let (s, b) = app
        .post(
            "/api/v1/admin/api-clients",
            json!({"client_id": "nmec", "name": "again", "scopes": ["registrations:read"]}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("client_exists")));

    let (s, t) = token(&app, "nmec", &secret).await;
    assert_eq!(s, 200, "{t}");
    let access = t["access_token"].as_str().unwrap().to_string();
    let (s, _) = app
        .get("/api/v1/exchange/registrations", Some(&access))
        .await;
    assert_eq!(s, 200);

    // disabled: the token it holds stops working at once, and it gets no new one
    let (s, off) = app
        .patch(
            "/api/v1/admin/api-clients/nmec",
            json!({"active": false}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, off["active"].as_bool()), (200, Some(false)), "{off}");
    let (s, _) = app
        .get("/api/v1/exchange/registrations", Some(&access))
        .await;
    assert_eq!(s, 401);
    let (s, _) = token(&app, "nmec", &secret).await;
    assert_eq!(s, 401);
    let (s, b) = app
        .patch(
            "/api/v1/admin/api-clients/nmec",
            json!({"active": true, "scopes": ["nope"]}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["scopes"][0].as_str()),
        (422, Some("scope_unknown"))
    );
    let (s, _) = app
        .patch(
            "/api/v1/admin/api-clients/nmec",
            json!({"active": true}),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 200);

    // a rotated secret replaces the old one
    let (s, rotated) = app
        .post(
            "/api/v1/admin/api-clients/nmec/secret",
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 200, "{rotated}");
    let fresh = rotated["client_secret"].as_str().unwrap();
    assert_ne!(fresh, secret);
    let (s, _) = token(&app, "nmec", &secret).await;
    assert_eq!(s, 401, "the old secret is gone");
    let (s, _) = token(&app, "nmec", fresh).await;
    assert_eq!(s, 200);
    let (s, _) = app
        .post(
            "/api/v1/admin/api-clients/nobody/secret",
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 404);

    let (_, list) = app.get("/api/v1/admin/api-clients", Some(&admin)).await;
    let listed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["client_id"] == "nmec")
        .unwrap()
        .clone();
    assert!(listed["last_used_at"].is_string(), "{listed}");
    assert!(
        !list.to_string().contains(fresh),
        "secrets are never listed"
    );
    let auditor = app.staff_token("auditor").await;
    let (s, _) = app.get("/api/v1/admin/api-clients", Some(&auditor)).await;
    assert_eq!(s, 403);
    let audited = app.staff_audit_actions("client.%").await;
    assert_eq!(
        audited,
        [
            "client.create",
            "client.update",
            "client.update",
            "client.rotate_secret"
        ]
    );
}
