use weikao_api_tests::TestApp;

#[tokio::test]
async fn health_ready_and_metrics() {
    let app = TestApp::spawn().await;
    let (s, b) = app.get("/healthz", None).await;
    assert_eq!((s, b["status"].as_str()), (200, Some("ok")));
    let (s, b) = app.get("/readyz", None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["migrations_applied"], true);
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
