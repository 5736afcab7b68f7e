//! Candidate accounts: verification codes, sign-up, login with progressive delays, password reset, unlock.

use std::collections::BTreeMap;

use chrono::Duration;
use diesel::{Connection, PgConnection};
use rand::Rng;
use weikao_core::identity::{
    mask_email, mask_id_number, mask_phone, normalize_id_input, validate_email, validate_id_number,
    validate_mobile, validate_password, validate_person_name, IdType,
};
use weikao_core::throttle::candidate_delay_secs;
use weikao_store::accounts::{self, Candidate, NewCandidate};

use crate::accounts::dto::*;
use crate::accounts::throttle;
use crate::accounts::tokens;
use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::messaging;
use crate::security::crypto::ct_eq;
use crate::security::jwt::SubjectKind;

const MAX_CODE_ATTEMPTS: i32 = 5;
const CODES_PER_TARGET_PER_HOUR: i32 = 10;

pub fn profile(c: &Candidate) -> CandidateProfile {
    CandidateProfile {
        id: c.id,
        name: c.name.clone(),
        id_type: c.id_type.clone(),
        id_number_masked: c.id_number_masked.clone(),
        sex: c.sex.clone(),
        birth_date: c.birth_date,
        phone_masked: mask_phone(&c.phone),
        email_masked: c.email.as_deref().map(mask_email),
    }
}

fn code_hash(state: &AppState, target: &str, purpose: &str, code: &str) -> Vec<u8> {
    state.keys.pii.keyed_hash(
        b"verification-code",
        format!("{target}\0{purpose}\0{code}").as_bytes(),
    )
}

/// Normalises and validates a code target for its channel.
fn normalize_target(channel: Channel, target: &str) -> ApiResult<String> {
    let t = target.trim();
    match channel {
        Channel::Sms => validate_mobile(t)
            .map(|_| t.to_string())
            .map_err(|e| ApiError::field("target", e.code)),
        Channel::Email => validate_email(t).map_err(|e| ApiError::field("target", e.code)),
    }
}

fn channel_of(target: &str) -> Channel {
    if target.contains('@') {
        Channel::Email
    } else {
        Channel::Sms
    }
}

pub fn request_code(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: CodeRequest,
) -> ApiResult<CodeSent> {
    let target = normalize_target(req.channel, &req.target)?;
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    throttle::limit(
        state,
        conn,
        &format!("code-target:{target}"),
        CODES_PER_TARGET_PER_HOUR,
        3600,
        "code_limit_reached",
    )?;
    let now = state.clock.now();
    let purpose = req.purpose.as_str();
    if let Some(last) = accounts::latest_code_created_at(conn, &target, purpose)? {
        let wait = (last + Duration::seconds(state.cfg.code_resend_secs) - now).num_seconds();
        if wait > 0 {
            return Err(ApiError::too_many("code_resend_too_soon", wait as u64));
        }
    }
    // reset and unlock codes go only to contacts of existing accounts; the answer does not say which
    let deliver = match req.purpose {
        CodePurpose::Signup => true,
        CodePurpose::PasswordReset | CodePurpose::Unlock => {
            accounts::find_candidate_by_contact(conn, &target)?.is_some()
        }
    };
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    conn.transaction::<_, ApiError, _>(|conn| {
        accounts::insert_verification_code(
            conn,
            req.channel.as_str(),
            &target,
            purpose,
            &code_hash(state, &target, purpose, &code),
            now + Duration::seconds(state.cfg.code_ttl_secs),
        )?;
        if deliver {
            let minutes = state.cfg.code_ttl_secs / 60;
            let (subject, body) = messaging::templates::verification_code(purpose, &code, minutes);
            messaging::enqueue(conn, req.channel, &target, &subject, &body)?;
        }
        Ok(())
    })?;
    Ok(CodeSent {
        accepted: true,
        expires_in_secs: state.cfg.code_ttl_secs,
        resend_after_secs: state.cfg.code_resend_secs,
    })
}

/// Checks and consumes a code. Wrong codes count; after 5 the code is dead.
fn consume_code(
    state: &AppState,
    conn: &mut PgConnection,
    target: &str,
    purpose: &str,
    code: &str,
    field: &str,
) -> ApiResult<()> {
    let now = state.clock.now();
    let outcome = conn.transaction::<_, ApiError, _>(|conn| {
        let Some(vc) = accounts::lock_latest_code(conn, target, purpose)? else {
            return Ok(Err(ApiError::field(field, "code_invalid")));
        };
        if vc.expires_at <= now {
            return Ok(Err(ApiError::field(field, "code_expired")));
        }
        if vc.attempts >= MAX_CODE_ATTEMPTS {
            return Ok(Err(ApiError::field(field, "code_attempts_exceeded")));
        }
        if !ct_eq(
            &vc.code_hash,
            &code_hash(state, target, purpose, code.trim()),
        ) {
            accounts::code_attempt_failed(conn, vc.id)?;
            return Ok(Err(ApiError::field(field, "code_invalid")));
        }
        accounts::consume_code(conn, vc.id, now)?;
        Ok(Ok(()))
    })?;
    outcome
}

