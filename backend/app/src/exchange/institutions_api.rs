//! The institution library kept in sync by the provincial base-resource system (scope `institutions:write`):
//! it pushes each created or changed institution and each closed one, so candidates pick their unit from
//! current data. Replaced and closed rows go to the library archive.

use actix_web::http::StatusCode;
use actix_web::{delete, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use weikao_store::probation::{self as store, InstitutionContent};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::exchange::scopes;
use crate::http::auth::{ClientUser, Principal};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

/// The institution library's kinds (as its import accepts them).
fn kinds() -> &'static [&'static str] {
    weikao_core::libraries::library("institutions")
        .and_then(|l| l.columns.iter().find(|c| c.name == "kind"))
        .and_then(|c| match c.ty {
            weikao_core::libraries::ColType::Enum(v) => Some(v),
            _ => None,
        })
        .unwrap_or(&[])
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstitutionPush {
    /// 1–200 characters
    pub name: String,
    /// the region's code (1–40 of `[0-9A-Za-z_.-]`)
    pub region_code: String,
    pub level: Option<String>,
    /// `hospital`, `township_health_centre`, `village_clinic`, `community_health_centre`, `public_health`, `other`
    pub kind: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InstitutionView {
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub level: Option<String>,
    pub kind: Option<String>,
    /// it did not exist before this push
    pub created: bool,
}

fn is_code(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

fn check(code: &str, b: &InstitutionPush) -> ApiResult<()> {
    let mut errors = std::collections::BTreeMap::new();
    if !is_code(code) {
        errors.insert("code".to_string(), vec!["code_invalid".to_string()]);
    }
    let name = b.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        errors.insert("name".to_string(), vec!["name_length".to_string()]);
    }
    if !is_code(b.region_code.trim()) {
        errors.insert("region_code".to_string(), vec!["code_invalid".to_string()]);
    }
    if b.level.as_deref().is_some_and(|l| l.chars().count() > 200) {
        errors.insert("level".to_string(), vec!["too_long".to_string()]);
    }
    if b.kind.as_deref().is_some_and(|k| !kinds().contains(&k)) {
        errors.insert("kind".to_string(), vec!["kind_invalid".to_string()]);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

fn source(c: &ClientUser) -> String {
    format!("client:{}", c.client_id)
}

/// Creates or replaces an institution (idempotent by nature: the same push twice leaves the same row).
#[utoipa::path(tag = "exchange", operation_id = "pushInstitution", request_body = InstitutionPush,
    params(("code" = String, Path, description = "the institution's code")), security(("bearer" = [])), responses(
    (status = 200, body = InstitutionView, description = "replaced"),
    (status = 201, body = InstitutionView, description = "created"),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden` (scope `institutions:write`), `origin_not_allowed`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` (`code_invalid`, `name_length`, `kind_invalid`, `too_long`)"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[put("/api/v1/exchange/institutions/{code}")]
pub async fn push(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    client: ClientUser,
    code: web::Path<String>,
    body: web::Json<InstitutionPush>,
) -> ApiResult<HttpResponse> {
    client.require_scope(scopes::INSTITUTIONS_WRITE)?;
    let code = code.into_inner();
    let b = body.into_inner();
    check(&code, &b)?;
    let view = state
        .run(move |st, c| {
            use diesel::Connection;
            c.transaction(|c| {
                let batch = store::push_batch(c, "institutions", &source(&client), st.clock.now())?;
                let created = store::upsert_institution(
                    c,
                    batch,
                    &InstitutionContent {
                        code: &code,
                        name: b.name.trim(),
                        region_code: b.region_code.trim(),
                        level: b.level.as_deref(),
                        kind: b.kind.as_deref(),
                    },
                )?;
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Client(client.clone()), "institution.push")
                        .object("institution", &code)
                        .details(serde_json::json!({ "created": created })),
                )?;
                Ok(InstitutionView {
                    code: code.clone(),
                    name: b.name.trim().to_string(),
                    region_code: b.region_code.trim().to_string(),
                    level: b.level.clone(),
                    kind: b.kind.clone(),
                    created,
                })
            })
        })
        .await?;
    let status = if view.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status).json(view))
}

/// Closes an institution: it leaves the library (archived), so it can no longer be picked as a unit.
#[utoipa::path(tag = "exchange", operation_id = "closeInstitution", params(("code" = String, Path)), security(("bearer" = [])), responses(
    (status = 204, description = "closed"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`, `origin_not_allowed`"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[delete("/api/v1/exchange/institutions/{code}")]
pub async fn close(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    client: ClientUser,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    client.require_scope(scopes::INSTITUTIONS_WRITE)?;
    let code = code.into_inner();
    state
        .run(move |st, c| {
            use diesel::Connection;
            c.transaction(|c| {
                let batch = store::push_batch(c, "institutions", &source(&client), st.clock.now())?;
                if !store::remove_institution(c, &code, batch)? {
                    return Err(ApiError::not_found());
                }
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Client(client.clone()), "institution.close")
                        .object("institution", &code),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(push).service(close);
}
