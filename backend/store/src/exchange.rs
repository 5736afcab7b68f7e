//! Data exchange with third parties: idempotent POSTs of API clients and the registrations' change feed.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::schema::api_idempotency;

// ---------------------------------------------------------------- idempotency

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_idempotency)]
pub struct StoredResponse {
    pub operation: String,
    pub request_sha256: String,
    pub status_code: i32,
    pub response: serde_json::Value,
}

/// Serialises requests that carry the same client and key until the caller's transaction ends.
pub fn lock_key(conn: &mut PgConnection, client: Uuid, key: &str) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))")
        .bind::<Text, _>(format!("{client}/{key}"))
        .execute(conn)
        .map(|_| ())
}

pub fn find_response(
    conn: &mut PgConnection,
    client: Uuid,
    key: &str,
) -> QueryResult<Option<StoredResponse>> {
    api_idempotency::table
        .find((client, key))
        .select(StoredResponse::as_select())
        .first(conn)
        .optional()
}

#[allow(clippy::too_many_arguments)]
pub fn save_response(
    conn: &mut PgConnection,
    client: Uuid,
    key: &str,
    operation: &str,
    request_sha256: &str,
    status_code: i32,
    response: &serde_json::Value,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(api_idempotency::table)
        .values((
            api_idempotency::client_id.eq(client),
            api_idempotency::key.eq(key),
            api_idempotency::operation.eq(operation),
            api_idempotency::request_sha256.eq(request_sha256),
            api_idempotency::status_code.eq(status_code),
            api_idempotency::response.eq(response),
            api_idempotency::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Forgets keys older than `before` (a retry after that is a new request).
pub fn forget_responses(conn: &mut PgConnection, before: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(api_idempotency::table.filter(api_idempotency::created_at.lt(before)))
        .execute(conn)
}

// ---------------------------------------------------------------- change feed

#[derive(Debug, Clone, QueryableByName)]
pub struct FeedRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    /// the transaction that last changed the registration
    #[diesel(sql_type = BigInt)]
    pub xid: i64,
    #[diesel(sql_type = SqlUuid)]
    pub session_id: Uuid,
    #[diesel(sql_type = Text)]
    pub exam_type: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = diesel::sql_types::Int4)]
    pub version: i32,
    #[diesel(sql_type = Timestamptz)]
    pub updated_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub submitted_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Text)]
    pub candidate_name: String,
    #[diesel(sql_type = Text)]
    pub id_number_masked: String,
    #[diesel(sql_type = diesel::sql_types::Bytea)]
    pub id_number_enc: Vec<u8>,
}

/// Submitted registrations changed after position `(after_xid, after_id)`, in change order. Only changes of
/// transactions older than every transaction still running are returned, so a reader that resumes from the
/// last position it saw never misses a change that commits late.
pub fn feed_page(
    conn: &mut PgConnection,
    session: Option<Uuid>,
    since: Option<DateTime<Utc>>,
    after: (i64, Uuid),
    limit: i64,
) -> QueryResult<Vec<FeedRow>> {
    diesel::sql_query(
        "SELECT r.id, r.change_xid::text::bigint AS xid, r.session_id, s.exam_type, r.status, r.version, \
                r.updated_at, r.submitted_at, c.name AS candidate_name, c.id_number_masked, c.id_number_enc \
         FROM registrations r \
         JOIN candidates c ON c.id = r.candidate_id \
         JOIN exam_sessions s ON s.id = r.session_id \
         WHERE r.status <> 'draft' \
           AND r.change_xid < pg_snapshot_xmin(pg_current_snapshot()) \
           AND (r.change_xid, r.id) > ($3::text::xid8, $4) \
           AND ($1::uuid IS NULL OR r.session_id = $1) \
           AND ($2::timestamptz IS NULL OR r.updated_at >= $2) \
         ORDER BY r.change_xid, r.id \
         LIMIT $5",
    )
    .bind::<Nullable<SqlUuid>, _>(session)
    .bind::<Nullable<Timestamptz>, _>(since)
    .bind::<Text, _>(after.0.to_string())
    .bind::<SqlUuid, _>(after.1)
    .bind::<BigInt, _>(limit)
    .load(conn)
}
