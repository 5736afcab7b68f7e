//! Staff login: password, then TOTP (mandatory for every staff role). Five consecutive failures lock the
//! account for a configured time (MLPS). First login enrols TOTP: the password step returns a secret and a
//! short-lived enrolment token; the first valid code completes enrolment and opens the session.

use chrono::Duration;
use diesel::{Connection, PgConnection};
use rand::RngCore;
use uuid::Uuid;
use weikao_store::accounts::{self, StaffAccount};

use crate::accounts::dto::*;
use crate::accounts::{throttle, tokens};
use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::security::jwt::{Claims, SubjectKind, ISSUER};
use crate::security::totp;

const ENROLMENT_PURPOSE: &str = "totp_enrolment";
const ENROLMENT_TTL_SECS: i64 = 600;

fn audit_login(
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    staff: &StaffAccount,
    outcome: &str,
    reason: &str,
) -> ApiResult<()> {
    record(
        conn,
        Some(ctx),
        AuditEvent::actor("staff", Some(staff.id.to_string()), "auth.staff_login")
            .outcome(outcome)
            .details(serde_json::json!({ "username": staff.username, "reason": reason })),
    )?;
    Ok(())
}

/// Records a failure; answers `account_locked` once the threshold is reached.
fn fail(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    staff: &StaffAccount,
    reason: &str,
    code: &'static str,
) -> ApiResult<ApiError> {
    let now = state.clock.now();
    let updated = accounts::staff_login_failed(
        conn,
        staff.id,
        now,
        state.cfg.staff_max_failures,
        Duration::minutes(state.cfg.staff_lock_minutes),
    )?;
    audit_login(conn, ctx, staff, "failure", reason)?;
    if let Some(until) = updated.locked_until {
        record(conn, Some(ctx), AuditEvent::actor("system", None, "account.staff_locked").object("staff", staff.id)
            .details(serde_json::json!({ "username": staff.username, "failures": updated.failed_logins })))?;
        return Ok(locked_error((until - now).num_seconds()));
    }
    Ok(ApiError::unauthorized(code))
}

fn locked_error(secs: i64) -> ApiError {
    let mut e = ApiError::new(actix_web::http::StatusCode::LOCKED, "account_locked").detail(
        "the account is locked after repeated failed logins; try later or ask an administrator",
    );
    e.retry_after = Some(secs.max(1) as u64);
    e
}

fn new_totp_secret() -> Vec<u8> {
    let mut s = vec![0u8; 20];
    rand::thread_rng().fill_bytes(&mut s);
    s
}

