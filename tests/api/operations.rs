//! The security patrol against real data: a clean demo passes; planted anomalies (a staff account without
//! TOTP, a burst of failed logins, an export by an account that never exported) are flagged with the audit
//! rows behind them, and the command exits 1 with a dated report.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

fn by_check<'a>(r: &'a Value, check: &str) -> &'a Value {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == check)
        .unwrap()
}

#[tokio::test]
async fn the_security_patrol_flags_planted_anomalies_with_their_audit_rows() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let clean = serde_json::to_value(weikao_app::ops::patrol::run(&app.state).unwrap()).unwrap();
    assert_eq!(clean["failed"], 0, "{clean:#}");
    assert_eq!(by_check(&clean, "accounts_without_totp")["level"], "pass");
    assert_eq!(by_check(&clean, "failed_login_bursts")["level"], "pass");

    // 1. a staff account without TOTP
    let st = app.state.clone();
    app.with_conn(move |c| {
        let root = weikao_store::orgs::find_org_by_code(c, "410000")
            .unwrap()
            .unwrap();
        weikao_store::accounts::insert_staff(
            c,
            &weikao_store::accounts::NewStaffAccount {
                username: "lazy_admin",
                display_name: "未绑定令牌的管理员",
                password_hash: &st.passwords.hash("whatever-1"),
                role: "region_admin",
                review_level: None,
                scope_org_id: root.id,
                totp_secret_enc: None,
                totp_enabled: false,
                can_reveal_pii: false,
            },
        )
        .unwrap();
    })
    .await;
    // 2. a burst of failed logins
    for _ in 0..10 {
        let (s, _) = app
            .post("/api/v1/auth/staff/login", json!({"username": "point_reviewer", "password": "wrong-password-1", "totp_code": "000000"}), None)
            .await;
        assert!(s == 401 || s == 423 || s == 429, "{s}");
    }
    // 3. an export by an account that never exported
    let admin = app.staff_token("region_admin").await;
    let res = app
        .http
        .get(app.url("/api/v1/review/registrations/export"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);

    let report = serde_json::to_value(weikao_app::ops::patrol::run(&app.state).unwrap()).unwrap();
    let totp = by_check(&report, "accounts_without_totp");
    assert_eq!(totp["level"], "fail");
    assert_eq!(totp["evidence"], json!(["staff:lazy_admin"]));
    let burst = by_check(&report, "failed_login_bursts");
    assert_eq!(burst["level"], "fail", "{burst:#}");
    let export = by_check(&report, "unusual_exports");
    assert_eq!(export["level"], "warn", "{export:#}");
    // the evidence names real audit rows of the right kind
    let audit_ids = |f: &Value| -> Vec<i64> {
        f["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| {
                e.as_str()?
                    .strip_prefix("audit#")?
                    .split(' ')
                    .next()?
                    .parse()
                    .ok()
            })
            .collect()
    };
    let rows = |ids: Vec<i64>| {
        app.with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::id.eq_any(ids))
                .select((a::action, a::outcome))
                .load::<(String, String)>(c)
                .unwrap()
        })
    };
    let login_rows = rows(audit_ids(burst)).await;
    assert!(login_rows.len() >= 10);
    assert!(
        login_rows
            .iter()
            .all(|(a, o)| a == "auth.staff_login" && o != "success"),
        "{login_rows:?}"
    );
    let export_rows = rows(audit_ids(export)).await;
    assert_eq!(
        export_rows,
        vec![("review.export".to_string(), "success".to_string())]
    );

    // the command: exit 1, the findings printed, a dated report written
    let out = std::process::Command::new(weikao_api_tests::weikao_binary())
        .args(["patrol", "security"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .envs(weikao_api_tests::test_env(&app.db, &app.data_dir))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("FAIL accounts_without_totp"), "{stdout}");
    assert!(stdout.contains("staff:lazy_admin"), "{stdout}");
    let reports: Vec<String> = std::fs::read_dir(app.data_dir.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        reports.iter().any(|r| r.ends_with("-security-patrol.json")),
        "{reports:?}"
    );

    // the reports are listed for system administrators and auditors, not for others
    let sys = app.staff_token("sysadmin").await;
    let (s, list) = app
        .get("/api/v1/admin/reports?kind=security-patrol", Some(&sys))
        .await;
    assert_eq!(s, 200, "{list}");
    let name = list[0]["name"].as_str().unwrap().to_string();
    assert_eq!(list[0]["kind"], "security-patrol");
    let (s, body) = app
        .get(&format!("/api/v1/admin/reports/{name}"), Some(&sys))
        .await;
    assert_eq!(s, 200);
    assert!(body["report"]["failed"].as_i64().unwrap() >= 1, "{body}");
    let (s, _) = app
        .get("/api/v1/admin/reports/..%2Fsecret.json", Some(&sys))
        .await;
    assert_eq!(s, 404);
    let (s, _) = app.get("/api/v1/admin/reports", Some(&admin)).await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn the_worker_runs_the_patrol_once_a_day() {
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_SECURITY_PATROL".into(), "true".into());
    })
    .await;
    app.seed_demo().await;
    // move to 08:00 in the province on a later day so that the patrol is due
    let now = app.state.clock.now();
    // Asia/Shanghai is UTC+8 all year: 08:00 there is 00:00 UTC
    let tomorrow = (now + chrono::Duration::hours(8)).date_naive() + chrono::Duration::days(1);
    let target = tomorrow.and_hms_opt(0, 0, 0).unwrap().and_utc();
    app.state.clock.advance(target - now);
    let worker = app.worker();
    for _ in 0..3 {
        worker.tick().await.unwrap();
    }
    let patrols = || {
        std::fs::read_dir(app.data_dir.join("reports"))
            .map(|d| {
                d.filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .ends_with("-security-patrol.json")
                })
                .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(patrols(), 1, "once that day, however many ticks");
    app.state.clock.advance(chrono::Duration::days(1));
    worker.tick().await.unwrap();
    worker.tick().await.unwrap();
    assert_eq!(patrols(), 2);
}

