//! Staff accounts for administrators: list the accounts in one's scope, create one (an initial password shown
//! once; the authenticator is enrolled at the first login), change role, level, scope, reveal permission or
//! active state, and reset credentials. Every change is audited; disabling or resetting ends the account's
//! sessions.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use weikao_core::authz::{in_scope, Permission, Role};
use weikao_core::staffing::{check_assignment, may_grant, username_ok};
use weikao_store::accounts::{self, NewStaffAccount, StaffAccount};
use weikao_store::staff_admin::{self as store, StaffChange};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct StaffAccountView {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    /// `reviewer`, `region_admin`, `system_admin`, `auditor`, `institution`
    pub role: String,
    /// `point`, `site` or `region` for reviewers
    pub review_level: Option<String>,
    pub scope_org_id: Uuid,
    pub scope_org_name: String,
    pub can_reveal_pii: bool,
    pub totp_enabled: bool,
    pub active: bool,
    /// locked after failed logins until this time
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// send it back when changing the account
    pub updated_at: DateTime<Utc>,
}

fn view(s: StaffAccount, org_name: String) -> StaffAccountView {
    StaffAccountView {
        id: s.id,
        username: s.username,
        display_name: s.display_name,
        role: s.role,
        review_level: s.review_level,
        scope_org_id: s.scope_org_id,
        scope_org_name: org_name,
        can_reveal_pii: s.can_reveal_pii,
        totp_enabled: s.totp_enabled,
        active: s.active,
        locked_until: s.locked_until,
        last_login_at: s.last_login_at,
        created_at: s.created_at,
        updated_at: s.updated_at,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// part of a username or display name
    pub q: Option<String>,
}

/// Staff accounts in the caller's scope (at most 500), by username.
#[utoipa::path(tag = "admin", operation_id = "listStaffAccounts", params(StaffQuery), security(("bearer" = [])), responses(
    (status = 200, body = Vec<StaffAccountView>),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: administrators only")
))]
#[get("/api/v1/admin/staff")]
pub async fn list_staff(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<StaffQuery>,
) -> ApiResult<web::Json<Vec<StaffAccountView>>> {
    staff.require(Permission::ManageAccounts)?;
    let q = q.into_inner().q;
    let scope = staff.scope_path.clone();
    let rows = state
        .db(move |c| Ok(store::list(c, &scope, q.as_deref().map(str::trim))?))
        .await?;
    Ok(web::Json(
        rows.into_iter().map(|(s, name, _)| view(s, name)).collect(),
    ))
}

/// The organisation an account is scoped to, which must lie in the administrator's scope: (kind, name).
fn scope_org(conn: &mut PgConnection, admin: &StaffUser, org: Uuid) -> ApiResult<(String, String)> {
    let o = weikao_store::orgs::find_org(conn, org)?
        .filter(|o| in_scope(&admin.scope_path, &o.path))
        .ok_or_else(|| ApiError::field("scope_org_id", "org_not_in_scope"))?;
    Ok((o.kind, o.name))
}

fn check_role(
    admin: &StaffUser,
    role: &str,
    level: Option<&str>,
    org_kind: &str,
) -> ApiResult<Role> {
    let r = Role::parse(role).ok_or_else(|| ApiError::field("role", "role_unknown"))?;
    if !may_grant(admin.role, r) {
        return Err(ApiError::forbidden().detail(format!(
            "a {} may not grant the role {role}",
            admin.role.as_str()
        )));
    }
    check_assignment(r, level, org_kind).map_err(|(f, code)| ApiError::field(f, code))?;
    Ok(r)
}

