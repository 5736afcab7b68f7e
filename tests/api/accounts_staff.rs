//! Staff login with TOTP, lockout after 5 failures, TOTP enrolment on first login, client credentials.

use serde_json::json;
use weikao_api_tests::{totp_at, TestApp};

fn login(user: &str, pw: &str, code: Option<&str>) -> serde_json::Value {
    json!({"username": user, "password": pw, "totp_code": code})
}

#[tokio::test]
async fn totp_is_required_and_replays_are_refused() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/login",
            login("site_reviewer", "weikao2026", None),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("totp_required")));
    let code = totp_at("site_reviewer", app.state.clock.now().timestamp());
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/login",
            login("site_reviewer", "weikao2026", Some(&code)),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["status"], "authenticated");
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/login",
            login("site_reviewer", "weikao2026", Some(&code)),
            None,
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (401, Some("totp_invalid")),
        "the same code twice is a replay"
    );
}

#[tokio::test]
async fn five_failures_lock_the_account_even_for_the_right_password() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    for i in 1..=4 {
        let (s, b) = app
            .post(
                "/api/v1/auth/staff/login",
                login("region_admin", "wrongpass1", None),
                None,
            )
            .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (401, Some("invalid_credentials")),
            "attempt {i}"
        );
    }
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/login",
            login("region_admin", "wrongpass1", None),
            None,
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (423, Some("account_locked")),
        "5th failure locks"
    );
    let code = totp_at("region_admin", app.state.clock.now().timestamp());
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/login",
            login("region_admin", "weikao2026", Some(&code)),
            None,
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (423, Some("account_locked")),
        "6th attempt, right password"
    );
    assert!(b["retry_after"].as_u64().unwrap() > 60);
    // every attempt is in the audit log, and the lock too
    let (fails, locks) = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            let f: i64 = a::audit_log
                .filter(a::action.eq("auth.staff_login"))
                .filter(a::outcome.ne("success"))
                .count()
                .get_result(c)
                .unwrap();
            let l: i64 = a::audit_log
                .filter(a::action.eq("account.staff_locked"))
                .count()
                .get_result(c)
                .unwrap();
            (f, l)
        })
        .await;
    assert_eq!((fails, locks), (6, 1));
    // the lock ends after the configured time
    app.state.clock.advance(chrono::Duration::minutes(31));
    let code = totp_at("region_admin", app.state.clock.now().timestamp());
    let (s, _) = app
        .post(
            "/api/v1/auth/staff/login",
            login("region_admin", "weikao2026", Some(&code)),
            None,
        )
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn first_login_enrols_totp() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let st = app.state.clone();
    app.with_conn(move |c| {
        let org = weikao_store::orgs::find_org_by_code(c, "410100")
            .unwrap()
            .unwrap();
        weikao_store::accounts::insert_staff(
            c,
            &weikao_store::accounts::NewStaffAccount {
                username: "newbie",
                display_name: "新审核员",
                password_hash: &st.passwords.hash("newbie2026"),
                role: "reviewer",
                review_level: Some("site"),
                scope_org_id: org.id,
                totp_secret_enc: None,
                totp_enabled: false,
                can_reveal_pii: false,
            },
        )
        .unwrap();
    })
    .await;
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/login",
            login("newbie", "newbie2026", None),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["status"], "totp_enrolment_required");
    assert!(b["tokens"].is_null());
    let secret = b["enrolment"]["secret"].as_str().unwrap();
    assert!(b["enrolment"]["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/weikao:newbie?secret="));
    let token = b["enrolment"]["enrolment_token"].as_str().unwrap();
    // the enrolment token is not an access token
    let (s, _) = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(s, 401);
    let raw = weikao_app::security::totp::base32_decode(secret).unwrap();
    let now = app.state.clock.now().timestamp();
    let wrong = if weikao_app::security::totp::code_at_step(&raw, now / 30) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/totp-enrolment",
            json!({"enrolment_token": token, "code": wrong}),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("totp_invalid")));
    let code =
        weikao_app::security::totp::code_at_step(&raw, weikao_app::security::totp::step_of(now));
    let (s, b) = app
        .post(
            "/api/v1/auth/staff/totp-enrolment",
            json!({"enrolment_token": token, "code": code}),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let access = b["tokens"]["access_token"].as_str().unwrap();
    let (s, me) = app.get("/api/v1/me", Some(access)).await;
    assert_eq!(s, 200);
    assert_eq!(me["staff"]["totp_enabled"], true);
    // enrolment cannot be repeated with the old token
    let (s, _) = app
        .post(
            "/api/v1/auth/staff/totp-enrolment",
            json!({"enrolment_token": token, "code": code}),
            None,
        )
        .await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn client_credentials_grant_scoped_tokens() {
    let app = TestApp::spawn().await;
    let st = app.state.clone();
    app.with_conn(move |c| {
        weikao_store::accounts::insert_api_client(
            c,
            &weikao_store::accounts::NewApiClient {
                client_id: "nmec",
                name: "国家医学考试网",
                secret_hash: &st.passwords.hash("s3cret-s3cret"),
                scopes: vec!["registrations:read".into(), "materials:read".into()],
                allowed_origins: vec![],
                rate_limit_per_minute: 3,
            },
        )
        .unwrap();
    })
    .await;
    let req = |secret: &str, scope: Option<&str>| json!({"grant_type": "client_credentials", "client_id": "nmec", "client_secret": secret, "scope": scope});
    let (s, b) = app
        .post("/api/v1/auth/token", req("wrong", None), None)
        .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("invalid_client")));
    let (s, b) = app
        .post(
            "/api/v1/auth/token",
            req("s3cret-s3cret", Some("payments:write")),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_scope")));
    let (s, b) = app
        .post(
            "/api/v1/auth/token",
            json!({"grant_type": "password", "client_id": "nmec", "client_secret": "x"}),
            None,
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    let (s, b) = app
        .post(
            "/api/v1/auth/token",
            req("s3cret-s3cret", Some("materials:read")),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["scope"], "materials:read");
    let t = b["access_token"].as_str().unwrap();
    let (s, me) = app.get("/api/v1/me", Some(t)).await;
    assert_eq!(s, 200);
    assert_eq!(me["client"]["scopes"], json!(["materials:read"]));
    // per-client rate limit (3/minute here) shared through the database
    app.get("/api/v1/me", Some(t)).await;
    app.get("/api/v1/me", Some(t)).await;
    let (s, b) = app.get("/api/v1/me", Some(t)).await;
    assert_eq!((s, b["code"].as_str()), (429, Some("rate_limited")));
    // a client token is not a staff token
    let (s, _) = app.get("/api/v1/orgs", Some(t)).await;
    assert!(s == 403 || s == 429, "{s}");
}
