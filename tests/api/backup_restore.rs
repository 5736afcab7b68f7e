//! Backup → damage → restore drill on real PostgreSQL and SeaweedFS: the drill proves a good backup and fails
//! on a damaged one (an attachment copy altered, the dump truncated).

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

async fn s3_app() -> TestApp {
    TestApp::spawn_s3().await
}

/// A submitted registration with its required materials (a photo and PDFs); returns (registration id, object keys).
async fn registration_with_files(app: &TestApp) -> (String, Vec<String>) {
    let idn = weikao_api_tests::resident_id("41010519900303003");
    let me = crate::accounts_candidate::signup(app, &idn, "13900004001").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let reg = crate::registration_exams::start(app, "physician", &token).await;
    let version =
        crate::registration_exams::fill(app, &token, &reg, crate::libraries::physician_form())
            .await;
    // `fill` uploaded every required material: a JPEG photo and PDFs
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{reg}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let r = reg.clone();
    let keys = app
        .with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::materials::dsl as m;
            m::materials
                .filter(m::registration_id.eq(r.parse::<uuid::Uuid>().unwrap()))
                .select(m::object_key)
                .load::<String>(c)
                .unwrap()
        })
        .await;
    (reg, keys)
}

fn check<'a>(
    r: &'a weikao_app::ops::restore::DrillReport,
    name: &str,
) -> &'a weikao_app::ops::restore::Check {
    r.checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} check in {r:#?}"))
}

#[tokio::test]
async fn backup_damage_restore_and_the_drill_fails_on_a_damaged_backup() {
    let app = s3_app().await;
    assert_eq!(app.state.store.name(), "s3");
    app.seed_demo().await;
    let (reg, keys) = registration_with_files(&app).await;
    assert!(keys.len() >= 2, "{keys:?}");
    // the worker seals the settled audit rows and writes the anchor
    app.state.clock.advance(chrono::Duration::seconds(60));
    app.worker().tick().await.unwrap();
    let root = app.data_dir.join("backups");

    let first = weikao_app::ops::backup::run(
        &app.state.cfg,
        app.state.store.as_ref(),
        app.state.clock.now(),
        &root,
        2,
    )
    .await
    .unwrap();
    let m = &first.manifest;
    let n = keys.len();
    assert_eq!((m.attachments.count, m.attachments.copied), (n, n));
    assert!(m.attachments.missing.is_empty());
    assert!(m.database.tables["registrations"] >= 1);
    assert!(m.database.tables["audit_log"] >= 1);
    assert!(m.audit_anchor.is_some());
    // the second backup copies nothing it already has; retention keeps two
    let second = weikao_app::ops::backup::run(
        &app.state.cfg,
        app.state.store.as_ref(),
        app.state.clock.now(),
        &root,
        2,
    )
    .await
    .unwrap();
    assert_eq!(second.manifest.attachments.copied, 0);
    let third = weikao_app::ops::backup::run(
        &app.state.cfg,
        app.state.store.as_ref(),
        app.state.clock.now(),
        &root,
        2,
    )
    .await
    .unwrap();
    assert_eq!(third.pruned, 1);
    assert_eq!(
        weikao_app::ops::backup::list(&root),
        vec![second.dir.clone(), third.dir.clone()]
    );

    // damage the live system: the files are gone from the object store, the registration's rows too
    for k in &keys {
        app.state.store.delete(k).await.unwrap();
    }
    let r = reg.clone();
    app.with_owner_conn(move |c| {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "DELETE FROM materials WHERE registration_id = '{r}'"
        ))
        .execute(c)
        .unwrap();
    })
    .await;

    // the drill restores the backup into a fresh database and object location and proves it
    let drill = weikao_app::ops::restore::drill(&app.state, &third.dir, false)
        .await
        .unwrap();
    assert!(drill.ok, "{drill:#?}");
    let names: Vec<&str> = drill.checks.iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "dump_checksum",
            "database_restored",
            "row_counts",
            "attachments",
            "audit_chain",
            "sample_registration"
        ]
    );
    assert!(
        check(&drill, "sample_registration")
            .detail
            .contains(&format!("{n} file(s)")),
        "{drill:#?}"
    );
    let db = drill.restored_database.clone();
    let left: i64 = app
        .with_owner_conn(move |c| {
            use diesel::prelude::*;
            #[derive(QueryableByName)]
            struct N {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            diesel::sql_query(format!(
                "SELECT count(*) AS n FROM pg_database WHERE datname = '{db}'"
            ))
            .get_result::<N>(c)
            .unwrap()
            .n
        })
        .await;
    assert_eq!(left, 0, "the drill's database is removed afterwards");

    // an altered attachment copy fails the drill (and only that check)
    let copy = root.join("attachments").join(&keys[0]);
    let mut bytes = std::fs::read(&copy).unwrap();
    bytes[10] ^= 0xFF;
    std::fs::write(&copy, bytes).unwrap();
    let drill = weikao_app::ops::restore::drill(&app.state, &third.dir, false)
        .await
        .unwrap();
    assert!(!drill.ok);
    assert!(!check(&drill, "attachments").ok);
    assert!(
        check(&drill, "attachments").detail.contains(&keys[0]),
        "{drill:#?}"
    );
    assert!(check(&drill, "row_counts").ok && check(&drill, "audit_chain").ok);

    // a truncated dump fails before anything is restored
    let dump = third.dir.join("database.dump");
    let len = std::fs::metadata(&dump).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&dump)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let drill = weikao_app::ops::restore::drill(&app.state, &third.dir, false)
        .await
        .unwrap();
    assert!(!drill.ok);
    assert!(!check(&drill, "dump_checksum").ok);
    assert!(
        drill.checks.iter().all(|c| c.name != "database_restored"),
        "{drill:#?}"
    );
}