pub fn signup(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: SignupRequest,
) -> ApiResult<SignupResponse> {
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    let now = state.clock.now();
    let today = now.with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut err = |f: &str, c: &str| errors.entry(f.to_string()).or_default().push(c.to_string());

    let id_type = IdType::parse(&req.id_type);
    if id_type.is_none() {
        err("id_type", "id_type_invalid");
    }
    let valid_id = id_type.and_then(|t| match validate_id_number(t, &req.id_number, today) {
        Ok(v) => Some(v),
        Err(e) => {
            err("id_number", e.code());
            None
        }
    });
    let name = validate_person_name(&req.name)
        .map_err(|e| err("name", e.code))
        .ok();
    let phone = req.phone.trim().to_string();
    if let Err(e) = validate_mobile(&phone) {
        err("phone", e.code);
    }
    let email = match req
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        Some(e) => validate_email(e).map_err(|x| err("email", x.code)).ok(),
        None => None,
    };
    if let Err(e) = validate_password(&req.password) {
        err("password", e.code);
    }
    if req.privacy_version != state.cfg.privacy_version {
        err("privacy_version", "privacy_version_outdated");
    }
    if req.verification_channel == Channel::Email && email.is_none() {
        err("email", "email_required_for_verification");
    }
    // sex and birth date come from the ID number where it encodes them; otherwise they are entered
    let (sex, birth_date) = match &valid_id {
        Some(v) if v.id_type.derives_sex_and_birth() => (
            v.sex.map(|s| {
                if s == weikao_core::identity::Sex::Male {
                    "male"
                } else {
                    "female"
                }
                .to_string()
            }),
            v.birth_date,
        ),
        Some(_) => {
            let sex = match req.sex.as_deref() {
                Some(s @ ("male" | "female")) => Some(s.to_string()),
                _ => {
                    err("sex", "sex_required");
                    None
                }
            };
            let birth = match req.birth_date {
                Some(d) if d <= today && chrono::Datelike::year(&d) >= 1900 => Some(d),
                Some(_) => {
                    err("birth_date", "birth_date_invalid");
                    None
                }
                None => {
                    err("birth_date", "birth_date_required");
                    None
                }
            };
            (sex, birth)
        }
        None => (None, None),
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let (valid_id, name) = (valid_id.expect("validated"), name.expect("validated"));
    let bidx = state.keys.pii.blind_index(&valid_id.normalized);
    if accounts::candidate_bidx_exists(conn, &bidx)? {
        return Err(ApiError::conflict("id_number_registered"));
    }
    if accounts::candidate_phone_exists(conn, &phone)? {
        return Err(ApiError::conflict("phone_registered"));
    }
    if let Some(e) = email.as_deref() {
        if accounts::candidate_email_exists(conn, e)? {
            return Err(ApiError::conflict("email_registered"));
        }
    }
    let target = match req.verification_channel {
        Channel::Sms => phone.clone(),
        Channel::Email => email.clone().expect("checked above"),
    };
    consume_code(
        state,
        conn,
        &target,
        "signup",
        &req.verification_code,
        "verification_code",
    )?;
    let password_hash = state.passwords.hash(&req.password);
    let masked = mask_id_number(&valid_id.normalized);
    let verified_phone = (req.verification_channel == Channel::Sms).then_some(now);
    let verified_email = (req.verification_channel == Channel::Email).then_some(now);
    conn.transaction::<_, ApiError, _>(|conn| {
        let cand = accounts::insert_candidate(
            conn,
            &NewCandidate {
                id_type: valid_id.id_type.as_str(),
                id_number_bidx: bidx.clone(),
                id_number_enc: state.keys.pii.encrypt(&valid_id.normalized),
                id_number_masked: &masked,
                name: &name,
                sex: sex.as_deref(),
                birth_date,
                phone: &phone,
                email: email.as_deref(),
                phone_verified_at: verified_phone,
                email_verified_at: verified_email,
                password_hash: &password_hash,
                privacy_version: &req.privacy_version,
                privacy_accepted_at: now,
            },
        )
        .map_err(|e| match e {
            // a race with another sign-up: name the field whose unique index refused the row
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                info,
            ) => match info.constraint_name() {
                Some("candidates_phone_key") => ApiError::conflict("phone_registered"),
                Some("candidates_email") => ApiError::conflict("email_registered"),
                _ => ApiError::conflict("id_number_registered"),
            },
            other => other.into(),
        })?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor("candidate", Some(cand.id.to_string()), "account.signup")
                .object("candidate", cand.id)
                .details(serde_json::json!({ "privacy_version": req.privacy_version })),
        )?;
        let tokens = tokens::open_session(state, conn, ctx, SubjectKind::Candidate, cand.id)?;
        Ok(SignupResponse {
            candidate: profile(&cand),
            tokens,
        })
    })
}

