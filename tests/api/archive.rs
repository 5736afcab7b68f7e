//! `weikao archive season` on real PostgreSQL and SeaweedFS: a closed nurse session's versions, findings and
//! review actions move into archived documents, its files move under `archive/<session>/` with their checksums
//! kept, a manifest lands in the object store, the registrations stay readable (live summary and archived
//! history, within the reviewer's scope), and a second run says it is done.

use diesel::prelude::*;
use futures_util::StreamExt;
use sha2::Digest;
use weikao_api_tests::TestApp;
use weikao_app::ops::archive::{self, ArchiveError};

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
}

async fn count(app: &TestApp, sql: String) -> i64 {
    app.with_owner_conn(move |c| diesel::sql_query(sql).get_result::<N>(c).unwrap().n)
        .await
}

async fn object_bytes(app: &TestApp, key: &str) -> Vec<u8> {
    let mut s = app.state.store.get(key).await.unwrap();
    let mut out = Vec::new();
    while let Some(c) = s.next().await {
        out.extend_from_slice(&c.unwrap());
    }
    out
}

#[tokio::test]
async fn a_closed_season_moves_to_the_archive_and_stays_readable() {
    let app = TestApp::spawn_s3().await;
    app.seed_demo().await;
    let ids = app.submitted_registrations("nurse", "41010501", 3).await;
    let session: uuid::Uuid = app
        .with_owner_conn(|c| {
            use weikao_store::schema::exam_sessions::dsl as s;
            s::exam_sessions
                .filter(s::exam_type.eq("nurse"))
                .select(s::id)
                .first(c)
                .unwrap()
        })
        .await;
    // a file of the first registration, in the object store with its checksum
    let content =
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
            .to_vec();
    let sha = hex::encode(sha2::Sha256::digest(&content));
    let material = uuid::Uuid::new_v4();
    let old_key = format!("materials/{}/{material}", ids[0]);
    let tmp = std::env::temp_dir().join(format!("archive-test-{material}"));
    std::fs::write(&tmp, &content).unwrap();
    app.state
        .store
        .put_file(&old_key, &tmp, "application/pdf")
        .await
        .unwrap();
    let _ = std::fs::remove_file(&tmp);
    {
        let (reg, key, sha, len) = (
            ids[0].clone(),
            old_key.clone(),
            sha.clone(),
            content.len() as i64,
        );
        app.with_owner_conn(move |c| {
            diesel::sql_query(format!(
                "INSERT INTO materials (id, registration_id, kind, object_key, content_type, size_bytes, sha256) \
                 VALUES ('{material}', '{reg}', 'diploma', '{key}', 'application/pdf', {len}, '{sha}')"
            ))
            .execute(c)
            .unwrap();
        })
        .await;
    }
    // a decision, so that the history has a review action (the nurse chain starts at the site)
    let site = app.staff_token("site_reviewer").await;
    let (s, d) = app
        .get(
            &format!("/api/v1/review/registrations/{}", ids[0]),
            Some(&site),
        )
        .await;
    assert_eq!(s, 200, "{d}");
    let (s, b) = crate::review_decisions::decide(
        &app,
        &site,
        &ids[0],
        serde_json::json!({"version": d["version"], "action": "approve", "comment": "材料齐全"}),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let of_session = |table: &str| {
        format!(
            "SELECT count(*) AS n FROM {table} t JOIN registrations r ON r.id = t.registration_id \
              WHERE r.session_id = '{session}'"
        )
    };
    let regs = count(
        &app,
        format!("SELECT count(*) AS n FROM registrations WHERE session_id = '{session}'"),
    )
    .await;
    let versions = count(&app, of_session("registration_versions")).await;
    let findings = count(&app, of_session("verification_findings")).await;
    let actions = count(&app, of_session("review_actions")).await;
    let files = count(&app, of_session("materials")).await;
    assert!(
        regs >= 3 && versions >= 3 && actions >= 1,
        "{regs} {versions} {actions}"
    );

    let cfg = app.cfg();
    let now = app.state.clock.now();
    // a published session is not archived
    let r = archive::run(&cfg, app.state.store.as_ref(), now, session, "tester").await;
    assert!(
        matches!(r, Err(ArchiveError::NotClosed(ref s)) if s == "published"),
        "{r:?}"
    );
    let r = archive::run(
        &cfg,
        app.state.store.as_ref(),
        now,
        uuid::Uuid::new_v4(),
        "tester",
    )
    .await;
    assert!(matches!(r, Err(ArchiveError::NoSession(_))));

    app.with_owner_conn(move |c| {
        diesel::sql_query(format!(
            "UPDATE exam_sessions SET status = 'closed' WHERE id = '{session}'"
        ))
        .execute(c)
        .unwrap();
    })
    .await;
    let (report, path) = archive::run(&cfg, app.state.store.as_ref(), now, session, "tester")
        .await
        .unwrap();
    assert!(path.exists());
    assert_eq!(
        (
            report.registrations,
            report.versions,
            report.findings,
            report.actions,
            report.materials
        ),
        (regs, versions, findings, actions, files)
    );
    assert_eq!(report.objects_moved, files);
    // the live tables no longer hold the session's history; the registrations stay
    assert_eq!(count(&app, of_session("registration_versions")).await, 0);
    assert_eq!(count(&app, of_session("verification_findings")).await, 0);
    assert_eq!(count(&app, of_session("review_actions")).await, 0);
    assert_eq!(
        count(
            &app,
            format!("SELECT count(*) AS n FROM registrations WHERE session_id = '{session}'")
        )
        .await,
        regs
    );
    assert_eq!(
        count(&app, format!("SELECT count(*) AS n FROM exam_sessions WHERE id = '{session}' AND status = 'archived'")).await,
        1
    );
    // the file moved with its content intact
    let new_key = archive::archive_key(session, material);
    assert!(!app.state.store.exists(&old_key).await.unwrap());
    assert_eq!(object_bytes(&app, &new_key).await, content);
    assert_eq!(
        count(&app, format!("SELECT count(*) AS n FROM materials WHERE id = '{material}' AND object_key = '{new_key}'")).await,
        1
    );
    // the manifest in the object store is the one reported, listing the file with its checksum
    let manifest = object_bytes(&app, &report.manifest_key).await;
    assert_eq!(
        hex::encode(sha2::Sha256::digest(&manifest)),
        report.manifest_sha256
    );
    let m: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    assert_eq!(m["registrations"], regs);
    let listed: Vec<&serde_json::Value> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["key"] == new_key.as_str())
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["sha256"], sha.as_str());
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'season.archive'".into()
        )
        .await,
        1
    );

    // reviewers read the archived history within their scope
    let point = app.staff_token("point_reviewer").await;
    let (s, doc) = app
        .get(
            &format!("/api/v1/review/registrations/{}/archive", ids[0]),
            Some(&point),
        )
        .await;
    assert_eq!(s, 200, "{doc}");
    assert!(!doc["versions"].as_array().unwrap().is_empty());
    assert!(doc["versions"][0]["form"].is_object());
    assert!(!doc["actions"].as_array().unwrap().is_empty());
    let (s, _) = app
        .get(
            &format!("/api/v1/review/registrations/{}", ids[0]),
            Some(&point),
        )
        .await;
    assert_eq!(s, 200, "the live summary stays");
    let luoyang = app.staff_token("site_reviewer_ly").await;
    let (s, _) = app
        .get(
            &format!("/api/v1/review/registrations/{}/archive", ids[0]),
            Some(&luoyang),
        )
        .await;
    assert_eq!(s, 404, "another scope");
    // a registration of a live session has no archive
    let other: uuid::Uuid = app
        .with_owner_conn(|c| {
            diesel::sql_query(
                "SELECT r.id FROM registrations r JOIN exam_sessions s ON s.id = r.session_id \
                  WHERE s.exam_type = 'health_tech' AND r.org_path LIKE '%41010501%' LIMIT 1",
            )
            .get_result::<Id>(c)
            .unwrap()
            .id
        })
        .await;
    let (s, b) = app
        .get(
            &format!("/api/v1/review/registrations/{other}/archive"),
            Some(&point),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("not_archived")));

    // done once: a second run says so
    let again = archive::run(&cfg, app.state.store.as_ref(), now, session, "tester").await;
    assert!(
        matches!(again, Err(ArchiveError::AlreadyArchived(_))),
        "{again:?}"
    );
}