/// A random initial password that meets the password rules (letters and digits, 14 characters).
fn initial_password() -> String {
    let hex = Uuid::new_v4().simple().to_string();
    format!("Wk{}7", &hex[..11])
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStaff {
    /// 3–32 characters: lower-case letters, digits, `_`, `.`, `-`, starting with a letter
    pub username: String,
    /// 1–50 characters
    pub display_name: String,
    pub role: String,
    /// reviewers: the level of their organisation
    pub review_level: Option<String>,
    pub scope_org_id: Uuid,
    #[serde(default)]
    pub can_reveal_pii: bool,
}

#[derive(Serialize, ToSchema)]
pub struct StaffCredentials {
    pub account: StaffAccountView,
    /// shown once: hand it to the person; they enrol their authenticator at the first login
    pub initial_password: String,
}

fn check_display_name(n: &str) -> ApiResult<String> {
    let n = n.trim();
    if n.is_empty() || n.chars().count() > 50 {
        return Err(ApiError::field("display_name", "display_name_length"));
    }
    Ok(n.to_string())
}

/// Creates a staff account in the administrator's scope.
#[utoipa::path(tag = "admin", operation_id = "createStaffAccount", request_body = NewStaff, security(("bearer" = [])), responses(
    (status = 201, body = StaffCredentials),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: administrators only, and only the roles they may grant"),
    (status = 409, body = Problem, description = "`username_taken`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `username` (`username_invalid`), `display_name` (`display_name_length`), `role` (`role_unknown`, `role_not_assignable`), `review_level` (`level_required`, `level_unknown`, `level_does_not_match_org`, `level_not_for_role`), `scope_org_id` (`org_not_in_scope`, `scope_must_be_region`)")
))]
#[post("/api/v1/admin/staff")]
pub async fn create_staff(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    body: web::Json<NewStaff>,
) -> ApiResult<HttpResponse> {
    staff.require(Permission::ManageAccounts)?;
    let req = body.into_inner();
    if !username_ok(&req.username) {
        return Err(ApiError::field("username", "username_invalid"));
    }
    let display_name = check_display_name(&req.display_name)?;
    let password = initial_password();
    let hash = state.passwords.hash(&password);
    let out = state
        .run(move |_, conn| {
            conn.transaction::<_, ApiError, _>(|conn| {
                let (kind, org_name) = scope_org(conn, &staff, req.scope_org_id)?;
                check_role(&staff, &req.role, req.review_level.as_deref(), &kind)?;
                if accounts::find_staff_by_username(conn, &req.username)?.is_some() {
                    return Err(ApiError::conflict("username_taken"));
                }
                let created = accounts::insert_staff(
                    conn,
                    &NewStaffAccount {
                        username: &req.username,
                        display_name: &display_name,
                        password_hash: &hash,
                        role: &req.role,
                        review_level: req.review_level.as_deref(),
                        scope_org_id: req.scope_org_id,
                        totp_secret_enc: None,
                        totp_enabled: false,
                        can_reveal_pii: req.can_reveal_pii,
                    },
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "staff.create")
                        .object("staff_account", created.id)
                        .details(serde_json::json!({
                            "username": created.username, "role": created.role,
                            "review_level": created.review_level, "scope_org": created.scope_org_id,
                            "can_reveal_pii": created.can_reveal_pii,
                        })),
                )?;
                Ok(view(created, org_name))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(StaffCredentials {
        account: out,
        initial_password: password,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffPatch {
    /// `updated_at` of the account as read
    pub updated_at: DateTime<Utc>,
    pub display_name: Option<String>,
    pub role: Option<String>,
    /// reviewers: the level of their organisation (send `null` with a non-reviewer role)
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub review_level: Option<Option<String>>,
    pub scope_org_id: Option<Uuid>,
    pub can_reveal_pii: Option<bool>,
    /// false disables the account and ends its sessions
    pub active: Option<bool>,
}

/// A field that is present (maybe `null`) deserialises to `Some(…)`; an absent one stays `None` (default).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// The account within the administrator's scope, locked; (account, its org's name).
fn lock_in_scope(conn: &mut PgConnection, admin: &StaffUser, id: Uuid) -> ApiResult<StaffAccount> {
    let s = store::lock(conn, id)?.ok_or_else(ApiError::not_found)?;
    let org = weikao_store::orgs::find_org(conn, s.scope_org_id)?.ok_or_else(ApiError::internal)?;
    if !in_scope(&admin.scope_path, &org.path) {
        return Err(ApiError::not_found());
    }
    // an administrator manages only the roles it may grant
    let role = Role::parse(&s.role).ok_or_else(ApiError::internal)?;
    if !may_grant(admin.role, role) {
        return Err(ApiError::forbidden().detail(format!(
            "a {} may not manage a {}",
            admin.role.as_str(),
            s.role
        )));
    }
    Ok(s)
}

/// Changes an account: display name, role, level, scope, reveal permission, active. One's own role, scope
/// and active state cannot be changed (409 `own_account`).
#[utoipa::path(tag = "admin", operation_id = "updateStaffAccount", params(("id" = Uuid, Path)), request_body = StaffPatch, security(("bearer" = [])), responses(
    (status = 200, body = StaffAccountView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: administrators only, and only for roles they may grant"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 409, body = Problem, description = "`version_conflict`, `own_account`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: as for creating")
))]
#[patch("/api/v1/admin/staff/{id}")]
pub async fn update_staff(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<StaffPatch>,
) -> ApiResult<web::Json<StaffAccountView>> {
    staff.require(Permission::ManageAccounts)?;
    let id = id.into_inner();
    let req = body.into_inner();
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                let s = lock_in_scope(conn, &staff, id)?;
                if s.updated_at != req.updated_at {
                    return Err(ApiError::conflict("version_conflict")
                        .detail("someone else changed this account; reload it"));
                }
                let display_name = match &req.display_name {
                    Some(n) => check_display_name(n)?,
                    None => s.display_name.clone(),
                };
                let role = req.role.clone().unwrap_or_else(|| s.role.clone());
                let level = match &req.review_level {
                    Some(l) => l.clone(),
                    None => s.review_level.clone(),
                };
                let org = req.scope_org_id.unwrap_or(s.scope_org_id);
                let active = req.active.unwrap_or(s.active);
                let own = id == staff.id;
                if own && (role != s.role || org != s.scope_org_id || !active || level != s.review_level) {
                    return Err(ApiError::conflict("own_account")
                        .detail("another administrator changes your own role, scope or active state"));
                }
                let (kind, org_name) = scope_org(conn, &staff, org)?;
                check_role(&staff, &role, level.as_deref(), &kind)?;
                let updated = store::update(
                    conn,
                    id,
                    &StaffChange {
                        display_name: &display_name,
                        role: &role,
                        review_level: level.as_deref(),
                        scope_org_id: org,
                        can_reveal_pii: req.can_reveal_pii.unwrap_or(s.can_reveal_pii),
                        active,
                    },
                    now,
                )?;
                let ended = if s.active && !active {
                    accounts::revoke_subject_sessions(conn, "staff", id, "account_disabled", now)?
                } else {
                    0
                };
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "staff.update")
                        .object("staff_account", id)
                        .details(serde_json::json!({
                            "before": {"display_name": s.display_name, "role": s.role, "review_level": s.review_level,
                                "scope_org": s.scope_org_id, "can_reveal_pii": s.can_reveal_pii, "active": s.active},
                            "after": {"display_name": updated.display_name, "role": updated.role,
                                "review_level": updated.review_level, "scope_org": updated.scope_org_id,
                                "can_reveal_pii": updated.can_reveal_pii, "active": updated.active},
                            "sessions_ended": ended,
                        })),
                )?;
                Ok(view(updated, org_name))
            })
        })
        .await?;
    Ok(web::Json(out))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialReset {
    /// also forget the authenticator: the person enrols a new one at the next login (a lost phone)
    #[serde(default)]
    pub reset_totp: bool,
}

