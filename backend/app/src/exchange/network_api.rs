//! What the national medical exam network reads: submitted registrations as a change feed ("what changed
//! since my last position") and each registration's education, second degree, apprenticeship/probation data
//! and materials. Attachments are fetched through `createMaterialLink` (scope `materials:read`).

use actix_web::{get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_store::exchange::{feed_page, FeedRow};

use crate::error::{ApiError, ApiResult, Problem};
use crate::exchange::feed::Position;
use crate::exchange::scopes;
use crate::http::auth::ClientUser;
use crate::http::state::AppState;
use crate::materials::api::MaterialView;

#[derive(Serialize, ToSchema)]
pub struct ExchangeRegistration {
    pub id: Uuid,
    pub session_id: Uuid,
    /// `health_tech`, `physician` or `nurse`
    pub exam_type: String,
    pub status: String,
    /// increases with every change of the form or status
    pub version: i32,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub candidate_name: String,
    pub id_number_masked: String,
    /// the full ID number, only for clients holding `identity:read`
    pub id_number: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct FeedPage {
    pub items: Vec<ExchangeRegistration>,
    /// pass as `cursor` to continue; unchanged when nothing new has settled yet
    pub next_cursor: String,
    /// more items are ready now (otherwise poll again later with `next_cursor`)
    pub has_more: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FeedQuery {
    /// only this exam session
    pub session_id: Option<Uuid>,
    /// on the first call (no cursor): only registrations changed at or after this time (RFC 3339)
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// the `next_cursor` of the previous page
    pub cursor: Option<String>,
    /// 1–500 (default 100)
    pub limit: Option<i64>,
}

fn item(st: &AppState, client: &ClientUser, r: FeedRow) -> ApiResult<ExchangeRegistration> {
    let id_number = if client.scopes.iter().any(|s| s == scopes::IDENTITY_READ) {
        Some(
            st.keys
                .pii
                .decrypt(&r.id_number_enc)
                .map_err(|_| ApiError::internal())?,
        )
    } else {
        None
    };
    Ok(ExchangeRegistration {
        id: r.id,
        session_id: r.session_id,
        exam_type: r.exam_type,
        status: r.status,
        version: r.version,
        updated_at: r.updated_at,
        submitted_at: r.submitted_at,
        candidate_name: r.candidate_name,
        id_number_masked: r.id_number_masked,
        id_number,
    })
}

/// Submitted registrations in change order. Resume from `next_cursor`: a registration changed since appears
/// again (with a higher `version` or another status); nothing that changed is skipped, even when changes
/// commit out of order. Needs `registrations:read`; the full ID number needs `identity:read`.
#[utoipa::path(tag = "exchange", operation_id = "exchangeRegistrationFeed", params(FeedQuery), security(("bearer" = [])), responses(
    (status = 200, body = FeedPage),
    (status = 400, body = Problem, description = "`invalid_query`, `invalid_cursor`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden` (scope missing, or not an API client), `origin_not_allowed`"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[get("/api/v1/exchange/registrations")]
pub async fn feed(
    state: web::Data<AppState>,
    client: ClientUser,
    q: web::Query<FeedQuery>,
) -> ApiResult<web::Json<FeedPage>> {
    client.require_scope(scopes::REGISTRATIONS_READ)?;
    let q = q.into_inner();
    let after = match q.cursor.as_deref() {
        None => Position {
            xid: 0,
            id: Uuid::nil(),
        },
        Some(c) => Position::decode(c).ok_or_else(|| ApiError::bad_request("invalid_cursor"))?,
    };
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    // the time filter only narrows a first call: a cursor already lies past it
    let since = if q.cursor.is_some() { None } else { q.since };
    let page = state
        .run(move |st, c| {
            let rows = feed_page(c, q.session_id, since, (after.xid, after.id), limit + 1)?;
            let has_more = rows.len() as i64 > limit;
            let mut next = after;
            let mut items = Vec::new();
            for r in rows.into_iter().take(limit as usize) {
                next = Position {
                    xid: r.xid,
                    id: r.id,
                };
                items.push(item(st, &client, r)?);
            }
            Ok(FeedPage {
                items,
                next_cursor: next.encode(),
                has_more,
            })
        })
        .await?;
    Ok(web::Json(page))
}

#[derive(Serialize, ToSchema)]
pub struct ExchangeRegistrationDetail {
    #[serde(flatten)]
    pub registration: ExchangeRegistration,
    /// highest education: level, school, major, study form, enrolment and graduation dates, certificate
    #[schema(value_type = Option<Object>)]
    pub education: Option<serde_json::Value>,
    /// a second degree (第二学历), same fields
    #[schema(value_type = Option<Object>)]
    pub second_degree: Option<serde_json::Value>,
    /// exam choice: level, category, specialty, subjects, site
    #[schema(value_type = Option<Object>)]
    pub exam: Option<serde_json::Value>,
    /// physician data: route, probation institution and period, certificates, apprenticeship/expertise
    #[schema(value_type = Option<Object>)]
    pub physician: Option<serde_json::Value>,
    /// nurse data: fresh graduate, school, expected graduation, internship months
    #[schema(value_type = Option<Object>)]
    pub nurse: Option<serde_json::Value>,
    /// current materials; open one with `createMaterialLink`
    pub materials: Vec<MaterialView>,
}

/// A submitted registration's data for the national network. Needs `registrations:read`.
#[utoipa::path(tag = "exchange", operation_id = "exchangeGetRegistration", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = ExchangeRegistrationDetail),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`, `origin_not_allowed`"),
    (status = 404, body = Problem, description = "`not_found` (also drafts)"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[get("/api/v1/exchange/registrations/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    client: ClientUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ExchangeRegistrationDetail>> {
    client.require_scope(scopes::REGISTRATIONS_READ)?;
    let id = id.into_inner();
    let out = state
        .run(move |st, c| {
            let row = weikao_store::registrations::find_scoped(c, id, "")?
                .ok_or_else(ApiError::not_found)?;
            let enc = weikao_store::registrations::candidate_id_ciphertext(
                c,
                row.registration.candidate_id,
            )?;
            let materials = weikao_store::materials::list_current(c, id)?
                .into_iter()
                .map(crate::materials::api::view)
                .collect();
            let form = row.registration.form.clone();
            let section = |k: &str| form.get(k).filter(|v| !v.is_null()).cloned();
            let registration = item(
                st,
                &client,
                FeedRow {
                    id: row.registration.id,
                    xid: 0,
                    session_id: row.registration.session_id,
                    exam_type: row.exam_type,
                    status: row.registration.status,
                    version: row.registration.version,
                    updated_at: row.registration.updated_at,
                    submitted_at: row.registration.submitted_at,
                    candidate_name: row.candidate_name,
                    id_number_masked: row.id_number_masked,
                    id_number_enc: enc,
                },
            )?;
            Ok(ExchangeRegistrationDetail {
                registration,
                education: section("education"),
                second_degree: section("second_degree"),
                exam: section("exam"),
                physician: section("physician"),
                nurse: section("nurse"),
                materials,
            })
        })
        .await?;
    Ok(web::Json(out))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(feed).service(detail);
}
