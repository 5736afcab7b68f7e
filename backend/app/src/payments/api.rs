//! Candidate payment endpoints and the payment center's notification endpoint.

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::gateway::{PayCenter, PaymentGateway};
use super::service::{self, PaymentView};
use super::SignedParams;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::CandidateUser;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

/// Pays the next round of an approved registration (physician: skills, then the written exam once this year's
/// skills result — or last year's exemption — is imported, then the second sitting after a failed first sitting
/// at an admitted level): creates an order (amount from the fee table) at the payment center and returns where
/// to send the candidate. Paying again closes the previous unpaid order.
#[utoipa::path(tag = "payments", operation_id = "createPayment", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 201, body = PaymentView),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found` (also another candidate's registration)"),
    (status = 409, body = Problem, description = "`registration_not_approved`, `already_paid`, `round_not_eligible`, `payment_window_not_open`, `payment_window_closed`, `fee_unavailable`"),
    (status = 503, body = Problem, description = "`payment_center_unavailable`: the order is kept and checked by the worker; try again")
))]
#[post("/api/v1/registrations/{id}/payments")]
pub async fn create(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (order, subject) = state
        .run(move |st, c| service::open_order(st, c, &ctx, &me, id))
        .await?;
    let center = PayCenter::from_config(&state.cfg);
    let url = center
        .create(&super::gateway::NewCenterOrder {
            order_no: &order.order_no,
            amount_fen: order.amount_fen,
            subject: &subject,
            expires_at: order.expires_at,
        })
        .await
        .map_err(|e| {
            tracing::warn!(order = %order.order_no, error = %e, "creating the order at the payment center failed");
            ApiError::unavailable("payment_center_unavailable")
        })?;
    let no = order.order_no.clone();
    let order = state
        .run(move |st, c| {
            weikao_store::payments::mark_pending(c, order.id, &url, st.clock.now())?;
            weikao_store::payments::find_by_no(c, &no)?.ok_or_else(ApiError::internal)
        })
        .await?;
    Ok(HttpResponse::Created().json(service::view(&order)))
}

/// The payment orders of one of the candidate's registrations, newest first (the H5 page polls this, never
/// the payment center).
#[utoipa::path(tag = "payments", operation_id = "listPayments", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<PaymentView>),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found` (also another candidate's registration)")
))]
#[get("/api/v1/registrations/{id}/payments")]
pub async fn list(
    state: web::Data<AppState>,
    me: CandidateUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<PaymentView>>> {
    let id = id.into_inner();
    let orders = state
        .db(move |c| {
            weikao_store::registrations::find_own(c, id, me.id, false)?
                .ok_or_else(ApiError::not_found)?;
            Ok(weikao_store::payments::for_registration(c, id)?)
        })
        .await?;
    Ok(web::Json(orders.iter().map(service::view).collect()))
}

/// The payment center's asynchronous notification (signed). Answers `SUCCESS` once the report is recorded
/// (also for a duplicate), so the center stops retrying.
#[utoipa::path(tag = "payments", operation_id = "paymentNotification", request_body = SignedParams, responses(
    (status = 200, content_type = "text/plain", body = String, description = "`SUCCESS`"),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `notification_invalid` (signature, merchant or fields)"),
    (status = 404, body = Problem, description = "`order_unknown`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/api/v1/payments/notify")]
pub async fn notify(
    state: web::Data<AppState>,
    body: web::Json<SignedParams>,
) -> ApiResult<HttpResponse> {
    let center = PayCenter::from_config(&state.cfg);
    let n = center
        .read_notification(&body.into_inner().0)
        .map_err(|e| {
            tracing::warn!(error = %e, "payment notification refused");
            ApiError::bad_request("notification_invalid")
        })?;
    state
        .run(move |st, c| {
            service::apply_report(
                c,
                &n.order_no,
                &n.status,
                n.paid_at,
                "notify",
                st.clock.now(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain")
        .body("SUCCESS"))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(super::receipts::next)
        .service(super::receipts::receipt)
        .service(create)
        .service(list)
        .service(notify);
}
