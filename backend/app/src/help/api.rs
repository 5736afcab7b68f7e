//! Reading help (candidates: public; reviewers: any staff session) and editing it (region administrators).

use actix_web::{delete, get, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use weikao_core::authz::Permission;
use weikao_core::help::{check, Audience, LOCALES};
use weikao_store::help as store;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

/// The largest document accepted (serialised), in bytes: ten times the shipped ones, under the JSON body limit.
const MAX_BYTES: usize = 128 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HelpQuery {
    /// `zh-CN` (default) or `en-US`
    pub locale: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HelpDocumentView {
    /// `candidate` or `reviewer`
    pub audience: String,
    pub locale: String,
    /// the document: for candidates `{notice, exams[{id, name, summary, topics[{id, title, blocks}]}], faq[{q,
    /// blocks}]}` (a block is `{p}`, `{list}` or `{steps}`); for reviewers `{manual[{id, title, paragraphs}],
    /// tips[{id, screen, text}]}`. Text only.
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
    /// 0: the shipped document; send it back when saving
    pub version: i32,
    /// whether the exam region edited it
    pub edited: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveHelp {
    /// the version read (0 for the shipped document)
    pub version: i32,
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResetHelpQuery {
    /// the edited version being dropped (required)
    pub version: Option<i32>,
}

fn locale_of(q: Option<String>) -> ApiResult<String> {
    let l = q.unwrap_or_else(|| "zh-CN".into());
    if LOCALES.contains(&l.as_str()) {
        Ok(l)
    } else {
        Err(ApiError::field("locale", "locale_unknown"))
    }
}

async fn read(state: &AppState, audience: Audience, locale: String) -> ApiResult<HelpDocumentView> {
    let l = locale.clone();
    let stored = state
        .db(move |c| Ok(store::find(c, audience.as_str(), &l)?))
        .await?;
    Ok(match stored {
        Some(d) => HelpDocumentView {
            audience: d.audience,
            locale: d.locale,
            content: d.content,
            version: d.version,
            edited: true,
            updated_at: Some(d.updated_at),
        },
        None => HelpDocumentView {
            audience: audience.as_str().into(),
            content: super::shipped(audience, &locale),
            locale,
            version: 0,
            edited: false,
            updated_at: None,
        },
    })
}

/// The candidates' help centre (per-exam guides and FAQ) as the exam region publishes it. Public.
#[utoipa::path(tag = "help", operation_id = "getCandidateHelp", params(HelpQuery), responses(
    (status = 200, body = HelpDocumentView),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 422, body = Problem, description = "`validation_failed`: `locale` (`locale_unknown`)")
))]
#[get("/api/v1/help/candidate")]
pub async fn get_candidate_help(
    state: web::Data<AppState>,
    q: web::Query<HelpQuery>,
) -> ApiResult<web::Json<HelpDocumentView>> {
    let locale = locale_of(q.into_inner().locale)?;
    Ok(web::Json(read(&state, Audience::Candidate, locale).await?))
}

/// The reviewers' manual and in-console tips. Any staff account.
#[utoipa::path(tag = "help", operation_id = "getReviewerHelp", params(HelpQuery), security(("bearer" = [])), responses(
    (status = 200, body = HelpDocumentView),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: staff only"),
    (status = 422, body = Problem, description = "`validation_failed`: `locale` (`locale_unknown`)")
))]
#[get("/api/v1/review/help")]
pub async fn get_reviewer_help(
    state: web::Data<AppState>,
    _staff: StaffUser,
    q: web::Query<HelpQuery>,
) -> ApiResult<web::Json<HelpDocumentView>> {
    let locale = locale_of(q.into_inner().locale)?;
    Ok(web::Json(read(&state, Audience::Reviewer, locale).await?))
}

fn audience_of(s: &str) -> ApiResult<Audience> {
    Audience::parse(s).ok_or_else(ApiError::not_found)
}

