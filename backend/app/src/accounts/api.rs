//! Thin handlers for authentication and accounts: extract → call the service in one unit of work → map.

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use weikao_store::{accounts, orgs};

use crate::accounts::dto::*;
use crate::accounts::{candidate, clients, staff, tokens};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::Principal;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

/// Sends a one-time code by SMS or e-mail (sign-up, password reset, unlock).
#[utoipa::path(tag = "auth", operation_id = "requestVerificationCode", request_body = CodeRequest, responses(
    (status = 202, body = CodeSent),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed` with `target`: `phone_invalid` / `email_invalid`"),
    (status = 429, body = Problem, description = "`code_resend_too_soon`, `code_limit_reached`, `too_many_requests`")
))]
#[post("/api/v1/auth/codes")]
pub async fn request_code(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<CodeRequest>,
) -> ApiResult<HttpResponse> {
    let out = state
        .run(move |st, c| candidate::request_code(st, c, &ctx, body.into_inner()))
        .await?;
    Ok(HttpResponse::Accepted().json(out))
}

/// Candidate sign-up with a verification code; returns the profile and a first token pair.
#[utoipa::path(tag = "auth", operation_id = "candidateSignup", request_body = SignupRequest, responses(
    (status = 201, body = SignupResponse),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 409, body = Problem, description = "`id_number_registered`, `phone_registered`, `email_registered`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: field codes such as `id_number_checksum`, `password_length`, `code_invalid`"),
    (status = 429, body = Problem, description = "`too_many_requests`")
))]
#[post("/api/v1/auth/candidate/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<SignupRequest>,
) -> ApiResult<HttpResponse> {
    let out = state
        .run(move |st, c| candidate::signup(st, c, &ctx, body.into_inner()))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Candidate login with ID number or mobile number and password.
#[utoipa::path(tag = "auth", operation_id = "candidateLogin", request_body = CandidateLoginRequest, responses(
    (status = 200, body = TokenPair),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`invalid_credentials`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 429, body = Problem, description = "`login_throttled` (progressive delay; `retry_after`), `too_many_requests`")
))]
#[post("/api/v1/auth/candidate/login")]
pub async fn candidate_login(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<CandidateLoginRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    Ok(web::Json(
        state
            .run(move |st, c| candidate::login(st, c, &ctx, body.into_inner()))
            .await?,
    ))
}

/// Sets a new password with a code; all sessions of the account are revoked.
#[utoipa::path(tag = "auth", operation_id = "candidatePasswordReset", request_body = PasswordResetRequest, responses(
    (status = 204, description = "password changed"),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `new_password` or `code` (`code_invalid`, `code_expired`, `code_attempts_exceeded`)"),
    (status = 429, body = Problem, description = "`too_many_requests`")
))]
#[post("/api/v1/auth/candidate/password-reset")]
pub async fn password_reset(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    state
        .run(move |st, c| candidate::reset_password(st, c, &ctx, body.into_inner()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Lifts login delays with a code.
#[utoipa::path(tag = "auth", operation_id = "candidateUnlock", request_body = UnlockRequest, responses(
    (status = 204, description = "delays lifted"),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `code` (`code_invalid`, `code_expired`, `code_attempts_exceeded`)"),
    (status = 429, body = Problem, description = "`too_many_requests`")
))]
#[post("/api/v1/auth/candidate/unlock")]
pub async fn unlock(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<UnlockRequest>,
) -> ApiResult<HttpResponse> {
    state
        .run(move |st, c| candidate::unlock(st, c, &ctx, body.into_inner()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Staff login (password + TOTP). First login returns a TOTP enrolment instead of tokens.
#[utoipa::path(tag = "auth", operation_id = "staffLogin", request_body = StaffLoginRequest, responses(
    (status = 200, body = StaffLoginResponse),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`invalid_credentials`, `totp_required`, `totp_invalid`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 423, body = Problem, description = "`account_locked` after 5 consecutive failures (`retry_after`)"),
    (status = 429, body = Problem, description = "`too_many_requests`")
))]
#[post("/api/v1/auth/staff/login")]
pub async fn staff_login(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<StaffLoginRequest>,
) -> ApiResult<web::Json<StaffLoginResponse>> {
    Ok(web::Json(
        state
            .run(move |st, c| staff::login(st, c, &ctx, body.into_inner()))
            .await?,
    ))
}

/// Completes TOTP enrolment with the first code and opens the session.
#[utoipa::path(tag = "auth", operation_id = "staffCompleteTotpEnrolment", request_body = TotpEnrolRequest, responses(
    (status = 200, body = StaffLoginResponse),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`enrolment_token_invalid`, `totp_invalid`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 423, body = Problem, description = "`account_locked`"),
    (status = 429, body = Problem, description = "`too_many_requests`")
))]
#[post("/api/v1/auth/staff/totp-enrolment")]
pub async fn staff_totp_enrolment(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<TotpEnrolRequest>,
) -> ApiResult<web::Json<StaffLoginResponse>> {
    Ok(web::Json(
        state
            .run(move |st, c| staff::complete_enrolment(st, c, &ctx, body.into_inner()))
            .await?,
    ))
}

/// Client-credentials token for third-party systems.
#[utoipa::path(tag = "auth", operation_id = "clientToken", request_body = ClientTokenRequest, responses(
    (status = 200, body = ClientToken),
    (status = 400, body = Problem, description = "`unsupported_grant_type`, `invalid_scope`, `malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`invalid_client`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 429, body = Problem, description = "`too_many_requests`")
))]
#[post("/api/v1/auth/token")]
pub async fn client_token(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<ClientTokenRequest>,
) -> ApiResult<web::Json<ClientToken>> {
    Ok(web::Json(
        state
            .run(move |st, c| clients::token(st, c, &ctx, body.into_inner()))
            .await?,
    ))
}

