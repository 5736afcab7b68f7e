//! Candidate sign-up, verification codes, login with progressive delays, unlock, password reset.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

const ID: &str = "11010519491231002X";

/// Reads the newest code sent to `target` from the outbox (where messages wait without a transport).
pub async fn last_code(app: &TestApp, target: &str) -> String {
    let target = target.to_string();
    app.with_conn(move |c| {
        use diesel::prelude::*;
        use weikao_store::schema::outbox_messages::dsl as o;
        let body: String = o::outbox_messages
            .filter(o::recipient.eq(&target))
            .order(o::created_at.desc())
            .select(o::body)
            .first(c)
            .expect("a message was queued");
        weikao_api_tests::six_digit_code(&body).expect("6-digit code in message")
    })
    .await
}

pub async fn send_code(app: &TestApp, channel: &str, target: &str, purpose: &str) -> String {
    let (s, b) = app
        .post(
            "/api/v1/auth/codes",
            json!({"channel": channel, "target": target, "purpose": purpose}),
            None,
        )
        .await;
    assert_eq!(s, 202, "{b}");
    last_code(app, target).await
}

fn signup_body(id: &str, phone: &str, code: &str) -> Value {
    json!({
        "id_type": "resident_id", "id_number": id, "name": "王小明", "phone": phone,
        "email": format!("{phone}@example.com"), "password": "abc12345", "verification_channel": "sms",
        "verification_code": code, "privacy_version": "2026-01"
    })
}

pub async fn signup(app: &TestApp, id: &str, phone: &str) -> Value {
    let code = send_code(app, "sms", phone, "signup").await;
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/signup",
            signup_body(id, phone, &code),
            None,
        )
        .await;
    assert_eq!(s, 201, "{b}");
    b
}

#[tokio::test]
async fn signup_derives_identity_masks_it_and_refuses_duplicates() {
    let app = TestApp::spawn().await;
    let b = signup(&app, "11010519491231002x", "13912345678").await;
    let c = &b["candidate"];
    assert_eq!(c["id_number_masked"], "110105********002X");
    assert_eq!(c["sex"], "female");
    assert_eq!(c["birth_date"], "1949-12-31");
    assert_eq!(c["phone_masked"], "139****5678");
    let token = b["tokens"]["access_token"].as_str().unwrap();
    let (s, me) = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(s, 200);
    assert_eq!(me["candidate"]["name"], "王小明");
    assert!(
        !me.to_string().contains(ID),
        "the full ID number is never returned"
    );

    // same person again (other phone) → 409; same phone → 409
    let code = send_code(&app, "sms", "13912345679", "signup").await;
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/signup",
            signup_body(ID, "13912345679", &code),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("id_number_registered")));
    let code = send_code(&app, "sms", "13912345678", "signup").await;
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/signup",
            signup_body("440524188001010014", "13912345678", &code),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("phone_registered")));
    // another person reusing the e-mail address of an account
    let code = send_code(&app, "sms", "13912345600", "signup").await;
    let mut body = signup_body("440524188001010014", "13912345600", &code);
    body["email"] = json!("13912345678@EXAMPLE.com");
    let (s, b) = app.post("/api/v1/auth/candidate/signup", body, None).await;
    assert_eq!((s, b["code"].as_str()), (409, Some("email_registered")));
}

#[tokio::test]
async fn signup_validation_reports_every_field_with_codes() {
    let app = TestApp::spawn().await;
    let body = json!({
        "id_type": "resident_id", "id_number": "11010119900307447X", "name": "张", "phone": "12812345678",
        "password": "abcdefgh", "verification_channel": "sms", "verification_code": "000000", "privacy_version": "2019-01"
    });
    let (s, b) = app.post("/api/v1/auth/candidate/signup", body, None).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (422, Some("validation_failed")),
        "{b}"
    );
    let e = &b["errors"];
    assert_eq!(e["id_number"][0], "id_number_checksum");
    assert_eq!(e["name"][0], "name_length");
    assert_eq!(e["phone"][0], "phone_invalid");
    assert_eq!(e["password"][0], "password_needs_letter_and_digit");
    assert_eq!(e["privacy_version"][0], "privacy_version_outdated");

    let (s, b) = app.post("/api/v1/auth/candidate/signup", json!({
        "id_type": "resident_id", "id_number": "110105194912310", "name": "王小明", "phone": "13912345678",
        "password": "abc12345", "verification_channel": "sms", "verification_code": "000000", "privacy_version": "2026-01"
    }), None).await;
    assert_eq!(s, 422);
    assert_eq!(b["errors"]["id_number"][0], "id_number_15_digit");

    // a passport holder must enter sex and birth date
    let (s, b) = app.post("/api/v1/auth/candidate/signup", json!({
        "id_type": "passport", "id_number": "E12345678", "name": "John Smith", "phone": "13912345678",
        "password": "abc12345", "verification_channel": "sms", "verification_code": "000000", "privacy_version": "2026-01"
    }), None).await;
    assert_eq!(s, 422);
    assert_eq!(b["errors"]["sex"][0], "sex_required");
    assert_eq!(b["errors"]["birth_date"][0], "birth_date_required");
}

