//! Per-test databases: one migrated template per migration set, then `CREATE DATABASE … TEMPLATE` for each
//! test, so tests run in parallel against real PostgreSQL and can exercise real concurrency.
//!
//! The server comes from `WEIKAO_TEST_PG_URL` (default `postgres://postgres@127.0.0.1:5432`). A missing server
//! is a test failure, never a skip.

use std::sync::OnceLock;

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_migrations::MigrationHarness;

use crate::db::{with_database, MIGRATIONS};

/// The PostgreSQL server used by tests (no database part).
pub fn test_server_url() -> String {
    std::env::var("WEIKAO_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

fn migrations_fingerprint() -> &'static str {
    env!("WEIKAO_MIGRATIONS_FINGERPRINT")
}

static TEMPLATE: OnceLock<String> = OnceLock::new();

/// Name of the migrated template database, created on first use (across processes, under an advisory lock).
pub fn template_database() -> &'static str {
    TEMPLATE.get_or_init(|| {
        let server = test_server_url();
        let name = format!("weikao_tpl_{}", migrations_fingerprint());
        let admin_url = format!("{server}/postgres");
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
            panic!("tests need PostgreSQL at {server} (set WEIKAO_TEST_PG_URL or run scripts/services.sh up): {e}")
        });
        diesel::sql_query("SELECT pg_advisory_lock($1)")
            .bind::<BigInt, _>(0x7765_696b_616f_7470_i64)
            .execute(&mut admin)
            .expect("advisory lock");
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        let exists: Count = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM pg_database WHERE datname = '{name}'"
        ))
        .get_result(&mut admin)
        .expect("query pg_database");
        if exists.n == 0 {
            let building = format!("{name}_building");
            diesel::sql_query(format!("DROP DATABASE IF EXISTS {building}"))
                .execute(&mut admin)
                .expect("drop stale template");
            diesel::sql_query(format!("CREATE DATABASE {building}"))
                .execute(&mut admin)
                .expect("create template");
            {
                let mut conn = PgConnection::establish(&format!("{server}/{building}")).expect("connect template");
                conn.run_pending_migrations(MIGRATIONS).expect("migrate template");
            }
            diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {name}"))
                .execute(&mut admin)
                .expect("rename template");
        }
        let _ = diesel::sql_query("SELECT pg_advisory_unlock($1)")
            .bind::<BigInt, _>(0x7765_696b_616f_7470_i64)
            .execute(&mut admin);
        name
    })
}

/// A fresh database for one test, dropped when this value is dropped.
pub struct TestDatabase {
    pub name: String,
    /// URL as the owner (postgres): for migrations, dumps and assertions about privileges.
    pub owner_url: String,
    /// URL as the least-privilege application role.
    pub app_url: String,
}

impl TestDatabase {
    pub fn create() -> TestDatabase {
        let template = template_database();
        let server = test_server_url();
        let name = format!("weikao_t_{}", uuid::Uuid::new_v4().simple());
        let mut admin =
            PgConnection::establish(&format!("{server}/postgres")).expect("connect postgres");
        diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .execute(&mut admin)
            .expect("create test database");
        let owner_url = format!("{server}/{name}");
        let app_url = app_role_url(&owner_url);
        TestDatabase {
            name,
            owner_url,
            app_url,
        }
    }
}

/// Same server and database, connecting as `weikao_app` instead of the owner.
pub fn app_role_url(owner_url: &str) -> String {
    let (scheme, rest) = owner_url.split_once("://").expect("url scheme");
    let hostpart = match rest.split_once('@') {
        Some((_, h)) => h,
        None => rest,
    };
    let db = crate::db::database_name(owner_url).expect("db name");
    let server = format!(
        "{scheme}://weikao_app@{}",
        hostpart.split('/').next().unwrap_or(hostpart)
    );
    with_database(&format!("{server}/x"), &db).expect("url")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if std::env::var("WEIKAO_KEEP_TEST_DB").is_ok() {
            return;
        }
        if let Ok(mut admin) = PgConnection::establish(&format!("{}/postgres", test_server_url())) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}
