//! `weikao cleanup expired` on real data: a dry run first (nothing changes, the counts are exact), removal
//! refused without one, then removal of exactly what is past retention — rows and their files — while
//! current data stays; both runs audited and reported.

use diesel::prelude::*;
use serde_json::Value;
use weikao_api_tests::TestApp;

use crate::materials::{draft, put};

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.with_owner_conn(move |c| diesel::sql_query(sql).get_result::<N>(c).unwrap().n)
        .await
}

fn class<'a>(
    r: &'a weikao_app::ops::cleanup::CleanupReport,
    name: &str,
) -> &'a weikao_app::ops::cleanup::ClassResult {
    r.classes.iter().find(|c| c.class == name).unwrap()
}

#[tokio::test]
async fn cleanup_counts_first_then_removes_exactly_what_is_past_retention() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    // a candidate's draft with a diploma replaced once: the first upload is superseded
    let (token, reg) = draft(&app).await;
    let pdf = |n: u8| {
        format!("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /N {n} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
            .into_bytes()
    };
    assert_eq!(put(&app, &token, &reg, "diploma", pdf(1)).await.0, 201);
    assert_eq!(put(&app, &token, &reg, "diploma", pdf(2)).await.0, 201);
    let keys: Vec<(String, String)> = {
        let reg = reg.clone();
        app.with_owner_conn(move |c| {
            use weikao_store::schema::materials::dsl as m;
            m::materials
                .filter(m::registration_id.eq(reg.parse::<uuid::Uuid>().unwrap()))
                .order(m::uploaded_at)
                .select((m::object_key, m::status))
                .load(c)
                .unwrap()
        })
        .await
    };
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0].1, "superseded");
    // age things: the superseded upload 400 days old, the health-tech session closed 400 days ago, one
    // candidate session revoked 100 days ago, one message sent 200 days ago, one report 800 days old
    app.with_owner_conn(|c| {
        for sql in [
            "UPDATE materials SET uploaded_at = now() - interval '400 days' WHERE status = 'superseded'",
            "UPDATE exam_sessions SET registration_opens_at = now() - interval '500 days', \
             registration_closes_at = now() - interval '400 days' WHERE exam_type = 'health_tech'",
            "UPDATE auth_sessions SET revoked_at = now() - interval '100 days' \
              WHERE id = (SELECT id FROM auth_sessions ORDER BY created_at LIMIT 1)",
            "INSERT INTO outbox_messages (id, channel, recipient, subject, body, status, attempts, created_at, sent_at) \
             VALUES (gen_random_uuid(), 'email', 'old@example.cn', 'old', 'old body', 'sent', 1, \
                     now() - interval '200 days', now() - interval '200 days')",
        ] {
            diesel::sql_query(sql).execute(c).unwrap();
        }
    })
    .await;
    let cfg = app.cfg();
    let old = app.state.clock.now() - chrono::Duration::days(800);
    weikao_app::ops::reports::write(&cfg, "backup", old, &serde_json::json!({})).unwrap();

    let drafts_before = count(
        &app,
        "SELECT count(*) AS n FROM registrations r JOIN exam_sessions s ON s.id = r.session_id \
          WHERE s.exam_type = 'health_tech' AND r.status = 'draft'",
    )
    .await;
    let submitted_before = count(
        &app,
        "SELECT count(*) AS n FROM registrations r JOIN exam_sessions s ON s.id = r.session_id \
          WHERE s.exam_type = 'health_tech' AND r.status <> 'draft'",
    )
    .await;
    let draft_files = count(
        &app,
        "SELECT count(*) AS n FROM materials m JOIN registrations r ON r.id = m.registration_id \
           JOIN exam_sessions s ON s.id = r.session_id WHERE s.exam_type = 'health_tech' AND r.status = 'draft'",
    )
    .await;
    assert!(drafts_before >= 1 && submitted_before >= 1);
    let sessions_before = count(&app, "SELECT count(*) AS n FROM auth_sessions").await;

    // removal without a dry run is refused, and nothing changes
    let now = app.state.clock.now();
    let refused =
        weikao_app::ops::cleanup::run(&cfg, app.state.store.as_ref(), now, true, "tester").await;
    assert!(matches!(
        refused,
        Err(weikao_app::ops::cleanup::CleanupError::DryRunFirst)
    ));

    // the dry run counts exactly the planted rows and changes nothing
    let (dry, path) =
        weikao_app::ops::cleanup::run(&cfg, app.state.store.as_ref(), now, false, "tester")
            .await
            .unwrap();
    assert!(path.exists());
    assert!(!dry.apply);
    let sm = class(&dry, "superseded_materials");
    assert_eq!((sm.rows, sm.objects, sm.retention_days), (1, 1, 365));
    let d = class(&dry, "drafts");
    assert_eq!((d.rows, d.objects), (drafts_before, draft_files));
    assert_eq!(class(&dry, "auth_sessions").rows, 1);
    assert_eq!(class(&dry, "outbox").rows, 1);
    assert_eq!(class(&dry, "reports").rows, 1);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM materials WHERE status = 'superseded'"
        )
        .await,
        1
    );
    assert!(app.state.store.exists(&keys[0].0).await.unwrap());

    // now removal: rows and files past retention go, the rest stays
    let (done, _) =
        weikao_app::ops::cleanup::run(&cfg, app.state.store.as_ref(), now, true, "tester")
            .await
            .unwrap();
    assert!(done.apply);
    assert_eq!(class(&done, "superseded_materials").rows, 1);
    assert_eq!(class(&done, "drafts").rows, drafts_before);
    for (key, _) in &keys {
        assert!(!app.state.store.exists(key).await.unwrap(), "{key} removed");
    }
    let sql = format!("SELECT count(*) AS n FROM registrations WHERE id = '{reg}'");
    let gone = app
        .with_owner_conn(move |c| diesel::sql_query(sql).get_result::<N>(c).unwrap().n)
        .await;
    assert_eq!(gone, 0);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM registrations r JOIN exam_sessions s ON s.id = r.session_id \
              WHERE s.exam_type = 'health_tech' AND r.status <> 'draft'",
        )
        .await,
        submitted_before,
        "submitted registrations are not touched"
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM auth_sessions").await,
        sessions_before - 1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM outbox_messages WHERE recipient = 'old@example.cn'"
        )
        .await,
        0
    );
    assert!(
        count(&app, "SELECT count(*) AS n FROM outbox_messages").await > 0,
        "recent messages stay"
    );
    assert_eq!(
        weikao_app::ops::reports::list(&cfg, Some("backup"), 10).len(),
        0
    );

    // both runs audited with their counts
    let audited: Vec<Value> = app
        .with_owner_conn(|c| {
            #[derive(QueryableByName)]
            struct D {
                #[diesel(sql_type = diesel::sql_types::Jsonb)]
                details: Value,
            }
            diesel::sql_query(
                "SELECT details FROM audit_log WHERE action = 'data.cleanup' ORDER BY id",
            )
            .load::<D>(c)
            .unwrap()
            .into_iter()
            .map(|d| d.details)
            .collect()
        })
        .await;
    assert_eq!(audited.len(), 2, "{audited:?}");
    assert_eq!(audited[0]["apply"], false);
    assert_eq!(audited[1]["apply"], true);

    // a second dry run finds nothing of what was planted
    let (again, _) =
        weikao_app::ops::cleanup::run(&cfg, app.state.store.as_ref(), now, false, "tester")
            .await
            .unwrap();
    for c in [
        "superseded_materials",
        "drafts",
        "auth_sessions",
        "outbox",
        "reports",
    ] {
        assert_eq!(class(&again, c).rows, 0, "{c}");
    }
}

#[test]
fn a_bad_retention_setting_stops_the_binary_with_its_reason() {
    let out = std::process::Command::new(weikao_api_tests::weikao_binary())
        .args(["--check-config", "cleanup", "expired"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("WEIKAO_RETENTION_DAYS", "audit_log=30")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown data class"));
}
