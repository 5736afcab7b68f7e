//! The exam region's re-check of supplementary materials (补充材料复核), listed apart from the main review:
//! the queue with counts per status, one supplement, and the decision (accept / return with a reason / reject).

use actix_web::{get, post, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use weikao_core::authz::{Permission, ReviewLevel};
use weikao_core::registration::supplement::{may_decide, Verdict, SUPPLEMENT_KINDS};
use weikao_store::registrations as regs;
use weikao_store::supplements as store;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::supplements::candidate::{no_supplement, supplement_view, SupplementView};
use crate::supplements::service::{notify, on_timeline};

const STATUSES: &[&str] = &[
    "pending",
    "submitted",
    "verified",
    "returned",
    "rejected",
    "expired",
];

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SupplementQuery {
    /// one status: `pending`, `submitted`, `verified`, `returned`, `rejected`, `expired` (default: all)
    pub status: Option<String>,
    pub session_id: Option<Uuid>,
    /// 1-based (default 1)
    pub page: Option<i64>,
    /// 1–100 (default 20)
    pub per_page: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct SupplementQueueItem {
    pub registration_id: Uuid,
    pub candidate_name: String,
    pub session_name: String,
    /// the registration's organisation (exam site or registration point)
    pub org_name: Option<String>,
    pub status: String,
    /// send it back when deciding
    pub version: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// the session's supplement deadline
    pub closes_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct StatusCount {
    pub status: String,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct SupplementQueue {
    /// submitted ones first, oldest submission first; then the rest by last change
    pub items: Vec<SupplementQueueItem>,
    /// matching the filter
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// every status in the scope (and session), for the tabs' badges; zero counts included
    pub counts: Vec<StatusCount>,
}

/// Supplementary materials in the caller's scope (the re-check queue).
#[utoipa::path(tag = "supplements", operation_id = "listSupplements", params(SupplementQuery), security(("bearer" = [])), responses(
    (status = 200, body = SupplementQueue),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 422, body = Problem, description = "`validation_failed`: `status` (`status_unknown`), `page`/`per_page` (`out_of_range`)")
))]
#[get("/api/v1/review/supplements")]
pub async fn list_supplements(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<SupplementQuery>,
) -> ApiResult<web::Json<SupplementQueue>> {
    staff.require(Permission::ReadRegistrations)?;
    let q = q.into_inner();
    if q.status.as_deref().is_some_and(|s| !STATUSES.contains(&s)) {
        return Err(ApiError::field("status", "status_unknown"));
    }
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(20);
    if page < 1 || page > 100_000 {
        return Err(ApiError::field("page", "out_of_range"));
    }
    if !(1..=100).contains(&per_page) {
        return Err(ApiError::field("per_page", "out_of_range"));
    }
    let scope = staff.scope_path.clone();
    let out = state
        .db(move |c| {
            let rows = store::queue(
                c,
                &scope,
                q.status.as_deref(),
                q.session_id,
                per_page,
                (page - 1) * per_page,
            )?;
            let found = store::counts(c, &scope, q.session_id)?;
            let counts = STATUSES
                .iter()
                .map(|s| StatusCount {
                    status: s.to_string(),
                    count: found.iter().find(|f| f.status == *s).map_or(0, |f| f.count),
                })
                .collect();
            let total = rows.first().map_or(0, |r| r.total);
            Ok(SupplementQueue {
                items: rows
                    .into_iter()
                    .map(|r| SupplementQueueItem {
                        registration_id: r.registration_id,
                        candidate_name: r.candidate_name,
                        session_name: r.session_name,
                        org_name: r.org_name,
                        status: r.status,
                        version: r.version,
                        submitted_at: r.submitted_at,
                        decided_at: r.decided_at,
                        reason: r.reason,
                        closes_at: r.closes_at,
                    })
                    .collect(),
                total,
                page,
                per_page,
                counts,
            })
        })
        .await?;
    Ok(web::Json(out))
}

