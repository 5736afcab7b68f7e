//! Payment administration: reconciliation runs and their reports.

use actix_web::{get, post, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use weikao_core::authz::Permission;

use super::gateway::PayCenter;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::StaffUser;
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ReconciliationView {
    pub id: uuid::Uuid,
    /// the statement day (Asia/Shanghai)
    pub day: NaiveDate,
    /// `clean` | `discrepancies`
    pub status: String,
    pub matched: i32,
    pub discrepancies: i32,
    /// orders the statement showed paid that were applied by this run (after querying them)
    pub healed: i32,
    pub ours_total_fen: i64,
    pub theirs_total_fen: i64,
    /// the orders that do not match: `{order_no, class (missing_there|missing_here|mismatch|duplicate), ours_fen, theirs_fen}`
    pub items: serde_json::Value,
    pub run_by: String,
    pub run_at: chrono::DateTime<chrono::Utc>,
}

fn view(r: weikao_store::payments::Reconciliation) -> ReconciliationView {
    ReconciliationView {
        id: r.id,
        day: r.day,
        status: r.status,
        matched: r.matched,
        discrepancies: r.discrepancies,
        healed: r.healed,
        ours_total_fen: r.ours_total_fen,
        theirs_total_fen: r.theirs_total_fen,
        items: r.items,
        run_by: r.run_by,
        run_at: r.run_at,
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReconcileRequest {
    /// the statement day (Asia/Shanghai), e.g. `2027-03-01`
    pub day: NaiveDate,
}

/// Reconciles one day against the payment center's statement (audited); heals payments we missed.
#[utoipa::path(tag = "payments", operation_id = "runReconciliation", request_body = ReconcileRequest, security(("bearer" = [])), responses(
    (status = 200, body = ReconciliationView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 503, body = Problem, description = "`payment_center_unavailable`: the statement could not be fetched")
))]
#[post("/api/v1/admin/payments/reconciliations")]
pub async fn run(
    state: web::Data<AppState>,
    staff: StaffUser,
    body: web::Json<ReconcileRequest>,
) -> ApiResult<web::Json<ReconciliationView>> {
    staff.require(Permission::ManagePayments)?;
    let center = PayCenter::from_config(&state.cfg);
    let r = super::reconcile::run(
        &state.pool,
        &center,
        body.day,
        state.clock.now(),
        &format!("staff:{}", staff.id),
    )
    .await
    .map_err(|e| {
        tracing::warn!(error = %e, "reconciliation failed");
        ApiError::unavailable("payment_center_unavailable")
    })?;
    Ok(web::Json(view(r)))
}

/// The latest reconciliation runs, newest day first (at most 60).
#[utoipa::path(tag = "payments", operation_id = "listReconciliations", security(("bearer" = [])), responses(
    (status = 200, body = Vec<ReconciliationView>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only")
))]
#[get("/api/v1/admin/payments/reconciliations")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<Vec<ReconciliationView>>> {
    staff.require(Permission::ManagePayments)?;
    let rows = state
        .db(|c| Ok(weikao_store::payments::recent_reconciliations(c, 60)?))
        .await?;
    Ok(web::Json(rows.into_iter().map(view).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct PaymentAlert {
    pub order_no: String,
    pub registration_id: uuid::Uuid,
    pub stage_code: String,
    pub amount_fen: i64,
    /// order status, e.g. `pending`, `refunding`, `refunded`
    pub status: String,
    /// `amount_mismatch`, `second_transaction_for_order`, `duplicate_payment`, `paid_after_close`
    pub alert: String,
    /// refund status when the money is being returned: `queued`, `succeeded`, `failed`
    pub refund_status: Option<String>,
    pub refund_no: Option<String>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// Payment orders that need a person (wrong amounts, unexpected transactions, refunds), newest first.
#[utoipa::path(tag = "payments", operation_id = "listPaymentAlerts", security(("bearer" = [])), responses(
    (status = 200, body = Vec<PaymentAlert>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only")
))]
#[get("/api/v1/admin/payments/alerts")]
pub async fn alerts(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<Vec<PaymentAlert>>> {
    staff.require(Permission::ManagePayments)?;
    let rows = state
        .db(|c| Ok(weikao_store::payments::alerts(c, 200)?))
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|(o, r)| PaymentAlert {
                order_no: o.order_no,
                registration_id: o.registration_id,
                stage_code: o.stage_code,
                amount_fen: o.amount_fen,
                status: o.status,
                alert: o.alert.unwrap_or_default(),
                refund_status: r.as_ref().map(|r| r.status.clone()),
                refund_no: r.map(|r| r.refund_no),
                updated_at: o.updated_at,
            })
            .collect(),
    ))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(run).service(list).service(alerts);
}