pub fn login(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: CandidateLoginRequest,
) -> ApiResult<TokenPair> {
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    let login = req.login.trim();
    if login.is_empty() || req.password.is_empty() {
        return Err(ApiError::unauthorized("invalid_credentials"));
    }
    let (bidx, phone) = if validate_mobile(login).is_ok() {
        (None, Some(login.to_string()))
    } else {
        (
            Some(state.keys.pii.blind_index(&normalize_id_input(login))),
            None,
        )
    };
    let now = state.clock.now();
    let cfg = state.cfg.clone();
    let outcome = conn.transaction::<_, ApiError, _>(|conn| {
        let Some(cand) =
            accounts::lock_candidate_for_login(conn, bidx.as_deref(), phone.as_deref())?
        else {
            state.passwords.verify_dummy(&req.password);
            record(
                conn,
                Some(ctx),
                AuditEvent::actor("candidate", None, "auth.candidate_login")
                    .outcome("failure")
                    .details(serde_json::json!({ "reason": "unknown_account" })),
            )?;
            return Ok(Err(ApiError::unauthorized("invalid_credentials")));
        };
        if let Some(until) = cand.throttled_until.filter(|u| *u > now) {
            record(
                conn,
                Some(ctx),
                AuditEvent::actor(
                    "candidate",
                    Some(cand.id.to_string()),
                    "auth.candidate_login",
                )
                .outcome("denied")
                .details(serde_json::json!({ "reason": "throttled" })),
            )?;
            return Ok(Err(ApiError::too_many(
                "login_throttled",
                (until - now).num_seconds().max(1) as u64,
            )
            .detail(
                "too many failed attempts: wait, or unlock with a verification code",
            )));
        }
        if !state.passwords.verify(&req.password, &cand.password_hash) {
            let failures = cand.failed_logins + 1;
            let delay = candidate_delay_secs(
                failures,
                cfg.candidate_free_failures,
                cfg.candidate_max_delay_secs,
            );
            let until = (delay > 0).then(|| now + Duration::seconds(delay));
            accounts::candidate_login_failed(conn, cand.id, failures, until)?;
            record(
                conn,
                Some(ctx),
                AuditEvent::actor(
                    "candidate",
                    Some(cand.id.to_string()),
                    "auth.candidate_login",
                )
                .outcome("failure")
                .details(serde_json::json!({ "reason": "bad_password", "failures": failures })),
            )?;
            return Ok(Err(ApiError::unauthorized("invalid_credentials")));
        }
        accounts::candidate_reset_throttle(conn, cand.id)?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor(
                "candidate",
                Some(cand.id.to_string()),
                "auth.candidate_login",
            ),
        )?;
        tokens::open_session(state, conn, ctx, SubjectKind::Candidate, cand.id).map(Ok)
    })?;
    outcome
}

fn account_for_target(conn: &mut PgConnection, target: &str) -> ApiResult<(String, Candidate)> {
    let channel = channel_of(target);
    let t = normalize_target(channel, target)?;
    let cand = accounts::find_candidate_by_contact(conn, &t)?
        .ok_or_else(|| ApiError::field("code", "code_invalid"))?;
    Ok((t, cand))
}

pub fn reset_password(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: PasswordResetRequest,
) -> ApiResult<()> {
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    validate_password(&req.new_password).map_err(|e| ApiError::field("new_password", e.code))?;
    let (target, cand) = account_for_target(conn, &req.target)?;
    consume_code(state, conn, &target, "password_reset", &req.code, "code")?;
    let hash = state.passwords.hash(&req.new_password);
    let now = state.clock.now();
    conn.transaction::<_, ApiError, _>(|conn| {
        accounts::set_candidate_password(conn, cand.id, &hash, now)?;
        let revoked =
            accounts::revoke_subject_sessions(conn, "candidate", cand.id, "password_reset", now)?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor(
                "candidate",
                Some(cand.id.to_string()),
                "account.password_reset",
            )
            .object("candidate", cand.id)
            .details(serde_json::json!({ "sessions_revoked": revoked })),
        )?;
        Ok(())
    })
}

pub fn unlock(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: UnlockRequest,
) -> ApiResult<()> {
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    let (target, cand) = account_for_target(conn, &req.target)?;
    consume_code(state, conn, &target, "unlock", &req.code, "code")?;
    conn.transaction::<_, ApiError, _>(|conn| {
        accounts::candidate_reset_throttle(conn, cand.id)?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor("candidate", Some(cand.id.to_string()), "account.unlock")
                .object("candidate", cand.id),
        )?;
        Ok(())
    })
}