fn item<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == name)
        .unwrap_or_else(|| panic!("no {name} in {r:#}"))
}

#[tokio::test]
async fn the_preseason_inspection_reports_real_figures_and_planted_gaps() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let first =
        serde_json::to_value(weikao_app::ops::inspect::run(&app.state).await.unwrap()).unwrap();
    for pass in [
        "reason_catalog",
        "payment_center",
        "object_store",
        "hot_indexes",
        "table_bloat",
    ] {
        assert_eq!(item(&first, pass)["level"], "pass", "{pass}: {first:#}");
    }
    let sessions: Vec<&Value> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["item"].as_str().unwrap().starts_with("session: "))
        .collect();
    assert_eq!(sessions.len(), 3, "the demo's three sessions: {first:#}");
    assert!(
        sessions.iter().all(|s| s["level"] == "pass"),
        "{sessions:#?}"
    );
    assert!(item(&first, "database_size")["detail"]
        .as_str()
        .unwrap()
        .ends_with("MiB"));
    assert!(item(&first, "disk_data")["detail"]
        .as_str()
        .unwrap()
        .contains("GiB free"));
    assert_eq!(
        item(&first, "backup_freshness")["level"],
        "fail",
        "no backup yet"
    );
    assert_eq!(
        item(&first, "mail")["level"],
        "warn",
        "no SMTP in this configuration"
    );

    // a backup and a drill later those pass; a dropped index and a session without review windows fail
    let cfg = app.cfg();
    let b = weikao_app::ops::backup::run(
        &cfg,
        app.state.store.as_ref(),
        app.state.clock.now(),
        &cfg.backup_root(),
        3,
    )
    .await
    .unwrap();
    let drill = weikao_app::ops::restore::drill(&app.state, &b.dir, false)
        .await
        .unwrap();
    assert!(drill.ok, "{drill:#?}");
    weikao_app::ops::reports::write(&cfg, "restore-drill", app.state.clock.now(), &drill).unwrap();
    app.with_owner_conn(|c| {
        use diesel::prelude::*;
        diesel::sql_query("DROP INDEX registrations_change_feed").execute(c).unwrap();
        diesel::sql_query(
            "DELETE FROM review_windows WHERE session_id = (SELECT id FROM exam_sessions WHERE exam_type = 'nurse')",
        )
        .execute(c)
        .unwrap();
    })
    .await;
    let second =
        serde_json::to_value(weikao_app::ops::inspect::run(&app.state).await.unwrap()).unwrap();
    assert_eq!(item(&second, "backup_freshness")["level"], "pass");
    assert_eq!(item(&second, "restore_drill")["level"], "pass");
    let idx = item(&second, "hot_indexes");
    assert_eq!(idx["level"], "fail");
    assert!(idx["detail"]
        .as_str()
        .unwrap()
        .contains("registrations_change_feed"));
    let nurse = second["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"].as_str().unwrap().contains("护士"))
        .unwrap();
    assert_eq!(nurse["level"], "fail", "{nurse}");
    assert!(
        nurse["detail"]
            .as_str()
            .unwrap()
            .contains("no review window for level site"),
        "{nurse}"
    );
    assert!(second["failed"].as_i64().unwrap() >= 2);
}

