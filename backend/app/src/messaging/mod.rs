//! Messages (SMS and e-mail) go through a transactional outbox: enqueued in the same transaction as the
//! change that causes them, delivered by the worker through an `SmsSender` / `Mailer`. Without a configured
//! transport they stay in the outbox (status `stored`), which is what `make run` uses.
pub mod delivery;
pub mod templates;

use diesel::PgConnection;

use crate::accounts::dto::Channel;

pub fn enqueue(
    conn: &mut PgConnection,
    channel: Channel,
    recipient: &str,
    subject: &str,
    body: &str,
) -> diesel::QueryResult<uuid::Uuid> {
    weikao_store::outbox::enqueue(conn, channel.as_str(), recipient, subject, body)
}
