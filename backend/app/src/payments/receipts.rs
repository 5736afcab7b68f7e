//! What a candidate sees around paying: the round they pay next (with its window and server-computed fee) and
//! a receipt for each paid order, with a verification code the exam office can check.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::service::{next_round_of, NextRound};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::CandidateUser;
use crate::http::state::AppState;
use crate::registration::dto::FeeQuoteView;

#[derive(Debug, Serialize, ToSchema)]
pub struct NextPaymentView {
    /// a payment can be started now
    pub payable: bool,
    /// why not: `registration_not_approved`, `already_paid` (every round of this registration is paid),
    /// `round_not_eligible` (physician rounds 2–3 wait for imported results), `fee_unavailable`,
    /// `payment_window_not_open`, `payment_window_closed`
    pub reason: Option<String>,
    /// the round, e.g. `skills`, `written`, `second_sitting` (physician) or the only round
    pub stage_code: Option<String>,
    pub stage_name: Option<String>,
    /// the fee of the round (integer fen, computed on the server)
    pub fee: Option<FeeQuoteView>,
    pub opens_at: Option<chrono::DateTime<chrono::Utc>>,
    pub closes_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The round this registration pays next, whether it can be paid now and why not.
#[utoipa::path(tag = "payments", operation_id = "getNextPayment", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = NextPaymentView),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found` (also another candidate's registration)")
))]
#[get("/api/v1/registrations/{id}/payments/next")]
pub async fn next(
    state: web::Data<AppState>,
    me: CandidateUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<NextPaymentView>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let next = state
        .db(move |c| {
            let reg = weikao_store::registrations::find_own(c, id, me.id, false)?
                .ok_or_else(ApiError::not_found)?;
            next_round_of(c, &reg)
        })
        .await?;
    Ok(web::Json(match next {
        Err(why) => NextPaymentView {
            payable: false,
            reason: Some(why.to_string()),
            stage_code: None,
            stage_name: None,
            fee: None,
            opens_at: None,
            closes_at: None,
        },
        Ok(NextRound {
            stage_code,
            stage_name,
            opens_at,
            closes_at,
            quote,
            ..
        }) => {
            let reason = match (opens_at, closes_at) {
                (Some(o), Some(_)) if now < o => Some("payment_window_not_open"),
                (Some(_), Some(c)) if now >= c => Some("payment_window_closed"),
                (Some(_), Some(_)) => None,
                _ => Some("payment_window_not_open"),
            };
            NextPaymentView {
                payable: reason.is_none(),
                reason: reason.map(str::to_string),
                stage_code: Some(stage_code),
                stage_name: Some(stage_name),
                fee: Some(quote),
                opens_at,
                closes_at,
            }
        }
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentReceipt {
    /// the order number (the receipt's number)
    pub order_no: String,
    pub candidate_name: String,
    /// masked, e.g. `410102********1234`
    pub id_number_masked: String,
    pub session_name: String,
    pub stage_code: String,
    /// integer fen
    pub amount_fen: i64,
    pub paid_at: chrono::DateTime<chrono::Utc>,
    /// the payment center's transaction number
    pub channel_txn_id: String,
    /// 12 characters the exam office recomputes to tell a genuine receipt from an edited one
    pub verification_code: String,
}

/// The verification code of a receipt: a keyed hash over what the receipt states.
pub fn verification_code(state: &AppState, order_no: &str, amount_fen: i64, txn: &str) -> String {
    let mac = state
        .keys
        .pii
        .blind_index(&format!("receipt:{order_no}:{amount_fen}:{txn}"));
    hex::encode(&mac[..6]).to_uppercase()
}

/// The receipt of one paid order of the candidate's registration.
#[utoipa::path(tag = "payments", operation_id = "getPaymentReceipt", params(("id" = Uuid, Path), ("order_no" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = PaymentReceipt),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found` (no such order of this registration, or another candidate's)"),
    (status = 409, body = Problem, description = "`not_paid`: the order is not (or no longer) paid")
))]
#[get("/api/v1/registrations/{id}/payments/{order_no}/receipt")]
pub async fn receipt(
    state: web::Data<AppState>,
    me: CandidateUser,
    path: web::Path<(Uuid, String)>,
) -> ApiResult<web::Json<PaymentReceipt>> {
    let (id, order_no) = path.into_inner();
    let out = state
        .run(move |st, c| {
            let reg = weikao_store::registrations::find_own(c, id, me.id, false)?
                .ok_or_else(ApiError::not_found)?;
            let order = weikao_store::payments::find_by_no(c, &order_no)?
                .filter(|o| o.registration_id == reg.id)
                .ok_or_else(ApiError::not_found)?;
            let (Some(paid_at), Some(txn), "paid") = (
                order.paid_at,
                order.channel_txn_id.clone(),
                order.status.as_str(),
            ) else {
                return Err(ApiError::conflict("not_paid"));
            };
            let cand = weikao_store::accounts::find_candidate(c, reg.candidate_id)?
                .ok_or_else(ApiError::internal)?;
            let session = weikao_store::catalog::find_session(c, reg.session_id)?
                .ok_or_else(ApiError::internal)?;
            Ok(PaymentReceipt {
                verification_code: verification_code(st, &order.order_no, order.amount_fen, &txn),
                order_no: order.order_no,
                candidate_name: cand.name,
                id_number_masked: cand.id_number_masked,
                session_name: session.name,
                stage_code: order.stage_code,
                amount_fen: order.amount_fen,
                paid_at,
                channel_txn_id: txn,
            })
        })
        .await?;
    Ok(web::Json(out))
}
