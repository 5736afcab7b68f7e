//! Auditor endpoints: browse the audit log, verify the hash chain.

use actix_web::{get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use weikao_core::authz::Permission;

use crate::audit::chain::ChainReport;
use crate::error::{ApiResult, Problem};
use crate::http::auth::StaffUser;
use crate::http::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// action prefix, e.g. `auth.` or `review.reveal`
    pub action: Option<String>,
    /// actor id (staff UUID, candidate UUID or client id)
    pub actor: Option<String>,
    /// return events with id lower than this (paging backwards)
    pub before: Option<i64>,
    /// page size, 1–500 (default 100)
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEventView {
    pub id: i64,
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_kind: Option<String>,
    pub object_id: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub details: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEventView>,
    /// pass as `before` to get the next (older) page; absent on the last page
    pub next_before: Option<i64>,
}

/// Audit events, newest first.
#[utoipa::path(tag = "audit", operation_id = "listAuditEvents", params(AuditQuery), security(("bearer" = [])), responses(
    (status = 200, body = AuditPage),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: auditors only")
))]
#[get("/api/v1/audit/events")]
pub async fn list_events(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<AuditQuery>,
) -> ApiResult<web::Json<AuditPage>> {
    staff.require(Permission::ReadAudit)?;
    let q = q.into_inner();
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let rows = state
        .db(move |conn| {
            Ok(weikao_store::audit::search(
                conn,
                q.action.as_deref(),
                q.actor.as_deref(),
                q.before,
                limit,
            )?)
        })
        .await?;
    let next_before = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    let items = rows
        .into_iter()
        .map(|r| AuditEventView {
            id: r.id,
            occurred_at: r.occurred_at,
            actor_kind: r.actor_kind,
            actor_id: r.actor_id,
            action: r.action,
            object_kind: r.object_kind,
            object_id: r.object_id,
            outcome: r.outcome,
            ip: r.ip,
            request_id: r.request_id,
            details: r.details,
        })
        .collect();
    Ok(web::Json(AuditPage { items, next_before }))
}

/// Verifies the audit hash chain (modified, deleted or truncated rows) against the anchor file.
#[utoipa::path(tag = "audit", operation_id = "verifyAuditChain", security(("bearer" = [])), responses(
    (status = 200, body = ChainReport),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: auditors only")
))]
#[get("/api/v1/audit/chain")]
pub async fn verify_chain(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<ChainReport>> {
    staff.require(Permission::ReadAudit)?;
    let anchor = state.cfg.audit_anchor_path();
    let report = state
        .db(move |conn| Ok(crate::audit::chain::verify(conn, Some(&anchor))?))
        .await?;
    Ok(web::Json(report))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_events).service(verify_chain);
}
