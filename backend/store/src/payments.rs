//! Payment orders, their immutable event ledger, the polling claims and the refund queue.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{payment_events, payment_orders, payment_reconciliations, payment_refunds};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = payment_orders)]
pub struct Order {
    pub id: Uuid,
    pub order_no: String,
    pub registration_id: Uuid,
    pub stage_code: String,
    pub amount_fen: i64,
    pub status: String,
    pub channel_txn_id: Option<String>,
    pub cashier_url: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub next_poll_at: Option<DateTime<Utc>>,
    pub poll_attempts: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub locked_by: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub alert: Option<String>,
}

pub const OPEN: &[&str] = &["created", "pending", "expired"];

pub fn insert_order(
    conn: &mut PgConnection,
    order_no: &str,
    registration: Uuid,
    stage_code: &str,
    amount_fen: i64,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<Order> {
    diesel::insert_into(payment_orders::table)
        .values((
            payment_orders::order_no.eq(order_no),
            payment_orders::registration_id.eq(registration),
            payment_orders::stage_code.eq(stage_code),
            payment_orders::amount_fen.eq(amount_fen),
            payment_orders::status.eq("created"),
            payment_orders::expires_at.eq(expires_at),
            payment_orders::next_poll_at.eq(Some(now + Duration::seconds(5))),
            payment_orders::created_at.eq(now),
            payment_orders::updated_at.eq(now),
        ))
        .returning(Order::as_returning())
        .get_result(conn)
}

pub fn for_registration(conn: &mut PgConnection, registration: Uuid) -> QueryResult<Vec<Order>> {
    payment_orders::table
        .filter(payment_orders::registration_id.eq(registration))
        .order(payment_orders::created_at.desc())
        .select(Order::as_select())
        .load(conn)
}

/// The order with this number, locked for the rest of the transaction.
pub fn lock_by_no(conn: &mut PgConnection, order_no: &str) -> QueryResult<Option<Order>> {
    payment_orders::table
        .filter(payment_orders::order_no.eq(order_no))
        .select(Order::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn find_by_no(conn: &mut PgConnection, order_no: &str) -> QueryResult<Option<Order>> {
    payment_orders::table
        .filter(payment_orders::order_no.eq(order_no))
        .select(Order::as_select())
        .first(conn)
        .optional()
}

/// Whether another order of the registration's round is paid.
pub fn other_paid(conn: &mut PgConnection, o: &Order) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        payment_orders::table
            .filter(payment_orders::registration_id.eq(o.registration_id))
            .filter(payment_orders::stage_code.eq(&o.stage_code))
            .filter(payment_orders::status.eq("paid"))
            .filter(payment_orders::id.ne(o.id)),
    ))
    .get_result(conn)
}

