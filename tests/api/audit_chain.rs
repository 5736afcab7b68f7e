//! The audit chain: sealed in batches by the worker, anchored outside the database, verified end to end.
//! The application role cannot rewrite history; the owner can, and verification then says so.

use diesel::RunQueryDsl;
use serde_json::json;
use weikao_api_tests::TestApp;

async fn produce_events(app: &TestApp, n: usize) {
    for _ in 0..n {
        app.post(
            "/api/v1/auth/candidate/login",
            json!({"login": "13800000000", "password": "nope12345"}),
            None,
        )
        .await;
    }
}

async fn seal(app: &TestApp) {
    app.state.clock.advance(chrono::Duration::seconds(20));
    app.worker().tick().await.expect("worker tick");
}

async fn verify(app: &TestApp) -> weikao_app::audit::chain::ChainReport {
    let anchor = app.cfg().audit_anchor_path();
    app.with_conn(move |c| weikao_app::audit::chain::verify(c, Some(&anchor)).unwrap())
        .await
}

#[tokio::test]
async fn sealed_chain_verifies_and_is_exposed_to_auditors() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    produce_events(&app, 3).await;
    seal(&app).await;
    produce_events(&app, 2).await;
    seal(&app).await;
    let r = verify(&app).await;
    assert!(r.ok, "{:?}", r.problems);
    assert_eq!(
        (r.seals_checked, r.rows_checked, r.unsealed_rows),
        (2, 5, 0)
    );
    let anchors = std::fs::read_to_string(app.cfg().audit_anchor_path()).unwrap();
    assert_eq!(anchors.lines().count(), 2);

    let auditor = app.staff_token("auditor").await;
    let (s, b) = app.get("/api/v1/audit/chain", Some(&auditor)).await;
    assert_eq!((s, b["ok"].as_bool()), (200, Some(true)), "{b}");
    let (s, b) = app
        .get("/api/v1/audit/events?action=auth.&limit=2", Some(&auditor))
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["items"].as_array().unwrap().len(), 2);
    assert!(b["next_before"].is_i64());
    let reviewer = app.staff_token("region_reviewer").await;
    let (s, _) = app.get("/api/v1/audit/events", Some(&reviewer)).await;
    assert_eq!(s, 403, "reviewers do not read the audit log");
}

#[tokio::test]
async fn the_application_role_cannot_rewrite_the_audit_log() {
    let app = TestApp::spawn().await;
    produce_events(&app, 1).await;
    let (upd, del) = app
        .with_conn(|c| {
            let u = diesel::sql_query("UPDATE audit_log SET outcome = 'success'").execute(c);
            let d = diesel::sql_query("DELETE FROM audit_log").execute(c);
            (u.unwrap_err().to_string(), d.unwrap_err().to_string())
        })
        .await;
    assert!(upd.contains("permission denied"), "{upd}");
    assert!(del.contains("permission denied"), "{del}");
}

#[tokio::test]
async fn modified_deleted_and_truncated_rows_are_detected() {
    let app = TestApp::spawn().await;
    produce_events(&app, 4).await;
    seal(&app).await;
    produce_events(&app, 3).await;
    seal(&app).await;
    assert!(verify(&app).await.ok);

    // modified
    app.with_owner_conn(|c| {
        diesel::sql_query("UPDATE audit_log SET outcome = 'success' WHERE id = 2")
            .execute(c)
            .unwrap();
    })
    .await;
    let r = verify(&app).await;
    assert!(!r.ok);
    assert!(
        r.problems.iter().any(|p| p.contains("modified")),
        "{:?}",
        r.problems
    );
    app.with_owner_conn(|c| {
        diesel::sql_query("UPDATE audit_log SET outcome = 'failure' WHERE id = 2")
            .execute(c)
            .unwrap();
    })
    .await;
    assert!(
        verify(&app).await.ok,
        "restoring the row restores the chain"
    );

    // deleted from the middle
    app.with_owner_conn(|c| {
        diesel::sql_query("DELETE FROM audit_log WHERE id = 3")
            .execute(c)
            .unwrap();
    })
    .await;
    let r = verify(&app).await;
    assert!(
        r.problems.iter().any(|p| p.contains("rows deleted")),
        "{:?}",
        r.problems
    );

    // truncated tail: the last seal and its rows removed; the anchor file remembers
    app.with_owner_conn(|c| {
        diesel::sql_query("DELETE FROM audit_log WHERE id > 4")
            .execute(c)
            .unwrap();
        diesel::sql_query("DELETE FROM audit_seals WHERE id = (SELECT max(id) FROM audit_seals)")
            .execute(c)
            .unwrap();
    })
    .await;
    let r = verify(&app).await;
    assert!(
        r.problems.iter().any(|p| p.contains("tail truncated")),
        "{:?}",
        r.problems
    );
}