#[tokio::test]
async fn the_commands_write_dated_reports_and_exit_non_zero_on_failure() {
    let app = s3_app().await;
    app.seed_demo().await;
    let env = app.cfg();
    let bin = weikao_api_tests::weikao_binary();
    let vars: Vec<(String, String)> = weikao_api_tests::test_env(&app.db, &app.data_dir)
        .into_iter()
        .chain([
            ("WEIKAO_STORAGE".to_string(), "s3".to_string()),
            ("WEIKAO_S3_ENDPOINT".to_string(), env.s3_endpoint.clone()),
            ("WEIKAO_S3_BUCKET".to_string(), env.s3_bucket.clone()),
            (
                "WEIKAO_S3_ACCESS_KEY".to_string(),
                env.s3_access_key.clone(),
            ),
            (
                "WEIKAO_S3_SECRET_KEY".to_string(),
                env.s3_secret_key.clone(),
            ),
        ])
        .collect();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(&bin)
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .envs(vars.clone())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, out, err) = run(&["backup"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("attachments 0"), "{out}");
    let (code, out, err) = run(&["restore", "--verify"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("passed"), "{out}");
    let reports: Vec<String> = std::fs::read_dir(app.data_dir.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        reports.iter().any(|r| r.ends_with("-backup.json")),
        "{reports:?}"
    );
    let drill = reports
        .iter()
        .find(|r| r.ends_with("-restore-drill.json"))
        .unwrap();
    let body: Value =
        serde_json::from_slice(&std::fs::read(app.data_dir.join("reports").join(drill)).unwrap())
            .unwrap();
    assert_eq!(body["report"]["ok"], true);
    assert!(body["report"]["checks"].as_array().unwrap().len() >= 5);
    // a restore that is not a drill is refused; a missing backup fails
    let (code, _, err) = run(&["restore"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, _) = run(&["restore", "--verify", "/nonexistent/backup"]);
    assert_eq!(code, Some(1));
}

#[tokio::test]
async fn the_worker_takes_a_backup_when_the_newest_is_too_old() {
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_BACKUP_EVERY_DAYS".into(), "7".into());
    })
    .await;
    app.seed_demo().await;
    let root = app.cfg().backup_root();
    let worker = app.worker();
    // the first tick queues the backup, the next runs it
    let twice = || async {
        worker.tick().await.unwrap();
        worker.tick().await.unwrap();
    };
    twice().await;
    assert_eq!(
        weikao_app::ops::backup::list(&root).len(),
        1,
        "no backup yet: one is taken"
    );
    // a day later nothing is due; eight days later the next one is
    app.state.clock.advance(chrono::Duration::days(1));
    twice().await;
    assert_eq!(weikao_app::ops::backup::list(&root).len(), 1);
    app.state.clock.advance(chrono::Duration::days(7));
    twice().await;
    assert_eq!(weikao_app::ops::backup::list(&root).len(), 2);
    let reports = std::fs::read_dir(app.data_dir.join("reports"))
        .unwrap()
        .count();
    assert_eq!(reports, 2, "each backup wrote its report");
}

#[tokio::test]
async fn the_worker_drills_the_newest_backup_weekly() {
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_BACKUP_EVERY_DAYS".into(), "7".into());
        e.insert("WEIKAO_DRILL_EVERY_DAYS".into(), "7".into());
    })
    .await;
    app.seed_demo().await;
    let drills = || weikao_app::ops::reports::list(&app.cfg(), Some("restore-drill"), 10);
    let worker = app.worker();
    // no backup yet: no drill is queued; the backup is taken, then drilled
    for _ in 0..4 {
        worker.tick().await.unwrap();
    }
    let first = drills();
    assert_eq!(first.len(), 1, "one drill of the first backup");
    let body = weikao_app::ops::reports::read(&app.cfg(), &first[0].name).unwrap();
    assert_eq!(body["report"]["ok"], true, "{body:#}");
    app.state.clock.advance(chrono::Duration::days(2));
    worker.tick().await.unwrap();
    worker.tick().await.unwrap();
    assert_eq!(drills().len(), 1, "not due after two days");
}
