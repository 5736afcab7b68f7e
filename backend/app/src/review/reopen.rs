//! Reopening a finally approved registration before payment (exam region only; reason required; audited;
//! the candidate is told). It waits again at the last level of the chain.

use actix_web::{post, web};
use diesel::Connection;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::{Permission, ReviewLevel};
use weikao_core::review::reopen as rule;
use weikao_store::registrations::{self as regs, NewAction};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::review::decisions::{check_version, DecisionResult};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReopenRequest {
    /// the registration version the reviewer saw
    pub version: i32,
    /// why (4–500 characters; kept on the timeline and in the audit log)
    pub reason: String,
}

/// Order states in which money may still arrive or has arrived: reopening would race the payment.
pub(crate) const LIVE_ORDER: &[&str] = &["created", "pending", "expired", "paid", "refunding"];

/// Reopens a finally approved, unpaid registration for review at the exam region.
#[utoipa::path(tag = "review", operation_id = "reopenRegistration", params(("id" = Uuid, Path)), request_body = ReopenRequest, security(("bearer" = [])), responses(
    (status = 200, body = DecisionResult),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: exam-region reviewers only"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 409, body = Problem, description = "`version_conflict`, `registration_not_pending` (not finally approved), `payment_in_progress` (an order is open or paid), `level_not_in_chain`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `reason` (`reason_length`)")
))]
#[post("/api/v1/review/registrations/{id}/reopen")]
pub async fn reopen(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<ReopenRequest>,
) -> ApiResult<web::Json<DecisionResult>> {
    staff.require(Permission::DecideRegistrations)?;
    if staff.level != Some(ReviewLevel::Region) {
        return Err(
            ApiError::forbidden().detail("only the exam region reopens approved registrations")
        );
    }
    let req = body.into_inner();
    let reason = req.reason.trim().to_string();
    if !(4..=500).contains(&reason.chars().count()) {
        return Err(ApiError::field("reason", "reason_length"));
    }
    let id = id.into_inner();
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                regs::find_scoped(conn, id, &staff.scope_path)?.ok_or_else(ApiError::not_found)?;
                let reg = regs::lock(conn, id)?;
                check_version(&reg, req.version)?;
                let session = weikao_store::catalog::find_session(conn, reg.session_id)?
                    .ok_or_else(ApiError::internal)?;
                let t = rule(&session.review_chain, &reg.status)
                    .map_err(|e| ApiError::conflict(e.code()))?;
                let live: Vec<String> = weikao_store::payments::for_registration(conn, id)?
                    .into_iter()
                    .filter(|o| LIVE_ORDER.contains(&o.status.as_str()))
                    .map(|o| o.order_no)
                    .collect();
                if !live.is_empty() {
                    return Err(ApiError::conflict("payment_in_progress").detail(format!(
                        "payment orders {} are open or paid",
                        live.join(", ")
                    )));
                }
                let updated = regs::apply_decision(
                    conn,
                    id,
                    t.to_status,
                    t.to_level.as_deref(),
                    t.final_decision,
                    now,
                )?;
                regs::insert_version(conn, &updated, "reopen", "staff", Some(staff.id))?;
                regs::insert_action(
                    conn,
                    &NewAction {
                        registration_id: id,
                        level: Some("region"),
                        action: "reopen",
                        actor_kind: "staff",
                        actor_id: Some(staff.id),
                        reason_codes: vec![],
                        comment: Some(&reason),
                        comment_public: false,
                        from_status: &reg.status,
                        to_status: t.to_status,
                        registration_version: updated.version,
                        returned_fields: vec![],
                        returned_materials: vec![],
                        override_reason: None,
                    },
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "review.reopen")
                        .object("registration", id)
                        .details(serde_json::json!({ "reason": reason, "from": reg.status })),
                )?;
                crate::registration::service::notify_status(
                    conn,
                    reg.candidate_id,
                    &session.name,
                    "reopened",
                )?;
                Ok(DecisionResult {
                    id,
                    status: updated.status,
                    current_level: updated.current_level,
                    version: updated.version,
                })
            })
        })
        .await?;
    Ok(web::Json(out))
}
