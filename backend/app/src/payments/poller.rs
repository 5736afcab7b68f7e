//! The worker's payment duties: query the center about orders it has not heard of on a backoff schedule,
//! close expired orders at the center, and send queued refunds. Orders are claimed with a lease
//! (`FOR UPDATE SKIP LOCKED`), so several workers share the work and a killed one's claims come back; the HTTP
//! calls happen between short transactions, never inside one.

use chrono::{DateTime, Duration, Utc};
use weikao_core::payments::schedule::{next_poll_delay, with_jitter};
use weikao_core::payments::{CenterStatus, OrderStatus};
use weikao_store::payments::{self as store, Order};
use weikao_store::DbPool;

use super::db;
use super::gateway::{PayCenter, PaymentGateway};
use super::service::apply_report;

/// A wait of the payment schedule shrunk by the time scale (tests run the whole schedule in seconds).
pub fn scaled(secs: i64, scale: i64) -> Duration {
    Duration::milliseconds(secs * 1000 / scale.max(1))
}

fn next_poll(o: &Order, now: DateTime<Utc>, scale: i64) -> (Option<DateTime<Utc>>, i32) {
    let attempts = o.poll_attempts + 1;
    let delay = with_jitter(
        next_poll_delay(o.poll_attempts as u32),
        rand::random::<f64>(),
    );
    (Some(now + scaled(delay, scale)), attempts)
}

/// How a worker talks to the center: queries in flight and a rate cap.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    pub concurrency: usize,
    pub max_qps: u32,
    /// the payment time scale (tests)
    pub scale: i64,
}

/// One round: due orders (at most `limit`, `concurrency` queries at a time, at most `max_qps` per second),
/// then due refunds. Returns (orders handled, refunds sent).
pub async fn tick(
    pool: &DbPool,
    center: &PayCenter,
    worker: &str,
    now: DateTime<Utc>,
    limit: i64,
    pace: Pace,
) -> Result<(usize, usize), String> {
    use futures_util::stream::{self, StreamExt};
    let scale = pace.scale;
    let name = worker.to_string();
    let claimed = db(pool, move |c| {
        store::claim_due(c, &name, now, scaled(120, scale), limit).map_err(|e| e.to_string())
    })
    .await?;
    let n = claimed.len();
    let started = std::time::Instant::now();
    // each check answers when to check next; the claims are released in one statement afterwards
    let next: Vec<(uuid::Uuid, DateTime<Utc>, i32)> = stream::iter(claimed)
        .map(|o| async move {
            match poll_one(pool, center, o.clone(), now).await {
                Ok(()) => {}
                Err(e) => {
                    tracing::warn!(order = %o.order_no, error = %e, "payment status check failed")
                }
            }
            let (next, attempts) = next_poll(&o, now, scale);
            (o.id, next.unwrap_or(now), attempts)
        })
        .buffer_unordered(pace.concurrency.max(1))
        .collect()
        .await;
    if !next.is_empty() {
        db(pool, move |c| {
            store::reschedule_many_if_open(c, &next).map_err(|e| e.to_string())
        })
        .await?;
    }
    // the rate cap: a round of n queries takes at least n / max_qps seconds
    let floor = std::time::Duration::from_secs_f64(n as f64 / f64::from(pace.max_qps.max(1)));
    if let Some(rest) = floor.checked_sub(started.elapsed()) {
        tokio::time::sleep(rest).await;
    }
    let refunds = db(pool, move |c| {
        store::claim_refunds(c, now, 20).map_err(|e| e.to_string())
    })
    .await?;
    let r = refunds.len();
    for (refund, order_no) in refunds {
        let result = center
            .refund(&order_no, &refund.refund_no, refund.amount_fen)
            .await
            .map_err(|e| e.to_string());
        let retry = now + scaled(next_poll_delay(refund.attempts as u32 + 2), scale);
        db(pool, move |c| {
            store::finish_refund(c, &refund, result, retry, now).map_err(|e| e.to_string())
        })
        .await?;
    }
    Ok((n, r))
}

async fn poll_one(
    pool: &DbPool,
    center: &PayCenter,
    o: Order,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let mut status = OrderStatus::parse(&o.status).ok_or("unknown order status")?;
    if matches!(status, OrderStatus::Created | OrderStatus::Pending) && now >= o.expires_at {
        let id = o.id;
        // only from where we saw it: a report applied since (paid, refunding) must not be overwritten
        let moved = db(pool, move |c| {
            store::set_status_if(c, id, &["created", "pending"], "expired", now)
                .map_err(|e| e.to_string())
        })
        .await?;
        if moved {
            status = OrderStatus::Expired;
        }
    }
    let answer = center.query(&o.order_no).await.map_err(|e| e.to_string())?;
    let order_no = o.order_no.clone();
    if answer.status != CenterStatus::NotPaid {
        let st = answer.status.clone();
        let paid_at = answer.paid_at;
        db(pool, move |c| {
            apply_report(c, &order_no, &st, paid_at, "query", now)
                .map(|_| ())
                .map_err(|e| e.code.to_string())
        })
        .await?;
    } else if status == OrderStatus::Expired {
        // unpaid and past its time: close it at the center; a payment that races the close shows up in the
        // next query (the center answers ORDER_PAID) and is applied or refunded then
        if center.close(&o.order_no).await.map_err(|e| e.to_string())? {
            let id = o.id;
            db(pool, move |c| {
                store::set_status_if(c, id, &["expired"], "closed", now)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
            .await?;
        }
    }
    Ok(())
}
