//! Append-only audit log and the seals that chain it (see app::audit for hashing and verification).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::schema::{audit_log, audit_seals};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_kind: Option<String>,
    pub object_id: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewAuditRow {
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_kind: Option<String>,
    pub object_id: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub details: serde_json::Value,
}

pub fn insert(conn: &mut PgConnection, row: &NewAuditRow) -> QueryResult<i64> {
    diesel::insert_into(audit_log::table)
        .values(row)
        .returning(audit_log::id)
        .get_result(conn)
}

/// Rows with id > `after_id`, oldest first, at most `limit`.
pub fn rows_after(
    conn: &mut PgConnection,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::id.gt(after_id))
        .order(audit_log::id.asc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

pub fn rows_between(
    conn: &mut PgConnection,
    first_id: i64,
    last_id: i64,
) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::id.between(first_id, last_id))
        .order(audit_log::id.asc())
        .select(AuditRow::as_select())
        .load(conn)
}

pub fn max_id(conn: &mut PgConnection) -> QueryResult<Option<i64>> {
    audit_log::table
        .select(diesel::dsl::max(audit_log::id))
        .first(conn)
}

/// Newest-first page of audit rows, optionally filtered by action prefix and actor.
pub fn search(
    conn: &mut PgConnection,
    action_prefix: Option<&str>,
    actor_id: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    let mut q = audit_log::table.select(AuditRow::as_select()).into_boxed();
    if let Some(a) = action_prefix {
        q = q.filter(audit_log::action.like(crate::orgs::like_prefix(a)));
    }
    if let Some(a) = actor_id {
        q = q.filter(audit_log::actor_id.eq(a.to_string()));
    }
    if let Some(b) = before_id {
        q = q.filter(audit_log::id.lt(b));
    }
    q.order(audit_log::id.desc()).limit(limit).load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_seals)]
pub struct AuditSeal {
    pub id: i64,
    pub first_id: i64,
    pub last_id: i64,
    pub row_count: i64,
    pub rows_hash: Vec<u8>,
    pub prev_hash: Vec<u8>,
    pub seal_hash: Vec<u8>,
    pub sealed_at: DateTime<Utc>,
}

pub fn last_seal(conn: &mut PgConnection) -> QueryResult<Option<AuditSeal>> {
    audit_seals::table
        .order(audit_seals::id.desc())
        .select(AuditSeal::as_select())
        .first(conn)
        .optional()
}

pub fn all_seals(conn: &mut PgConnection) -> QueryResult<Vec<AuditSeal>> {
    audit_seals::table
        .order(audit_seals::id.asc())
        .select(AuditSeal::as_select())
        .load(conn)
}

pub fn insert_seal(
    conn: &mut PgConnection,
    first_id: i64,
    last_id: i64,
    row_count: i64,
    rows_hash: &[u8],
    prev_hash: &[u8],
    seal_hash: &[u8],
) -> QueryResult<AuditSeal> {
    diesel::insert_into(audit_seals::table)
        .values((
            audit_seals::first_id.eq(first_id),
            audit_seals::last_id.eq(last_id),
            audit_seals::row_count.eq(row_count),
            audit_seals::rows_hash.eq(rows_hash),
            audit_seals::prev_hash.eq(prev_hash),
            audit_seals::seal_hash.eq(seal_hash),
        ))
        .returning(AuditSeal::as_returning())
        .get_result(conn)
}

pub fn count_after(conn: &mut PgConnection, after_id: i64) -> QueryResult<i64> {
    audit_log::table
        .filter(audit_log::id.gt(after_id))
        .count()
        .get_result(conn)
}
