//! What the security patrol reads: staff accounts, the security-relevant audit rows, API clients' daily calls.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Date, Nullable, Text, Timestamptz};

use crate::schema::staff_accounts;

#[derive(Debug, Clone, Queryable)]
pub struct StaffRow {
    pub username: String,
    pub role: String,
    pub active: bool,
    pub totp_enabled: bool,
    pub can_reveal_pii: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
}

pub fn staff(conn: &mut PgConnection) -> QueryResult<Vec<StaffRow>> {
    staff_accounts::table
        .order(staff_accounts::username)
        .select((
            staff_accounts::username,
            staff_accounts::role,
            staff_accounts::active,
            staff_accounts::totp_enabled,
            staff_accounts::can_reveal_pii,
            staff_accounts::created_at,
            staff_accounts::last_login_at,
            staff_accounts::locked_until,
        ))
        .load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct EventRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Timestamptz)]
    pub occurred_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub actor_kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub actor_id: Option<String>,
    #[diesel(sql_type = Text)]
    pub action: String,
    #[diesel(sql_type = Text)]
    pub outcome: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub ip: Option<String>,
}

/// Audit rows of `actions` since `since`; of the logins only those that did not succeed.
pub fn events(
    conn: &mut PgConnection,
    since: DateTime<Utc>,
    actions: &[&str],
) -> QueryResult<Vec<EventRow>> {
    diesel::sql_query(
        "SELECT id, occurred_at, actor_kind, actor_id, action, outcome, ip FROM audit_log \
         WHERE action = ANY($1) AND occurred_at >= $2 AND (action NOT LIKE 'auth.%' OR outcome <> 'success') \
         ORDER BY id",
    )
    .bind::<Array<Text>, _>(actions)
    .bind::<Timestamptz, _>(since)
    .load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct ClientDay {
    #[diesel(sql_type = Text)]
    pub client: String,
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub calls: i64,
}

/// API calls per client and UTC day since `since`.
pub fn client_calls(conn: &mut PgConnection, since: DateTime<Utc>) -> QueryResult<Vec<ClientDay>> {
    diesel::sql_query(
        "SELECT coalesce(actor_id, '') AS client, (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*)::bigint AS calls \
         FROM audit_log WHERE action = 'api.call' AND occurred_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2",
    )
    .bind::<Timestamptz, _>(since)
    .load(conn)
}
