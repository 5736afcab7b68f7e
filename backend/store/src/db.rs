//! Connection pool, database URLs, embedded migrations under an advisory lock.

use std::time::Duration;

use diesel::migration::{Migration, MigrationSource};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel::sql_types::{BigInt, Bool, Text};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub type DbPool = Pool<ConnectionManager<PgConnection>>;
pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// Advisory-lock key under which migrations run, so replicas starting together apply them once.
const MIGRATION_LOCK_KEY: i64 = 0x7765_696b_616f_0001;

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("connection pool error: {0}")]
    Pool(String),
    #[error("invalid database URL: {0}")]
    Url(String),
}

/// Builds the pool the application uses (the least-privilege role).
pub fn build_pool(url: &str, max_size: u32) -> Result<DbPool, DbSetupError> {
    let manager = ConnectionManager::<PgConnection>::new(url);
    // every connection is opened up front (`build` waits for them): r2d2 then never opens connections on its
    // background threads during normal work, so a short command that exits at once cannot race one (a
    // connection being opened while the process exits crashed in libc)
    Pool::builder()
        .max_size(max_size)
        .min_idle(Some(max_size))
        .connection_timeout(Duration::from_secs(5))
        .test_on_check_out(true)
        .build(manager)
        .map_err(|e| DbSetupError::Pool(e.to_string()))
}

/// Splits `postgres://user:pw@host:port/db?x` into (everything before the db name, db name, query).
fn split_url(url: &str) -> Result<(&str, &str, &str), DbSetupError> {
    let scheme_end = url
        .find("://")
        .ok_or_else(|| DbSetupError::Url("missing scheme".into()))?;
    let after = &url[scheme_end + 3..];
    let slash = after
        .find('/')
        .ok_or_else(|| DbSetupError::Url("missing database name".into()))?;
    let base = &url[..scheme_end + 3 + slash];
    let rest = &after[slash + 1..];
    let (db, query) = match rest.find('?') {
        Some(q) => (&rest[..q], &rest[q..]),
        None => (rest, ""),
    };
    if db.is_empty() {
        return Err(DbSetupError::Url("missing database name".into()));
    }
    Ok((base, db, query))
}

/// The database name of a URL.
pub fn database_name(url: &str) -> Result<String, DbSetupError> {
    Ok(split_url(url)?.1.to_string())
}

/// The same server and credentials, another database.
pub fn with_database(url: &str, db: &str) -> Result<String, DbSetupError> {
    let (base, _, query) = split_url(url)?;
    Ok(format!("{base}/{db}{query}"))
}

/// The user name and password in a URL, if any.
pub fn url_credentials(url: &str) -> (Option<String>, Option<String>) {
    let Some(scheme_end) = url.find("://") else {
        return (None, None);
    };
    let after = &url[scheme_end + 3..];
    let Some(at) = after.find('@') else {
        return (None, None);
    };
    let userinfo = &after[..at];
    match userinfo.split_once(':') {
        Some((u, p)) => (Some(u.to_string()), Some(p.to_string())),
        None => (Some(userinfo.to_string()), None),
    }
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = Bool)]
    exists: bool,
}

/// Creates the database named in `owner_url` if it does not exist (connecting to `postgres`).
pub fn ensure_database(owner_url: &str) -> Result<bool, DbSetupError> {
    let name = database_name(owner_url)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(DbSetupError::Url(format!(
            "unsupported database name {name:?}"
        )));
    }
    let mut conn = PgConnection::establish(&with_database(owner_url, "postgres")?)?;
    let found: Exists =
        diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
            .bind::<Text, _>(&name)
            .get_result(&mut conn)?;
    if found.exists {
        return Ok(false);
    }
    // replicas starting together may race here: losing the race is fine
    match diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut conn) {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(_, info))
            if info.message().contains("already exists")
                || info.message().contains("duplicate key") =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Applies pending migrations as the owner, under a session advisory lock. Returns the versions applied.
