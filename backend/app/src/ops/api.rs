//! `/healthz` (process alive), `/readyz` (database reachable and migrated), `/metrics` (Prometheus).

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, ApiResult, Problem};
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`
    pub status: String,
    pub version: String,
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// `ready`
    pub status: String,
    pub database: bool,
    pub migrations_applied: bool,
}

/// Liveness: the process answers.
#[utoipa::path(tag = "ops", operation_id = "healthz", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<Health> {
    web::Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Readiness: the database answers and every migration is applied.
#[utoipa::path(tag = "ops", operation_id = "readyz", responses(
    (status = 200, body = Readiness),
    (status = 503, body = Problem, description = "`database_unavailable` or `migrations_pending`")
))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<web::Json<Readiness>> {
    let applied = state
        .db(|conn| {
            weikao_store::db::migrations_applied(conn)
                .map_err(|_| ApiError::unavailable("database_unavailable"))
        })
        .await?;
    if !applied {
        return Err(ApiError::unavailable("migrations_pending"));
    }
    Ok(web::Json(Readiness {
        status: "ready".into(),
        database: true,
        migrations_applied: true,
    }))
}

/// Prometheus metrics: requests by route and status with latency histograms, pool and queue gauges.
#[utoipa::path(tag = "ops", operation_id = "metrics", responses(
    (status = 200, content_type = "text/plain", body = String),
    (status = 503, body = Problem, description = "`database_unavailable`")
))]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let (queued, outbox) = state
        .db(|conn| {
            Ok((
                weikao_store::jobs::queue_depth(conn)?,
                weikao_store::outbox::pending_count(conn)?,
            ))
        })
        .await?;
    let pool = state.pool.state();
    let text = state.metrics.render(&[
        (
            "weikao_db_pool_connections",
            "Open connections in the pool.",
            pool.connections as f64,
        ),
        (
            "weikao_db_pool_idle",
            "Idle connections in the pool.",
            pool.idle_connections as f64,
        ),
        (
            "weikao_db_pool_max",
            "Pool size limit.",
            state.pool.max_size() as f64,
        ),
        (
            "weikao_jobs_queued",
            "Jobs waiting in the queue.",
            queued as f64,
        ),
        (
            "weikao_outbox_pending",
            "Messages waiting for delivery.",
            outbox as f64,
        ),
    ]);
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(text))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// only this kind: `backup`, `restore-drill`, `security-patrol`
    pub kind: Option<String>,
}

/// The operations reports (backups, restore drills, security patrols), newest first (at most 200).
#[utoipa::path(tag = "ops", operation_id = "listOpsReports", params(ReportQuery), security(("bearer" = [])), responses(
    (status = 200, body = Vec<crate::ops::reports::ReportEntry>),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: system administrators and auditors")
))]
#[get("/api/v1/admin/reports")]
pub async fn reports(
    state: web::Data<AppState>,
    staff: crate::http::auth::StaffUser,
    q: web::Query<ReportQuery>,
) -> ApiResult<web::Json<Vec<crate::ops::reports::ReportEntry>>> {
    staff.require(weikao_core::authz::Permission::ReadOpsReports)?;
    let cfg = state.cfg.clone();
    let kind = q.into_inner().kind;
    let list = web::block(move || crate::ops::reports::list(&cfg, kind.as_deref(), 200)).await?;
    Ok(web::Json(list))
}

/// One report as written by its command: `{kind, at, report}`.
#[utoipa::path(tag = "ops", operation_id = "getOpsReport", params(("name" = String, Path, description = "the report's file name")), security(("bearer" = [])), responses(
    (status = 200, body = Object),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found`")
))]
#[get("/api/v1/admin/reports/{name}")]
pub async fn report(
    state: web::Data<AppState>,
    staff: crate::http::auth::StaffUser,
    name: web::Path<String>,
) -> ApiResult<web::Json<serde_json::Value>> {
    staff.require(weikao_core::authz::Permission::ReadOpsReports)?;
    let cfg = state.cfg.clone();
    let name = name.into_inner();
    let body = web::block(move || crate::ops::reports::read(&cfg, &name))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(web::Json(body))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(healthz)
        .service(readyz)
        .service(metrics)
        .service(reports)
        .service(report);
}
