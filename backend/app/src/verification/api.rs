//! Findings for reviewers: the current set of a registration (and its history), and re-running verification.

use actix_web::{get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::findings::{self, FindingRow};
use weikao_store::registrations;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

/// Which library record a finding rests on.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct EvidenceView {
    /// library code, e.g. `violations`
    pub library: String,
    pub record_id: i64,
    /// the import batch the record came from
    pub batch_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct FindingView {
    pub id: Uuid,
    /// stable rule code, e.g. `violation_active`, `nurse_registration_missing`
    pub rule_code: String,
    /// `block` | `warning` | `hint`
    pub severity: String,
    pub reviewer_message: String,
    pub candidate_message: Option<String>,
    pub evidence: Option<EvidenceView>,
    pub computed_at: chrono::DateTime<chrono::Utc>,
    /// set when a later verification replaced this finding
    pub superseded_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn view(f: FindingRow) -> FindingView {
    FindingView {
        id: f.id,
        rule_code: f.rule_code,
        severity: f.severity,
        reviewer_message: f.reviewer_message,
        candidate_message: f.candidate_message,
        evidence: serde_json::from_value(f.evidence).ok(),
        computed_at: f.computed_at,
        superseded_at: f.superseded_at,
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FindingsQuery {
    /// also the findings earlier verifications produced (newest first)
    pub history: Option<bool>,
}

/// The verification findings of a registration in the caller's scope, block first.
#[utoipa::path(tag = "review", operation_id = "listFindings", params(("id" = Uuid, Path), FindingsQuery), security(("bearer" = [])), responses(
    (status = 200, body = Vec<FindingView>),
    (status = 400, body = Problem, description = "`invalid_path`, `invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)")
))]
#[get("/api/v1/review/registrations/{id}/findings")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
    q: web::Query<FindingsQuery>,
) -> ApiResult<web::Json<Vec<FindingView>>> {
    staff.require(Permission::ReadRegistrations)?;
    let id = id.into_inner();
    let scope = staff.scope_path.clone();
    let history = q.history.unwrap_or(false);
    let rows = state
        .db(move |c| {
            registrations::find_scoped(c, id, &scope)?.ok_or_else(ApiError::not_found)?;
            Ok(if history {
                findings::all(c, id)?
            } else {
                findings::current(c, id)?
            })
        })
        .await?;
    Ok(web::Json(rows.into_iter().map(view).collect()))
}

/// Re-runs verification of a submitted registration against the current libraries (audited).
#[utoipa::path(tag = "review", operation_id = "reverifyRegistration", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<FindingView>, description = "the current findings after the run"),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: reviewers only"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope, and for drafts, which belong to no review scope until submitted)")
))]
#[post("/api/v1/review/registrations/{id}/verify")]
pub async fn rerun(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<FindingView>>> {
    staff.require(Permission::DecideRegistrations)?;
    let id = id.into_inner();
    let scope = staff.scope_path.clone();
    let principal = Principal::Staff(staff.clone());
    let rows = state
        .run(move |st, c| {
            registrations::find_scoped(c, id, &scope)?.ok_or_else(ApiError::not_found)?;
            let now = st.clock.now();
            let today = crate::clock::local_date(now);
            let changed = super::verify_registrations(c, &[id], today, now)?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&principal, "registration.verify")
                    .object("registration", id)
                    .details(serde_json::json!({ "changed": changed > 0 })),
            )?;
            Ok(findings::current(c, id)?)
        })
        .await?;
    Ok(web::Json(rows.into_iter().map(view).collect()))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(rerun);
}
