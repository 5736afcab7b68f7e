//! The institution portal: users of a medical institution (role `institution`) file, update, revoke and list
//! their institution's probation certificates in the console — the same rules and effects as the
//! base-resource system's push API (`probation_api`), for their own institution only.

use actix_web::{get, post, put, web, HttpResponse};
use diesel::Connection;
use utoipa_actix_web::service_config::ServiceConfig;
use weikao_core::authz::Permission;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::exchange::probation::{self, Filer, FilingRequest, FilingView};
use crate::exchange::probation_api::{FilingPage, FilingQuery, RevokeRequest};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

fn filer(staff: &StaffUser) -> ApiResult<Filer> {
    staff.require(Permission::FileProbation)?;
    let code = staff
        .institution_code
        .clone()
        .ok_or_else(ApiError::forbidden)?;
    Ok(Filer {
        client: None,
        label: format!("institution:{code}"),
        institution: Some(code),
    })
}

fn audit(
    conn: &mut diesel::PgConnection,
    ctx: &ReqCtx,
    staff: &StaffUser,
    action: &'static str,
    v: &FilingView,
) -> ApiResult<()> {
    record(
        conn,
        Some(ctx),
        AuditEvent::by(&Principal::Staff(staff.clone()), action)
            .object("probation_filing", &v.filing_no)
            .details(serde_json::json!({ "institution_code": v.institution_code })),
    )?;
    Ok(())
}

/// The institution's certificates (whoever filed them), newest change first.
#[utoipa::path(tag = "institution", operation_id = "listInstitutionFilings", params(FilingQuery), security(("bearer" = [])), responses(
    (status = 200, body = FilingPage),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: institution users only")
))]
#[get("/api/v1/institution/probation-filings")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<FilingQuery>,
) -> ApiResult<web::Json<FilingPage>> {
    let f = filer(&staff)?;
    let q = q.into_inner();
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let page_size = q.page_size.unwrap_or(50).clamp(1, 200);
    let code = f.institution.expect("portal filer");
    let items = state
        .db(move |c| {
            Ok(weikao_store::probation::list_by_institution(
                c,
                &code,
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

/// Files a certificate of the user's institution (same rules as `fileProbationCertificate`).
#[utoipa::path(tag = "institution", operation_id = "fileInstitutionProbation", request_body = FilingRequest, security(("bearer" = [])), responses(
    (status = 201, body = FilingView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: institution users only"),
    (status = 409, body = Problem, description = "`already_filed`, `certificate_number_taken`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` (as `fileProbationCertificate`, and `institution_code`: `not_your_institution`)")
))]
#[post("/api/v1/institution/probation-filings")]
pub async fn file(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    body: web::Json<FilingRequest>,
) -> ApiResult<HttpResponse> {
    let f = filer(&staff)?;
    let body = body.into_inner();
    let v = state
        .run(move |st, c| {
            c.transaction(|c| {
                let v = probation::file(st, c, &f, &body)?;
                audit(c, &ctx, &staff, "probation.file", &v)?;
                Ok(v)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Replaces a certificate of the user's institution (same person).
#[utoipa::path(tag = "institution", operation_id = "updateInstitutionProbation", request_body = FilingRequest,
    params(("filing_no" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = FilingView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also another institution's filing)"),
    (status = 409, body = Problem, description = "`filing_revoked`, `certificate_number_taken`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` (as filing, and `person_changed`)")
))]
#[put("/api/v1/institution/probation-filings/{filing_no}")]
pub async fn update(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    filing_no: web::Path<String>,
    body: web::Json<FilingRequest>,
) -> ApiResult<web::Json<FilingView>> {
    let f = filer(&staff)?;
    let (no, body) = (filing_no.into_inner(), body.into_inner());
    let v = state
        .run(move |st, c| {
            c.transaction(|c| {
                let v = probation::update(st, c, &f, &no, &body)?;
                audit(c, &ctx, &staff, "probation.update", &v)?;
                Ok(v)
            })
        })
        .await?;
    Ok(web::Json(v))
}

/// Revokes a certificate of the user's institution.
#[utoipa::path(tag = "institution", operation_id = "revokeInstitutionProbation", request_body = RevokeRequest,
    params(("filing_no" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = FilingView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`filing_revoked`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` (`reason_required`)")
))]
#[post("/api/v1/institution/probation-filings/{filing_no}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    filing_no: web::Path<String>,
    body: web::Json<RevokeRequest>,
) -> ApiResult<web::Json<FilingView>> {
    let f = filer(&staff)?;
    let (no, body) = (filing_no.into_inner(), body.into_inner());
    let v = state
        .run(move |st, c| {
            c.transaction(|c| {
                let v = probation::revoke(st, c, &f, &no, &body.reason)?;
                audit(c, &ctx, &staff, "probation.revoke", &v)?;
                Ok(v)
            })
        })
        .await?;
    Ok(web::Json(v))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(file)
        .service(update)
        .service(revoke);
}
