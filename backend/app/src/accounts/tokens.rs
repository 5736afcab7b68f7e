//! Sessions and tokens: a login opens a session (a refresh-token family); refreshing rotates the refresh
//! token; presenting an already-rotated token again revokes the whole family (token theft); logout revokes.

use chrono::Duration;
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use weikao_store::accounts;

use crate::accounts::dto::TokenPair;
use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::security::crypto::random_token;
use crate::security::jwt::{Claims, SubjectKind, ISSUER};

fn refresh_hash(state: &AppState, token: &str) -> Vec<u8> {
    state
        .keys
        .pii
        .keyed_hash(b"refresh-token", token.as_bytes())
}

pub fn access_token(
    state: &AppState,
    kind: SubjectKind,
    sub: Uuid,
    sid: Option<Uuid>,
    scopes: Vec<String>,
) -> String {
    let now = state.clock.now().timestamp();
    state.signer.sign(&Claims {
        sub,
        kind,
        sid,
        scopes,
        purpose: None,
        iat: now,
        exp: now + state.cfg.access_token_ttl_secs,
        iss: ISSUER.into(),
    })
}

fn issue_in_session(
    state: &AppState,
    conn: &mut PgConnection,
    kind: SubjectKind,
    sub: Uuid,
    sid: Uuid,
) -> ApiResult<TokenPair> {
    let refresh = random_token(32);
    let ttl = state.cfg.refresh_token_ttl_secs;
    accounts::insert_refresh_token(
        conn,
        sid,
        &refresh_hash(state, &refresh),
        state.clock.now() + Duration::seconds(ttl),
    )?;
    Ok(TokenPair {
        access_token: access_token(state, kind, sub, Some(sid), vec![]),
        token_type: "Bearer".into(),
        expires_in: state.cfg.access_token_ttl_secs,
        refresh_token: refresh,
        refresh_expires_in: ttl,
    })
}

/// Opens a session for a subject that just authenticated and returns its first token pair.
pub fn open_session(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    kind: SubjectKind,
    sub: Uuid,
) -> ApiResult<TokenPair> {
    let kind_str = match kind {
        SubjectKind::Candidate => "candidate",
        SubjectKind::Staff => "staff",
        SubjectKind::Client => return Err(ApiError::internal()),
    };
    let expires = state.clock.now() + Duration::seconds(state.cfg.refresh_token_ttl_secs);
    let session = accounts::create_session(
        conn,
        kind_str,
        sub,
        expires,
        Some(&ctx.ip),
        ctx.user_agent.as_deref(),
    )?;
    issue_in_session(state, conn, kind, sub, session.id)
}

/// Rotates a refresh token. Reuse of a rotated token revokes the session and is audited.
pub fn refresh(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    token: &str,
) -> ApiResult<TokenPair> {
    let hash = refresh_hash(state, token);
    let now = state.clock.now();
    let outcome: Result<TokenPair, ApiError> = conn.transaction::<_, ApiError, _>(|conn| {
        let Some(rt) = accounts::lock_refresh_token(conn, &hash)? else {
            return Ok(Err(ApiError::unauthorized("refresh_token_invalid")));
        };
        let session =
            accounts::find_session(conn, rt.session_id)?.ok_or_else(ApiError::internal)?;
        let kind = if session.subject_kind == "staff" {
            SubjectKind::Staff
        } else {
            SubjectKind::Candidate
        };
        if session.revoked_at.is_some() {
            return Ok(Err(ApiError::unauthorized("session_revoked")));
        }
        if rt.rotated_at.is_some() {
            accounts::revoke_session(conn, session.id, "refresh_token_reused", now)?;
            record(
                conn,
                Some(ctx),
                AuditEvent::actor(
                    &session.subject_kind,
                    Some(session.subject_id.to_string()),
                    "auth.refresh_reused",
                )
                .object("session", session.id)
                .outcome("denied"),
            )?;
            return Ok(Err(ApiError::unauthorized("refresh_token_reused")));
        }
        if rt.expires_at <= now || session.expires_at <= now {
            return Ok(Err(ApiError::unauthorized("refresh_token_expired")));
        }
        if kind == SubjectKind::Staff {
            let active = accounts::find_staff(conn, session.subject_id)?.is_some_and(|s| s.active);
            if !active {
                return Ok(Err(ApiError::unauthorized("account_disabled")));
            }
        }
        accounts::mark_refresh_rotated(conn, rt.id, now)?;
        issue_in_session(state, conn, kind, session.subject_id, session.id).map(Ok)
    })?;
    outcome
}

/// Revokes the session of the presented access token.
pub fn logout(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    kind: &str,
    subject: Uuid,
    sid: Uuid,
) -> ApiResult<()> {
    conn.transaction::<_, ApiError, _>(|conn| {
        if accounts::revoke_session(conn, sid, "logout", state.clock.now())? {
            record(
                conn,
                Some(ctx),
                AuditEvent::actor(kind, Some(subject.to_string()), "auth.logout")
                    .object("session", sid),
            )?;
        }
        Ok(())
    })
}
