//! API clients of third-party systems for administrators (the same rules as `weikao client`): list, register
//! (the secret shown once), change scopes, origins, rate limit or name, disable (its tokens stop working at
//! once), and rotate the secret. Every change is audited.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use weikao_core::authz::Permission;
use weikao_store::accounts::{self, ApiClient, ApiClientChange, NewApiClient};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::exchange::clients_cli::{check, check_settings, new_secret, SettingError};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ApiClientView {
    pub client_id: String,
    pub name: String,
    /// e.g. `registrations:read`, `materials:read`, `probation:write`
    pub scopes: Vec<String>,
    /// browser origins allowed to call the API cross-domain
    pub allowed_origins: Vec<String>,
    pub rate_limit_per_minute: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

fn view(c: ApiClient) -> ApiClientView {
    ApiClientView {
        client_id: c.client_id,
        name: c.name,
        scopes: c.scopes,
        allowed_origins: c.allowed_origins,
        rate_limit_per_minute: c.rate_limit_per_minute,
        active: c.active,
        created_at: c.created_at,
        last_used_at: c.last_used_at,
    }
}

fn setting_error(e: SettingError) -> ApiError {
    ApiError::field(e.field, e.code).detail(e.message)
}

fn check_name(name: &str) -> ApiResult<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 100 {
        return Err(ApiError::field("name", "name_length"));
    }
    Ok(n.to_string())
}

