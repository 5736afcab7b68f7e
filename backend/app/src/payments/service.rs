//! Payment orchestration: creating an order (amount from the fee table, window enforced, one active order per
//! round), and applying what the center reports (notification or query) exactly once, under a row lock, with
//! every report kept in the immutable `payment_events` ledger. No HTTP call ever happens inside a transaction.

use chrono::{DateTime, Duration, Utc};
use diesel::{Connection, PgConnection};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::payments::rounds::{next_round, RoundFacts};
use weikao_core::payments::{on_center_status, CenterStatus, OrderStatus, Outcome};
use weikao_core::registration::{ExamKind, Form};
use weikao_store::payments::{self as store, Order};
use weikao_store::registrations as regs;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::http::auth::CandidateUser;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    pub order_no: String,
    /// payment round, e.g. `main`, `skills`
    pub stage_code: String,
    /// integer fen, computed on the server from the fee table
    pub amount_fen: i64,
    /// `created`, `pending`, `paid`, `closed`, `expired`, `refunding`, `refunded`
    pub status: String,
    /// where to send the candidate to pay (while `pending`)
    pub cashier_url: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub fn view(o: &Order) -> PaymentView {
    PaymentView {
        order_no: o.order_no.clone(),
        stage_code: o.stage_code.clone(),
        amount_fen: o.amount_fen,
        status: o.status.clone(),
        cashier_url: (o.status == "pending")
            .then(|| o.cashier_url.clone())
            .flatten(),
        expires_at: o.expires_at,
        paid_at: o.paid_at,
        created_at: o.created_at,
    }
}

fn new_order_no(now: DateTime<Utc>) -> String {
    let r = Uuid::new_v4().simple().to_string().to_uppercase();
    format!("WK{}{}", now.format("%Y%m%d"), &r[..14])
}

/// Step 1 of paying, in one transaction: checks and the new order (an open order of the same round is set to
/// `expired`, so the poller closes it at the center). Returns the order and the session name (the subject).
/// The round a registration pays next, with its window and server-computed fee.
pub struct NextRound {
    pub stage_code: String,
    pub stage_name: String,
    pub session_name: String,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub quote: crate::registration::dto::FeeQuoteView,
}

/// What the registration (locked or read by the caller) pays next; `Err(code)` says why nothing is payable:
/// `registration_not_approved`, a round code of `next_round` (e.g. `all_rounds_paid`, `skills_result_pending`)
/// or `fee_unavailable`. The payment window is the caller's to check.
pub fn next_round_of(
    conn: &mut PgConnection,
    reg: &weikao_store::registrations::Registration,
) -> ApiResult<Result<NextRound, &'static str>> {
    if !matches!(reg.status.as_str(), "approved" | "paid") {
        return Ok(Err("registration_not_approved"));
    }
    let session = weikao_store::catalog::find_session(conn, reg.session_id)?
        .ok_or_else(ApiError::internal)?;
    let cat = weikao_store::catalog::load_catalog(conn, session.id)?;
    let kind = ExamKind::parse(&session.exam_type).ok_or_else(ApiError::internal)?;
    let form: Form = serde_json::from_value(reg.form.clone()).map_err(|_| ApiError::internal())?;
    let existing = store::for_registration(conn, reg.id)?;
    let paid: Vec<String> = existing
        .iter()
        .filter(|o| o.status == "paid")
        .map(|o| o.stage_code.clone())
        .collect();
    let stages: Vec<String> = cat.stages.iter().map(|s| s.code.clone()).collect();
    let facts = round_facts(conn, reg, kind, session.year, &session.settings, &form)?;
    let code = match next_round(kind, &stages, &paid, &facts) {
        Ok(c) => c,
        Err(why) => return Ok(Err(why)),
    };
    let stage = cat
        .stages
        .iter()
        .find(|s| s.code == code)
        .ok_or_else(ApiError::internal)?;
    let Some(quote) = crate::registration::service::fee_quote_for(kind, &cat, &form, &stage.code)
        .filter(|q| q.total_fen > 0)
    else {
        return Ok(Err("fee_unavailable"));
    };
    Ok(Ok(NextRound {
        stage_code: stage.code.clone(),
        stage_name: stage.name.clone(),
        session_name: session.name.clone(),
        opens_at: stage.payment_opens_at,
        closes_at: stage.payment_closes_at,
        quote,
    }))
}