/// One registration's supplement as a reviewer sees it (with its files).
#[utoipa::path(tag = "supplements", operation_id = "getReviewSupplement", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = SupplementView),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope), `no_supplement`")
))]
#[get("/api/v1/review/registrations/{id}/supplement")]
pub async fn get_review_supplement(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<SupplementView>> {
    staff.require(Permission::ReadRegistrations)?;
    let id = id.into_inner();
    let out = state
        .run(move |st, c| {
            let reg =
                regs::find_scoped(c, id, &staff.scope_path)?.ok_or_else(ApiError::not_found)?;
            let sup = store::find(c, id)?.ok_or_else(no_supplement)?;
            let session = weikao_store::catalog::find_session(c, reg.registration.session_id)?
                .ok_or_else(ApiError::internal)?;
            supplement_view(c, &session, sup, st.clock.now())
        })
        .await?;
    Ok(web::Json(out))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupplementAction {
    Accept,
    Return,
    Reject,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplementDecision {
    /// the supplement version the reviewer saw
    pub version: i32,
    pub action: SupplementAction,
    /// required to return or reject (4–500 characters); the candidate reads it
    pub reason: Option<String>,
}

/// The exam region decides on a submitted supplement: accept (verified), return (the candidate uploads again
/// before the deadline) or reject. The candidate is told by e-mail; audited.
#[utoipa::path(tag = "supplements", operation_id = "decideSupplement", params(("id" = Uuid, Path)), request_body = SupplementDecision, security(("bearer" = [])), responses(
    (status = 200, body = SupplementView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: exam-region reviewers only"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope), `no_supplement`"),
    (status = 409, body = Problem, description = "`version_conflict`, `supplement_not_submitted`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `reason` (`reason_required`, `reason_length`)")
))]
#[post("/api/v1/review/registrations/{id}/supplement/decision")]
pub async fn decide_supplement(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<SupplementDecision>,
) -> ApiResult<web::Json<SupplementView>> {
    staff.require(Permission::DecideRegistrations)?;
    if staff.level != Some(ReviewLevel::Region) {
        return Err(
            ApiError::forbidden().detail("only the exam region re-checks supplementary materials")
        );
    }
    let req = body.into_inner();
    let verdict = match req.action {
        SupplementAction::Accept => Verdict::Accept,
        SupplementAction::Return => Verdict::Return,
        SupplementAction::Reject => Verdict::Reject,
    };
    let reason = weikao_core::review::reason_text(req.reason.as_deref(), verdict.needs_reason())
        .map_err(|code| ApiError::field("reason", code))?;
    let id = id.into_inner();
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                let reg = regs::find_scoped(conn, id, &staff.scope_path)?
                    .ok_or_else(ApiError::not_found)?;
                let sup = store::lock(conn, id)?.ok_or_else(no_supplement)?;
                if sup.version != req.version {
                    return Err(ApiError::conflict("version_conflict").detail(format!(
                        "someone else changed this supplement (now version {}); reload it",
                        sup.version
                    )));
                }
                if !may_decide(&sup.status) {
                    return Err(ApiError::conflict("supplement_not_submitted")
                        .detail(format!("the supplement is {}", sup.status)));
                }
                let reg = reg.registration;
                store::mark_materials(
                    conn,
                    id,
                    SUPPLEMENT_KINDS,
                    verdict.material_status(),
                    reason.as_deref(),
                )?;
                let sup =
                    store::mark_decided(conn, id, verdict.to_status(), reason.as_deref(), staff.id, now)?;
                let action = format!("supplement_{}", req_action(req.action));
                on_timeline(conn, &reg, &action, Some(staff.id), reason.as_deref())?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "supplement.decide")
                        .object("registration", id)
                        .details(serde_json::json!({ "action": req_action(req.action), "reason": reason })),
                )?;
                let session = weikao_store::catalog::find_session(conn, reg.session_id)?
                    .ok_or_else(ApiError::internal)?;
                notify(conn, reg.candidate_id, &session.name, session.supplement_closes_at, verdict.to_status())?;
                supplement_view(conn, &session, sup, now)
            })
        })
        .await?;
    Ok(web::Json(out))
}

fn req_action(a: SupplementAction) -> &'static str {
    match a {
        SupplementAction::Accept => "accept",
        SupplementAction::Return => "return",
        SupplementAction::Reject => "reject",
    }
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_supplements)
        .service(get_review_supplement)
        .service(decide_supplement);
}
