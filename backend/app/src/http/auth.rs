//! Authentication extractors. A bearer token is verified, then its session (or API client) is checked in
//! the database on every request, so logout, revocation and deactivation take effect at once. Role and
//! data scope are loaded fresh for staff; every staff query takes `scope_path` from here.

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use chrono::Utc;
use futures_util::future::LocalBoxFuture;
use uuid::Uuid;
use weikao_core::authz::{role_allows, Permission, ReviewLevel, Role};
use weikao_store::{accounts, orgs};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::security::jwt::{Claims, SubjectKind};

#[derive(Debug, Clone)]
pub struct CandidateUser {
    pub id: Uuid,
    pub session_id: Uuid,
}

#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    pub level: Option<ReviewLevel>,
    pub scope_org_id: Uuid,
    pub scope_path: String,
    pub can_reveal_pii: bool,
    pub session_id: Uuid,
    /// the institution of an institution portal user
    pub institution_code: Option<String>,
}

impl StaffUser {
    pub fn require(&self, p: Permission) -> ApiResult<()> {
        if role_allows(self.role, p) {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientUser {
    pub id: Uuid,
    pub client_id: String,
    pub scopes: Vec<String>,
}

impl ClientUser {
    pub fn require_scope(&self, scope: &str) -> ApiResult<()> {
        if self.scopes.iter().any(|s| s == scope) {
            Ok(())
        } else {
            Err(ApiError::forbidden().detail(format!("scope {scope} required")))
        }
    }
}

#[derive(Debug, Clone)]
pub enum Principal {
    Candidate(CandidateUser),
    Staff(StaffUser),
    Client(ClientUser),
}

impl Principal {
    /// (actor kind, actor id) for the audit log.
    pub fn actor(&self) -> (&'static str, String) {
        match self {
            Principal::Candidate(c) => ("candidate", c.id.to_string()),
            Principal::Staff(s) => ("staff", s.id.to_string()),
            Principal::Client(c) => ("client", c.client_id.clone()),
        }
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let h = req.headers().get("authorization")?.to_str().ok()?;
    let (scheme, token) = h.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// What a third-party call is checked and audited by: its route, method and browser origin.
struct CallInfo {
    method: String,
    route: String,
    origin: Option<String>,
    ctx: Option<ReqCtx>,
}

impl CallInfo {
    fn of(req: &HttpRequest) -> CallInfo {
        CallInfo {
            method: req.method().to_string(),
            route: req
                .match_pattern()
                .unwrap_or_else(|| "unmatched".to_string()),
            origin: req
                .headers()
                .get("origin")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            ctx: ReqCtx::extract(req).into_inner().ok(),
        }
    }
}

/// An API client's call: the browser origin must be on the client's allow-list, the rate limit holds, and
/// every call is audited (route pattern and outcome, never the query or body).
fn admit_client(
    state: &AppState,
    conn: &mut diesel::PgConnection,
    client: &accounts::ApiClient,
    call: &CallInfo,
) -> ApiResult<()> {
    let mut event = AuditEvent::actor("client", Some(client.client_id.clone()), "api.call")
        .details(serde_json::json!({ "method": call.method, "route": call.route }));
    let refused = match &call.origin {
        Some(o) if !client.allowed_origins.iter().any(|a| a == o) => Some(
            ApiError::new(actix_web::http::StatusCode::FORBIDDEN, "origin_not_allowed")
                .detail(format!("origin {o} is not on this client's allow-list")),
        ),
        _ => crate::accounts::throttle::client_rate_limit(state, conn, client).err(),
    };
    if let Some(e) = refused {
        event = event.outcome("denied");
        record(conn, call.ctx.as_ref(), event)?;
        return Err(e);
    }
    record(conn, call.ctx.as_ref(), event)?;
    Ok(())
}

fn load_principal(
    state: &AppState,
    conn: &mut diesel::PgConnection,
    claims: Claims,
    call: CallInfo,
) -> ApiResult<Principal> {
    let now = state.clock.now();
    match claims.kind {
        SubjectKind::Client => {
            let client = accounts::find_api_client_by_id(conn, claims.sub)?
                .filter(|c| c.active)
                .ok_or_else(|| ApiError::unauthorized("token_revoked"))?;
            admit_client(state, conn, &client, &call)?;
            Ok(Principal::Client(ClientUser {
                id: client.id,
                client_id: client.client_id,
                scopes: claims.scopes,
            }))
        }
        SubjectKind::Candidate | SubjectKind::Staff => {
            let sid = claims
                .sid
                .ok_or_else(|| ApiError::unauthorized("token_invalid"))?;
            let session = accounts::find_session(conn, sid)?
                .filter(|s| {
                    s.subject_id == claims.sub && s.revoked_at.is_none() && s.expires_at > now
                })
                .ok_or_else(|| ApiError::unauthorized("token_revoked"))?;
            if claims.kind == SubjectKind::Candidate {
                return Ok(Principal::Candidate(CandidateUser {
                    id: claims.sub,
                    session_id: session.id,
                }));
            }
            let staff = accounts::find_staff(conn, claims.sub)?
                .filter(|s| s.active)
                .ok_or_else(|| ApiError::unauthorized("token_revoked"))?;
            let org = orgs::find_org(conn, staff.scope_org_id)?.ok_or_else(ApiError::internal)?;
            let role = Role::parse(&staff.role).ok_or_else(ApiError::internal)?;
            Ok(Principal::Staff(StaffUser {
                id: staff.id,
                username: staff.username,
                role,
                level: staff.review_level.as_deref().and_then(ReviewLevel::parse),
                scope_org_id: org.id,
                scope_path: org.path,
                can_reveal_pii: staff.can_reveal_pii,
                session_id: session.id,
                institution_code: staff.institution_code,
            }))
        }
    }
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Principal, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        let call = CallInfo::of(req);
        Box::pin(async move {
            let state = state.ok_or_else(ApiError::internal)?;
            let token = token.ok_or_else(|| ApiError::unauthorized("unauthenticated"))?;
            let claims = state
                .signer
                .verify(&token)
                .ok_or_else(|| ApiError::unauthorized("token_invalid"))?;
            if claims.purpose.is_some() || claims.exp < Utc::now().timestamp() - 30 {
                return Err(ApiError::unauthorized("token_invalid"));
            }
            state
                .run(move |st, conn| load_principal(st, conn, claims, call))
                .await
        })
    }
}

macro_rules! narrow {
    ($ty:ident, $variant:ident) => {
        impl FromRequest for $ty {
            type Error = ApiError;
            type Future = LocalBoxFuture<'static, Result<$ty, ApiError>>;

            fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let fut = Principal::from_request(req, payload);
                Box::pin(async move {
                    match fut.await? {
                        Principal::$variant(x) => Ok(x),
                        _ => Err(ApiError::forbidden()
                            .detail("this endpoint is not for this kind of account")),
                    }
                })
            }
        }
    };
}

narrow!(CandidateUser, Candidate);
narrow!(StaffUser, Staff);
narrow!(ClientUser, Client);