pub fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let closing = matches!(status, "closed");
    diesel::update(payment_orders::table.find(id))
        .set((
            payment_orders::status.eq(status),
            payment_orders::updated_at.eq(now),
            payment_orders::closed_at.eq(closing.then_some(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Moves an order to `status` only while it is still in one of `from` (a check-and-set: callers that read
/// the order earlier never overwrite what a concurrent report did since). True when it moved.
pub fn set_status_if(
    conn: &mut PgConnection,
    id: Uuid,
    from: &[&str],
    status: &str,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let closing = matches!(status, "closed");
    diesel::update(
        payment_orders::table
            .find(id)
            .filter(payment_orders::status.eq_any(from)),
    )
    .set((
        payment_orders::status.eq(status),
        payment_orders::updated_at.eq(now),
        payment_orders::closed_at.eq(closing.then_some(now)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn mark_pending(
    conn: &mut PgConnection,
    id: Uuid,
    cashier_url: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(
        payment_orders::table
            .find(id)
            .filter(payment_orders::status.eq("created")),
    )
    .set((
        payment_orders::status.eq("pending"),
        payment_orders::cashier_url.eq(Some(cashier_url)),
        payment_orders::updated_at.eq(now),
    ))
    .execute(conn)
    .map(|_| ())
}

pub fn mark_paid(
    conn: &mut PgConnection,
    id: Uuid,
    txn_id: &str,
    paid_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(payment_orders::table.find(id))
        .set((
            payment_orders::status.eq("paid"),
            payment_orders::channel_txn_id.eq(Some(txn_id)),
            payment_orders::paid_at.eq(Some(paid_at)),
            payment_orders::next_poll_at.eq(None::<DateTime<Utc>>),
            payment_orders::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_alert(
    conn: &mut PgConnection,
    id: Uuid,
    alert: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(payment_orders::table.find(id))
        .set((
            payment_orders::alert.eq(Some(alert)),
            payment_orders::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Appends to the immutable ledger; a repeated `dedup_key` is ignored. Returns whether the event is new.
pub fn record_event(
    conn: &mut PgConnection,
    order: Option<Uuid>,
    kind: &str,
    dedup_key: Option<&str>,
    payload: serde_json::Value,
) -> QueryResult<bool> {
    diesel::insert_into(payment_events::table)
        .values((
            payment_events::order_id.eq(order),
            payment_events::kind.eq(kind),
            payment_events::dedup_key.eq(dedup_key),
            payment_events::payload.eq(payload),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

/// Claims up to `limit` open orders due for a status query, with a lease so a crashed worker's claims return.
pub fn claim_due(
    conn: &mut PgConnection,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> QueryResult<Vec<Order>> {
    conn.transaction(|conn| {
        let ids: Vec<Uuid> = payment_orders::table
            .filter(payment_orders::status.eq_any(OPEN))
            .filter(payment_orders::next_poll_at.le(now))
            .filter(
                payment_orders::locked_until
                    .is_null()
                    .or(payment_orders::locked_until.lt(now)),
            )
            .order(payment_orders::next_poll_at.asc())
            .limit(limit)
            .select(payment_orders::id)
            .for_update()
            .skip_locked()
            .load(conn)?;
        diesel::update(payment_orders::table.filter(payment_orders::id.eq_any(&ids)))
            .set((
                payment_orders::locked_until.eq(Some(now + lease)),
                payment_orders::locked_by.eq(Some(worker)),
            ))
            .returning(Order::as_returning())
            .get_results(conn)
    })
}

/// Releases a claim and schedules the next query (`None`: no more polling).
pub fn reschedule(
    conn: &mut PgConnection,
    id: Uuid,
    next: Option<DateTime<Utc>>,
    attempts: i32,
) -> QueryResult<()> {
    diesel::update(payment_orders::table.find(id))
        .set((
            payment_orders::next_poll_at.eq(next),
            payment_orders::poll_attempts.eq(attempts),
            payment_orders::locked_until.eq(None::<DateTime<Utc>>),
            payment_orders::locked_by.eq(None::<String>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Releases many claims in one statement and schedules each order's next query — only while the order is
/// still open (one that became final meanwhile gets none): (order, next query, attempts).
pub fn reschedule_many_if_open(
    conn: &mut PgConnection,
    items: &[(Uuid, DateTime<Utc>, i32)],
) -> QueryResult<usize> {
    use diesel::sql_types::{Array, Int4, Timestamptz, Uuid as SqlUuid};
    let ids: Vec<Uuid> = items.iter().map(|i| i.0).collect();
    let next: Vec<DateTime<Utc>> = items.iter().map(|i| i.1).collect();
    let attempts: Vec<i32> = items.iter().map(|i| i.2).collect();
    diesel::sql_query(
        "UPDATE payment_orders o
            SET next_poll_at = CASE WHEN o.status IN ('created', 'pending', 'expired') THEN v.next END,
                poll_attempts = v.attempts, locked_until = NULL, locked_by = NULL
           FROM unnest($1, $2, $3) AS v(id, next, attempts)
          WHERE o.id = v.id",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .bind::<Array<Timestamptz>, _>(next)
    .bind::<Array<Int4>, _>(attempts)
    .execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = payment_refunds)]
pub struct Refund {
    pub id: Uuid,
    pub refund_no: String,
    pub order_id: Uuid,
    pub amount_fen: i64,
    pub reason: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Queues the full refund of an order (once per order).
pub fn queue_refund(
    conn: &mut PgConnection,
    order: &Order,
    reason: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(payment_refunds::table)
        .values((
            payment_refunds::refund_no.eq(format!("R{}", order.order_no)),
            payment_refunds::order_id.eq(order.id),
            payment_refunds::amount_fen.eq(order.amount_fen),
            payment_refunds::reason.eq(reason),
            payment_refunds::next_attempt_at.eq(now),
            payment_refunds::created_at.eq(now),
            payment_refunds::updated_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|_| ())
}

pub fn claim_refunds(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<(Refund, String)>> {
    conn.transaction(|conn| {
        let due: Vec<(Refund, String)> = payment_refunds::table
            .inner_join(payment_orders::table)
            .filter(payment_refunds::status.eq("queued"))
            .filter(payment_refunds::next_attempt_at.le(now))
            .order(payment_refunds::next_attempt_at.asc())
            .limit(limit)
            .select((Refund::as_select(), payment_orders::order_no))
            .for_update()
            .skip_locked()
            .load(conn)?;
        // lease: push them out while this worker talks to the center
        let ids: Vec<Uuid> = due.iter().map(|(r, _)| r.id).collect();
        diesel::update(payment_refunds::table.filter(payment_refunds::id.eq_any(&ids)))
            .set(payment_refunds::next_attempt_at.eq(now + Duration::minutes(2)))
            .execute(conn)?;
        Ok(due)
    })
}

pub fn finish_refund(
    conn: &mut PgConnection,
    r: &Refund,
    result: Result<(), String>,
    retry_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    match result {
        Ok(()) => {
            diesel::update(payment_refunds::table.find(r.id))
                .set((
                    payment_refunds::status.eq("succeeded"),
                    payment_refunds::attempts.eq(r.attempts + 1),
                    payment_refunds::updated_at.eq(now),
                ))
                .execute(conn)?;
            set_status_if(conn, r.order_id, &["refunding"], "refunded", now).map(|_| ())
        }
        Err(e) => diesel::update(payment_refunds::table.find(r.id))
            .set((
                payment_refunds::attempts.eq(r.attempts + 1),
                payment_refunds::last_error.eq(Some(e)),
                payment_refunds::next_attempt_at.eq(retry_at),
                payment_refunds::status.eq(if r.attempts + 1 >= 20 {
                    "failed"
                } else {
                    "queued"
                }),
                payment_refunds::updated_at.eq(now),
            ))
            .execute(conn)
            .map(|_| ()),
    }
}

pub fn refund_of(conn: &mut PgConnection, order: Uuid) -> QueryResult<Option<Refund>> {
    payment_refunds::table
        .filter(payment_refunds::order_id.eq(order))
        .select(Refund::as_select())
        .first(conn)
        .optional()
}

/// Records that money arrived for an order that will be refunded (its transaction and time), without making
/// it the paid order of the round.
pub fn record_received(
    conn: &mut PgConnection,
    id: Uuid,
    txn_id: &str,
    paid_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(payment_orders::table.find(id))
        .set((
            payment_orders::channel_txn_id.eq(Some(txn_id)),
            payment_orders::paid_at.eq(Some(paid_at)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Orders that received money (a transaction) within `[from, to)`: (order number, transaction, amount).
pub fn received_between(
    conn: &mut PgConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> QueryResult<Vec<(String, String, i64)>> {
    payment_orders::table
        .filter(payment_orders::paid_at.ge(from))
        .filter(payment_orders::paid_at.lt(to))
        .filter(payment_orders::channel_txn_id.is_not_null())
        .select((
            payment_orders::order_no,
            payment_orders::channel_txn_id.assume_not_null(),
            payment_orders::amount_fen,
        ))
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = payment_reconciliations)]
pub struct Reconciliation {
    pub id: Uuid,
    pub day: chrono::NaiveDate,
    pub status: String,
    pub matched: i32,
    pub discrepancies: i32,
    pub healed: i32,
    pub ours_total_fen: i64,
    pub theirs_total_fen: i64,
    pub items: serde_json::Value,
    pub run_by: String,
    pub run_at: DateTime<Utc>,
}

pub fn insert_reconciliation(conn: &mut PgConnection, r: &Reconciliation) -> QueryResult<()> {
    diesel::insert_into(payment_reconciliations::table)
        .values(r)
        .execute(conn)
        .map(|_| ())
}

pub fn recent_reconciliations(
    conn: &mut PgConnection,
    limit: i64,
) -> QueryResult<Vec<Reconciliation>> {
    payment_reconciliations::table
        .order((
            payment_reconciliations::day.desc(),
            payment_reconciliations::run_at.desc(),
        ))
        .limit(limit)
        .select(Reconciliation::as_select())
        .load(conn)
}

/// Orders that need a person: an alert (wrong amount, second transaction, refund reason), newest first, with
/// their refund when there is one.
pub fn alerts(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<(Order, Option<Refund>)>> {
    payment_orders::table
        .left_join(payment_refunds::table)
        .filter(payment_orders::alert.is_not_null())
        .order(payment_orders::updated_at.desc())
        .limit(limit)
        .select((Order::as_select(), Option::<Refund>::as_select()))
        .load(conn)
}