pub fn login(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: StaffLoginRequest,
) -> ApiResult<StaffLoginResponse> {
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    let now = state.clock.now();
    let outcome = conn.transaction::<_, ApiError, _>(|conn| {
        let staff = match accounts::lock_staff_by_username(conn, req.username.trim())? {
            Some(s) if s.active => s,
            other => {
                state.passwords.verify_dummy(&req.password);
                record(conn, Some(ctx), AuditEvent::actor("staff", other.map(|s| s.id.to_string()), "auth.staff_login")
                    .outcome("failure").details(serde_json::json!({ "username": req.username.chars().take(64).collect::<String>(), "reason": "unknown_or_disabled" })))?;
                return Ok(Err(ApiError::unauthorized("invalid_credentials")));
            }
        };
        if let Some(until) = staff.locked_until.filter(|u| *u > now) {
            audit_login(conn, ctx, &staff, "denied", "locked")?;
            return Ok(Err(locked_error((until - now).num_seconds())));
        }
        if !state.passwords.verify(&req.password, &staff.password_hash) {
            return fail(state, conn, ctx, &staff, "bad_password", "invalid_credentials").map(Err);
        }
        if !staff.totp_enabled {
            // enrolment: keep a pending secret; the session opens only after the first valid code
            let secret = new_totp_secret();
            accounts::set_staff_totp(conn, staff.id, Some(state.keys.pii.encrypt(&hex::encode(&secret))), false, None)?;
            audit_login(conn, ctx, &staff, "success", "totp_enrolment_started")?;
            let token = state.signer.sign(&Claims {
                sub: staff.id,
                kind: SubjectKind::Staff,
                sid: None,
                scopes: vec![],
                purpose: Some(ENROLMENT_PURPOSE.into()),
                iat: now.timestamp(),
                exp: now.timestamp() + ENROLMENT_TTL_SECS,
                iss: ISSUER.into(),
            });
            let b32 = totp::base32_encode(&secret);
            return Ok(Ok(StaffLoginResponse {
                status: "totp_enrolment_required".into(),
                tokens: None,
                enrolment: Some(TotpEnrolment {
                    enrolment_token: token,
                    otpauth_uri: totp::otpauth_uri("weikao", &staff.username, &b32),
                    secret: b32,
                }),
            }));
        }
        let Some(code) = req.totp_code.as_deref().filter(|c| !c.trim().is_empty()) else {
            return Ok(Err(ApiError::unauthorized("totp_required").detail("enter the 6-digit code of your authenticator app")));
        };
        let secret = staff_secret(state, &staff)?;
        let Some(step) = totp::verify(&secret, code, now.timestamp(), staff.totp_last_step) else {
            return fail(state, conn, ctx, &staff, "bad_totp", "totp_invalid").map(Err);
        };
        accounts::set_staff_totp_step(conn, staff.id, step)?;
        accounts::staff_login_succeeded(conn, staff.id, now)?;
        audit_login(conn, ctx, &staff, "success", "password_and_totp")?;
        let tokens = tokens::open_session(state, conn, ctx, SubjectKind::Staff, staff.id)?;
        Ok(Ok(StaffLoginResponse { status: "authenticated".into(), tokens: Some(tokens), enrolment: None }))
    })?;
    outcome
}

fn staff_secret(state: &AppState, staff: &StaffAccount) -> ApiResult<Vec<u8>> {
    let enc = staff
        .totp_secret_enc
        .as_ref()
        .ok_or_else(ApiError::internal)?;
    let hexs = state
        .keys
        .pii
        .decrypt(enc)
        .map_err(|_| ApiError::internal())?;
    hex::decode(hexs).map_err(|_| ApiError::internal())
}

pub fn complete_enrolment(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: TotpEnrolRequest,
) -> ApiResult<StaffLoginResponse> {
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    let claims = state
        .signer
        .verify(&req.enrolment_token)
        .filter(|c| c.purpose.as_deref() == Some(ENROLMENT_PURPOSE) && c.kind == SubjectKind::Staff)
        .ok_or_else(|| ApiError::unauthorized("enrolment_token_invalid"))?;
    let now = state.clock.now();
    let staff_id: Uuid = claims.sub;
    let outcome = conn.transaction::<_, ApiError, _>(|conn| {
        let staff = accounts::find_staff(conn, staff_id)?
            .filter(|s| s.active && !s.totp_enabled && s.totp_secret_enc.is_some())
            .ok_or_else(|| ApiError::unauthorized("enrolment_token_invalid"))?;
        if staff.locked_until.is_some_and(|u| u > now) {
            return Ok(Err(locked_error(
                (staff.locked_until.expect("checked") - now).num_seconds(),
            )));
        }
        let secret = staff_secret(state, &staff)?;
        let Some(step) = totp::verify(&secret, &req.code, now.timestamp(), None) else {
            return fail(
                state,
                conn,
                ctx,
                &staff,
                "bad_totp_enrolment",
                "totp_invalid",
            )
            .map(Err);
        };
        accounts::set_staff_totp(
            conn,
            staff.id,
            staff.totp_secret_enc.clone(),
            true,
            Some(step),
        )?;
        accounts::staff_login_succeeded(conn, staff.id, now)?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor("staff", Some(staff.id.to_string()), "account.totp_enrolled")
                .object("staff", staff.id),
        )?;
        audit_login(conn, ctx, &staff, "success", "totp_enrolled")?;
        let tokens = tokens::open_session(state, conn, ctx, SubjectKind::Staff, staff.id)?;
        Ok(Ok(StaffLoginResponse {
            status: "authenticated".into(),
            tokens: Some(tokens),
            enrolment: None,
        }))
    })?;
    outcome
}