/// Publishes an edited help document (region administrators): checked as a whole — every problem comes back
/// as `content.<path>` with a code — and versioned. Audited.
#[utoipa::path(tag = "help", operation_id = "saveHelp",
    params(("audience" = String, Path, description = "`candidate` or `reviewer`"), ("locale" = String, Path, description = "`zh-CN` or `en-US`")),
    request_body = SaveHelp, security(("bearer" = [])), responses(
    (status = 200, body = HelpDocumentView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`: no such audience"),
    (status = 409, body = Problem, description = "`version_conflict`: someone saved in between; reload"),
    (status = 413, body = Problem, description = "`payload_too_large`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `locale` (`locale_unknown`), `content` (`too_large`), `content.<path>` (`required`, `unknown_field`, `not_an_object`, `not_an_array`, `not_a_string`, `empty`, `too_long`, `invalid_characters`, `id_invalid`, `duplicate_id`, `block_kind`, `topic_missing`)")
))]
#[put("/api/v1/admin/help/{audience}/{locale}")]
pub async fn save_help(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    path: web::Path<(String, String)>,
    body: web::Json<SaveHelp>,
) -> ApiResult<web::Json<HelpDocumentView>> {
    staff.require(Permission::ManageCatalog)?;
    let (audience, locale) = path.into_inner();
    let audience = audience_of(&audience)?;
    let locale = locale_of(Some(locale))?;
    let SaveHelp { version, content } = body.into_inner();
    if serde_json::to_vec(&content).map_or(0, |b| b.len()) > MAX_BYTES {
        return Err(ApiError::field("content", "too_large"));
    }
    let problems = check(audience, &content);
    if !problems.is_empty() {
        let mut errors = std::collections::BTreeMap::<String, Vec<String>>::new();
        for p in problems {
            let key = if p.path.is_empty() {
                "content".to_string()
            } else {
                format!("content.{}", p.path)
            };
            errors.entry(key).or_default().push(p.code.to_string());
        }
        return Err(ApiError::validation(errors));
    }
    let now = state.clock.now();
    let saved = state
        .db(move |c| {
            use diesel::Connection;
            c.transaction::<_, ApiError, _>(|c| {
                let d = store::save(
                    c,
                    audience.as_str(),
                    &locale,
                    version,
                    &content,
                    staff.id,
                    now,
                )?
                .ok_or_else(|| {
                    ApiError::conflict("version_conflict")
                        .detail("the help document changed since it was read; reload it")
                })?;
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "help.update").details(
                        serde_json::json!({
                            "audience": d.audience, "locale": d.locale, "version": d.version,
                        }),
                    ),
                )?;
                Ok(d)
            })
        })
        .await?;
    Ok(web::Json(HelpDocumentView {
        audience: saved.audience,
        locale: saved.locale,
        content: saved.content,
        version: saved.version,
        edited: true,
        updated_at: Some(saved.updated_at),
    }))
}

/// Goes back to the shipped help document (region administrators), dropping the edited version read. Audited.
#[utoipa::path(tag = "help", operation_id = "resetHelp",
    params(("audience" = String, Path, description = "`candidate` or `reviewer`"), ("locale" = String, Path, description = "`zh-CN` or `en-US`"), ResetHelpQuery),
    security(("bearer" = [])), responses(
    (status = 200, body = HelpDocumentView),
    (status = 400, body = Problem, description = "`invalid_path`, `invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`: no such audience"),
    (status = 409, body = Problem, description = "`version_conflict`: not at that version (or not edited); reload"),
    (status = 422, body = Problem, description = "`validation_failed`: `locale` (`locale_unknown`), `version` (`required`)")
))]
#[delete("/api/v1/admin/help/{audience}/{locale}")]
pub async fn reset_help(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    path: web::Path<(String, String)>,
    q: web::Query<ResetHelpQuery>,
) -> ApiResult<web::Json<HelpDocumentView>> {
    staff.require(Permission::ManageCatalog)?;
    let (audience, locale) = path.into_inner();
    let audience = audience_of(&audience)?;
    let locale = locale_of(Some(locale))?;
    let version = q
        .into_inner()
        .version
        .ok_or_else(|| ApiError::field("version", "required"))?;
    let l = locale.clone();
    state
        .db(move |c| {
            use diesel::Connection;
            c.transaction::<_, ApiError, _>(|c| {
                if !store::reset(c, audience.as_str(), &l, version)? {
                    return Err(ApiError::conflict("version_conflict")
                        .detail("the help document is not at that version; reload it"));
                }
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "help.reset")
                        .details(serde_json::json!({ "audience": audience.as_str(), "locale": l })),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(web::Json(read(&state, audience, locale).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(get_candidate_help)
        .service(get_reviewer_help)
        .service(save_help)
        .service(reset_help);
}
