//! Daily reconciliation against the center's statement: classify, heal what the center has and we missed (by
//! querying the order and applying the answer like any report), and keep the report of every run.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use weikao_core::payments::reconcile::{reconcile, Class, Paid};
use weikao_store::payments::{self as store, Reconciliation};
use weikao_store::DbPool;

use super::gateway::{PayCenter, PaymentGateway};

/// `[00:00, 24:00)` of a day in Asia/Shanghai, in UTC.
pub fn day_bounds(day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |d: NaiveDate| {
        chrono_tz::Asia::Shanghai
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
            .single()
            .expect("Shanghai has no DST")
            .with_timezone(&Utc)
    };
    (start(day), start(day.succ_opt().expect("a next day")))
}

async fn ours(pool: &DbPool, day: NaiveDate) -> Result<Vec<Paid>, String> {
    let (from, to) = day_bounds(day);
    super::db(pool, move |c| {
        store::received_between(c, from, to)
            .map(|rows| {
                rows.into_iter()
                    .map(|(order_no, txn_id, amount_fen)| Paid {
                        order_no,
                        txn_id,
                        amount_fen,
                    })
                    .collect()
            })
            .map_err(|e| e.to_string())
    })
    .await
}

/// Reconciles one day and stores the report.
pub async fn run(
    pool: &DbPool,
    center: &PayCenter,
    day: NaiveDate,
    now: DateTime<Utc>,
    run_by: &str,
) -> Result<Reconciliation, String> {
    let theirs = center.statement(day).await.map_err(|e| e.to_string())?;
    let mut items = reconcile(&ours(pool, day).await?, &theirs);
    let mut healed = 0;
    for item in items.iter().filter(|i| i.class == Class::MissingHere) {
        let answer = center
            .query(&item.order_no)
            .await
            .map_err(|e| e.to_string())?;
        let no = item.order_no.clone();
        let applied = super::db(pool, move |c| {
            super::service::apply_report(c, &no, &answer.status, answer.paid_at, "reconcile", now)
                .map_err(|e| e.code.to_string())
        })
        .await;
        if applied.is_ok() {
            healed += 1;
        }
    }
    if healed > 0 {
        items = reconcile(&ours(pool, day).await?, &theirs);
    }
    let matched = items.iter().filter(|i| i.class == Class::Matched).count() as i32;
    let report = Reconciliation {
        id: uuid::Uuid::new_v4(),
        day,
        status: if matched as usize == items.len() {
            "clean"
        } else {
            "discrepancies"
        }
        .to_string(),
        matched,
        discrepancies: items.len() as i32 - matched,
        healed,
        ours_total_fen: items.iter().filter_map(|i| i.ours_fen).sum(),
        theirs_total_fen: theirs.iter().map(|t| t.amount_fen).sum(),
        items: serde_json::to_value(
            items
                .iter()
                .filter(|i| i.class != Class::Matched)
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default(),
        run_by: run_by.to_string(),
        run_at: now,
    };
    let r = report.clone();
    super::db(pool, move |c| {
        store::insert_reconciliation(c, &r).map_err(|e| e.to_string())?;
        if r.run_by == "worker" {
            return Ok(0); // the scheduled run is the system's routine, not a privileged action
        }
        crate::audit::record(
            c,
            None,
            crate::audit::AuditEvent::actor("system", Some(r.run_by.clone()), "payment.reconcile")
                .object("reconciliation", r.id)
                .details(serde_json::json!({ "day": r.day, "status": r.status, "discrepancies": r.discrepancies })),
        )
        .map_err(|e| e.to_string())
    })
    .await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shanghai_day_starts_at_16_utc_the_day_before() {
        let (from, to) = day_bounds(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
        assert_eq!(from.to_rfc3339(), "2027-02-28T16:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2027-03-01T16:00:00+00:00");
    }
}