pub fn open_order(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    me: &CandidateUser,
    registration: Uuid,
) -> ApiResult<(Order, String)> {
    conn.transaction(|conn| {
        regs::find_own(conn, registration, me.id, false)?.ok_or_else(ApiError::not_found)?;
        let reg = regs::lock(conn, registration)?;
        let next = next_round_of(conn, &reg)?.map_err(ApiError::conflict)?;
        let now = state.clock.now();
        let (Some(opens), Some(closes)) = (next.opens_at, next.closes_at) else {
            return Err(ApiError::conflict("payment_window_not_open"));
        };
        if now < opens {
            return Err(ApiError::conflict("payment_window_not_open"));
        }
        if now >= closes {
            return Err(ApiError::conflict("payment_window_closed"));
        }
        let quote = &next.quote;
        let stage_code = next.stage_code.clone();
        let existing = store::for_registration(conn, reg.id)?;
        if existing
            .iter()
            .any(|o| o.stage_code == stage_code && o.status == "paid")
        {
            return Err(ApiError::conflict("already_paid"));
        }
        for o in existing.iter().filter(|o| {
            o.stage_code == stage_code && matches!(o.status.as_str(), "created" | "pending")
        }) {
            if store::set_status_if(conn, o.id, &["created", "pending"], "expired", now)? {
                store::reschedule(conn, o.id, Some(now), o.poll_attempts)?;
            }
        }
        let expires_at = (now + Duration::seconds(state.cfg.payment_order_ttl_secs)).min(closes);
        let order = store::insert_order(
            conn,
            &new_order_no(now),
            reg.id,
            &stage_code,
            quote.total_fen,
            expires_at,
            now,
        )?;
        store::record_event(
            conn,
            Some(order.id),
            "order_created",
            None,
            serde_json::json!({ "amount_fen": order.amount_fen, "stage": order.stage_code }),
        )?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor("candidate", Some(me.id.to_string()), "payment.create")
                .object("payment_order", &order.order_no)
                .details(
                    serde_json::json!({ "registration": reg.id, "amount_fen": order.amount_fen }),
                ),
        )?;
        Ok((order, format!("{} {}", next.session_name, next.stage_name)))
    })
}

/// What the imported result lists (history library, this and last year) say for the physician rounds.
fn round_facts(
    conn: &mut PgConnection,
    reg: &regs::Registration,
    kind: ExamKind,
    year: i32,
    settings: &serde_json::Value,
    form: &Form,
) -> ApiResult<RoundFacts> {
    if kind != ExamKind::Physician {
        return Ok(RoundFacts::default());
    }
    let rows = crate::registration::service::history_rows(conn, reg.candidate_id, kind)?;
    let this_year = rows.iter().find(|h| h.year == year);
    let last_year = rows.iter().find(|h| h.year == year - 1);
    // levels admitted to the second sitting: settings.second_sitting_levels, default the assistant levels
    let levels: Vec<String> = settings
        .get("second_sitting_levels")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_else(|| vec!["assistant".into(), "rural_assistant".into()]);
    let level = form.exam.as_ref().and_then(|e| e.level_code.clone());
    Ok(RoundFacts {
        skills_passed: this_year.and_then(|h| h.skills_passed),
        skills_exempt: last_year
            .is_some_and(|h| h.skills_passed == Some(true) && h.written_passed != Some(true)),
        written_passed: this_year.and_then(|h| h.written_passed),
        second_sitting_level: level.is_some_and(|l| levels.contains(&l)),
    })
}

