use weikao_api_tests::TestApp;

#[tokio::test]
async fn health_ready_and_metrics() {
    let app = TestApp::spawn().await;
    let (s, b) = app.get("/healthz", None).await;
    assert_eq!((s, b["status"].as_str()), (200, Some("ok")));
    let (s, b) = app.get("/readyz", None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["migrations_applied"], true);
    assert_eq!(b["status"], "ready", "{b}");
    let names: Vec<&str> = b["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "database",
            "migrations",
            "object_store",
            "payment_center",
            "mail",
            "sms"
        ]
    );
    let (s, b) = app.get("/api/v1/service-status", None).await;
    assert_eq!(s, 200);
    assert_eq!(b["payments"]["available"], true, "{b}");
    assert_eq!(b["uploads"]["available"], true, "{b}");
    let res = app.http.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(
        text.contains(
            "weikao_http_requests_total{method=\"GET\",route=\"/readyz\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(text.contains("weikao_http_request_duration_seconds_bucket"));
    assert!(text.contains("weikao_db_pool_max 6"));
    assert!(text.contains("weikao_jobs_queued 0"));
}

#[tokio::test]
async fn responses_carry_a_request_id_and_echo_a_sane_one() {
    let app = TestApp::spawn().await;
    let res = app
        .http
        .get(app.url("/healthz"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "abc-123");
    let res = app
        .http
        .get(app.url("/healthz"))
        .header("x-request-id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(id, "bad id with spaces");
    assert_eq!(id.len(), 32);
}

#[tokio::test]
async fn readyz_fails_when_migrations_are_missing() {
    let app = TestApp::spawn().await;
    app.with_owner_conn(|c| {
        use diesel::RunQueryDsl;
        diesel::sql_query("DELETE FROM __diesel_schema_migrations")
            .execute(c)
            .unwrap();
    })
    .await;
    let (s, b) = app.get("/readyz", None).await;
    assert_eq!(s, 503);
    assert_eq!(b["code"], "migrations_pending");
}

/// The payment center and the object store down: the instance stays ready but says `degraded`, candidates are
/// told before they try, and a payment or an upload attempted anyway fails with its specific code while the
/// registration is untouched.
#[tokio::test]
async fn degraded_mode_when_the_payment_center_and_the_object_store_are_down() {
    let app = TestApp::spawn_with(|e| {
        // nothing listens on the discard port
        e.insert("WEIKAO_PAYCENTER_URL".into(), "http://127.0.0.1:9".into());
        e.insert("WEIKAO_STORAGE".into(), "s3".into());
        e.insert("WEIKAO_S3_ENDPOINT".into(), "http://127.0.0.1:9".into());
        e.insert("WEIKAO_S3_BUCKET".into(), "down".into());
        e.insert("WEIKAO_S3_ACCESS_KEY".into(), "x".into());
        e.insert("WEIKAO_S3_SECRET_KEY".into(), "y".into());
    })
    .await;
    let (s, b) = app.get("/readyz", None).await;
    assert_eq!(s, 200, "a degraded instance still serves: {b}");
    assert_eq!(b["status"], "degraded");
    let check = |name: &str| {
        b["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(check("database")["ok"], true);
    assert_eq!(check("payment_center")["ok"], false);
    assert_eq!(check("payment_center")["critical"], false);
    assert_eq!(check("object_store")["ok"], false);
    assert!(
        !b.to_string().contains("127.0.0.1:9"),
        "no addresses in the public report: {b}"
    );
    let (s, st) = app.get("/api/v1/service-status", None).await;
    assert_eq!(s, 200);
    assert_eq!(
        (
            st["payments"]["available"].as_bool(),
            st["payments"]["code"].as_str()
        ),
        (Some(false), Some("payment_center_unavailable"))
    );
    assert_eq!(
        (
            st["uploads"]["available"].as_bool(),
            st["uploads"]["code"].as_str()
        ),
        (Some(false), Some("storage_unavailable"))
    );

    // trying anyway: specific 503s, nothing changed
    app.seed_demo().await;
    let id = crate::payments::approved(&app).await;
    app.state
        .clock
        .advance(chrono::Duration::days(1) + chrono::Duration::hours(1));
    let token = app.candidate_token("13800000001").await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            serde_json::json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (503, Some("payment_center_unavailable")),
        "{b}"
    );
    let (s, r) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(s, 200);
    assert_eq!(r["status"], "approved", "{r}");
    // an upload: refused with its own code, the draft stays as it was
    let (token, draft) = crate::materials::draft(&app).await;
    let (s, b) = crate::materials::put(
        &app,
        &token,
        &draft,
        "photo",
        crate::materials::photo(300, 420, [255, 255, 255]),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (503, Some("storage_unavailable")),
        "{b}"
    );
    let (s, d) = app
        .get(&format!("/api/v1/registrations/{draft}"), Some(&token))
        .await;
    assert_eq!((s, d["status"].as_str()), (200, Some("draft")));
}