#[tokio::test]
async fn verification_codes_are_single_use_limited_and_expire() {
    let app = TestApp::spawn().await;
    let phone = "13700000001";
    let code = send_code(&app, "sms", phone, "signup").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/signup",
            signup_body(ID, phone, wrong),
            None,
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(b["errors"]["verification_code"][0], "code_invalid");
    // four more wrong tries exhaust the code; then even the right one is refused
    for _ in 0..4 {
        app.post(
            "/api/v1/auth/candidate/signup",
            signup_body(ID, phone, wrong),
            None,
        )
        .await;
    }
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/signup",
            signup_body(ID, phone, &code),
            None,
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(
        b["errors"]["verification_code"][0],
        "code_attempts_exceeded"
    );

    // expiry follows the (injectable) clock
    let code = send_code(&app, "sms", phone, "signup").await;
    app.state.clock.advance(chrono::Duration::minutes(11));
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/signup",
            signup_body(ID, phone, &code),
            None,
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(b["errors"]["verification_code"][0], "code_expired");

    let (s, b) = app
        .post(
            "/api/v1/auth/codes",
            json!({"channel": "sms", "target": "12345", "purpose": "signup"}),
            None,
        )
        .await;
    assert_eq!(
        (s, b["errors"]["target"][0].as_str()),
        (422, Some("phone_invalid"))
    );
}

#[tokio::test]
async fn resend_is_throttled() {
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_CODE_RESEND_SECS".into(), "60".into());
    })
    .await;
    send_code(&app, "sms", "13700000002", "signup").await;
    let (s, b) = app
        .post(
            "/api/v1/auth/codes",
            json!({"channel": "sms", "target": "13700000002", "purpose": "signup"}),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (429, Some("code_resend_too_soon")));
    assert!(b["retry_after"].as_u64().unwrap() <= 60);
}

