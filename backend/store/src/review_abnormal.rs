//! The abnormal-data list (异常数据): registrations in a state that the normal flow should never leave them in,
//! each kind with its count and the first few registrations, inside a data scope.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::orgs::like_prefix;

/// (kind, condition on `r` — a registration — and `s` — its exam session; `$2` is now)
pub const KINDS: &[(&str, &str)] = &[
    // waiting at a level its session's chain does not have (the chain was changed under it)
    (
        "level_not_in_chain",
        "r.status IN ('submitted', 'resubmitted') AND (r.current_level IS NULL OR NOT (r.current_level = ANY (s.review_chain)))",
    ),
    // marked paid without any paid order
    (
        "paid_without_paid_order",
        "r.status = 'paid' AND NOT EXISTS (SELECT 1 FROM payment_orders o WHERE o.registration_id = r.id AND o.status = 'paid')",
    ),
    // a paid order that was never applied to the registration
    (
        "paid_order_not_applied",
        "r.status = 'approved' AND EXISTS (SELECT 1 FROM payment_orders o WHERE o.registration_id = r.id AND o.status = 'paid')",
    ),
    // an order still open long after its time: the payment worker is not running
    (
        "order_stuck_open",
        "EXISTS (SELECT 1 FROM payment_orders o WHERE o.registration_id = r.id AND o.status IN ('created', 'pending', 'expired') AND o.expires_at < $2 - interval '1 hour')",
    ),
    // finally approved but the first round's payment window closed without a payment
    (
        "approved_unpaid_after_window",
        "r.status = 'approved' AND EXISTS (SELECT 1 FROM exam_stages st WHERE st.session_id = r.session_id AND st.seq = (SELECT min(seq) FROM exam_stages WHERE session_id = r.session_id) AND st.payment_closes_at < $2)",
    ),
];

#[derive(Debug, QueryableByName)]
pub struct AbnormalRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub candidate_name: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub current_level: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

/// The first `limit` registrations of one kind in the scope (oldest submission first), each row carrying the
/// kind's total.
pub fn of_kind(
    conn: &mut PgConnection,
    condition: &str,
    scope_path: &str,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<AbnormalRow>> {
    diesel::sql_query(format!(
        "SELECT r.id, c.name AS candidate_name, r.status, r.current_level, count(*) OVER () AS total
         FROM registrations r
         JOIN candidates c ON c.id = r.candidate_id
         JOIN exam_sessions s ON s.id = r.session_id
         WHERE r.org_path LIKE $1 AND r.status <> 'draft' AND $2::timestamptz IS NOT NULL AND ({condition})
         ORDER BY r.submitted_at, r.id
         LIMIT $3"
    ))
    .bind::<Text, _>(like_prefix(scope_path))
    .bind::<Timestamptz, _>(now)
    .bind::<BigInt, _>(limit)
    .load(conn)
}
