//! Test harness: a real weikao app on a real HTTP port, backed by its own PostgreSQL database created from
//! the migrated template (so tests run in parallel). Nothing here fakes a weikao component.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::{web, HttpServer};
use serde_json::{json, Value};
use weikao_app::clock::Clock;
use weikao_app::config::Config;
use weikao_app::http::server::build_app;
use weikao_app::http::state::AppState;
use weikao_app::security::keys::Keys;
use weikao_store::testing::TestDatabase;

pub const PII_KEY: &str = "1111111111111111111111111111111111111111111111111111111111111111";
pub const BIDX_KEY: &str = "2222222222222222222222222222222222222222222222222222222222222222";
pub const JWT_SECRET: &str = "test-jwt-secret-test-jwt-secret-0123456789";

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub state: AppState,
    pub db: TestDatabase,
    pub data_dir: PathBuf,
}

/// Variables every test app uses: cheap argon2, fixed keys, private data dir.
pub fn test_env(db: &TestDatabase, data_dir: &std::path::Path) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert("WEIKAO_DATABASE_URL".into(), db.app_url.clone());
    m.insert("WEIKAO_DATABASE_OWNER_URL".into(), db.owner_url.clone());
    m.insert("WEIKAO_DB_POOL_SIZE".into(), "6".into());
    // tests that want the weekly backup turn it on themselves
    m.insert("WEIKAO_BACKUP_EVERY_DAYS".into(), "0".into());
    m.insert("WEIKAO_SECURITY_PATROL".into(), "false".into());
    m.insert("WEIKAO_DB_INSPECT_EVERY_DAYS".into(), "0".into());
    m.insert("WEIKAO_DRILL_EVERY_DAYS".into(), "0".into());
    m.insert("WEIKAO_DATA_DIR".into(), data_dir.display().to_string());
    m.insert("WEIKAO_PII_KEY".into(), PII_KEY.into());
    m.insert("WEIKAO_BLIND_INDEX_KEY".into(), BIDX_KEY.into());
    m.insert("WEIKAO_JWT_SECRET".into(), JWT_SECRET.into());
    m.insert("WEIKAO_ARGON2_MEMORY_KIB".into(), "1024".into());
    m.insert("WEIKAO_ARGON2_ITERATIONS".into(), "1".into());
    m.insert("WEIKAO_CODE_RESEND_SECS".into(), "0".into());
    m
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns with extra configuration applied to the test environment.
    pub async fn spawn_with(tweak: impl FnOnce(&mut BTreeMap<String, String>)) -> TestApp {
        let db = tokio::task::spawn_blocking(TestDatabase::create)
            .await
            .expect("create db");
        let data_dir =
            std::env::temp_dir().join(format!("weikao-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&data_dir).expect("data dir");
        // bound first, so the public URL (cashier and notification URLs of the sandbox) names the real port
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let mut env = test_env(&db, &data_dir);
        env.insert(
            "WEIKAO_PUBLIC_URL".into(),
            format!("http://127.0.0.1:{port}"),
        );
        tweak(&mut env);
        let cfg = Config::from_map(&env).expect("test config");
        let keys = Keys::resolve(&cfg).expect("keys");
        let pool = weikao_store::db::build_pool(&cfg.database_url, cfg.db_pool_size).expect("pool");
        let store = weikao_app::storage::from_config(&cfg).expect("object store");
        let state = AppState::new(cfg, pool, keys, Clock::default(), store);

        let data = web::Data::new(state.clone());
        let max_json = state.cfg.max_json_bytes;
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                HttpServer::new(move || build_app(Some(data.clone()), max_json).0)
                    .workers(2)
                    .listen(listener)
                    .expect("listen")
                    .run()
                    .await
                    .expect("server");
            })
        });
        TestApp {
            base: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::builder().build().expect("client"),
            state,
            db,
            data_dir,
        }
    }

    /// Spawns with attachments on S3 (the SeaweedFS that `make test` starts; `WEIKAO_S3_*` override it).
    pub async fn spawn_s3() -> TestApp {
        Self::spawn_with(|e| {
            e.insert("WEIKAO_STORAGE".into(), "s3".into());
            for (k, d) in [
                ("WEIKAO_S3_ENDPOINT", "http://127.0.0.1:8333"),
                ("WEIKAO_S3_BUCKET", "weikao"),
                ("WEIKAO_S3_ACCESS_KEY", "weikao"),
                ("WEIKAO_S3_SECRET_KEY", "weikao-secret"),
            ] {
                e.insert(k.into(), std::env::var(k).unwrap_or_else(|_| d.into()));
            }
        })
        .await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Loads the demo data set (the same one `make run` loads).
    pub async fn seed_demo(&self) {
        let st = self.state.clone();
        tokio::task::spawn_blocking(move || weikao_app::seed::seed_demo(&st).expect("seed"))
            .await
            .expect("seed task");
    }

    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> (u16, Value) {
        let mut rq = self.http.post(self.url(path)).json(&body);
        if let Some(t) = token {
            rq = rq.bearer_auth(t);
        }
        let res = rq.send().await.expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn patch(&self, path: &str, body: Value, token: Option<&str>) -> (u16, Value) {
        let mut rq = self.http.patch(self.url(path)).json(&body);
        if let Some(t) = token {
            rq = rq.bearer_auth(t);
        }
        let res = rq.send().await.expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn put(&self, path: &str, body: Value, token: Option<&str>) -> (u16, Value) {
        let mut rq = self.http.put(self.url(path)).json(&body);
        if let Some(t) = token {
            rq = rq.bearer_auth(t);
        }
        let res = rq.send().await.expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut rq = self.http.get(self.url(path));
        if let Some(t) = token {
            rq = rq.bearer_auth(t);
        }
        let res = rq.send().await.expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Logs a seeded staff account in with password and the current TOTP code; returns the access token.
    /// The app clock moves forward one TOTP step first, so repeated logins never reuse a code (replays are refused).
    pub async fn staff_token(&self, username: &str) -> String {
        self.state.clock.advance(chrono::Duration::seconds(31));
        let code = totp_at(username, self.state.clock.now().timestamp());
        let (status, body) = self
            .post(
                "/api/v1/auth/staff/login",
                json!({"username": username, "password": weikao_app::seed::DEMO_PASSWORD, "totp_code": code}),
                None,
            )
            .await;
        assert_eq!(status, 200, "staff login of {username}: {body}");
        body["tokens"]["access_token"]
            .as_str()
            .expect("token")
            .to_string()
    }

    /// Logs a seeded candidate in by phone.
    pub async fn candidate_token(&self, phone: &str) -> String {
        self.candidate_login(phone, weikao_app::seed::DEMO_PASSWORD)
            .await
    }

    /// Logs a candidate in by phone and password.
    pub async fn candidate_login(&self, phone: &str, password: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/auth/candidate/login",
                json!({"login": phone, "password": password}),
                None,
            )
            .await;
        assert_eq!(status, 200, "candidate login: {body}");
        body["access_token"].as_str().expect("token").to_string()
    }

    /// Runs a closure on a pooled (application-role) connection.
    pub async fn with_conn<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut diesel::PgConnection) -> T + Send + 'static,
    ) -> T {
        let pool = self.state.pool.clone();
        tokio::task::spawn_blocking(move || f(&mut pool.get().expect("conn")))
            .await
            .expect("task")
    }

    /// Adds `n` demo candidates, each with a registration of `exam` submitted at registration point `point`
    /// (after `seed_demo`); returns the registration ids in creation order.
    pub async fn submitted_registrations(
        &self,
        exam: &'static str,
        point: &'static str,
        n: u32,
    ) -> Vec<String> {
        let st = self.state.clone();
        self.with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::exam_sessions::dsl as s;
            let session_id: uuid::Uuid = s::exam_sessions
                .filter(s::exam_type.eq(exam))
                .select(s::id)
                .first(c)
                .expect("demo session");
            let hash = st.passwords.hash("Batch-Candidate-1");
            (0..n)
                .map(|i| {
                    let number = weikao_app::seed::demo_id_number("410105", "19930101", 500 + i);
                    let phone = format!("139{:08}", 10_000 + i);
                    let name = format!("批量考生{i:03}");
                    weikao_app::seed::insert_submitted(
                        &st,
                        c,
                        &hash,
                        &weikao_app::seed::SubmittedCandidate {
                            name: &name,
                            id_number: &number,
                            phone: &phone,
                            point,
                            session_id,
                            exam,
                        },
                    )
                    .expect("insert registration")
                    .to_string()
                })
                .collect()
        })
        .await
    }

    /// Runs a closure on an owner connection (for tampering and privilege checks).
    pub async fn with_owner_conn<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut diesel::PgConnection) -> T + Send + 'static,
    ) -> T {
        use diesel::Connection;
        let url = self.db.owner_url.clone();
        tokio::task::spawn_blocking(move || {
            f(&mut diesel::PgConnection::establish(&url).expect("owner conn"))
        })
        .await
        .expect("task")
    }

    /// Builds a worker on this app's database and clock (the worker is driven tick by tick in tests).
    pub fn worker(&self) -> weikao_app::worker::Worker {
        weikao_app::worker::Worker::new(
            self.state.cfg.clone(),
            self.state.pool.clone(),
            self.state.clock.clone(),
        )
        .expect("worker")
    }

    /// The audit actions recorded by staff that match a SQL LIKE pattern (e.g. `staff.%`), oldest first.
    pub async fn staff_audit_actions(&self, like: &'static str) -> Vec<String> {
        self.with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.like(like))
                .filter(a::actor_kind.eq("staff"))
                .order(a::id.asc())
                .select(a::action)
                .load(c)
                .expect("audit rows")
        })
        .await
    }

    /// Uploads a valid file (a passport-style JPEG photo, a minimal PDF otherwise) for every material
    /// the registration's form requires and it does not hold yet; returns the kinds uploaded.
    pub async fn upload_required_materials(&self, token: &str, reg: &str) -> Vec<String> {
        let (s, view) = self
            .get(&format!("/api/v1/registrations/{reg}"), Some(token))
            .await;
        assert_eq!(s, 200, "{view}");
        let (s, held) = self
            .get(
                &format!("/api/v1/registrations/{reg}/materials"),
                Some(token),
            )
            .await;
        assert_eq!(s, 200, "{held}");
        let held: Vec<&str> = held
            .as_array()
            .expect("materials list")
            .iter()
            .filter_map(|m| m["kind"].as_str())
            .collect();
        let mut uploaded = Vec::new();
        for kind in view["required_materials"]
            .as_array()
            .expect("required_materials")
        {
            let kind = kind.as_str().expect("kind");
            if held.contains(&kind) {
                continue;
            }
            let body = if kind == "photo" {
                use weikao_core::files::test_support::{encode_jpeg, portrait};
                encode_jpeg(300, 420, &portrait(300, 420, [255, 255, 255]), 3, 0)
            } else {
                MINIMAL_PDF.to_vec()
            };
            let res = self
                .http
                .put(self.url(&format!("/api/v1/registrations/{reg}/materials/{kind}")))
                .bearer_auth(token)
                .header("content-type", "application/octet-stream")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            assert_eq!(
                status,
                201,
                "uploading {kind}: {}",
                res.text().await.unwrap_or_default()
            );
            uploaded.push(kind.to_string());
        }
        uploaded
    }

    pub fn cfg(&self) -> Arc<Config> {
        self.state.cfg.clone()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// TOTP code of a demo staff account at a unix time.
pub fn totp_at(username: &str, unix: i64) -> String {
    let secret = weikao_app::seed::demo_totp_secret(username);
    weikao_app::security::totp::code_at_step(&secret, weikao_app::security::totp::step_of(unix))
}

/// The `weikao` binary built by `cargo build` (next to this test binary's `deps/` directory).
pub fn weikao_binary() -> PathBuf {
    if let Ok(p) = std::env::var("WEIKAO_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    let bin = dir.join("weikao");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --bin weikao` first (make test does)",
        bin.display()
    );
    bin
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// The first run of exactly six digits in a message (the verification code).
pub fn six_digit_code(text: &str) -> Option<String> {
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() == 6 {
                return Some(run);
            }
            run.clear();
        }
    }
    None
}

/// A valid GB 11643 resident ID number from its first 17 digits.
pub fn resident_id(first17: &str) -> String {
    let check = weikao_core::identity::gb11643_check_char(first17).expect("17 digits");
    format!("{first17}{check}")
}

impl TestApp {
    /// Posts a library file to the admin import endpoint; `query` is e.g. `mode=append&on_error=all_or_nothing`.
    pub async fn import_library(
        &self,
        token: &str,
        library: &str,
        query: &str,
        body: Vec<u8>,
    ) -> (u16, Value) {
        let res = self
            .http
            .post(self.url(&format!(
                "/api/v1/admin/libraries/{library}/imports?{query}"
            )))
            .bearer_auth(token)
            .header("content-type", "application/octet-stream")
            .body(body)
            .send()
            .await
            .expect("import request");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Live rows of a library, straight from the database.
    pub async fn library_rows(&self, library: &'static str) -> i64 {
        self.with_conn(move |c| {
            let spec = weikao_core::libraries::library(library).expect("library");
            weikao_store::libraries::live_rows(c, spec).expect("count")
        })
        .await
    }
}

/// The smallest PDF the upload gate accepts (a catalog object, no scripts).
pub const MINIMAL_PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
