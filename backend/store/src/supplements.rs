//! Supplementary materials of nurse fresh graduates: one row per paid registration that owes one, its status,
//! the region's decision and the reminder sent; the region's queue and the worker's sweep.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::orgs::like_prefix;
use crate::schema::{materials, supplements};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = supplements)]
pub struct Supplement {
    pub registration_id: Uuid,
    pub status: String,
    pub version: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    pub reason: Option<String>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Opens the supplement of a registration (once: a second call changes nothing).
pub fn open(conn: &mut PgConnection, registration_id: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::insert_into(supplements::table)
        .values((
            supplements::registration_id.eq(registration_id),
            supplements::created_at.eq(now),
            supplements::updated_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut PgConnection, registration_id: Uuid) -> QueryResult<Option<Supplement>> {
    supplements::table
        .find(registration_id)
        .select(Supplement::as_select())
        .first(conn)
        .optional()
}

pub fn lock(conn: &mut PgConnection, registration_id: Uuid) -> QueryResult<Option<Supplement>> {
    supplements::table
        .find(registration_id)
        .select(Supplement::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// The candidate submits: `submitted`, version bumped.
pub fn mark_submitted(
    conn: &mut PgConnection,
    registration_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Supplement> {
    diesel::update(supplements::table.find(registration_id))
        .set((
            supplements::status.eq("submitted"),
            supplements::version.eq(supplements::version + 1),
            supplements::submitted_at.eq(now),
            supplements::updated_at.eq(now),
        ))
        .returning(Supplement::as_returning())
        .get_result(conn)
}

/// The region decides. A returned supplement is owed again, so its reminder may go out again.
pub fn mark_decided(
    conn: &mut PgConnection,
    registration_id: Uuid,
    status: &str,
    reason: Option<&str>,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Supplement> {
    diesel::update(supplements::table.find(registration_id))
        .set((
            supplements::status.eq(status),
            supplements::version.eq(supplements::version + 1),
            supplements::decided_at.eq(now),
            supplements::decided_by.eq(staff_id),
            supplements::reason.eq(reason),
            supplements::reminded_at.eq(None::<DateTime<Utc>>),
            supplements::updated_at.eq(now),
        ))
        .returning(Supplement::as_returning())
        .get_result(conn)
}

/// Sets the review status of the current materials of these kinds (accepted, or rejected with the reason).
pub fn mark_materials(
    conn: &mut PgConnection,
    registration_id: Uuid,
    kinds: &[&str],
    status: &str,
    reason: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(
        materials::table
            .filter(materials::registration_id.eq(registration_id))
            .filter(materials::kind.eq_any(kinds))
            .filter(materials::status.ne("superseded")),
    )
    .set((
        materials::status.eq(status),
        materials::reject_reason.eq(reason),
    ))
    .execute(conn)
}

/// A supplement still owed (pending or returned) together with what the sweep needs to judge it.
#[derive(Debug, QueryableByName)]
pub struct Owed {
    #[diesel(sql_type = SqlUuid)]
    pub registration_id: Uuid,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub reminded_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub closes_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = SqlUuid)]
    pub candidate_id: Uuid,
    #[diesel(sql_type = Text)]
    pub session_name: String,
}

/// Owed supplements the sweep has work for: past their deadline (`now`), or with the deadline before `horizon`
/// and no reminder sent yet. Locked, skipping rows another worker holds.
pub fn owed_due(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    horizon: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Owed>> {
    diesel::sql_query(
        "SELECT sp.registration_id, sp.status, sp.reminded_at, s.supplement_closes_at AS closes_at,
                r.candidate_id, s.name AS session_name
         FROM supplements sp
         JOIN registrations r ON r.id = sp.registration_id
         JOIN exam_sessions s ON s.id = r.session_id
         WHERE sp.status IN ('pending', 'returned') AND s.supplement_closes_at <= $1
           AND (sp.reminded_at IS NULL OR s.supplement_closes_at <= $2)
         ORDER BY s.supplement_closes_at, sp.registration_id
         LIMIT $3
         FOR UPDATE OF sp SKIP LOCKED",
    )
    .bind::<Timestamptz, _>(horizon)
    .bind::<Timestamptz, _>(now)
    .bind::<BigInt, _>(limit)
    .load(conn)
}

pub fn mark_reminded(
    conn: &mut PgConnection,
    registration_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(supplements::table.find(registration_id))
        .set(supplements::reminded_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

pub fn mark_expired(
    conn: &mut PgConnection,
    registration_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(supplements::table.find(registration_id))
        .set((
            supplements::status.eq("expired"),
            supplements::version.eq(supplements::version + 1),
            supplements::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// One row of the region's re-check queue.
#[derive(Debug, QueryableByName)]
pub struct QueueRow {
    #[diesel(sql_type = SqlUuid)]
    pub registration_id: Uuid,
    #[diesel(sql_type = Text)]
    pub candidate_name: String,
    #[diesel(sql_type = Text)]
    pub session_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_name: Option<String>,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub version: i32,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub submitted_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub decided_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reason: Option<String>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub closes_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

/// A page of supplements in the scope, optionally of one status and one session: submitted ones oldest first
/// (work them in order), the rest by last change.
pub fn queue(
    conn: &mut PgConnection,
    scope_path: &str,
    status: Option<&str>,
    session_id: Option<Uuid>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<QueueRow>> {
    diesel::sql_query(
        "SELECT sp.registration_id, c.name AS candidate_name, s.name AS session_name, o.name AS org_name,
                sp.status, sp.version, sp.submitted_at, sp.decided_at, sp.reason,
                s.supplement_closes_at AS closes_at, count(*) OVER () AS total
         FROM supplements sp
         JOIN registrations r ON r.id = sp.registration_id
         JOIN candidates c ON c.id = r.candidate_id
         JOIN exam_sessions s ON s.id = r.session_id
         LEFT JOIN orgs o ON o.id = r.org_id
         WHERE r.org_path LIKE $1 AND ($2::text IS NULL OR sp.status = $2)
           AND ($3::uuid IS NULL OR r.session_id = $3)
         ORDER BY (sp.status = 'submitted') DESC,
                  CASE WHEN sp.status = 'submitted' THEN sp.submitted_at END ASC,
                  sp.updated_at DESC, sp.registration_id
         LIMIT $4 OFFSET $5",
    )
    .bind::<Text, _>(like_prefix(scope_path))
    .bind::<Nullable<Text>, _>(status)
    .bind::<Nullable<SqlUuid>, _>(session_id)
    .bind::<BigInt, _>(limit)
    .bind::<BigInt, _>(offset)
    .load(conn)
}

#[derive(Debug, QueryableByName)]
pub struct StatusCount {
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
}

/// How many supplements of each status are in the scope (for the queue's badges).
pub fn counts(
    conn: &mut PgConnection,
    scope_path: &str,
    session_id: Option<Uuid>,
) -> QueryResult<Vec<StatusCount>> {
    diesel::sql_query(
        "SELECT sp.status, count(*) AS count
         FROM supplements sp JOIN registrations r ON r.id = sp.registration_id
         WHERE r.org_path LIKE $1 AND ($2::uuid IS NULL OR r.session_id = $2)
         GROUP BY sp.status ORDER BY sp.status",
    )
    .bind::<Text, _>(like_prefix(scope_path))
    .bind::<Nullable<SqlUuid>, _>(session_id)
    .load(conn)
}