/// Whether the registration may still pay the order's round now (approved, window open).
fn can_still_pay(
    conn: &mut PgConnection,
    reg: &regs::Registration,
    o: &Order,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    if reg.status != "approved" && reg.status != "paid" {
        return Ok(false);
    }
    let closes = weikao_store::catalog::stage_closes_at(conn, reg.session_id, &o.stage_code)?;
    Ok(closes.is_some_and(|c| now < c))
}

/// Applies one report of the center about `order_no`. Idempotent: the same report twice changes nothing.
pub fn apply_report(
    conn: &mut PgConnection,
    order_no: &str,
    status: &CenterStatus,
    paid_at: Option<DateTime<Utc>>,
    source: &str,
    now: DateTime<Utc>,
) -> ApiResult<Outcome> {
    conn.transaction(|conn| {
        // locks in the order every payment path uses: the registration, then its order
        let unknown = || ApiError::new(actix_web::http::StatusCode::NOT_FOUND, "order_unknown");
        let reg_id = store::find_by_no(conn, order_no)?.ok_or_else(unknown)?.registration_id;
        let reg = regs::lock(conn, reg_id)?;
        let order = store::lock_by_no(conn, order_no)?.ok_or_else(unknown)?;
        let dedup = match status {
            CenterStatus::Success { txn_id, .. } => Some(format!("{source}:success:{txn_id}")),
            _ => None,
        };
        store::record_event(
            conn,
            Some(order.id),
            &format!("{source}_report"),
            dedup.as_deref(),
            serde_json::json!({ "status": format!("{status:?}"), "paid_at": paid_at }),
        )?;
        let current = OrderStatus::parse(&order.status).ok_or_else(ApiError::internal)?;
        let outcome = on_center_status(
            current,
            order.channel_txn_id.as_deref(),
            status,
            order.amount_fen,
            store::other_paid(conn, &order)?,
            can_still_pay(conn, &reg, &order, now)?,
        );
        match (&outcome, status) {
            (Outcome::ApplyPayment, CenterStatus::Success { txn_id, .. }) => {
                store::mark_paid(conn, order.id, txn_id, paid_at.unwrap_or(now), now)?;
                store::record_event(
                    conn,
                    Some(order.id),
                    "applied",
                    Some(&format!("applied:{}", order.id)),
                    serde_json::json!({ "txn_id": txn_id, "amount_fen": order.amount_fen, "source": source }),
                )?;
                if reg.status == "approved" {
                    regs::mark_paid(conn, reg.id, now)?;
                    let session = weikao_store::catalog::find_session(conn, reg.session_id)?
                        .ok_or_else(ApiError::internal)?;
                    crate::registration::service::notify_status(conn, reg.candidate_id, &session.name, "paid")?;
                    crate::supplements::service::open_if_owed(conn, &reg, &session, now)?;
                }
                record(
                    conn,
                    None,
                    AuditEvent::actor("system", None, "payment.paid")
                        .object("payment_order", &order.order_no)
                        .details(serde_json::json!({ "source": source, "amount_fen": order.amount_fen })),
                )?;
            }
            (Outcome::Refund(reason), _) => {
                if let CenterStatus::Success { txn_id, .. } = status {
                    store::record_received(conn, order.id, txn_id, paid_at.unwrap_or(now))?;
                }
                store::set_status(conn, order.id, "refunding", now)?;
                store::set_alert(conn, order.id, reason, now)?;
                store::queue_refund(conn, &order, reason, now)?;
                store::record_event(conn, Some(order.id), "refund_queued", None, serde_json::json!({ "reason": reason }))?;
            }
            (Outcome::Alert(reason), _) => {
                store::set_alert(conn, order.id, reason, now)?;
                tracing::warn!(order = %order.order_no, reason, "payment report needs a person");
            }
            (Outcome::MarkClosed, _) => store::set_status(conn, order.id, "closed", now)?,
            _ => {}
        }
        Ok(outcome)
    })
}
