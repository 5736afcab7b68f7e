//! Client-credentials tokens for third-party systems (national exam network, base-resource system).

use diesel::PgConnection;
use weikao_store::accounts;

use crate::accounts::dto::{ClientToken, ClientTokenRequest};
use crate::accounts::throttle;
use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::security::jwt::SubjectKind;

pub fn token(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    req: ClientTokenRequest,
) -> ApiResult<ClientToken> {
    throttle::auth_ip_limit(state, conn, &ctx.ip)?;
    if req.grant_type != "client_credentials" {
        return Err(ApiError::bad_request("unsupported_grant_type"));
    }
    let client = accounts::find_api_client(conn, &req.client_id)?;
    let ok = match &client {
        Some(c) if c.active => state.passwords.verify(&req.client_secret, &c.secret_hash),
        _ => {
            state.passwords.verify_dummy(&req.client_secret);
            false
        }
    };
    let Some(client) = client.filter(|_| ok) else {
        record(
            conn,
            Some(ctx),
            AuditEvent::actor(
                "client",
                Some(req.client_id.chars().take(128).collect()),
                "auth.client_token",
            )
            .outcome("failure"),
        )?;
        return Err(ApiError::unauthorized("invalid_client"));
    };
    let granted: Vec<String> = match req
        .scope
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => client.scopes.clone(),
        Some(s) => {
            let wanted: Vec<String> = s.split_whitespace().map(str::to_string).collect();
            if let Some(bad) = wanted.iter().find(|w| !client.scopes.contains(w)) {
                return Err(ApiError::bad_request("invalid_scope")
                    .detail(format!("scope {bad} is not granted to this client")));
            }
            wanted
        }
    };
    accounts::touch_api_client(conn, client.id, state.clock.now())?;
    record(
        conn,
        Some(ctx),
        AuditEvent::actor(
            "client",
            Some(client.client_id.clone()),
            "auth.client_token",
        )
        .details(serde_json::json!({ "scopes": granted })),
    )?;
    let access = crate::accounts::tokens::access_token(
        state,
        SubjectKind::Client,
        client.id,
        None,
        granted.clone(),
    );
    Ok(ClientToken {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: state.cfg.access_token_ttl_secs,
        scope: granted.join(" "),
    })
}
