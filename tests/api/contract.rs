//! The contract: the committed openapi/openapi.json is what the code generates, and every route the server
//! answers is in it (no handler registered outside utoipa, no undocumented method).

use std::collections::BTreeSet;

use weikao_api_tests::{repo_root, TestApp};

#[test]
fn committed_openapi_matches_the_code() {
    let generated =
        weikao_app::openapi::to_pretty_json(&weikao_app::http::server::openapi_document());
    let committed = std::fs::read_to_string(repo_root().join("openapi/openapi.json"))
        .expect("openapi/openapi.json is committed");
    assert!(
        generated == committed,
        "openapi/openapi.json is out of date: run `make generate` and commit the result"
    );
}

fn documented() -> BTreeSet<(String, String)> {
    let doc: serde_json::Value = serde_json::from_str(&weikao_app::openapi::to_pretty_json(
        &weikao_app::http::server::openapi_document(),
    ))
    .unwrap();
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    out
}

/// Every `#[get("…")]`-style route in the backend source, as (METHOD, path).
fn routes_in_source() -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut stack = vec![repo_root().join("backend/app/src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(
                !text.contains(".route(\"/"),
                "{}: routes registered with .route() are invisible to the OpenAPI document; use #[get]/#[post] + .service()",
                p.display()
            );
            for line in text.lines() {
                let l = line.trim();
                for m in ["get", "post", "put", "patch", "delete"] {
                    if let Some(rest) = l.strip_prefix(&format!("#[{m}(\"")) {
                        let path = rest.split('"').next().unwrap().to_string();
                        out.insert((m.to_uppercase(), path));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_route_is_documented() {
    let doc = documented();
    let src = routes_in_source();
    assert!(src.len() >= 20, "found {} routes", src.len());
    let missing: Vec<_> = src.difference(&doc).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document: {missing:?}"
    );
    let phantom: Vec<_> = doc.difference(&src).collect();
    assert!(
        phantom.is_empty(),
        "documented operations without a route: {phantom:?}"
    );
}

#[tokio::test]
async fn documented_routes_answer_and_the_document_is_served() {
    let app = TestApp::spawn().await;
    let (s, served) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(s, 200);
    assert_eq!(served["info"]["title"], "weikao API");
    let res = app.http.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("swagger"));
    // every documented (method, path) is routed: never the catch-all 404 with code not_found for an unknown route
    for (method, path) in documented() {
        let concrete = path
            .replace("{id}", &uuid::Uuid::new_v4().to_string())
            .replace("{kind}", "photo")
            .replace("{library}", "violations")
            .replace("{material_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{token}", "not-a-token");
        let rq = app
            .http
            .request(method.parse().unwrap(), app.url(&concrete))
            .header("content-type", "application/json")
            .body("{}");
        let res = rq.send().await.unwrap();
        let status = res.status().as_u16();
        let body: serde_json::Value = res.json().await.unwrap_or_default();
        assert!(status < 500, "{method} {path} answered {status}");
        if status == 404 {
            assert!(
                path.contains('{'),
                "{method} {path} is documented but not routed: {body}"
            );
        }
    }
}

#[test]
fn every_operation_declares_its_errors() {
    let doc: serde_json::Value = serde_json::from_str(&weikao_app::openapi::to_pretty_json(
        &weikao_app::http::server::openapi_document(),
    ))
    .unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(!id.is_empty(), "{method} {path} has no operationId");
            let responses = op["responses"].as_object().unwrap();
            // takes no input and needs no account: nothing a client sends can be wrong
            const NO_CLIENT_ERRORS: &[&str] = &["getServiceStatus"];
            if path.starts_with("/api/") && !NO_CLIENT_ERRORS.contains(&id) {
                assert!(
                    responses.keys().any(|k| k.starts_with('4')),
                    "{method} {path} declares no 4xx response"
                );
            }
            if op.get("requestBody").is_some() {
                for code in ["400", "415"] {
                    assert!(
                        responses.contains_key(code),
                        "{method} {path} takes a body but does not declare {code}"
                    );
                }
            }
            if op.get("security").is_some() {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} is protected but does not declare 401"
                );
            }
        }
    }
}