/// Every API client.
#[utoipa::path(tag = "admin", operation_id = "listApiClients", security(("bearer" = [])), responses(
    (status = 200, body = Vec<ApiClientView>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: administrators only")
))]
#[get("/api/v1/admin/api-clients")]
pub async fn list_clients(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<Vec<ApiClientView>>> {
    staff.require(Permission::ManageAccounts)?;
    let rows = state.db(|c| Ok(accounts::list_api_clients(c)?)).await?;
    Ok(web::Json(rows.into_iter().map(view).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClient {
    /// 1–64 characters of `[A-Za-z0-9_-]`, e.g. `national-network`
    pub client_id: String,
    /// 1–100 characters, e.g. 国家医学考试网
    pub name: String,
    pub scopes: Vec<String>,
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// 1–100000 (default 600)
    pub rate_limit_per_minute: Option<i32>,
}

#[derive(Serialize, ToSchema)]
pub struct ClientSecret {
    pub client: ApiClientView,
    /// shown once: hand it to the partner; only its hash is kept
    pub client_secret: String,
}

/// Registers an API client; its secret is in the answer and nowhere else.
#[utoipa::path(tag = "admin", operation_id = "createApiClient", request_body = NewClient, security(("bearer" = [])), responses(
    (status = 201, body = ClientSecret),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: administrators only"),
    (status = 409, body = Problem, description = "`client_exists`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `client_id` (`client_id_invalid`), `name` (`name_length`), `scopes` (`scopes_required`, `scope_unknown`), `allowed_origins` (`origin_invalid`), `rate_limit_per_minute` (`out_of_range`)")
))]
#[post("/api/v1/admin/api-clients")]
pub async fn create_client(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    body: web::Json<NewClient>,
) -> ApiResult<HttpResponse> {
    staff.require(Permission::ManageAccounts)?;
    let req = body.into_inner();
    let rate = req.rate_limit_per_minute.unwrap_or(600);
    check(&req.client_id, &req.scopes, &req.allowed_origins, rate).map_err(setting_error)?;
    let name = check_name(&req.name)?;
    let secret = new_secret();
    let hash = state.passwords.hash(&secret);
    let client = state
        .run(move |_, conn| {
            conn.transaction::<_, ApiError, _>(|conn| {
                if accounts::find_api_client(conn, &req.client_id)?.is_some() {
                    return Err(ApiError::conflict("client_exists"));
                }
                let made = accounts::insert_api_client(
                    conn,
                    &NewApiClient {
                        client_id: &req.client_id,
                        name: &name,
                        secret_hash: &hash,
                        scopes: req.scopes.clone(),
                        allowed_origins: req.allowed_origins.clone(),
                        rate_limit_per_minute: rate,
                    },
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "client.create")
                        .object("api_client", &made.client_id)
                        .details(serde_json::json!({
                            "scopes": made.scopes, "allowed_origins": made.allowed_origins,
                            "rate_limit_per_minute": made.rate_limit_per_minute,
                        })),
                )?;
                Ok(view(made))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(ClientSecret {
        client,
        client_secret: secret,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientPatch {
    pub name: Option<String>,
    pub scopes: Option<Vec<String>>,
    pub allowed_origins: Option<Vec<String>>,
    pub rate_limit_per_minute: Option<i32>,
    /// false stops the client at once (its tokens are refused)
    pub active: Option<bool>,
}

/// Changes an API client's name, scopes, origins, rate limit or active state.
#[utoipa::path(tag = "admin", operation_id = "updateApiClient", params(("client_id" = String, Path)), request_body = ClientPatch, security(("bearer" = [])), responses(
    (status = 200, body = ApiClientView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: administrators only"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: as for registering")
))]
#[patch("/api/v1/admin/api-clients/{client_id}")]
pub async fn update_client(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    client_id: web::Path<String>,
    body: web::Json<ClientPatch>,
) -> ApiResult<web::Json<ApiClientView>> {
    staff.require(Permission::ManageAccounts)?;
    let client_id = client_id.into_inner();
    let req = body.into_inner();
    let out = state
        .run(move |_, conn| {
            conn.transaction::<_, ApiError, _>(|conn| {
                let c = accounts::find_api_client(conn, &client_id)?.ok_or_else(ApiError::not_found)?;
                let name = match &req.name {
                    Some(n) => check_name(n)?,
                    None => c.name.clone(),
                };
                let scopes = req.scopes.clone().unwrap_or_else(|| c.scopes.clone());
                let origins = req.allowed_origins.clone().unwrap_or_else(|| c.allowed_origins.clone());
                let rate = req.rate_limit_per_minute.unwrap_or(c.rate_limit_per_minute);
                check_settings(&scopes, &origins, rate).map_err(setting_error)?;
                let updated = accounts::update_api_client(
                    conn,
                    c.id,
                    &ApiClientChange {
                        name: &name,
                        scopes: &scopes,
                        allowed_origins: &origins,
                        rate_limit_per_minute: rate,
                        active: req.active.unwrap_or(c.active),
                    },
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "client.update")
                        .object("api_client", &updated.client_id)
                        .details(serde_json::json!({
                            "before": {"scopes": c.scopes, "allowed_origins": c.allowed_origins,
                                "rate_limit_per_minute": c.rate_limit_per_minute, "active": c.active},
                            "after": {"scopes": updated.scopes, "allowed_origins": updated.allowed_origins,
                                "rate_limit_per_minute": updated.rate_limit_per_minute, "active": updated.active},
                        })),
                )?;
                Ok(view(updated))
            })
        })
        .await?;
    Ok(web::Json(out))
}

/// Gives an API client a new secret (shown once); the old one stops working for new tokens at once (tokens
/// already issued run out within the access-token lifetime; disable the client to stop them now).
#[utoipa::path(tag = "admin", operation_id = "rotateApiClientSecret", params(("client_id" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = ClientSecret),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: administrators only"),
    (status = 404, body = Problem, description = "`not_found`")
))]
#[post("/api/v1/admin/api-clients/{client_id}/secret")]
pub async fn rotate_secret(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    client_id: web::Path<String>,
) -> ApiResult<web::Json<ClientSecret>> {
    staff.require(Permission::ManageAccounts)?;
    let client_id = client_id.into_inner();
    let secret = new_secret();
    let hash = state.passwords.hash(&secret);
    let client = state
        .run(move |_, conn| {
            conn.transaction::<_, ApiError, _>(|conn| {
                let c =
                    accounts::find_api_client(conn, &client_id)?.ok_or_else(ApiError::not_found)?;
                let updated = accounts::set_api_client_secret(conn, c.id, &hash)?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "client.rotate_secret")
                        .object("api_client", &updated.client_id),
                )?;
                Ok(view(updated))
            })
        })
        .await?;
    Ok(web::Json(ClientSecret {
        client,
        client_secret: secret,
    }))
}