pub fn run_migrations(owner_url: &str) -> Result<Vec<String>, DbSetupError> {
    let mut conn = PgConnection::establish(owner_url)?;
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK_KEY)
        .execute(&mut conn)?;
    let result = conn
        .run_pending_migrations(MIGRATIONS)
        .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>())
        .map_err(|e| DbSetupError::Migration(e.to_string()));
    let _ = diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK_KEY)
        .execute(&mut conn);
    result
}

/// Sets the application role's password to the one in the application URL (deployments with passwords).
pub fn sync_app_role_password(owner_url: &str, app_url: &str) -> Result<(), DbSetupError> {
    let (user, password) = url_credentials(app_url);
    let (Some(user), Some(password)) = (user, password) else {
        return Ok(());
    };
    if user != "weikao_app" {
        return Ok(());
    }
    let mut conn = PgConnection::establish(owner_url)?;
    let quoted = password.replace('\'', "''");
    diesel::sql_query(format!("ALTER ROLE weikao_app PASSWORD '{quoted}'")).execute(&mut conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = Text)]
    version: String,
}

/// True when every embedded migration has been applied (used by `/readyz`). Reads the migrations table
/// directly: the application role may not run diesel's setup DDL.
pub fn migrations_applied(conn: &mut PgConnection) -> Result<bool, DbSetupError> {
    let applied: Vec<Version> =
        diesel::sql_query("SELECT version FROM __diesel_schema_migrations").load(conn)?;
    let applied: std::collections::HashSet<String> =
        applied.into_iter().map(|v| v.version).collect();
    let embedded = MigrationSource::<diesel::pg::Pg>::migrations(&MIGRATIONS)
        .map_err(|e| DbSetupError::Migration(e.to_string()))?;
    Ok(embedded
        .iter()
        .all(|m: &Box<dyn Migration<diesel::pg::Pg>>| {
            applied.contains(&m.name().version().to_string())
        }))
}

/// Runs `f` while holding a transaction-level advisory lock if it is free; `None` when another process holds it.
/// Used by singleton jobs (audit sealing, reconciliation) so that only one worker runs them at a time.
pub fn with_try_advisory_lock<T>(
    conn: &mut PgConnection,
    key: i64,
    f: impl FnOnce(&mut PgConnection) -> Result<T, diesel::result::Error>,
) -> Result<Option<T>, diesel::result::Error> {
    conn.transaction(|conn| {
        let got: Exists = diesel::sql_query("SELECT pg_try_advisory_xact_lock($1) AS exists")
            .bind::<BigInt, _>(key)
            .get_result(conn)?;
        if !got.exists {
            return Ok(None);
        }
        f(conn).map(Some)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_helpers_split_and_replace_database() {
        let url = "postgres://weikao_app:s3cret@db:5432/weikao?sslmode=disable";
        assert_eq!(database_name(url).unwrap(), "weikao");
        assert_eq!(
            with_database(url, "postgres").unwrap(),
            "postgres://weikao_app:s3cret@db:5432/postgres?sslmode=disable"
        );
        assert_eq!(
            url_credentials(url),
            (Some("weikao_app".into()), Some("s3cret".into()))
        );
        assert_eq!(
            url_credentials("postgres://u@h/d"),
            (Some("u".into()), None)
        );
        assert!(database_name("postgres://h:5432/").is_err());
        assert!(database_name("nonsense").is_err());
    }
}

/// The stored check value of a key, inserting `candidate` when there is none yet (first start).
pub fn key_check(
    conn: &mut PgConnection,
    name: &str,
    candidate: &[u8],
) -> Result<Vec<u8>, DbSetupError> {
    use crate::schema::key_checks;
    diesel::insert_into(key_checks::table)
        .values((
            key_checks::name.eq(name),
            key_checks::check_value.eq(candidate),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(key_checks::table
        .find(name)
        .select(key_checks::check_value)
        .first(conn)?)
}
