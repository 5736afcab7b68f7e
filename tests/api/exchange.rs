//! The third-party API over HTTP with registered clients: scopes, origins (CORS), rate limits, audit of every
//! call, idempotent retries, the registrations' change feed, signed attachment links, and the provincial
//! base-resource system's probation certificates and institutions.

use std::sync::mpsc;

use serde_json::{json, Value};
use weikao_api_tests::{resident_id, TestApp};

use crate::libraries::submit;

const PARTNER: &str = "https://wsks.example.cn";

/// Registers a client and returns a token for it.
pub(crate) async fn client_token(
    app: &TestApp,
    client_id: &'static str,
    scopes: &[&str],
    origins: &[&str],
    rate: i32,
) -> String {
    let st = app.state.clone();
    let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
    let origins: Vec<String> = origins.iter().map(|s| s.to_string()).collect();
    app.with_conn(move |c| {
        weikao_store::accounts::insert_api_client(
            c,
            &weikao_store::accounts::NewApiClient {
                client_id,
                name: client_id,
                secret_hash: &st.passwords.hash("partner-secret"),
                scopes,
                allowed_origins: origins,
                rate_limit_per_minute: rate,
            },
        )
        .unwrap();
    })
    .await;
    let (s, b) = app
        .post(
            "/api/v1/auth/token",
            json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": "partner-secret"}),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    b["access_token"].as_str().unwrap().to_string()
}

async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut rq = app.http.request(method, app.url(path)).bearer_auth(token);
    for (k, v) in headers {
        rq = rq.header(*k, *v);
    }
    if let Some(b) = body {
        rq = rq.json(&b);
    }
    let res = rq.send().await.unwrap();
    let s = res.status().as_u16();
    let h = res.headers().clone();
    let text = res.text().await.unwrap_or_default();
    (s, h, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let (s, _, b) = call(app, reqwest::Method::GET, path, token, &[], None).await;
    (s, b)
}

async fn api_calls(app: &TestApp, client_id: &'static str) -> Vec<(String, String)> {
    app.with_conn(move |c| {
        use diesel::prelude::*;
        use weikao_store::schema::audit_log::dsl as a;
        a::audit_log
            .filter(a::actor_kind.eq("client"))
            .filter(a::actor_id.eq(client_id))
            .filter(a::action.eq("api.call"))
            .order(a::id)
            .select((a::outcome, a::details))
            .load::<(String, Value)>(c)
            .unwrap()
            .into_iter()
            .map(|(o, d)| (o, d["route"].as_str().unwrap_or_default().to_string()))
            .collect()
    })
    .await
}

#[tokio::test]
async fn scopes_origins_and_rate_limits_hold_and_every_call_is_audited() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let talent = client_token(&app, "talent", &["talent:exchange"], &[], 100).await;
    let (s, b) = get(&app, "/api/v1/exchange/registrations", &talent).await;
    assert_eq!(s, 403, "a client without registrations:read: {b}");
    assert_eq!(b["code"], "forbidden");

    let net = client_token(&app, "network", &["registrations:read"], &[PARTNER], 4).await;
    // another partner's origin passes the CORS layer but is not this client's
    client_token(
        &app,
        "other",
        &["registrations:read"],
        &["https://other.example"],
        4,
    )
    .await;
    // a browser page of the partner: allowed, and told so through CORS headers
    let (s, h, b) = call(
        &app,
        reqwest::Method::GET,
        "/api/v1/exchange/registrations",
        &net,
        &[("origin", PARTNER)],
        None,
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(h["access-control-allow-origin"], PARTNER);
    // a page elsewhere: refused before authentication, with no CORS grant
    let (s, h, b) = call(
        &app,
        reqwest::Method::GET,
        "/api/v1/exchange/registrations",
        &net,
        &[("origin", "https://evil.example")],
        None,
    )
    .await;
    assert_eq!(s, 403);
    assert_eq!(b["code"], "origin_not_allowed");
    assert!(h.get("access-control-allow-origin").is_none());
    // another partner's page using this client's token: refused by the client's own allow-list (audited)
    let (s, _, b) = call(
        &app,
        reqwest::Method::GET,
        "/api/v1/exchange/registrations",
        &net,
        &[("origin", "https://other.example")],
        None,
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (403, Some("origin_not_allowed")));
    // preflights: answered for the partner's origin only
    let pre = |origin: &'static str| {
        app.http
            .request(
                reqwest::Method::OPTIONS,
                app.url("/api/v1/exchange/probation-filings"),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, idempotency-key, content-type",
            )
            .send()
    };
    let ok = pre(PARTNER).await.unwrap();
    assert_eq!(ok.status().as_u16(), 204);
    assert_eq!(ok.headers()["access-control-allow-origin"], PARTNER);
    assert!(ok.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("idempotency-key"));
    let no = pre("https://evil.example").await.unwrap();
    assert_eq!(no.status().as_u16(), 403);
    assert!(no.headers().get("access-control-allow-origin").is_none());

    // 4 calls a minute: the app clock moves to the first second of a new minute so that the next five calls
    // fall into one window (refusals by origin do not count against the limit)
    let now = app.state.clock.now().timestamp();
    app.state
        .clock
        .advance(chrono::Duration::seconds(61 - now.rem_euclid(60)));
    let (s, _) = get(&app, "/api/v1/exchange/registrations", &net).await;
    assert_eq!(s, 200);
    let (s, _) = get(&app, "/api/v1/exchange/registrations", &net).await;
    assert_eq!(s, 200);
    let (s, _) = get(&app, "/api/v1/exchange/registrations", &net).await;
    assert_eq!(s, 200);
    let (s, _) = get(&app, "/api/v1/exchange/registrations", &net).await;
    assert_eq!(s, 200);
    let (s, h, b) = call(
        &app,
        reqwest::Method::GET,
        "/api/v1/exchange/registrations",
        &net,
        &[],
        None,
    )
    .await;
    assert_eq!(s, 429, "{b}");
    assert_eq!(b["code"], "rate_limited");
    assert!(h["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);

    let calls = api_calls(&app, "network").await;
    let outcomes: Vec<&str> = calls.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(
        outcomes,
        ["success", "denied", "success", "success", "success", "success", "denied"]
    );
    assert!(calls
        .iter()
        .all(|(_, r)| r == "/api/v1/exchange/registrations"));
    assert_eq!(
        api_calls(&app, "talent").await.len(),
        1,
        "the scope-denied call is audited too"
    );
}

/// Reads the feed from `cursor` page by page until `done` holds for what was read (waiting a little between
/// rounds: the feed shows only settled changes); returns the items and the last cursor.
async fn read_until(
    app: &TestApp,
    token: &str,
    mut cursor: Option<String>,
    limit: u32,
    done: impl Fn(&[Value]) -> bool,
) -> (Vec<Value>, String) {
    let mut seen: Vec<Value> = Vec::new();
    for _ in 0..100 {
        loop {
            let path = match &cursor {
                None => format!("/api/v1/exchange/registrations?limit={limit}"),
                Some(c) => format!("/api/v1/exchange/registrations?limit={limit}&cursor={c}"),
            };
            let (s, b) = get(app, &path, token).await;
            assert_eq!(s, 200, "{b}");
            seen.extend(b["items"].as_array().unwrap().iter().cloned());
            cursor = Some(b["next_cursor"].as_str().unwrap().to_string());
            if !b["has_more"].as_bool().unwrap() {
                break;
            }
        }
        if done(&seen) {
            return (seen, cursor.unwrap());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the feed did not show the expected changes: {seen:?}");
}

#[tokio::test]
async fn the_change_feed_pages_resumes_and_never_skips_a_late_commit() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app.submitted_registrations("nurse", "41010501", 5).await;
    let net = client_token(&app, "network", &["registrations:read"], &[], 1000).await;

    // page through everything, two at a time (the feed shows settled changes only: another test's open
    // write transaction in the same cluster may hold them back a moment, so read on until they are there)
    let (seen, cursor) = read_until(&app, &net, None, 2, |seen| {
        ids.iter()
            .all(|id| seen.iter().any(|i| i["id"] == id.as_str()))
    })
    .await;
    let seen_ids: Vec<&str> = seen.iter().map(|i| i["id"].as_str().unwrap()).collect();
    for id in &ids {
        assert_eq!(
            seen_ids.iter().filter(|s| *s == id).count(),
            1,
            "{id} once in the feed"
        );
    }
    assert!(seen.iter().all(|i| i["status"] != "draft"));
    assert!(
        seen.iter().all(|i| i["id_number"].is_null()),
        "no identity:read: masked only"
    );
    assert!(seen[0]["id_number_masked"].as_str().unwrap().contains('*'));

    // nothing new: the same cursor comes back
    let (_, b) = get(
        &app,
        &format!("/api/v1/exchange/registrations?cursor={cursor}"),
        &net,
    )
    .await;
    assert_eq!(b["items"], json!([]));
    assert_eq!(b["next_cursor"], cursor);

    // A changes in a transaction that stays open while B changes and commits: B must wait for A
    let (a, bb) = (ids[0].clone(), ids[1].clone());
    let url = app.db.owner_url.clone();
    let (opened_tx, opened_rx) = mpsc::channel::<()>();
    let (commit_tx, commit_rx) = mpsc::channel::<()>();
    let slow = std::thread::spawn(move || {
        use diesel::prelude::*;
        let mut c = PgConnection::establish(&url).unwrap();
        c.transaction::<_, diesel::result::Error, _>(|c| {
            diesel::sql_query(format!(
                "UPDATE registrations SET version = version + 1 WHERE id = '{a}'"
            ))
            .execute(c)?;
            opened_tx.send(()).unwrap();
            commit_rx.recv().unwrap();
            Ok(())
        })
        .unwrap();
    });
    opened_rx.recv().unwrap();
    let b2 = bb.clone();
    app.with_conn(move |c| {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE registrations SET version = version + 1 WHERE id = '{b2}'"
        ))
        .execute(c)
        .unwrap();
    })
    .await;
    let (_, held) = get(
        &app,
        &format!("/api/v1/exchange/registrations?cursor={cursor}"),
        &net,
    )
    .await;
    assert_eq!(
        held["items"],
        json!([]),
        "B waits while A's older transaction is open: {held}"
    );
    commit_tx.send(()).unwrap();
    slow.join().unwrap();
    let (after, _) = read_until(&app, &net, Some(cursor.clone()), 100, |seen| {
        seen.len() >= 2
    })
    .await;
    let changed: Vec<&str> = after.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        changed,
        [ids[0].as_str(), bb.as_str()],
        "A then B, each once: {after:?}"
    );
    assert_eq!(
        after[0]["version"],
        seen.iter().find(|i| i["id"] == ids[0].as_str()).unwrap()["version"]
            .as_i64()
            .unwrap()
            + 1
    );

    // a bad cursor is a 400, an unknown parameter too
    let (s, b) = get(
        &app,
        "/api/v1/exchange/registrations?cursor=12-nothex",
        &net,
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_cursor")));
    let (s, _) = get(&app, "/api/v1/exchange/registrations?page=2", &net).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn the_network_reads_a_registration_and_fetches_its_attachment_through_an_expiring_link() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let idn = resident_id("41030519850201301");
    // the candidate fills in, uploads the probation certificate, submits
    let me = crate::accounts_candidate::signup(&app, &idn, "13900003001").await;
    let cand = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let reg = crate::registration_exams::start(&app, "physician", &cand).await;
    let version =
        crate::registration_exams::fill(&app, &cand, &reg, crate::libraries::physician_form())
            .await;
    let pdf =
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
            .to_vec();
    let res = app
        .http
        .put(app.url(&format!(
            "/api/v1/registrations/{reg}/materials/probation_certificate"
        )))
        .bearer_auth(&cand)
        .header("content-type", "application/octet-stream")
        .body(pdf.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201, "{:?}", res.text().await);
    let net = client_token(
        &app,
        "network",
        &["registrations:read", "identity:read", "materials:read"],
        &[PARTNER],
        1000,
    )
    .await;
    // a draft is nobody's business yet
    let (s, _) = get(&app, &format!("/api/v1/exchange/registrations/{reg}"), &net).await;
    assert_eq!(s, 404);
    app.upload_required_materials(&cand, &reg).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{reg}/submit"),
            json!({"version": version}),
            Some(&cand),
        )
        .await;
    assert_eq!(s, 200, "{b}");

    let (s, d) = get(&app, &format!("/api/v1/exchange/registrations/{reg}"), &net).await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["id_number"], idn, "identity:read gives the full number");
    assert_eq!(
        d["education"]["school"],
        crate::registration_exams::common()["education"]["school"]
    );
    assert_eq!(d["physician"]["probation_institution_code"], "H4103001");
    let m = d["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "probation_certificate")
        .unwrap()
        .clone();
    let (s, _, link) = call(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/materials/{}/link", m["id"].as_str().unwrap()),
        &net,
        &[],
        Some(json!({})),
    )
    .await;
    assert_eq!(s, 200, "{link}");
    let path = link["url"].as_str().unwrap()[app.state.cfg.public_url.len()..].to_string();
    // fetched cross-domain from the partner's page
    let res = app
        .http
        .get(app.url(&path))
        .header("origin", PARTNER)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["access-control-allow-origin"], PARTNER);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf);
    // the link dies after its time
    app.state
        .clock
        .advance(chrono::Duration::seconds(app.state.cfg.link_ttl_secs + 1));
    let res = app.http.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 410);

    // without identity:read the number stays masked; drafts are not visible
    let masked = client_token(&app, "masked", &["registrations:read"], &[], 1000).await;
    let (_, d) = get(
        &app,
        &format!("/api/v1/exchange/registrations/{reg}"),
        &masked,
    )
    .await;
    assert!(d["id_number"].is_null());
    let (s, _) = get(
        &app,
        &format!("/api/v1/exchange/registrations/{}", uuid::Uuid::new_v4()),
        &masked,
    )
    .await;
    assert_eq!(s, 404);
}

