//! Outbox delivery through a real SMTP server (the aiosmtpd catcher started by scripts/services.sh).

use serde_json::json;
use weikao_api_tests::TestApp;

fn mail_api() -> String {
    std::env::var("WEIKAO_TEST_MAIL_API").unwrap_or_else(|_| "http://127.0.0.1:1080".into())
}

fn smtp_url() -> String {
    let base =
        std::env::var("WEIKAO_TEST_SMTP_URL").unwrap_or_else(|_| "smtp://127.0.0.1:1025".into());
    format!("{base}?tls=none")
}

#[tokio::test]
async fn email_codes_are_delivered_over_smtp_by_the_worker() {
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_SMTP_URL".into(), smtp_url());
    })
    .await;
    let to = format!("cand-{}@example.com", uuid::Uuid::new_v4().simple());
    let (s, b) = app
        .post(
            "/api/v1/auth/codes",
            json!({"channel": "email", "target": to, "purpose": "signup"}),
            None,
        )
        .await;
    assert_eq!(s, 202, "{b}");
    let report = app.worker().tick().await.expect("tick");
    assert_eq!(report.delivered, 1, "{report:?}");
    let msgs: serde_json::Value = reqwest::get(format!("{}/messages?to={to}", mail_api()))
        .await
        .expect("mail catcher must be running (scripts/services.sh up mail)")
        .json()
        .await
        .unwrap();
    let msgs = msgs.as_array().unwrap();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0]["subject"].as_str().unwrap().contains("验证码"));
    assert!(weikao_api_tests::six_digit_code(msgs[0]["text"].as_str().unwrap()).is_some());
    // delivered once: another tick sends nothing
    assert_eq!(app.worker().tick().await.unwrap().delivered, 0);
}

#[tokio::test]
async fn without_a_transport_messages_stay_stored_and_sms_failures_retry() {
    let app = TestApp::spawn_with(|e| {
        e.insert(
            "WEIKAO_SMS_GATEWAY_URL".into(),
            "http://127.0.0.1:9/unreachable".into(),
        );
    })
    .await;
    app.post(
        "/api/v1/auth/codes",
        json!({"channel": "email", "target": "a@example.com", "purpose": "signup"}),
        None,
    )
    .await;
    app.post(
        "/api/v1/auth/codes",
        json!({"channel": "sms", "target": "13600000000", "purpose": "signup"}),
        None,
    )
    .await;
    let r = app.worker().tick().await.unwrap();
    assert_eq!((r.stored, r.failed_attempts, r.delivered), (1, 1, 0));
    let (status, attempts) = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::outbox_messages::dsl as o;
            o::outbox_messages
                .filter(o::channel.eq("sms"))
                .select((o::status, o::attempts))
                .first::<(String, i32)>(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        (status.as_str(), attempts),
        ("pending", 1),
        "kept for a retry with backoff"
    );
    // not retried before its backoff
    assert_eq!(app.worker().tick().await.unwrap().failed_attempts, 0);
}
