//! Spot checks of lower levels' approvals: drawing the sample, the checks and their items, the verdicts.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::orgs::like_prefix;
use crate::schema::{spot_check_items, spot_checks};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = spot_checks)]
pub struct SpotCheck {
    pub id: Uuid,
    pub session_id: Uuid,
    pub level: String,
    pub org_id: Option<Uuid>,
    pub reviewer_id: Option<Uuid>,
    pub approved_from: Option<DateTime<Utc>>,
    pub approved_to: Option<DateTime<Utc>>,
    pub requested: i32,
    pub population: i32,
    pub scope_path: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// What to sample: the latest approval at `level` of each registration of the session inside `scope_path`,
/// optionally under `org_path`, by `reviewer_id`, approved in [`from`, `to`).
pub struct Population<'a> {
    pub session_id: Uuid,
    pub scope_path: &'a str,
    pub level: &'a str,
    pub org_path: Option<&'a str>,
    pub reviewer_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, QueryableByName)]
pub struct Sampled {
    #[diesel(sql_type = SqlUuid)]
    pub action_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub registration_id: Uuid,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub reviewer_id: Option<Uuid>,
    #[diesel(sql_type = Timestamptz)]
    pub approved_at: DateTime<Utc>,
    #[diesel(sql_type = BigInt)]
    pub population: i64,
}

/// Draws up to `limit` approvals at random (reproducibly for the same `seed`), each row carrying how many
/// approvals matched.
pub fn sample(
    conn: &mut PgConnection,
    p: &Population,
    seed: &str,
    limit: i64,
) -> QueryResult<Vec<Sampled>> {
    diesel::sql_query(
        "WITH latest AS (
           SELECT DISTINCT ON (a.registration_id) a.id, a.registration_id, a.actor_id, a.created_at
           FROM review_actions a JOIN registrations r ON r.id = a.registration_id
           WHERE r.session_id = $1 AND r.org_path LIKE $2 AND a.level = $3
             AND a.action = 'approve' AND a.actor_kind = 'staff'
             AND ($4::text IS NULL OR r.org_path LIKE $4)
             AND ($5::uuid IS NULL OR a.actor_id = $5)
             AND ($6::timestamptz IS NULL OR a.created_at >= $6)
             AND ($7::timestamptz IS NULL OR a.created_at < $7)
           ORDER BY a.registration_id, a.created_at DESC
         )
         SELECT id AS action_id, registration_id, actor_id AS reviewer_id, created_at AS approved_at,
                count(*) OVER () AS population
         FROM latest ORDER BY md5(id::text || $8), id LIMIT $9",
    )
    .bind::<SqlUuid, _>(p.session_id)
    .bind::<Text, _>(like_prefix(p.scope_path))
    .bind::<Text, _>(p.level)
    .bind::<Nullable<Text>, _>(p.org_path.map(like_prefix))
    .bind::<Nullable<SqlUuid>, _>(p.reviewer_id)
    .bind::<Nullable<Timestamptz>, _>(p.from)
    .bind::<Nullable<Timestamptz>, _>(p.to)
    .bind::<Text, _>(seed)
    .bind::<BigInt, _>(limit)
    .load(conn)
}

pub fn insert(conn: &mut PgConnection, c: &SpotCheck, items: &[Sampled]) -> QueryResult<()> {
    diesel::insert_into(spot_checks::table)
        .values((
            spot_checks::id.eq(c.id),
            spot_checks::session_id.eq(c.session_id),
            spot_checks::level.eq(&c.level),
            spot_checks::org_id.eq(c.org_id),
            spot_checks::reviewer_id.eq(c.reviewer_id),
            spot_checks::approved_from.eq(c.approved_from),
            spot_checks::approved_to.eq(c.approved_to),
            spot_checks::requested.eq(c.requested),
            spot_checks::population.eq(c.population),
            spot_checks::scope_path.eq(&c.scope_path),
            spot_checks::created_by.eq(c.created_by),
            spot_checks::created_at.eq(c.created_at),
        ))
        .execute(conn)?;
    let rows: Vec<_> = items
        .iter()
        .map(|i| {
            (
                spot_check_items::id.eq(Uuid::new_v4()),
                spot_check_items::spot_check_id.eq(c.id),
                spot_check_items::registration_id.eq(i.registration_id),
                spot_check_items::action_id.eq(i.action_id),
                spot_check_items::reviewer_id.eq(i.reviewer_id),
                spot_check_items::approved_at.eq(i.approved_at),
            )
        })
        .collect();
    diesel::insert_into(spot_check_items::table)
        .values(rows)
        .execute(conn)
        .map(|_| ())
}