/// Gives an account a new initial password (shown once), lifts a lockout, optionally forgets its
/// authenticator, and ends its sessions. Not for one's own account.
#[utoipa::path(tag = "admin", operation_id = "resetStaffCredentials", params(("id" = Uuid, Path)), request_body = CredentialReset, security(("bearer" = [])), responses(
    (status = 200, body = StaffCredentials),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 409, body = Problem, description = "`own_account`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/api/v1/admin/staff/{id}/credentials")]
pub async fn reset_credentials(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<CredentialReset>,
) -> ApiResult<web::Json<StaffCredentials>> {
    staff.require(Permission::ManageAccounts)?;
    let id = id.into_inner();
    let reset_totp = body.into_inner().reset_totp;
    let password = initial_password();
    let hash = state.passwords.hash(&password);
    let account = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                let s = lock_in_scope(conn, &staff, id)?;
                if id == staff.id {
                    return Err(ApiError::conflict("own_account")
                        .detail("change your own password through the login page"));
                }
                let updated = store::reset_credentials(conn, id, &hash, reset_totp, now)?;
                let ended = accounts::revoke_subject_sessions(conn, "staff", id, "credentials_reset", now)?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "staff.reset_credentials")
                        .object("staff_account", id)
                        .details(serde_json::json!({ "reset_totp": reset_totp, "sessions_ended": ended })),
                )?;
                let org = weikao_store::orgs::find_org(conn, s.scope_org_id)?
                    .ok_or_else(ApiError::internal)?;
                Ok(view(updated, org.name))
            })
        })
        .await?;
    Ok(web::Json(StaffCredentials {
        account,
        initial_password: password,
    }))
}
