//! Candidate registration endpoints (thin: extract → service in one transaction → map).

use actix_web::{get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::error::{ApiResult, Problem};
use crate::http::auth::CandidateUser;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::registration::dto::*;
use crate::registration::service;

/// Starts a draft registration for an open exam session (one per candidate and session).
#[utoipa::path(tag = "registrations", operation_id = "createRegistration", request_body = CreateRegistration, security(("bearer" = [])), responses(
    (status = 201, body = RegistrationView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 409, body = Problem, description = "`registration_exists`, `registration_window_closed`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`session_unknown`)")
))]
#[post("/api/v1/registrations")]
pub async fn create(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    body: web::Json<CreateRegistration>,
) -> ApiResult<HttpResponse> {
    let out = state
        .run(move |st, c| service::create(st, c, &ctx, &me, body.into_inner()))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// The candidate's registrations.
#[utoipa::path(tag = "registrations", operation_id = "listMyRegistrations", security(("bearer" = [])), responses(
    (status = 200, body = Vec<RegistrationListItem>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only")
))]
#[get("/api/v1/registrations")]
pub async fn list(
    state: web::Data<AppState>,
    me: CandidateUser,
) -> ApiResult<web::Json<Vec<RegistrationListItem>>> {
    Ok(web::Json(state.db(move |c| service::list(c, &me)).await?))
}

/// Quick-fill for a returning candidate (历史考生便捷填报): what the historical-candidate library holds, as a
/// form patch to save, and the subjects carried over from last year.
#[utoipa::path(tag = "registrations", operation_id = "getQuickFill", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = QuickFill),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found` (also another candidate's registration)")
))]
#[get("/api/v1/registrations/{id}/quick-fill")]
pub async fn quick_fill(
    state: web::Data<AppState>,
    me: CandidateUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<QuickFill>> {
    let id = id.into_inner();
    Ok(web::Json(
        state.db(move |c| service::quick_fill(c, &me, id)).await?,
    ))
}

/// One of the candidate's registrations with completeness, required materials, fee and timeline.
#[utoipa::path(tag = "registrations", operation_id = "getMyRegistration", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = RegistrationView),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found` (also another candidate's registration)")
))]
#[get("/api/v1/registrations/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    me: CandidateUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<RegistrationView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state.run(move |st, c| service::get(st, c, &me, id)).await?,
    ))
}

/// Saves part of a draft (merge patch of sections); fields are validated as they arrive.
#[utoipa::path(tag = "registrations", operation_id = "saveRegistration", params(("id" = Uuid, Path)), request_body = SaveRegistration, security(("bearer" = [])), responses(
    (status = 200, body = RegistrationView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`version_conflict`, `registration_locked`, `registration_window_closed`, `correction_window_closed`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `section.field` → codes (e.g. `dates_out_of_order`, `field_not_returned`), or `form` → `invalid_value`")
))]
#[patch("/api/v1/registrations/{id}")]
pub async fn save(
    state: web::Data<AppState>,
    me: CandidateUser,
    id: web::Path<Uuid>,
    body: web::Json<SaveRegistration>,
) -> ApiResult<web::Json<RegistrationView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |st, c| service::save(st, c, &me, id, body.into_inner()))
            .await?,
    ))
}

/// Submits a complete draft (it goes to the first review level of the session's chain), or resubmits a
/// corrected returned registration (it goes back to the level that returned it).
#[utoipa::path(tag = "registrations", operation_id = "submitRegistration", params(("id" = Uuid, Path)), request_body = SubmitRegistration, security(("bearer" = [])), responses(
    (status = 200, body = RegistrationView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`version_conflict`, `registration_locked`, `registration_window_closed`, `correction_window_closed`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: missing fields (`required`), `specialty_unknown`, `subject_unknown`, `site_unknown`, `point_unknown`, `materials.<kind>`: `material_missing` (a required material has no current file), `material_not_replaced` (a material the reviewer returned was not uploaded again), ...")
))]
#[post("/api/v1/registrations/{id}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    id: web::Path<Uuid>,
    body: web::Json<SubmitRegistration>,
) -> ApiResult<web::Json<RegistrationView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |st, c| service::submit(st, c, &ctx, &me, id, body.into_inner()))
            .await?,
    ))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(quick_fill)
        .service(save)
        .service(submit)
        .service(crate::registration::withdrawal::withdraw);
}