fn filing(idn: &str, cert: &str) -> Value {
    json!({
        "institution_code": "H4103001", "id_number": idn, "name": "王小明", "category_code": "clinical",
        "started_on": "2024-07-01", "ended_on": "2025-06-30",
        "certificate_number": cert, "legal_representative": "李建国", "signed_and_sealed": true
    })
}

async fn rule_codes(app: &TestApp, reg: &str) -> Vec<String> {
    let admin = app.staff_token("region_admin").await;
    let (s, b) = app
        .get(
            &format!("/api/v1/review/registrations/{reg}/findings"),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    b.as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_probation_filing_turns_a_blocking_finding_into_a_pass_at_once() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let idn = resident_id("41030519850201302");
    let reg = submit(
        &app,
        &idn,
        "13900003002",
        "physician",
        crate::libraries::physician_form(),
    )
    .await;
    assert!(rule_codes(&app, &reg)
        .await
        .contains(&"probation_not_filed".to_string()));

    let base = client_token(
        &app,
        "base",
        &["probation:write", "institutions:write"],
        &[],
        1000,
    )
    .await;
    // the institution is not in the library yet
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[],
        Some(filing(&idn, "SY2025001")),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"]["institution_code"],
        json!(["institution_unknown"])
    );
    // the base-resource system pushes it, then files
    let (s, _, b) = call(
        &app,
        reqwest::Method::PUT,
        "/api/v1/exchange/institutions/H4103001",
        &base,
        &[],
        Some(json!({"name": "洛阳市第一人民医院", "region_code": "410300", "kind": "hospital"})),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    let (s, h, filed) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[("idempotency-key", "file-41030519850201302")],
        Some(filing(&idn, "SY2025001")),
    )
    .await;
    assert_eq!(s, 201, "{filed}");
    assert!(h.get("idempotent-replayed").is_none());
    assert_eq!(filed["reverified_registrations"], 1);
    // issued today (no issued_on): valid a year from today
    let today = weikao_app::clock::local_date(app.state.clock.now());
    assert_eq!(
        filed["valid_until"],
        weikao_core::exchange::probation::one_year_from(today).to_string()
    );
    assert!(filed["id_number_masked"].as_str().unwrap().contains('*'));
    let codes = rule_codes(&app, &reg).await;
    assert!(
        codes.contains(&"probation_verified".to_string()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"probation_not_filed".to_string()));

    // the retry replays the same filing; the same key with another body is refused; a new key is a conflict
    let (s, h, again) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[("idempotency-key", "file-41030519850201302")],
        Some(filing(&idn, "SY2025001")),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(h["idempotent-replayed"], "true");
    assert_eq!(again["filing_no"], filed["filing_no"]);
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[("idempotency-key", "file-41030519850201302")],
        Some(filing(&idn, "SY2025999")),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (422, Some("idempotency_key_reused"))
    );
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[],
        Some(filing(&idn, "SY2025002")),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("already_filed")));
    let n: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            weikao_store::schema::probation_filings::table
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(n, 1);
    // a day later the worker has forgotten the key: the same key is a new request (and a conflict now)
    app.state.clock.advance(chrono::Duration::hours(25));
    app.worker().tick().await.unwrap();
    let (s, h, b) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[("idempotency-key", "file-41030519850201302")],
        Some(filing(&idn, "SY2025999")),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("already_filed")));
    assert!(h.get("idempotent-replayed").is_none());

    // an update to a shorter period blocks again; the list shows it; revoking removes it from the library
    let no = filed["filing_no"].as_str().unwrap();
    let mut short = filing(&idn, "SY2025001");
    short["ended_on"] = json!("2025-03-31");
    let (s, _, b) = call(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/exchange/probation-filings/{no}"),
        &base,
        &[],
        Some(short),
    )
    .await;
    assert_eq!(s, 422, "the filing itself must cover a year: {b}");
    assert_eq!(b["errors"]["ended_on"], json!(["probation_too_short"]));
    let mut dental = filing(&idn, "SY2025001");
    dental["category_code"] = json!("dental");
    let (s, _, b) = call(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/exchange/probation-filings/{no}"),
        &base,
        &[],
        Some(dental),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert!(rule_codes(&app, &reg)
        .await
        .contains(&"probation_category_mismatch".to_string()));
    let (_, list) = get(
        &app,
        "/api/v1/exchange/probation-filings?institution_code=H4103001",
        &base,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["category_code"], "dental");
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/exchange/probation-filings/{no}/revoke"),
        &base,
        &[],
        Some(json!({"reason": "证明有误"})),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["status"], "revoked");
    assert!(rule_codes(&app, &reg)
        .await
        .contains(&"probation_not_filed".to_string()));
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/exchange/probation-filings/{no}/revoke"),
        &base,
        &[],
        Some(json!({"reason": "再次"})),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("filing_revoked")));

    // another client cannot touch it
    let other = client_token(&app, "other", &["probation:write"], &[], 1000).await;
    let (s, _, _) = call(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/exchange/probation-filings/{no}"),
        &other,
        &[],
        Some(filing(&idn, "SY2025001")),
    )
    .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn filings_are_validated_field_by_field_and_concurrent_retries_file_once() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let base = client_token(
        &app,
        "base",
        &["probation:write", "institutions:write"],
        &[],
        1000,
    )
    .await;
    let (s, _, _) = call(
        &app,
        reqwest::Method::PUT,
        "/api/v1/exchange/institutions/H4103001",
        &base,
        &[],
        Some(json!({"name": "洛阳市第一人民医院", "region_code": "410300"})),
    )
    .await;
    assert_eq!(s, 201);
    let idn = resident_id("41030519850201303");
    let cases = [
        (
            "id_number",
            json!("11010119900307447X"),
            "id_number_checksum",
        ),
        ("name", json!("王1"), "name_invalid_characters"),
        ("category_code", json!("nursing"), "category_invalid"),
        ("ended_on", json!("2024-06-30"), "dates_out_of_order"),
        ("signed_and_sealed", json!(false), "seal_required"),
        (
            "certificate_number",
            json!("编号 1"),
            "certificate_number_invalid",
        ),
    ];
    for (field, value, code) in cases {
        let mut f = filing(&idn, "SY2025101");
        f[field] = value;
        let (s, _, b) = call(
            &app,
            reqwest::Method::POST,
            "/api/v1/exchange/probation-filings",
            &base,
            &[],
            Some(f),
        )
        .await;
        assert_eq!(s, 422, "{field}: {b}");
        assert_eq!(b["errors"][field], json!([code]), "{field}: {b}");
    }
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[("idempotency-key", "bad key with spaces")],
        Some(filing(&idn, "SY2025101")),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (400, Some("invalid_idempotency_key"))
    );

    // five identical requests at the same moment: one filing, five identical answers
    let sends = (0..5).map(|_| {
        call(
            &app,
            reqwest::Method::POST,
            "/api/v1/exchange/probation-filings",
            &base,
            &[("idempotency-key", "same-moment")],
            Some(filing(&idn, "SY2025101")),
        )
    });
    let results = futures_util::future::join_all(sends).await;
    let numbers: std::collections::BTreeSet<String> = results
        .iter()
        .map(|(s, _, b)| {
            assert_eq!(*s, 201, "{b}");
            b["filing_no"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(numbers.len(), 1);
    let n: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            weikao_store::schema::probation_filings::table
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(n, 1);

    // institutions: replaced, closed, closed again
    let (s, _, b) = call(&app, reqwest::Method::PUT, "/api/v1/exchange/institutions/H4103001", &base, &[],
        Some(json!({"name": "洛阳市第一人民医院（新院区）", "region_code": "410300", "kind": "hospital"}))).await;
    assert_eq!((s, b["created"].as_bool()), (200, Some(false)));
    let (s, _, b) = call(
        &app,
        reqwest::Method::PUT,
        "/api/v1/exchange/institutions/bad%20code",
        &base,
        &[],
        Some(json!({"name": "", "region_code": "410300", "kind": "spa"})),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"]["code"], json!(["code_invalid"]));
    assert_eq!(b["errors"]["name"], json!(["name_length"]));
    assert_eq!(b["errors"]["kind"], json!(["kind_invalid"]));
    let (s, _, _) = call(
        &app,
        reqwest::Method::DELETE,
        "/api/v1/exchange/institutions/H4103001",
        &base,
        &[],
        None,
    )
    .await;
    assert_eq!(s, 204);
    let (s, _, _) = call(
        &app,
        reqwest::Method::DELETE,
        "/api/v1/exchange/institutions/H4103001",
        &base,
        &[],
        None,
    )
    .await;
    assert_eq!(s, 404);
    let archived: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::library_archive::dsl as a;
            a::library_archive
                .filter(a::library.eq("institutions"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(archived, 2, "the replaced and the closed row are archived");
}

/// (ID number, name, status, paid, level, specialty, site) of the national export.
fn national_csv(rows: &[(String, String, &str, bool, &str, &str, &str)]) -> Vec<u8> {
    let mut s = String::from("身份证号,姓名,报名状态,是否缴费,报考级别,专业代码,考点代码\n");
    for (id, name, status, paid, level, spec, site) in rows {
        s.push_str(&format!(
            "{id},{name},{status},{},{level},{spec},{site}\n",
            if *paid { "是" } else { "否" }
        ));
    }
    s.into_bytes()
}

/// The exam session of a registration.
async fn session_of(app: &TestApp, registration: &str) -> String {
    let id: uuid::Uuid = registration.parse().unwrap();
    app.with_conn(move |c| {
        use diesel::prelude::*;
        use weikao_store::schema::registrations::dsl as r;
        r::registrations
            .find(id)
            .select(r::session_id)
            .first::<uuid::Uuid>(c)
            .unwrap()
            .to_string()
    })
    .await
}

async fn import_national(app: &TestApp, admin: &str, session: &str, body: Vec<u8>) -> (u16, Value) {
    let res = app
        .http
        .post(app.url(&format!(
            "/api/v1/admin/comparisons/imports?session_id={session}&file_name=national.csv"
        )))
        .bearer_auth(admin)
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap();
    let s = res.status().as_u16();
    (s, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_comparison_finds_each_anomaly_kind_once_and_survives_re_runs() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app
        .submitted_registrations("health_tech", "41010501", 6)
        .await;
    let session = session_of(&app, &ids[0]).await;
    let set_status = |i: usize, status: &'static str| {
        let id = ids[i].clone();
        app.with_conn(move |c| {
            use diesel::prelude::*;
            diesel::sql_query(format!(
                "UPDATE registrations SET status = '{status}' WHERE id = '{id}'"
            ))
            .execute(c)
            .unwrap();
        })
    };
    set_status(3, "paid").await; // ours: approved and paid
    set_status(5, "approved").await; // ours: approved, missing nationally
    let person = |i: u32| {
        (
            weikao_app::seed::demo_id_number("410105", "19930101", 500 + i),
            format!("批量考生{i:03}"),
        )
    };
    let (p0, p1, p2, p3, p4) = (person(0), person(1), person(2), person(3), person(4));
    let stranger = resident_id("41010519900101901");
    // the national export: p1 under another name, p2 approved there, p3 unpaid there, p4 at `p4_site`,
    // a stranger only there (p5 is missing there)
    let national = |p4_site: &str| {
        national_csv(&[
            (
                p0.0.clone(),
                p0.1.clone(),
                "in_review",
                false,
                "practitioner",
                "203",
                "410100",
            ),
            (
                p1.0.clone(),
                "批量考生甲".into(),
                "in_review",
                false,
                "practitioner",
                "203",
                "410100",
            ),
            (
                p2.0.clone(),
                p2.1.clone(),
                "approved",
                false,
                "practitioner",
                "203",
                "410100",
            ),
            (
                p3.0.clone(),
                p3.1.clone(),
                "approved",
                false,
                "practitioner",
                "203",
                "410100",
            ),
            (
                p4.0.clone(),
                p4.1.clone(),
                "in_review",
                false,
                "practitioner",
                "203",
                p4_site,
            ),
            (
                stranger.clone(),
                "国网考生".into(),
                "approved",
                true,
                "practitioner",
                "203",
                "410100",
            ),
        ])
    };
    let file = national("410300");
    let admin = app.staff_token("region_admin").await;
    // nothing to compare yet
    let (s, b) = app
        .post(
            "/api/v1/admin/comparisons/runs",
            json!({"session_id": session}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("no_national_import")));
    // a bad row is refused, the others land
    let mut with_bad = file.clone();
    with_bad.extend_from_slice("11010119900307447X,坏行,approved,是,,,\n".as_bytes());
    let (s, imp) = import_national(&app, &admin, &session, with_bad).await;
    assert_eq!(s, 201, "{imp}");
    assert_eq!(
        (imp["rows_total"].as_i64(), imp["rows_loaded"].as_i64()),
        (Some(7), Some(6))
    );
    assert_eq!(imp["errors"][0]["row"], 8);
    assert_eq!(imp["errors"][0]["column"], "id_number");

    let (s, run) = app
        .post(
            "/api/v1/admin/comparisons/runs",
            json!({"session_id": session}),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 200, "{run}");
    let here: i64 = {
        let session = session.clone();
        app.with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::registrations::dsl as r;
            r::registrations
                .filter(r::session_id.eq(session.parse::<uuid::Uuid>().unwrap()))
                .filter(r::status.ne("draft"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await
    };
    assert_eq!(
        run["compared"],
        here + 1,
        "everyone registered here and the stranger: {run}"
    );
    for kind in [
        "only_national",
        "only_provincial",
        "identity_mismatch",
        "status_mismatch",
        "payment_mismatch",
        "field_difference",
    ] {
        assert_eq!(run["found"][kind], 1, "{kind}: {run}");
    }
    assert_eq!(run["new"], 6);

    let list = |q: &'static str| {
        let admin = admin.clone();
        let session = session.clone();
        let app = &app;
        async move {
            let (s, b) = app
                .get(
                    &format!("/api/v1/review/comparison-anomalies?session_id={session}{q}"),
                    Some(&admin),
                )
                .await;
            assert_eq!(s, 200, "{b}");
            b
        }
    };
    let page = list("").await;
    assert_eq!(page["total"], 6);
    let of = |page: &Value, kind: &str| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == kind)
            .cloned()
            .unwrap()
    };
    let field = of(&page, "field_difference");
    assert_eq!(
        (
            field["field"].as_str(),
            field["provincial_value"].as_str(),
            field["national_value"].as_str()
        ),
        (Some("site_code"), Some("410100"), Some("410300"))
    );
    assert_eq!(field["registration_id"], ids[4].as_str());
    let ident = of(&page, "identity_mismatch");
    assert_eq!(
        (
            ident["provincial_value"].as_str(),
            ident["national_value"].as_str()
        ),
        (Some("批量考生001"), Some("批量考生甲"))
    );
    assert!(of(&page, "only_national")["registration_id"].is_null());
    let masked = of(&page, "only_national")["id_number_masked"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        masked.contains('*') && !masked.contains("19900101"),
        "{masked}"
    );
    let pay = of(&page, "payment_mismatch");
    assert_eq!(
        (
            pay["provincial_value"].as_str(),
            pay["national_value"].as_str()
        ),
        (Some("paid"), Some("unpaid"))
    );

    // the open registrations show their anomaly as a finding once the worker has re-verified them
    app.worker().tick().await.unwrap();
    assert!(rule_codes(&app, &ids[1])
        .await
        .contains(&"national_identity_mismatch".to_string()));
    assert!(!rule_codes(&app, &ids[0])
        .await
        .iter()
        .any(|c| c.starts_with("national_")));

    // a re-run with the same data changes nothing and duplicates nothing
    let (_, again) = app
        .post(
            "/api/v1/admin/comparisons/runs",
            json!({"session_id": session}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (again["new"].as_i64(), again["gone"].as_i64()),
        (Some(0), Some(0)),
        "{again}"
    );
    assert_eq!(list("&state=all").await["total"], 6);

    // a region reviewer resolves the status mismatch (audited); it stays resolved on the next run
    let region = app.staff_token("region_reviewer").await;
    let status = of(&page, "status_mismatch");
    let path = format!(
        "/api/v1/review/comparison-anomalies/{}/resolve",
        status["id"].as_str().unwrap()
    );
    let (s, b) = app
        .post(&path, json!({"resolution": "other"}), Some(&region))
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"]["note"], json!(["note_required"]));
    let (s, b) = app
        .post(
            &path,
            json!({"resolution": "corrected_national", "note": "国网已更正"}),
            Some(&region),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["state"], "resolved");
    let (s, b) = app
        .post(
            &path,
            json!({"resolution": "corrected_national"}),
            Some(&region),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("anomaly_not_open")));
    let site = app.staff_token("site_reviewer").await;
    let (s, _) = app
        .post(
            &path,
            json!({"resolution": "corrected_national"}),
            Some(&site),
        )
        .await;
    assert_eq!(s, 403, "a site reviewer does not resolve");
    let (s, _) = app
        .get(
            &format!("/api/v1/review/comparison-anomalies?session_id={session}"),
            Some(&site),
        )
        .await;
    assert_eq!(s, 403, "nor list");

    // the national side fixes the site: after a new import and run that anomaly is gone, the rest unchanged
    let fixed = national("410100");
    let (s, _) = import_national(&app, &admin, &session, fixed).await;
    assert_eq!(s, 201);
    let (_, third) = app
        .post(
            "/api/v1/admin/comparisons/runs",
            json!({"session_id": session}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (third["new"].as_i64(), third["gone"].as_i64()),
        (Some(0), Some(1)),
        "{third}"
    );
    let open = list("").await;
    assert_eq!(open["total"], 4, "six less one resolved less one gone");
    let counts = open["counts"].as_array().unwrap();
    let count = |k: &str| counts.iter().find(|c| c["kind"] == k).unwrap().clone();
    assert_eq!(count("field_difference")["gone"], 1);
    assert_eq!(count("status_mismatch")["resolved"], 1);
    assert_eq!(
        list("&state=all").await["total"],
        6,
        "still one row per anomaly"
    );
    app.worker().tick().await.unwrap();
    assert!(!rule_codes(&app, &ids[4])
        .await
        .iter()
        .any(|c| c.starts_with("national_")));

    // filters and export
    let (s, b) = app
        .get(
            &format!("/api/v1/review/comparison-anomalies?session_id={session}&kind=nonsense"),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    let only = list("&kind=identity_mismatch").await;
    assert_eq!(only["total"], 1);
    let by_id = app
        .get(
            &format!(
                "/api/v1/review/comparison-anomalies?session_id={session}&q={}",
                p3.0
            ),
            Some(&admin),
        )
        .await
        .1;
    assert_eq!(by_id["items"][0]["kind"], "payment_mismatch");
    let res = app
        .http
        .get(app.url(&format!(
            "/api/v1/review/comparison-anomalies/export?session_id={session}&state=all"
        )))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX file");
    let dir = std::env::temp_dir().join(format!("cmp-{}.xlsx", uuid::Uuid::new_v4().simple()));
    std::fs::write(&dir, &bytes).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&dir).unwrap();
    let sheet = wb.worksheet_range("国网省网比对").unwrap();
    assert_eq!(sheet.height(), 7, "header and six anomalies");
    std::fs::remove_file(&dir).ok();

    // a file whose headers do not fit lands nothing
    let (s, b) = import_national(&app, &admin, &session, b"foo,bar\n1,2\n".to_vec()).await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"]["file"], json!(["headers_invalid"]));
}

#[tokio::test]
async fn the_talent_center_downloads_basic_information_and_returns_status_records() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app.submitted_registrations("nurse", "41010501", 3).await;
    let session = session_of(&app, &ids[0]).await;
    let talent = client_token(&app, "talent", &["talent:exchange"], &[], 1000).await;
    let network = client_token(&app, "network", &["registrations:read"], &[], 1000).await;
    let (s, _) = get(
        &app,
        &format!("/api/v1/exchange/talent/candidates?session_id={session}"),
        &network,
    )
    .await;
    assert_eq!(s, 403, "another scope");
    let (s, _) = get(
        &app,
        &format!(
            "/api/v1/exchange/talent/candidates?session_id={}",
            uuid::Uuid::new_v4()
        ),
        &talent,
    )
    .await;
    assert_eq!(s, 404);

    let res = app
        .http
        .get(app.url(&format!(
            "/api/v1/exchange/talent/candidates?session_id={session}"
        )))
        .bearer_auth(&talent)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = res.bytes().await.unwrap();
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    // no field of these rows needs quoting, so lines split on commas
    let text = std::str::from_utf8(&body[3..]).unwrap();
    let mut lines = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<String>>());
    assert_eq!(
        lines.next().unwrap(),
        weikao_app::exchange::talent_api::TALENT_COLUMNS
    );
    let rows: Vec<Vec<String>> = lines.collect();
    let first = rows
        .iter()
        .find(|row| row[0] == ids[0])
        .expect("the registration is exported");
    assert_eq!(
        first[3],
        weikao_app::seed::demo_id_number("410105", "19930101", 500),
        "full ID number"
    );
    assert_eq!(first[4], "批量考生000");
    assert_eq!(first[1], "nurse");
    assert_eq!(first[9], "河南护理职业学院");
    let exported: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq("talent.export"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(exported, 1);

    let person = weikao_app::seed::demo_id_number("410105", "19930101", 501);
    let nobody = resident_id("41010519900101902");
    let today = weikao_app::clock::local_date(app.state.clock.now());
    let good = json!({"session_id": session, "records": [
        {"id_number": person, "status": "archived", "note": "已入库", "recorded_on": today},
        {"id_number": nobody, "status": "received", "recorded_on": today}
    ]});
    let mut bad = good.clone();
    bad["records"][1]["status"] = json!("lost");
    bad["records"][0]["recorded_on"] = json!((today + chrono::Duration::days(1)).to_string());
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/talent/status-records",
        &talent,
        &[],
        Some(bad),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"]["records[1].status"], json!(["status_invalid"]));
    assert_eq!(
        b["errors"]["records[0].recorded_on"],
        json!(["recorded_in_future"])
    );
    let stored = || {
        app.with_conn(|c| {
            use diesel::prelude::*;
            weikao_store::schema::talent_status_records::table
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
    };
    assert_eq!(stored().await, 0, "a refused request lands nothing");
    let (s, _, b) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/talent/status-records",
        &talent,
        &[("idempotency-key", "talent-1")],
        Some(good.clone()),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(
        (
            b["accepted"].as_i64(),
            b["matched"].as_i64(),
            b["unmatched"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    let (s, h, _) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/talent/status-records",
        &talent,
        &[("idempotency-key", "talent-1")],
        Some(good),
    )
    .await;
    assert_eq!(
        (s, h["idempotent-replayed"].to_str().unwrap()),
        (201, "true")
    );
    assert_eq!(stored().await, 2, "the retry stored nothing");

    // the reviewers see it on the registration
    let admin = app.staff_token("region_admin").await;
    let (_, d) = app
        .get(
            &format!("/api/v1/review/registrations/{}", ids[1]),
            Some(&admin),
        )
        .await;
    assert_eq!(d["talent_status"]["status"], "archived");
    assert_eq!(d["talent_status"]["note"], "已入库");
    let (_, d) = app
        .get(
            &format!("/api/v1/review/registrations/{}", ids[0]),
            Some(&admin),
        )
        .await;
    assert!(d["talent_status"].is_null());
}

#[tokio::test]
async fn an_institution_files_its_own_certificates_in_the_portal() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let demo = weikao_app::seed::DEMO_CANDIDATES
        .iter()
        .find(|d| d.exam == "physician")
        .unwrap();
    let idn = weikao_app::seed::demo_id_number(demo.area, demo.birth, demo.seq);
    let reg: String = {
        let phone = demo.phone;
        app.with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::{candidates, registrations};
            registrations::table
                .inner_join(candidates::table)
                .filter(candidates::phone.eq(phone))
                .select(registrations::id)
                .first::<uuid::Uuid>(c)
                .unwrap()
                .to_string()
        })
        .await
    };
    assert!(!rule_codes(&app, &reg)
        .await
        .contains(&"probation_verified".to_string()));

    let inst = app
        .staff_token(weikao_app::seed::DEMO_INSTITUTION_USER)
        .await;
    let (s, b) = app
        .get("/api/v1/institution/probation-filings", Some(&inst))
        .await;
    assert_eq!((s, b["items"].as_array().map(Vec::len)), (200, Some(0)));
    // another institution's certificate is not this user's to file
    let mut f = filing(&idn, "ZZ2025001");
    f["name"] = json!(demo.name);
    f["institution_code"] = json!("H4103001");
    let (s, b) = app
        .post(
            "/api/v1/institution/probation-filings",
            f.clone(),
            Some(&inst),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"]["institution_code"],
        json!(["not_your_institution"])
    );
    f["institution_code"] = json!("H4101001");
    let (s, filed) = app
        .post("/api/v1/institution/probation-filings", f, Some(&inst))
        .await;
    assert_eq!(s, 201, "{filed}");
    assert_eq!(filed["reverified_registrations"], 1);
    assert!(rule_codes(&app, &reg)
        .await
        .contains(&"probation_verified".to_string()));
    let audited: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq("probation.file"))
                .filter(a::actor_kind.eq("staff"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(audited, 1);

    // a certificate the base-resource system filed for this institution is listed, and the institution may revoke it
    let base = client_token(&app, "base", &["probation:write"], &[], 1000).await;
    let other = resident_id("41010519880808001");
    let (s, _, pushed) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base,
        &[],
        Some({
            let mut f = filing(&other, "ZZ2025002");
            f["institution_code"] = json!("H4101001");
            f
        }),
    )
    .await;
    assert_eq!(s, 201, "{pushed}");
    let (_, b) = app
        .get("/api/v1/institution/probation-filings", Some(&inst))
        .await;
    assert_eq!(b["items"].as_array().unwrap().len(), 2);
    let no = pushed["filing_no"].as_str().unwrap();
    let (s, b) = app
        .post(
            &format!("/api/v1/institution/probation-filings/{no}/revoke"),
            json!({"reason": "人员已离职"}),
            Some(&inst),
        )
        .await;
    assert_eq!((s, b["status"].as_str()), (200, Some("revoked")), "{b}");
    // the client's own list shows the revocation
    let (_, mine) = get(&app, "/api/v1/exchange/probation-filings", &base).await;
    assert_eq!(mine["items"][0]["status"], "revoked");

    // another institution's certificate is invisible to this institution's users
    let base_inst = client_token(
        &app,
        "base-inst",
        &["probation:write", "institutions:write"],
        &[],
        1000,
    )
    .await;
    let (s, _, _) = call(
        &app,
        reqwest::Method::PUT,
        "/api/v1/exchange/institutions/H4103001",
        &base_inst,
        &[],
        Some(json!({"name": "洛阳市第一人民医院", "region_code": "410300"})),
    )
    .await;
    assert_eq!(s, 201);
    let elsewhere = resident_id("41030519880808002");
    let (s, _, theirs) = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/exchange/probation-filings",
        &base_inst,
        &[],
        Some(filing(&elsewhere, "ZZ2025003")),
    )
    .await;
    assert_eq!(s, 201, "{theirs}");
    let their_no = theirs["filing_no"].as_str().unwrap();
    let (s, b) = app
        .post(
            &format!("/api/v1/institution/probation-filings/{their_no}/revoke"),
            json!({"reason": "不是我们的"}),
            Some(&inst),
        )
        .await;
    assert_eq!(s, 404, "{b}");
    let (_, b) = app
        .get("/api/v1/institution/probation-filings", Some(&inst))
        .await;
    assert!(b["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["institution_code"] == "H4101001"));

    // nobody else uses the portal
    let admin = app.staff_token("region_admin").await;
    let (s, _) = app
        .get("/api/v1/institution/probation-filings", Some(&admin))
        .await;
    assert_eq!(s, 403);
}