/// A spot check visible in the caller's scope.
pub fn find(conn: &mut PgConnection, id: Uuid, scope_path: &str) -> QueryResult<Option<SpotCheck>> {
    spot_checks::table
        .find(id)
        .filter(spot_checks::scope_path.like(like_prefix(scope_path)))
        .select(SpotCheck::as_select())
        .first(conn)
        .optional()
}

#[derive(Debug, QueryableByName)]
pub struct Listed {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub session_id: Uuid,
    #[diesel(sql_type = Text)]
    pub session_name: String,
    #[diesel(sql_type = Text)]
    pub level: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reviewer_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub requested: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub population: i32,
    #[diesel(sql_type = Text)]
    pub created_by_name: String,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = BigInt)]
    pub items: i64,
    #[diesel(sql_type = BigInt)]
    pub confirmed: i64,
    #[diesel(sql_type = BigInt)]
    pub overturned: i64,
}

/// Spot checks in the caller's scope, newest first, with their progress; `id` narrows to one.
pub fn list(
    conn: &mut PgConnection,
    scope_path: &str,
    id: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Listed>> {
    diesel::sql_query(
        "SELECT sc.id, sc.session_id, s.name AS session_name, sc.level, o.name AS org_name,
                rv.display_name AS reviewer_name, sc.requested, sc.population,
                cb.display_name AS created_by_name, sc.created_at,
                count(i.id) AS items,
                count(i.id) FILTER (WHERE i.verdict = 'confirmed') AS confirmed,
                count(i.id) FILTER (WHERE i.verdict = 'overturned') AS overturned
         FROM spot_checks sc
         JOIN exam_sessions s ON s.id = sc.session_id
         JOIN staff_accounts cb ON cb.id = sc.created_by
         LEFT JOIN orgs o ON o.id = sc.org_id
         LEFT JOIN staff_accounts rv ON rv.id = sc.reviewer_id
         LEFT JOIN spot_check_items i ON i.spot_check_id = sc.id
         WHERE sc.scope_path LIKE $1 AND ($2::uuid IS NULL OR sc.id = $2)
         GROUP BY sc.id, s.name, o.name, rv.display_name, cb.display_name
         ORDER BY sc.created_at DESC, sc.id
         LIMIT $3",
    )
    .bind::<Text, _>(like_prefix(scope_path))
    .bind::<Nullable<SqlUuid>, _>(id)
    .bind::<BigInt, _>(limit)
    .load(conn)
}

#[derive(Debug, QueryableByName)]
pub struct ItemRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub registration_id: Uuid,
    #[diesel(sql_type = Text)]
    pub candidate_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_name: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub reviewer_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reviewer_name: Option<String>,
    #[diesel(sql_type = Timestamptz)]
    pub approved_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub registration_status: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub verdict: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reason: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub effect: Option<String>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub checked_at: Option<DateTime<Utc>>,
}

/// The items of a spot check: unchecked first, then by approval time.
pub fn items(
    conn: &mut PgConnection,
    check_id: Uuid,
    item: Option<Uuid>,
) -> QueryResult<Vec<ItemRow>> {
    diesel::sql_query(
        "SELECT i.id, i.registration_id, c.name AS candidate_name, o.name AS org_name, i.reviewer_id,
                rv.display_name AS reviewer_name, i.approved_at, r.status AS registration_status,
                i.verdict, i.reason, i.effect, i.checked_at
         FROM spot_check_items i
         JOIN registrations r ON r.id = i.registration_id
         JOIN candidates c ON c.id = r.candidate_id
         LEFT JOIN orgs o ON o.id = r.org_id
         LEFT JOIN staff_accounts rv ON rv.id = i.reviewer_id
         WHERE i.spot_check_id = $1 AND ($2::uuid IS NULL OR i.id = $2)
         ORDER BY (i.verdict IS NULL) DESC, i.approved_at, i.id",
    )
    .bind::<SqlUuid, _>(check_id)
    .bind::<Nullable<SqlUuid>, _>(item)
    .load(conn)
}

/// Locks an item of a check: (registration, verdict so far).
pub fn lock_item(
    conn: &mut PgConnection,
    check_id: Uuid,
    item: Uuid,
) -> QueryResult<Option<(Uuid, Option<String>)>> {
    spot_check_items::table
        .find(item)
        .filter(spot_check_items::spot_check_id.eq(check_id))
        .select((spot_check_items::registration_id, spot_check_items::verdict))
        .for_update()
        .first(conn)
        .optional()
}

pub fn set_verdict(
    conn: &mut PgConnection,
    item: Uuid,
    verdict: &str,
    reason: Option<&str>,
    effect: &str,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(spot_check_items::table.find(item))
        .set((
            spot_check_items::verdict.eq(verdict),
            spot_check_items::reason.eq(reason),
            spot_check_items::effect.eq(effect),
            spot_check_items::checked_by.eq(staff_id),
            spot_check_items::checked_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}