#[tokio::test]
async fn the_database_inspection_reports_real_figures_a_planted_lock_wait_and_compares_with_the_previous(
) {
    use diesel::prelude::*;
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let cfg = app.cfg();
    let (first, path) = weikao_app::ops::dbinspect::run(&cfg, app.state.clock.now()).unwrap();
    assert!(path.exists());
    let first = serde_json::to_value(&first).unwrap();
    assert!(first["previous"].is_null() && first["comparison"].is_null());
    // real figures from the statistics views
    let snap = &first["snapshot"];
    assert!(snap["commits"].as_i64().unwrap() > 0, "{snap:#}");
    assert!(snap["connections"].as_i64().unwrap() >= 1);
    assert!(snap["max_connections"].as_i64().unwrap() >= snap["connections"].as_i64().unwrap());
    let regs = snap["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "registrations")
        .expect("registrations in the tables");
    assert!(regs["bytes"].as_i64().unwrap() > 0);
    assert!(snap["indexes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["name"] == "registrations_change_feed"));
    assert!(item(&first, "cache_hit_ratio")["detail"]
        .as_str()
        .unwrap()
        .contains("% of"));
    assert!(item(&first, "connections")["detail"]
        .as_str()
        .unwrap()
        .contains(" connections in use"));
    // top statements come from pg_stat_statements where the server loads it, and say why not elsewhere
    let preloaded = app
        .with_owner_conn(|c| {
            #[derive(QueryableByName)]
            struct P {
                #[diesel(sql_type = diesel::sql_types::Text)]
                libs: String,
            }
            diesel::sql_query("SELECT current_setting('shared_preload_libraries') AS libs")
                .get_result::<P>(c)
                .unwrap()
                .libs
                .contains("pg_stat_statements")
        })
        .await;
    let top = item(&first, "top_statements");
    if preloaded {
        assert_eq!(top["level"], "pass", "{top}");
        assert!(!top["evidence"].as_array().unwrap().is_empty());
    } else {
        assert_eq!(top["level"], "warn", "{top}");
        assert!(top["detail"]
            .as_str()
            .unwrap()
            .contains("shared_preload_libraries"));
        assert!(snap["statements"].is_null());
    }
    assert_eq!(item(&first, "lock_waits")["level"], "pass", "{first:#}");

    // plant: one session holds a row lock in an open transaction, another waits for it
    let url = app.db.owner_url.clone();
    let (held_tx, held_rx) = std::sync::mpsc::channel::<()>();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn({
        let url = url.clone();
        move || {
            let mut c = diesel::PgConnection::establish(&url).unwrap();
            c.transaction::<_, diesel::result::Error, _>(|c| {
                diesel::sql_query(
                    "SELECT id FROM staff_accounts WHERE username = 'sysadmin' FOR UPDATE",
                )
                .execute(c)?;
                held_tx.send(()).unwrap();
                release_rx.recv().unwrap();
                Ok(())
            })
            .unwrap();
        }
    });
    held_rx.recv().unwrap();
    let waiter = std::thread::spawn(move || {
        let mut c = diesel::PgConnection::establish(&url).unwrap();
        diesel::sql_query("SET statement_timeout = '30s'")
            .execute(&mut c)
            .unwrap();
        diesel::sql_query(
            "UPDATE staff_accounts SET updated_at = updated_at WHERE username = 'sysadmin'",
        )
        .execute(&mut c)
    });
    // wait until the waiter is blocked
    let mut blocked = false;
    for _ in 0..100 {
        let waiting = app
            .with_owner_conn(|c| {
                #[derive(QueryableByName)]
                struct N {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    n: i64,
                }
                diesel::sql_query(
                    "SELECT count(*) AS n FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0",
                )
                .get_result::<N>(c)
                .unwrap()
                .n
            })
            .await;
        if waiting > 0 {
            blocked = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(blocked, "the planted lock wait did not happen");
    app.state.clock.advance(chrono::Duration::days(7));
    let (second, _) = weikao_app::ops::dbinspect::run(&cfg, app.state.clock.now()).unwrap();
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    waiter
        .join()
        .unwrap()
        .expect("the waiter gets the lock once it is released");
    let second = serde_json::to_value(&second).unwrap();
    let waits = item(&second, "lock_waits");
    assert_eq!(waits["level"], "warn", "{waits}");
    assert!(
        waits["evidence"][0]
            .as_str()
            .unwrap()
            .contains("UPDATE staff_accounts"),
        "{waits}"
    );
    let tx = item(&second, "long_transactions");
    assert!(tx["detail"].as_str().unwrap().starts_with(&format!(
        "{} open transaction(s)",
        second["snapshot"]["transactions"].as_array().unwrap().len()
    )));
    assert!(
        second["snapshot"]["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["state"] == "idle in transaction"),
        "{second:#}"
    );
    // compared with the first report
    assert_eq!(
        second["previous"].as_str().unwrap(),
        path.file_name().unwrap().to_str().unwrap()
    );
    let since = item(&second, "since_previous");
    assert!(
        since["detail"]
            .as_str()
            .unwrap()
            .starts_with("previous inspection 7.0 days ago"),
        "{since}"
    );
    assert!(second["comparison"]["commits_per_second"].as_f64().unwrap() > 0.0);
    // listed among the reports
    let sys = app.staff_token("sysadmin").await;
    let (s, list) = app
        .get("/api/v1/admin/reports?kind=db-inspection", Some(&sys))
        .await;
    assert_eq!(s, 200);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
}

#[tokio::test]
async fn the_worker_inspects_the_database_weekly() {
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_DB_INSPECT_EVERY_DAYS".into(), "7".into());
    })
    .await;
    let reports = || weikao_app::ops::reports::list(&app.cfg(), Some("db-inspection"), 10).len();
    let worker = app.worker();
    worker.tick().await.unwrap();
    worker.tick().await.unwrap();
    assert_eq!(reports(), 1, "the first tick finds none and queues one");
    app.state.clock.advance(chrono::Duration::days(3));
    worker.tick().await.unwrap();
    assert_eq!(reports(), 1, "not due after three days");
    app.state.clock.advance(chrono::Duration::days(4));
    worker.tick().await.unwrap();
    worker.tick().await.unwrap();
    assert_eq!(reports(), 2, "due after seven");
}
