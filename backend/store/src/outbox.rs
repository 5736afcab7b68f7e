//! Transactional outbox for SMS and e-mail.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::outbox_messages;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox_messages)]
pub struct OutboxMessage {
    pub id: Uuid,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub fn enqueue(
    conn: &mut PgConnection,
    channel: &str,
    recipient: &str,
    subject: &str,
    body: &str,
) -> QueryResult<Uuid> {
    diesel::insert_into(outbox_messages::table)
        .values((
            outbox_messages::channel.eq(channel),
            outbox_messages::recipient.eq(recipient),
            outbox_messages::subject.eq(subject),
            outbox_messages::body.eq(body),
        ))
        .returning(outbox_messages::id)
        .get_result(conn)
}

/// Claims up to `limit` due pending messages with a lease, so they can be delivered outside any transaction;
/// a crashed worker's lease expires and the message is picked up again (at-least-once delivery).
pub fn claim_due(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> QueryResult<Vec<OutboxMessage>> {
    conn.transaction(|conn| {
        let ids: Vec<Uuid> = outbox_messages::table
            .filter(outbox_messages::status.eq("pending"))
            .filter(
                outbox_messages::locked_until
                    .is_null()
                    .or(outbox_messages::locked_until.lt(now)),
            )
            .order(outbox_messages::created_at.asc())
            .limit(limit)
            .select(outbox_messages::id)
            .for_update()
            .skip_locked()
            .load(conn)?;
        diesel::update(outbox_messages::table.filter(outbox_messages::id.eq_any(ids)))
            .set(outbox_messages::locked_until.eq(Some(now + lease)))
            .returning(OutboxMessage::as_returning())
            .get_results(conn)
    })
}

/// Records the result of one delivery attempt. `retry_at` keeps a failed message pending until then.
pub fn record_attempt(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    error: Option<&str>,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let sent_at = (status == "sent").then_some(now);
    diesel::update(outbox_messages::table.find(id))
        .set((
            outbox_messages::status.eq(status),
            outbox_messages::attempts.eq(outbox_messages::attempts + 1),
            outbox_messages::last_error.eq(error),
            outbox_messages::sent_at.eq(sent_at),
            outbox_messages::locked_until.eq(retry_at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn pending_count(conn: &mut PgConnection) -> QueryResult<i64> {
    outbox_messages::table
        .filter(outbox_messages::status.eq("pending"))
        .count()
        .get_result(conn)
}

pub fn recent(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<OutboxMessage>> {
    outbox_messages::table
        .order(outbox_messages::created_at.desc())
        .limit(limit)
        .select(OutboxMessage::as_select())
        .load(conn)
}
