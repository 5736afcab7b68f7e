//! `/healthz` (process alive), `/readyz` (every dependency: database and migrations critical, object store,
//! payment center, mail and SMS degraded), `/api/v1/service-status` (what candidates can do now), `/metrics`
//! (Prometheus).

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
    /// `ready`, or `degraded` when a non-critical dependency is down (the instance still serves)
    pub status: String,
    pub database: bool,
    pub migrations_applied: bool,
    /// every dependency with what was seen
    pub checks: Vec<crate::ops::deps::DepCheck>,
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

/// Readiness: the database answers and every migration is applied (else 503); the object store, payment
/// center, mail relay and SMS gateway are reported, and any of them down makes the status `degraded`.
#[utoipa::path(tag = "ops", operation_id = "readyz", responses(
    (status = 200, body = Readiness),
    (status = 503, body = Problem, description = "`database_unavailable` or `migrations_pending`")
))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<web::Json<Readiness>> {
    let checks = crate::ops::deps::current(&state).await;
    if !crate::ops::deps::is_ok(&checks, "database") {
        return Err(ApiError::unavailable("database_unavailable"));
    }
    if !crate::ops::deps::is_ok(&checks, "migrations") {
        return Err(ApiError::unavailable("migrations_pending"));
    }
    Ok(web::Json(Readiness {
        status: if checks.iter().all(|c| c.ok) {
            "ready".into()
        } else {
            "degraded".into()
        },
        database: true,
        migrations_applied: true,
        checks,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Availability {
    pub available: bool,
    /// when not available: `payment_center_unavailable` or `storage_unavailable`
    pub code: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceStatus {
    /// paying online (the payment center answers)
    pub payments: Availability,
    /// uploading materials (the object store answers)
    pub uploads: Availability,
}

/// What candidates can do right now: the H5 app shows a notice instead of letting a payment or an upload
/// fail. Drafts, submissions and everything already paid are not affected by either.
#[utoipa::path(tag = "ops", operation_id = "getServiceStatus", responses(
    (status = 200, body = ServiceStatus)
))]
#[get("/api/v1/service-status")]
pub async fn service_status(state: web::Data<AppState>) -> web::Json<ServiceStatus> {
    let checks = crate::ops::deps::current(&state).await;
    let a = |name: &str, code: &str| {
        let ok = crate::ops::deps::is_ok(&checks, name);
        Availability {
            available: ok,
            code: (!ok).then(|| code.to_string()),
        }
    };
    web::Json(ServiceStatus {
        payments: a("payment_center", "payment_center_unavailable"),
        uploads: a("object_store", "storage_unavailable"),
    })
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
    /// only this kind: `backup`, `restore-drill`, `security-patrol`, `preseason-inspection`, `db-inspection`,
    /// `cleanup`, `season-archive`
    pub kind: Option<String>,
}

/// The operations reports (backups, restore drills, security patrols, inspections, cleanups, season archives),
/// newest first (at most 200).
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
        .service(service_status)
        .service(metrics)
        .service(reports)
        .service(report);
}
