//! The real `weikao` binary: configuration checking, concurrent migrations, and no personal data in logs
//! or (in plain text) in a database dump.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::json;
use weikao_api_tests::{test_env, weikao_binary};
use weikao_store::testing::{app_role_url, test_server_url};

fn weikao(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(weikao_binary());
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run weikao")
}

#[test]
fn check_config_accepts_valid_commands_and_rejects_bad_ones() {
    assert_eq!(
        weikao(&["--check-config", "serve", "--no-worker"], &[])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        weikao(
            &["--check-config", "worker"],
            &[("WEIKAO_LOG_FORMAT", "json")]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        weikao(&["--check-config", "serve", "--bogus"], &[])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        weikao(&["--check-config", "fly"], &[]).status.code(),
        Some(2)
    );
    let out = weikao(&["--check-config", "serve"], &[("WEIKAO_BIDN", "x")]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WEIKAO_BIDN"));
    assert_eq!(
        weikao(
            &["--check-config", "serve"],
            &[("WEIKAO_ENV", "production")]
        )
        .status
        .code(),
        Some(3),
        "production needs keys"
    );
}

fn fresh_db_name() -> String {
    format!("weikao_m_{}", uuid::Uuid::new_v4().simple())
}

fn drop_db(name: &str) {
    let _ = Command::new("psql")
        .args([
            &format!("{}/postgres", test_server_url()),
            "-qc",
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        ])
        .output();
}

#[test]
fn concurrent_migrations_apply_once() {
    let name = fresh_db_name();
    let owner = format!("{}/{name}", test_server_url());
    let app = app_role_url(&owner);
    let env = [
        ("WEIKAO_DATABASE_OWNER_URL", owner.as_str()),
        ("WEIKAO_DATABASE_URL", app.as_str()),
    ];
    let spawn = || {
        let mut cmd = Command::new(weikao_binary());
        cmd.arg("migrate")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", std::env::temp_dir());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    // the first creates the database; then two race on the migrations
    assert!(spawn().wait_with_output().unwrap().status.success());
    drop_db(&name);
    let a = spawn();
    std::thread::sleep(Duration::from_millis(300));
    let b = spawn();
    let c = spawn();
    for p in [a, b, c] {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let count = Command::new("psql")
        .args([
            &owner,
            "-tAc",
            "SELECT count(*) FROM __diesel_schema_migrations",
        ])
        .output()
        .unwrap();
    let n: i64 = String::from_utf8_lossy(&count.stdout)
        .trim()
        .parse()
        .unwrap();
    assert!(n >= 1);
    let dup = Command::new("psql")
        .args([
            &owner,
            "-tAc",
            "SELECT count(*) - count(DISTINCT version) FROM __diesel_schema_migrations",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&dup.stdout).trim(), "0");
    drop_db(&name);
}

#[tokio::test]
async fn a_planted_id_number_appears_in_neither_logs_nor_a_database_dump() {
    let name = fresh_db_name();
    let owner = format!("{}/{name}", test_server_url());
    let data_dir =
        std::env::temp_dir().join(format!("weikao-pii-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let db = weikao_store::testing::TestDatabase {
        name: name.clone(),
        owner_url: owner.clone(),
        app_url: app_role_url(&owner),
    };
    let mut env = test_env(&db, &data_dir);
    std::mem::forget(db); // dropped below by name
    env.insert("WEIKAO_BIND".into(), format!("127.0.0.1:{port}"));
    env.insert("WEIKAO_LOG".into(), "debug".into());
    env.insert("WEIKAO_LOG_FORMAT".into(), "json".into());
    env.insert("WEIKAO_CODE_RESEND_SECS".into(), "0".into());
    let log_path = data_dir.join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut cmd = Command::new(weikao_binary());
    cmd.arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(&env)
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    let mut child = cmd.spawn().unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if http
            .get(format!("{base}/readyz"))
            .send()
            .await
            .map(|r| r.status() == 200)
            .unwrap_or(false)
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        up,
        "weikao serve did not become ready: {}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );

    let planted = weikao_app::seed::demo_id_number("659001", "19870405", 77);
    let phone = "13655556666";
    let res = http
        .post(format!("{base}/api/v1/auth/codes"))
        .json(&json!({"channel": "sms", "target": phone, "purpose": "signup"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let body = Command::new("psql")
        .args([
            &owner,
            "-tAc",
            &format!("SELECT body FROM outbox_messages WHERE recipient = '{phone}'"),
        ])
        .output()
        .unwrap();
    let code =
        weikao_api_tests::six_digit_code(&String::from_utf8_lossy(&body.stdout)).expect("code");
    let signup = json!({"id_type": "resident_id", "id_number": planted, "name": "测试员", "phone": phone, "password": "abc12345",
        "verification_channel": "sms", "verification_code": code, "privacy_version": "2026-01"});
    let res = http
        .post(format!("{base}/api/v1/auth/candidate/signup"))
        .json(&signup)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // also as a failed login and a search term
    http.post(format!("{base}/api/v1/auth/candidate/login"))
        .json(&json!({"login": planted, "password": "wrong1234"}))
        .send()
        .await
        .unwrap();
    http.get(format!("{base}/api/v1/review/registrations?q={planted}"))
        .send()
        .await
        .unwrap();
    // wait for the worker to seal the audit rows (they are part of the dump too)
    tokio::time::sleep(Duration::from_millis(500)).await;
    child.kill().unwrap();
    child.wait().unwrap();

    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        logs.contains("\"route\""),
        "the log has request lines: {logs}"
    );
    assert!(
        !logs.contains(&planted),
        "the ID number leaked into the logs"
    );
    let dump = Command::new("pg_dump")
        .args(["--no-owner", &owner])
        .output()
        .expect("pg_dump");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dump = String::from_utf8_lossy(&dump.stdout);
    assert!(dump.contains("测试员"), "the dump has the candidate's row");
    assert!(
        !dump.contains(&planted),
        "the ID number is in the dump in plain text"
    );
    assert!(!dump.to_lowercase().contains(&planted.to_lowercase()));
    drop_db(&name);
    let _ = std::fs::remove_dir_all(&data_dir);
}

#[tokio::test]
async fn a_process_with_other_keys_refuses_the_database() {
    use weikao_app::security::crypto::PiiCipher;
    use weikao_app::security::keys::{verify_against_database, Keys};
    let app = weikao_api_tests::TestApp::spawn().await;
    let keys = app.state.keys.clone();
    let result = app
        .with_conn(move |c| {
            let same =
                verify_against_database(&keys, c).and_then(|_| verify_against_database(&keys, c));
            let other_pii = Keys {
                jwt_secret: keys.jwt_secret.clone(),
                pii: PiiCipher::new([9; 32], [0x22; 32]),
            };
            let other_index = Keys {
                jwt_secret: keys.jwt_secret.clone(),
                pii: PiiCipher::new([0x11; 32], [7; 32]),
            };
            (
                same,
                verify_against_database(&other_pii, c),
                verify_against_database(&other_index, c),
            )
        })
        .await;
    assert_eq!(result.0, Ok(()), "the keys the database was created with");
    assert!(result.1.unwrap_err().contains("WEIKAO_PII_KEY"));
    assert!(result.2.unwrap_err().contains("WEIKAO_BLIND_INDEX_KEY"));
}
