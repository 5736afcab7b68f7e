//! The SPAs are served at `/` and `/review/` with history fallback; API paths keep problem+json 404s.

use weikao_api_tests::TestApp;

#[tokio::test]
async fn spas_are_served_with_history_fallback() {
    let web = std::env::temp_dir().join(format!("weikao-web-{}", uuid::Uuid::new_v4().simple()));
    for (app, marker) in [("candidate", "CANDIDATE-APP"), ("review", "REVIEW-APP")] {
        std::fs::create_dir_all(web.join(app).join("assets")).unwrap();
        std::fs::write(
            web.join(app).join("index.html"),
            format!("<html>{marker}</html>"),
        )
        .unwrap();
        std::fs::write(
            web.join(app).join("assets/app.js"),
            format!("console.log('{marker}')"),
        )
        .unwrap();
    }
    let dir = web.display().to_string();
    let app = TestApp::spawn_with(move |e| {
        e.insert("WEIKAO_WEB_DIR".into(), dir);
    })
    .await;
    let text = |path: &'static str| {
        let http = app.http.clone();
        let url = app.url(path);
        async move {
            let r = http.get(url).send().await.unwrap();
            (
                r.status().as_u16(),
                r.headers()
                    .get("cache-control")
                    .map(|v| v.to_str().unwrap().to_string()),
                r.text().await.unwrap(),
            )
        }
    };
    let (s, cache, body) = text("/").await;
    assert_eq!((s, body.contains("CANDIDATE-APP")), (200, true));
    assert_eq!(cache.as_deref(), Some("no-cache"));
    let (s, _, body) = text("/registrations/new/identity").await;
    assert_eq!(
        (s, body.contains("CANDIDATE-APP")),
        (200, true),
        "history fallback"
    );
    let (s, cache, body) = text("/assets/app.js").await;
    assert_eq!((s, body.contains("console.log")), (200, true));
    assert!(cache.unwrap().contains("immutable"));
    let (s, _, _) = text("/assets/missing.js").await;
    assert_eq!(s, 404, "a missing asset is not the index page");
    let (s, _, body) = text("/review/").await;
    assert_eq!((s, body.contains("REVIEW-APP")), (200, true));
    let (s, _, body) = text("/review/registrations/abc").await;
    assert_eq!((s, body.contains("REVIEW-APP")), (200, true));
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/review"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["location"].to_str().unwrap()
        ),
        (308, "/review/")
    );
    let (s, b) = app.get("/api/v1/unknown", None).await;
    assert_eq!((s, b["code"].as_str()), (404, Some("not_found")));
    let (s, _, _) = text("/../../etc/passwd").await;
    assert!(s == 404 || s == 200, "{s}");
    let _ = std::fs::remove_dir_all(&web);
}

#[tokio::test]
async fn per_ip_limits_believe_forwarded_for_only_from_trusted_proxies() {
    use serde_json::json;
    let body = json!({"login": "13800000000", "password": "x"});
    // untrusted peer: X-Forwarded-For is ignored, so all requests count against 127.0.0.1
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_IP_AUTH_LIMIT_PER_MINUTE".into(), "3".into());
    })
    .await;
    let mut statuses = vec![];
    for i in 0..4 {
        let r = app
            .http
            .post(app.url("/api/v1/auth/candidate/login"))
            .header("x-forwarded-for", format!("10.1.1.{i}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 429]);
    // trusted proxy: each forwarded client has its own budget (a school behind one NAT is one client, though)
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_IP_AUTH_LIMIT_PER_MINUTE".into(), "3".into());
        e.insert("WEIKAO_TRUSTED_PROXIES".into(), "127.0.0.1".into());
    })
    .await;
    let mut statuses = vec![];
    for i in 0..4 {
        let r = app
            .http
            .post(app.url("/api/v1/auth/candidate/login"))
            .header("x-forwarded-for", format!("10.1.1.{i}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 401]);
    let r = app
        .http
        .post(app.url("/api/v1/auth/candidate/login"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let (s, b) = (
        r.status().as_u16(),
        r.json::<serde_json::Value>().await.unwrap(),
    );
    assert_eq!(s, 401, "{b}");
}