/// Exchanges a refresh token for a new pair (the old refresh token becomes invalid; reusing it revokes the session).
#[utoipa::path(tag = "auth", operation_id = "refreshTokens", request_body = RefreshRequest, responses(
    (status = 200, body = TokenPair),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`refresh_token_invalid`, `refresh_token_expired`, `refresh_token_reused`, `session_revoked`, `account_disabled`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/api/v1/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    body: web::Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    Ok(web::Json(
        state
            .run(move |st, c| tokens::refresh(st, c, &ctx, &body.refresh_token))
            .await?,
    ))
}

/// Ends the session of the bearer token (access and refresh tokens stop working).
#[utoipa::path(tag = "auth", operation_id = "logout", security(("bearer" = [])), responses(
    (status = 204, description = "session revoked"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: client tokens have no session")
))]
#[post("/api/v1/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    who: Principal,
) -> ApiResult<HttpResponse> {
    let (kind, subject, sid) = match &who {
        Principal::Candidate(c) => ("candidate", c.id, c.session_id),
        Principal::Staff(s) => ("staff", s.id, s.session_id),
        Principal::Client(_) => {
            return Err(ApiError::forbidden().detail("client tokens expire on their own"))
        }
    };
    state
        .run(move |st, c| tokens::logout(st, c, &ctx, kind, subject, sid))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The account behind the bearer token.
#[utoipa::path(tag = "auth", operation_id = "getMe", security(("bearer" = [])), responses(
    (status = 200, body = Me),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 429, body = Problem, description = "`rate_limited` (API clients)")
))]
#[get("/api/v1/me")]
pub async fn me(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Me>> {
    let me = state
        .db(move |conn| {
            Ok(match who {
                Principal::Candidate(c) => {
                    let cand =
                        accounts::find_candidate(conn, c.id)?.ok_or_else(ApiError::not_found)?;
                    Me {
                        kind: "candidate".into(),
                        candidate: Some(candidate::profile(&cand)),
                        staff: None,
                        client: None,
                    }
                }
                Principal::Staff(s) => {
                    let acc = accounts::find_staff(conn, s.id)?.ok_or_else(ApiError::not_found)?;
                    let org =
                        orgs::find_org(conn, acc.scope_org_id)?.ok_or_else(ApiError::not_found)?;
                    Me {
                        kind: "staff".into(),
                        candidate: None,
                        staff: Some(StaffProfile {
                            id: acc.id,
                            username: acc.username,
                            display_name: acc.display_name,
                            role: acc.role,
                            review_level: acc.review_level,
                            scope_org_id: org.id,
                            scope_org_name: org.name,
                            can_reveal_pii: acc.can_reveal_pii,
                            totp_enabled: acc.totp_enabled,
                            institution_code: acc.institution_code,
                        }),
                        client: None,
                    }
                }
                Principal::Client(c) => {
                    let cl = accounts::find_api_client_by_id(conn, c.id)?
                        .ok_or_else(ApiError::not_found)?;
                    Me {
                        kind: "client".into(),
                        candidate: None,
                        staff: None,
                        client: Some(ClientProfile {
                            client_id: cl.client_id,
                            name: cl.name,
                            scopes: c.scopes,
                        }),
                    }
                }
            })
        })
        .await?;
    Ok(web::Json(me))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(request_code)
        .service(signup)
        .service(candidate_login)
        .service(password_reset)
        .service(unlock)
        .service(staff_login)
        .service(staff_totp_enrolment)
        .service(client_token)
        .service(refresh)
        .service(logout)
        .service(me)
        .service(crate::accounts::admin_staff::list_staff)
        .service(crate::accounts::admin_staff::create_staff)
        .service(crate::accounts::admin_staff::update_staff)
        .service(crate::accounts::admin_staff::reset_credentials)
        .service(crate::exchange::clients_api::list_clients)
        .service(crate::exchange::clients_api::create_client)
        .service(crate::exchange::clients_api::update_client)
        .service(crate::exchange::clients_api::rotate_secret);
}
