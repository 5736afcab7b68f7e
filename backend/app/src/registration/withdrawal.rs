//! Withdrawing a registration before final approval, and registering again for the same session afterwards
//! (the withdrawn registration becomes a draft again, its history kept). Both are on the timeline, audited
//! and e-mailed.

use actix_web::{post, web};
use diesel::{Connection, PgConnection};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::registration::withdrawal::{may_withdraw, reason as check_reason};
use weikao_store::registrations::{self as regs, NewAction, Registration};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::CandidateUser;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::registration::dto::RegistrationView;
use crate::registration::service::{notify_status, view};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    /// the registration version the candidate saw
    pub version: i32,
    /// why (optional, at most 200 characters; reviewers see it on the timeline)
    pub reason: Option<String>,
}

fn action(
    conn: &mut PgConnection,
    reg: &Registration,
    updated: &Registration,
    what: &str,
    me: Uuid,
    comment: Option<&str>,
) -> ApiResult<()> {
    regs::insert_action(
        conn,
        &NewAction {
            registration_id: reg.id,
            level: None,
            action: what,
            actor_kind: "candidate",
            actor_id: Some(me),
            reason_codes: vec![],
            comment,
            comment_public: comment.is_some(),
            from_status: &reg.status,
            to_status: &updated.status,
            registration_version: updated.version,
            returned_fields: vec![],
            returned_materials: vec![],
            override_reason: None,
        },
    )?;
    Ok(())
}

/// Withdraws one of the candidate's registrations before final approval: it leaves every review queue. While
/// the registration window is open the candidate may register for the session again (the same registration
/// becomes a draft).
#[utoipa::path(tag = "registrations", operation_id = "withdrawRegistration", params(("id" = Uuid, Path)), request_body = WithdrawRequest, security(("bearer" = [])), responses(
    (status = 200, body = RegistrationView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`version_conflict`, `registration_not_withdrawable` (finally decided or already withdrawn)"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `reason` (`reason_too_long`)")
))]
#[post("/api/v1/registrations/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    id: web::Path<Uuid>,
    body: web::Json<WithdrawRequest>,
) -> ApiResult<web::Json<RegistrationView>> {
    let id = id.into_inner();
    let req = body.into_inner();
    let reason =
        check_reason(req.reason.as_deref()).map_err(|code| ApiError::field("reason", code))?;
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                let reg = regs::find_own(conn, id, me.id, true)?.ok_or_else(ApiError::not_found)?;
                if reg.version != req.version {
                    return Err(ApiError::conflict("version_conflict").detail(format!(
                        "the registration changed (now version {}); reload it",
                        reg.version
                    )));
                }
                if !may_withdraw(&reg.status) {
                    return Err(ApiError::conflict("registration_not_withdrawable").detail(
                        format!("a registration that is {} cannot be withdrawn", reg.status),
                    ));
                }
                let updated = regs::set_status(conn, id, "withdrawn", now)?;
                regs::insert_version(conn, &updated, "withdraw", "candidate", Some(me.id))?;
                action(conn, &reg, &updated, "withdraw", me.id, reason.as_deref())?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::actor(
                        "candidate",
                        Some(me.id.to_string()),
                        "registration.withdraw",
                    )
                    .object("registration", id)
                    .details(serde_json::json!({ "from": reg.status, "reason": reason })),
                )?;
                let session = weikao_store::catalog::find_session(conn, reg.session_id)?
                    .ok_or_else(ApiError::internal)?;
                notify_status(conn, me.id, &session.name, "withdrawn")?;
                view(st, conn, updated)
            })
        })
        .await?;
    Ok(web::Json(out))
}

/// Registering again after a withdrawal (called by `create` inside its transaction, the window checked): the
/// withdrawn registration becomes a draft with its form kept.
pub(crate) fn register_again(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    me: &CandidateUser,
    reg: Registration,
) -> ApiResult<RegistrationView> {
    let now = state.clock.now();
    conn.transaction::<_, ApiError, _>(|conn| {
        let updated = regs::set_status(conn, reg.id, "draft", now)?;
        regs::insert_version(conn, &updated, "register_again", "candidate", Some(me.id))?;
        action(conn, &reg, &updated, "register_again", me.id, None)?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor(
                "candidate",
                Some(me.id.to_string()),
                "registration.register_again",
            )
            .object("registration", reg.id),
        )?;
        view(state, conn, updated)
    })
}