#[tokio::test]
async fn login_by_phone_or_id_with_progressive_delay_and_unlock() {
    let app = TestApp::spawn().await;
    signup(&app, ID, "13912345678").await;
    let login = |l: &str, p: &str| json!({"login": l, "password": p});
    let (s, _) = app
        .post(
            "/api/v1/auth/candidate/login",
            login("13912345678", "abc12345"),
            None,
        )
        .await;
    assert_eq!(s, 200);
    let (s, _) = app
        .post(
            "/api/v1/auth/candidate/login",
            login("11010519491231002x", "abc12345"),
            None,
        )
        .await;
    assert_eq!(s, 200, "login by ID number, any case");
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/login",
            login("13900000000", "abc12345"),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("invalid_credentials")));

    for i in 1..=3 {
        let (s, b) = app
            .post("/api/v1/auth/candidate/login", login(ID, "wrong123"), None)
            .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (401, Some("invalid_credentials")),
            "attempt {i}"
        );
    }
    // the 4th failure starts a delay: now even the right password waits (no hard lock)
    let (s, _) = app
        .post("/api/v1/auth/candidate/login", login(ID, "wrong123"), None)
        .await;
    assert_eq!(s, 401);
    let (s, b) = app
        .post("/api/v1/auth/candidate/login", login(ID, "abc12345"), None)
        .await;
    assert_eq!((s, b["code"].as_str()), (429, Some("login_throttled")));
    let wait = b["retry_after"].as_u64().unwrap();
    assert!((1..=30).contains(&wait), "{wait}");
    // after the delay it works again
    app.state.clock.advance(chrono::Duration::seconds(31));
    let (s, _) = app
        .post("/api/v1/auth/candidate/login", login(ID, "abc12345"), None)
        .await;
    assert_eq!(s, 200);

    // throttle again, then unlock with a code instead of waiting
    for _ in 0..4 {
        app.post("/api/v1/auth/candidate/login", login(ID, "wrong123"), None)
            .await;
    }
    let (s, _) = app
        .post("/api/v1/auth/candidate/login", login(ID, "abc12345"), None)
        .await;
    assert_eq!(s, 429);
    let code = send_code(&app, "sms", "13912345678", "unlock").await;
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/unlock",
            json!({"target": "13912345678", "code": code}),
            None,
        )
        .await;
    assert_eq!(s, 204, "{b}");
    let (s, _) = app
        .post("/api/v1/auth/candidate/login", login(ID, "abc12345"), None)
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn password_reset_revokes_existing_sessions() {
    let app = TestApp::spawn().await;
    let b = signup(&app, ID, "13912345678").await;
    let old = b["tokens"]["access_token"].as_str().unwrap().to_string();
    let code = send_code(&app, "email", "13912345678@example.com", "password_reset").await;
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/password-reset",
            json!({"target": "13912345678@example.com", "code": code, "new_password": "short"}),
            None,
        )
        .await;
    assert_eq!(
        (s, b["errors"]["new_password"][0].as_str()),
        (422, Some("password_length"))
    );
    let (s, b) = app
        .post(
            "/api/v1/auth/candidate/password-reset",
            json!({"target": "13912345678@example.com", "code": code, "new_password": "newpass99"}),
            None,
        )
        .await;
    assert_eq!(s, 204, "{b}");
    let (s, b) = app.get("/api/v1/me", Some(&old)).await;
    assert_eq!((s, b["code"].as_str()), (401, Some("token_revoked")));
    let (s, _) = app
        .post(
            "/api/v1/auth/candidate/login",
            json!({"login": ID, "password": "newpass99"}),
            None,
        )
        .await;
    assert_eq!(s, 200);
    // a reset code for an unknown contact is accepted but never sent (no account enumeration)
    let (s, _) = app.post("/api/v1/auth/codes", json!({"channel": "email", "target": "nobody@example.com", "purpose": "password_reset"}), None).await;
    assert_eq!(s, 202);
    let sent = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::outbox_messages::dsl as o;
            o::outbox_messages
                .filter(o::recipient.eq("nobody@example.com"))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(sent, 0);
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = TestApp::spawn().await;
    let b = signup(&app, ID, "13912345678").await;
    let r1 = b["tokens"]["refresh_token"].as_str().unwrap().to_string();
    let (s, b2) = app
        .post("/api/v1/auth/refresh", json!({"refresh_token": r1}), None)
        .await;
    assert_eq!(s, 200, "{b2}");
    let r2 = b2["refresh_token"].as_str().unwrap().to_string();
    let a2 = b2["access_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    let (s, _) = app.get("/api/v1/me", Some(&a2)).await;
    assert_eq!(s, 200);
    // replaying the rotated token: refused and the whole session dies
    let (s, b) = app
        .post("/api/v1/auth/refresh", json!({"refresh_token": r1}), None)
        .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("refresh_token_reused")));
    let (s, b) = app
        .post("/api/v1/auth/refresh", json!({"refresh_token": r2}), None)
        .await;
    assert_eq!((s, b["code"].as_str()), (401, Some("session_revoked")));
    let (s, _) = app.get("/api/v1/me", Some(&a2)).await;
    assert_eq!(s, 401);
    let (s, b) = app
        .post(
            "/api/v1/auth/refresh",
            json!({"refresh_token": "nope"}),
            None,
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (401, Some("refresh_token_invalid"))
    );
}

#[tokio::test]
async fn logout_revokes_access_and_refresh() {
    let app = TestApp::spawn().await;
    let b = signup(&app, ID, "13912345678").await;
    let a = b["tokens"]["access_token"].as_str().unwrap().to_string();
    let r = b["tokens"]["refresh_token"].as_str().unwrap().to_string();
    let (s, _) = app.post("/api/v1/auth/logout", json!({}), Some(&a)).await;
    assert_eq!(s, 204);
    let (s, b) = app.get("/api/v1/me", Some(&a)).await;
    assert_eq!((s, b["code"].as_str()), (401, Some("token_revoked")));
    let (s, _) = app
        .post("/api/v1/auth/refresh", json!({"refresh_token": r}), None)
        .await;
    assert_eq!(s, 401);
    let n = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq("auth.logout"))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(n, 1);
}
