//! The provincial base-resource system's probation-certificate API (scope `probation:write`). POSTs accept
//! `Idempotency-Key`; every change is audited.

use actix_web::http::StatusCode;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiResult, Problem};
use crate::exchange::idempotency::{self, key_of};
use crate::exchange::probation::{self, Filer, FilingRequest, FilingView};
use crate::exchange::scopes;
use crate::http::auth::{ClientUser, Principal};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

fn filer(c: &ClientUser) -> Filer {
    Filer {
        client: Some(c.id),
        label: format!("client:{}", c.client_id),
        institution: None,
    }
}

fn audit(
    conn: &mut diesel::PgConnection,
    ctx: &ReqCtx,
    c: &ClientUser,
    action: &'static str,
    v: &FilingView,
) -> ApiResult<()> {
    record(
        conn,
        Some(ctx),
        AuditEvent::by(&Principal::Client(c.clone()), action)
            .object("probation_filing", &v.filing_no)
            .details(serde_json::json!({ "institution_code": v.institution_code })),
    )?;
    Ok(())
}

/// Files a probation certificate. Idempotent with `Idempotency-Key`. The person's open registrations are
/// re-verified before the response.
#[utoipa::path(tag = "exchange", operation_id = "fileProbationCertificate", request_body = FilingRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "retry-safe key, 1–128 visible ASCII characters")),
    security(("bearer" = [])), responses(
    (status = 201, body = FilingView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`, `invalid_idempotency_key`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden` (scope `probation:write`), `origin_not_allowed`"),
    (status = 409, body = Problem, description = "`already_filed`, `certificate_number_taken`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` (per field: ID number codes, name codes, `category_invalid`, `dates_out_of_order`, `ended_in_future`, `probation_too_short`, `issued_before_end`, `issued_in_future`, `certificate_number_invalid`, `seal_required`, `institution_unknown`), `idempotency_key_reused`"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[post("/api/v1/exchange/probation-filings")]
pub async fn file(
    state: web::Data<AppState>,
    req: HttpRequest,
    ctx: ReqCtx,
    client: ClientUser,
    body: web::Json<FilingRequest>,
) -> ApiResult<HttpResponse> {
    client.require_scope(scopes::PROBATION_WRITE)?;
    let key = key_of(&req)?;
    let body = body.into_inner();
    let out = state
        .run(move |st, c| {
            idempotency::run(
                c,
                &client,
                key.as_deref(),
                "fileProbationCertificate",
                &body,
                st.clock.now(),
                |c| {
                    let v = probation::file(st, c, &filer(&client), &body)?;
                    audit(c, &ctx, &client, "probation.file", &v)?;
                    Ok((StatusCode::CREATED, v))
                },
            )
        })
        .await?;
    Ok(out.into_response())
}

/// Replaces a filed certificate's content (same person).
#[utoipa::path(tag = "exchange", operation_id = "updateProbationCertificate", request_body = FilingRequest,
    params(("filing_no" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = FilingView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`, `origin_not_allowed`"),
    (status = 404, body = Problem, description = "`not_found` (also another client's filing)"),
    (status = 409, body = Problem, description = "`filing_revoked`, `certificate_number_taken`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` (as for filing, and `person_changed`)"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[put("/api/v1/exchange/probation-filings/{filing_no}")]
pub async fn update(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    client: ClientUser,
    filing_no: web::Path<String>,
    body: web::Json<FilingRequest>,
) -> ApiResult<web::Json<FilingView>> {
    client.require_scope(scopes::PROBATION_WRITE)?;
    let filing_no = filing_no.into_inner();
    let body = body.into_inner();
    let out = state
        .run(move |st, c| {
            use diesel::Connection;
            c.transaction(|c| {
                let v = probation::update(st, c, &filer(&client), &filing_no, &body)?;
                audit(c, &ctx, &client, "probation.update", &v)?;
                Ok(v)
            })
        })
        .await?;
    Ok(web::Json(out))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeRequest {
    /// why the certificate is withdrawn (1–500 characters)
    pub reason: String,
}

/// Revokes a certificate: it leaves the probation library and the person's open registrations are re-verified.
#[utoipa::path(tag = "exchange", operation_id = "revokeProbationCertificate", request_body = RevokeRequest,
    params(("filing_no" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "retry-safe key")),
    security(("bearer" = [])), responses(
    (status = 200, body = FilingView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `invalid_idempotency_key`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`, `origin_not_allowed`"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`filing_revoked`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` (`reason_required`), `idempotency_key_reused`"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[post("/api/v1/exchange/probation-filings/{filing_no}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    req: HttpRequest,
    ctx: ReqCtx,
    client: ClientUser,
    filing_no: web::Path<String>,
    body: web::Json<RevokeRequest>,
) -> ApiResult<HttpResponse> {
    client.require_scope(scopes::PROBATION_WRITE)?;
    let key = key_of(&req)?;
    let filing_no = filing_no.into_inner();
    let body = body.into_inner();
    let out = state
        .run(move |st, c| {
            let request = (&filing_no, &body);
            idempotency::run(
                c,
                &client,
                key.as_deref(),
                "revokeProbationCertificate",
                &request,
                st.clock.now(),
                |c| {
                    let v = probation::revoke(st, c, &filer(&client), &filing_no, &body.reason)?;
                    audit(c, &ctx, &client, "probation.revoke", &v)?;
                    Ok((StatusCode::OK, v))
                },
            )
        })
        .await?;
    Ok(out.into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FilingQuery {
    pub institution_code: Option<String>,
    /// 1-based (default 1)
    pub page: Option<i64>,
    /// 1–200 (default 50)
    pub page_size: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct FilingPage {
    pub items: Vec<FilingView>,
    pub page: i64,
    pub page_size: i64,
}

/// The filings this client made, newest change first (revoked ones included).
#[utoipa::path(tag = "exchange", operation_id = "listProbationCertificates", params(FilingQuery), security(("bearer" = [])), responses(
    (status = 200, body = FilingPage),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`, `origin_not_allowed`"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[get("/api/v1/exchange/probation-filings")]
pub async fn list(
    state: web::Data<AppState>,
    client: ClientUser,
    q: web::Query<FilingQuery>,
) -> ApiResult<web::Json<FilingPage>> {
    client.require_scope(scopes::PROBATION_WRITE)?;
    let q = q.into_inner();
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let page_size = q.page_size.unwrap_or(50).clamp(1, 200);
    let items = state
        .run(move |_, c| {
            Ok(weikao_store::probation::list_by_client(
                c,
                client.id,
                q.institution_code.as_deref(),
                (page - 1) * page_size,
                page_size,
            )?)
        })
        .await?
        .into_iter()
        .map(|f| probation::view(f, 0))
        .collect();
    Ok(web::Json(FilingPage {
        items,
        page,
        page_size,
    }))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(file)
        .service(update)
        .service(revoke);
}
