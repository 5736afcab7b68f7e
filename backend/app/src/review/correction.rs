//! Staff data correction (exam region only): a field of a submitted registration corrected for the candidate
//! with a reason, validated like the candidate's own save, kept as a new version and on the timeline,
//! audited, and the candidate told. The rule is `weikao_core::review::correction`.

use actix_web::{post, web};
use diesel::Connection;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::{Permission, ReviewLevel};
use weikao_core::review::correction::{self as rule, Refusal};
use weikao_store::registrations::{self as regs, NewAction};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::registration::service as reg_service;
use crate::review::decisions::{check_version, DecisionResult};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// the registration version the reviewer saw
    pub version: i32,
    /// a merge patch of the form, e.g. `{"education": {"school": "郑州大学"}}`; the exam section is refused
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    /// why (4–500 characters; shown to the candidate, kept on the timeline and in the audit log)
    pub reason: String,
}

/// Corrects fields of a submitted registration for the candidate (exam region).
#[utoipa::path(tag = "review", operation_id = "correctRegistration", params(("id" = Uuid, Path)), request_body = CorrectionRequest, security(("bearer" = [])), responses(
    (status = 200, body = DecisionResult),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: exam-region reviewers only"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 409, body = Problem, description = "`version_conflict`, `registration_not_correctable` (a draft, returned or rejected registration)"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `changes` (`no_changes`), `<section.field>` (`field_not_correctable` for the exam section, or the form's own field codes), `reason` (`reason_length`)")
))]
#[post("/api/v1/review/registrations/{id}/corrections")]
pub async fn correct(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<CorrectionRequest>,
) -> ApiResult<web::Json<DecisionResult>> {
    staff.require(Permission::DecideRegistrations)?;
    if staff.level != Some(ReviewLevel::Region) {
        return Err(ApiError::forbidden().detail("only the exam region corrects registration data"));
    }
    let req = body.into_inner();
    if !req.changes.is_object() {
        return Err(ApiError::field("changes", "invalid_value"));
    }
    let reason = req.reason.trim().to_string();
    let id = id.into_inner();
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                regs::find_scoped(conn, id, &staff.scope_path)?.ok_or_else(ApiError::not_found)?;
                let reg = regs::lock(conn, id)?;
                check_version(&reg, req.version)?;
                let touched = reg_service::touched_keys(&req.changes);
                match rule::check(&reg.status, &touched, &reason) {
                    Ok(()) => {}
                    Err(Refusal::Status) => {
                        return Err(ApiError::conflict("registration_not_correctable").detail(
                            "drafts and returned registrations are the candidate's to edit; rejected ones are final",
                        ))
                    }
                    Err(Refusal::Fields(errors)) => return Err(ApiError::validation(errors)),
                }
                let session = weikao_store::catalog::find_session(conn, reg.session_id)?
                    .ok_or_else(ApiError::internal)?;
                let kind = reg_service::kind_of_session(&session)?;
                let form = reg_service::patched_form(st, kind, &reg.form, &req.changes)?;
                if form == reg.form {
                    return Err(ApiError::field("changes", "no_changes"));
                }
                let saved = regs::save_form(conn, id, &form, now)?;
                regs::insert_version(conn, &saved, "staff_correction", "staff", Some(staff.id))?;
                regs::insert_action(
                    conn,
                    &NewAction {
                        registration_id: id,
                        level: Some("region"),
                        action: "correct",
                        actor_kind: "staff",
                        actor_id: Some(staff.id),
                        reason_codes: vec![],
                        comment: Some(&reason),
                        comment_public: true,
                        from_status: &reg.status,
                        to_status: &reg.status,
                        registration_version: saved.version,
                        returned_fields: vec![],
                        returned_materials: vec![],
                        override_reason: None,
                    },
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "review.correct")
                        .object("registration", id)
                        .details(serde_json::json!({ "fields": touched, "reason": reason })),
                )?;
                reg_service::notify_status(conn, reg.candidate_id, &session.name, "corrected")?;
                Ok(DecisionResult {
                    id,
                    status: saved.status,
                    current_level: saved.current_level,
                    version: saved.version,
                })
            })
        })
        .await?;
    Ok(web::Json(out))
}
