//! What `weikao cleanup expired` counts and removes, class by class (`weikao_core::ops::retention`). Each
//! function counts (`apply = false`) or deletes (`apply = true`) the rows past `cutoff` and returns how many.
//! Object-store files are removed by the caller before their rows (a retried run finds the rows again).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Counts the rows `where_sql` selects in `table` (`$1` = cutoff) or deletes them.
fn count_or_delete(
    conn: &mut PgConnection,
    table: &str,
    where_sql: &str,
    cutoff: DateTime<Utc>,
    apply: bool,
) -> QueryResult<i64> {
    if apply {
        let n = diesel::sql_query(format!("DELETE FROM {table} WHERE {where_sql}"))
            .bind::<Timestamptz, _>(cutoff)
            .execute(conn)?;
        Ok(n as i64)
    } else {
        let c: Count = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM {table} WHERE {where_sql}"
        ))
        .bind::<Timestamptz, _>(cutoff)
        .get_result(conn)?;
        Ok(c.n)
    }
}

/// Revoked before the cutoff, or never revoked and expired before it.
const ENDED_SESSIONS: &str = "coalesce(revoked_at, expires_at) < $1";

/// Login sessions expired or revoked before `cutoff`, with their refresh tokens.
pub fn auth_sessions(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    apply: bool,
) -> QueryResult<i64> {
    if apply {
        diesel::sql_query(format!(
            "DELETE FROM refresh_tokens WHERE session_id IN (SELECT id FROM auth_sessions WHERE {ENDED_SESSIONS})"
        ))
        .bind::<Timestamptz, _>(cutoff)
        .execute(conn)?;
    }
    count_or_delete(conn, "auth_sessions", ENDED_SESSIONS, cutoff, apply)
}

pub fn verification_codes(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    apply: bool,
) -> QueryResult<i64> {
    count_or_delete(conn, "verification_codes", "expires_at < $1", cutoff, apply)
}

/// Messages no longer pending (sent, stored, failed) created before `cutoff`.
pub fn outbox(conn: &mut PgConnection, cutoff: DateTime<Utc>, apply: bool) -> QueryResult<i64> {
    count_or_delete(
        conn,
        "outbox_messages",
        "status <> 'pending' AND coalesce(sent_at, created_at) < $1",
        cutoff,
        apply,
    )
}

pub fn jobs(conn: &mut PgConnection, cutoff: DateTime<Utc>, apply: bool) -> QueryResult<i64> {
    count_or_delete(
        conn,
        "jobs",
        "status IN ('done', 'failed') AND coalesce(finished_at, created_at) < $1",
        cutoff,
        apply,
    )
}

pub fn library_archive(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    apply: bool,
) -> QueryResult<i64> {
    count_or_delete(conn, "library_archive", "archived_at < $1", cutoff, apply)
}

/// The national export rows of imports loaded before `cutoff` that are not their session's newest import
/// (the import's record — file name, checksum, counts — stays: comparison runs refer to it).
pub fn national_records(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    apply: bool,
) -> QueryResult<i64> {
    count_or_delete(
        conn,
        "national_records",
        "import_id IN (SELECT i.id FROM national_imports i WHERE i.created_at < $1 AND EXISTS \
           (SELECT 1 FROM national_imports n WHERE n.session_id = i.session_id AND n.created_at > i.created_at))",
        cutoff,
        apply,
    )
}

#[derive(QueryableByName)]
pub struct ObjectRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub object_key: String,
}

/// Replaced uploads made before `cutoff`: (material id, object key).
pub fn superseded_materials(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
) -> QueryResult<Vec<ObjectRow>> {
    diesel::sql_query(
        "SELECT id, object_key FROM materials WHERE status = 'superseded' AND uploaded_at < $1 ORDER BY id",
    )
    .bind::<Timestamptz, _>(cutoff)
    .load(conn)
}

pub fn delete_materials(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<i64> {
    diesel::sql_query("DELETE FROM materials WHERE id = ANY($1)")
        .bind::<Array<SqlUuid>, _>(ids)
        .execute(conn)
        .map(|n| n as i64)
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Registrations never submitted (still drafts, without payment orders) of sessions whose registration
/// closed before `cutoff`.
pub fn expired_drafts(conn: &mut PgConnection, cutoff: DateTime<Utc>) -> QueryResult<Vec<Uuid>> {
    let rows: Vec<IdRow> = diesel::sql_query(
        "SELECT r.id FROM registrations r JOIN exam_sessions s ON s.id = r.session_id
          WHERE r.status = 'draft' AND s.registration_closes_at < $1
            AND NOT EXISTS (SELECT 1 FROM payment_orders p WHERE p.registration_id = r.id)
          ORDER BY r.id",
    )
    .bind::<Timestamptz, _>(cutoff)
    .load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Every file of these registrations: (material id, object key).
pub fn objects_of(conn: &mut PgConnection, registrations: &[Uuid]) -> QueryResult<Vec<ObjectRow>> {
    diesel::sql_query(
        "SELECT id, object_key FROM materials WHERE registration_id = ANY($1) ORDER BY id",
    )
    .bind::<Array<SqlUuid>, _>(registrations)
    .load(conn)
}

/// Deletes draft registrations with everything that hangs on them; returns the registrations deleted.
pub fn delete_drafts(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<i64> {
    conn.transaction(|conn| {
        // only what is still a draft, locked so that nothing changes it meanwhile
        let ids: Vec<Uuid> = diesel::sql_query(
            "SELECT id FROM registrations WHERE id = ANY($1) AND status = 'draft' ORDER BY id FOR UPDATE",
        )
        .bind::<Array<SqlUuid>, _>(ids)
        .load::<IdRow>(conn)?
        .into_iter()
        .map(|r| r.id)
        .collect();
        for sql in [
            "UPDATE comparison_anomalies SET registration_id = NULL WHERE registration_id = ANY($1)",
            "DELETE FROM materials WHERE registration_id = ANY($1)",
            "DELETE FROM verification_findings WHERE registration_id = ANY($1)",
            "DELETE FROM review_actions WHERE registration_id = ANY($1)",
            "DELETE FROM registration_versions WHERE registration_id = ANY($1)",
        ] {
            diesel::sql_query(sql)
                .bind::<Array<SqlUuid>, _>(&ids)
                .execute(conn)?;
        }
        diesel::sql_query("DELETE FROM registrations WHERE id = ANY($1)")
            .bind::<Array<SqlUuid>, _>(&ids)
            .execute(conn)
            .map(|n| n as i64)
    })
}
