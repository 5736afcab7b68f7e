use actix_web::{get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_core::identity::normalize_id_input;
use weikao_store::registrations::{self, RegistrationRow, ScopedFilter};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct RegistrationSummary {
    pub id: Uuid,
    pub session_id: Uuid,
    pub exam_type: String,
    pub session_name: String,
    pub status: String,
    pub current_level: Option<String>,
    pub version: i32,
    pub candidate_name: String,
    /// masked, e.g. `410102********1234`
    pub id_number_masked: String,
    pub org_id: Option<Uuid>,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationPage {
    pub items: Vec<RegistrationSummary>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationDetail {
    #[serde(flatten)]
    pub summary: RegistrationSummary,
    /// the form as submitted (identity fields masked)
    pub form: serde_json::Value,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    pub session_id: Option<Uuid>,
    pub status: Option<String>,
    /// candidate name prefix, or a full ID number (matched through the blind index)
    pub q: Option<String>,
    /// 1-based page (default 1, at most 1000000)
    pub page: Option<i64>,
    /// 1–200 (default 20)
    pub page_size: Option<i64>,
    /// only registrations waiting for a decision at the caller's review level
    pub pending: Option<bool>,
}

fn summary(r: RegistrationRow) -> RegistrationSummary {
    RegistrationSummary {
        id: r.registration.id,
        session_id: r.registration.session_id,
        exam_type: r.exam_type,
        session_name: r.session_name,
        status: r.registration.status,
        current_level: r.registration.current_level,
        version: r.registration.version,
        candidate_name: r.candidate_name,
        id_number_masked: r.id_number_masked,
        org_id: r.registration.org_id,
        submitted_at: r.registration.submitted_at,
    }
}

/// Registrations in the caller's data scope, newest submission first.
#[utoipa::path(tag = "review", operation_id = "listReviewRegistrations", params(QueueQuery), security(("bearer" = [])), responses(
    (status = 200, body = RegistrationPage),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`")
))]
#[get("/api/v1/review/registrations")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<QueueQuery>,
) -> ApiResult<web::Json<RegistrationPage>> {
    staff.require(Permission::ReadRegistrations)?;
    let q = q.into_inner();
    let page = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let page_size = q.page_size.unwrap_or(20).clamp(1, 200);
    let search =
        q.q.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
    // a search term with digits is an ID number: look it up by blind index, never by plain text
    let (bidx, name) = match &search {
        Some(s) if s.chars().any(|c| c.is_ascii_digit()) => (
            Some(state.keys.pii.blind_index(&normalize_id_input(s))),
            None,
        ),
        Some(s) => (None, Some(s.clone())),
        None => (None, None),
    };
    // staff without a review level have nothing waiting at "their" level: an empty page, not an error
    let pending_at = q.pending.unwrap_or(false).then(|| {
        staff
            .level
            .map(|l| l.as_str())
            .unwrap_or("none")
            .to_string()
    });
    let scope = staff.scope_path.clone();
    let (total, rows) = state
        .db(move |c| {
            let f = ScopedFilter {
                scope_path: &scope,
                session_id: q.session_id,
                status: q.status.as_deref(),
                id_number_bidx: bidx,
                name: name.as_deref(),
                pending_at: pending_at.as_deref(),
            };
            Ok(registrations::list_scoped(
                c,
                &f,
                (page - 1) * page_size,
                page_size,
            )?)
        })
        .await?;
    Ok(web::Json(RegistrationPage {
        items: rows.into_iter().map(summary).collect(),
        total,
        page,
        page_size,
    }))
}

/// One registration in the caller's scope; another scope's registration answers 404.
#[utoipa::path(tag = "review", operation_id = "getReviewRegistration", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = RegistrationDetail),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also for registrations outside the caller's scope)")
))]
#[get("/api/v1/review/registrations/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<RegistrationDetail>> {
    staff.require(Permission::ReadRegistrations)?;
    let id = id.into_inner();
    let scope = staff.scope_path.clone();
    let row = state
        .db(move |c| registrations::find_scoped(c, id, &scope)?.ok_or_else(ApiError::not_found))
        .await?;
    let form = row.registration.form.clone();
    Ok(web::Json(RegistrationDetail {
        summary: summary(row),
        form,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevealRequest {
    /// why the full number is needed (kept in the audit log), 4–200 characters
    #[schema(min_length = 4, max_length = 200)]
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct RevealedIdNumber {
    pub id_type: String,
    pub id_number: String,
}

/// Reveals the full ID number of a registration's candidate (permission `can_reveal_pii`; audited).
#[utoipa::path(tag = "review", operation_id = "revealRegistrationIdNumber", params(("id" = Uuid, Path)), request_body = RevealRequest, security(("bearer" = [])), responses(
    (status = 200, body = RevealedIdNumber),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: no reveal permission"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `reason` (`reason_length`)")
))]
#[post("/api/v1/review/registrations/{id}/reveal-id-number")]
pub async fn reveal(
    state: web::Data<AppState>,
    staff: StaffUser,
    ctx: ReqCtx,
    id: web::Path<Uuid>,
    body: web::Json<RevealRequest>,
) -> ApiResult<web::Json<RevealedIdNumber>> {
    staff.require(Permission::ReadRegistrations)?;
    let reason = body.into_inner().reason.trim().to_string();
    let n = reason.chars().count();
    if !(4..=200).contains(&n) {
        return Err(ApiError::field("reason", "reason_length"));
    }
    let id = id.into_inner();
    let out = state
        .run(move |st, c| {
            let row = registrations::find_scoped(c, id, &staff.scope_path)?
                .ok_or_else(ApiError::not_found)?;
            let principal = Principal::Staff(staff.clone());
            if !staff.can_reveal_pii {
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&principal, "review.reveal_id_number")
                        .object("registration", id)
                        .outcome("denied"),
                )?;
                return Err(ApiError::forbidden()
                    .detail("revealing ID numbers needs the reveal permission"));
            }
            let enc = registrations::candidate_id_ciphertext(c, row.registration.candidate_id)?;
            let plain = st
                .keys
                .pii
                .decrypt(&enc)
                .map_err(|_| ApiError::internal())?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&principal, "review.reveal_id_number")
                    .object("registration", id)
                    .details(serde_json::json!({ "reason": reason })),
            )?;
            let id_type = weikao_store::accounts::find_candidate(c, row.registration.candidate_id)?
                .map(|x| x.id_type)
                .unwrap_or_default();
            Ok(RevealedIdNumber {
                id_type,
                id_number: plain,
            })
        })
        .await?;
    Ok(web::Json(out))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(detail)
        .service(reveal)
        .service(crate::review::decisions::decide);
}
