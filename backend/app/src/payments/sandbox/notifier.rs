//! The sandbox center's notification delivery (run by the worker when the sandbox is enabled): POSTs each due
//! signed notification to the merchant's notify URL and retries on a schedule until the merchant answers
//! `SUCCESS`, like a real center.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use weikao_store::schema::sandbox_pay_notifications as n;
use weikao_store::DbPool;

/// Seconds between attempts: 0, 15, 15, 30, 180, 600, 1200, 1800, 3600, … (capped at 3600).
fn retry_delay(attempts: i32) -> i64 {
    const STEPS: [i64; 8] = [15, 15, 30, 180, 600, 1200, 1800, 3600];
    STEPS.get(attempts.max(0) as usize).copied().unwrap_or(3600)
}

/// Delivers up to `limit` due notifications; returns how many the merchant acknowledged.
pub async fn deliver(
    pool: &DbPool,
    http: &reqwest::Client,
    now: DateTime<Utc>,
    limit: i64,
    scale: i64,
) -> Result<usize, String> {
    use crate::payments::poller::scaled;
    let p = pool.clone();
    let due: Vec<(i64, String, serde_json::Value, i32)> = crate::payments::db(&p, move |c| {
        c.transaction::<_, diesel::result::Error, _>(|c| {
            let rows: Vec<(i64, String, serde_json::Value, i32)> = n::table
                .filter(n::delivered_at.is_null())
                .filter(n::next_attempt_at.le(now))
                .order(n::next_attempt_at.asc())
                .limit(limit)
                .select((n::id, n::notify_url, n::payload, n::attempts))
                .for_update()
                .skip_locked()
                .load(c)?;
            // lease while this worker delivers
            let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
            diesel::update(n::table.filter(n::id.eq_any(&ids)))
                .set(n::next_attempt_at.eq(now + scaled(60, scale)))
                .execute(c)?;
            Ok(rows)
        })
        .map_err(|e| e.to_string())
    })
    .await?;
    let mut acked = 0;
    for (id, url, payload, attempts) in due {
        let result = match http.post(&url).json(&payload).send().await {
            Ok(res) => {
                let ok = res.status().is_success();
                let body = res.text().await.unwrap_or_default();
                if ok && body.trim() == "SUCCESS" {
                    Ok(())
                } else {
                    Err(format!(
                        "merchant answered {}",
                        body.chars().take(200).collect::<String>()
                    ))
                }
            }
            Err(e) => Err(e.to_string()),
        };
        if result.is_ok() {
            acked += 1;
        }
        let p = pool.clone();
        crate::payments::db(&p, move |c| {
            let q = diesel::update(n::table.find(id));
            match result {
                Ok(()) => q
                    .set((n::delivered_at.eq(Some(now)), n::attempts.eq(attempts + 1)))
                    .execute(c),
                Err(e) => q
                    .set((
                        n::attempts.eq(attempts + 1),
                        n::last_error.eq(Some(e)),
                        n::next_attempt_at.eq(now + scaled(retry_delay(attempts), scale)),
                    ))
                    .execute(c),
            }
            .map(|_| ())
            .map_err(|e| e.to_string())
        })
        .await?;
    }
    Ok(acked)
}

#[cfg(test)]
mod tests {
    #[test]
    fn retries_back_off_to_an_hour() {
        let d: Vec<i64> = (0..10).map(super::retry_delay).collect();
        assert_eq!(d, vec![15, 15, 30, 180, 600, 1200, 1800, 3600, 3600, 3600]);
    }
}
