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
