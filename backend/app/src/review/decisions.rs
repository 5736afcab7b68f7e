//! Review decisions: approve (to the next level or final approval), return for correction, reject.
//! Optimistic concurrency: the reviewer sends the version they saw; a second reviewer deciding the same
//! registration gets 409 `version_conflict` and nothing is overwritten.

use actix_web::{post, web};
use diesel::{Connection, PgConnection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::{Permission, ReviewLevel};
use weikao_core::review::{decide as rule, takes_over, Decision, DecisionError};
use weikao_store::registrations::{self as regs, NewAction};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DecisionAction {
    Approve,
    Return,
    Reject,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// the registration version the reviewer decided on
    pub version: i32,
    pub action: DecisionAction,
    /// reason codes from the reason catalog (required to return or reject), e.g. `photo_blurred`
    #[serde(default)]
    pub reason_codes: Vec<String>,
    /// free text, at most 1000 characters
    pub comment: Option<String>,
    /// whether the candidate sees the comment (internal otherwise)
    #[serde(default)]
    pub comment_public: bool,
    /// on return: the fields to correct, as `section.field` or a whole `section` (empty: the whole form)
    #[serde(default)]
    pub returned_fields: Vec<String>,
    /// on return: the material kinds to upload again
    #[serde(default)]
    pub returned_materials: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionResult {
    pub id: Uuid,
    /// `submitted` (now waiting at the next level), `approved`, `returned` or `rejected`
    pub status: String,
    pub current_level: Option<String>,
    pub version: i32,
}

fn rule_error(e: DecisionError) -> ApiError {
    match e {
        DecisionError::ReasonRequired => ApiError::field("reason_codes", e.code()),
        _ => ApiError::conflict(e.code()),
    }
}

/// What a reviewer chose, validated (the same for one registration and for a batch).
pub(crate) struct Choice {
    pub decision: Decision,
    pub reason_codes: Vec<String>,
    pub comment: Option<String>,
    pub comment_public: bool,
    pub returned_fields: Vec<String>,
    pub returned_materials: Vec<String>,
}

/// Checks the shape of a decision (everything that needs no database).
pub(crate) fn choice(
    action: DecisionAction,
    reason_codes: Vec<String>,
    comment: Option<String>,
    comment_public: bool,
    returned_fields: Vec<String>,
    returned_materials: Vec<String>,
) -> ApiResult<Choice> {
    let decision = match action {
        DecisionAction::Approve => Decision::Approve,
        DecisionAction::Return => Decision::Return,
        DecisionAction::Reject => Decision::Reject,
    };
    let comment = comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
        return Err(ApiError::field("comment", "comment_too_long"));
    }
    if reason_codes.len() > 20 || reason_codes.iter().any(|r| r.is_empty() || r.len() > 64) {
        return Err(ApiError::field("reason_codes", "reason_code_invalid"));
    }
    let is_return = matches!(decision, Decision::Return);
    if !is_return && !(returned_fields.is_empty() && returned_materials.is_empty()) {
        return Err(ApiError::field("returned_fields", "only_on_return"));
    }
    if returned_fields.iter().any(|f| {
        let mut parts = f.split('.');
        let section_ok = parts
            .next()
            .is_some_and(|s| crate::review::reasons::FORM_SECTIONS.contains(&s));
        let rest: Vec<&str> = parts.collect();
        !section_ok || rest.len() > 1 || rest.iter().any(|p| p.is_empty() || p.len() > 64)
    }) {
        return Err(ApiError::field("returned_fields", "field_unknown"));
    }
    if returned_materials
        .iter()
        .any(|k| !weikao_core::registration::MATERIAL_KINDS.contains(&k.as_str()))
    {
        return Err(ApiError::field(
            "returned_materials",
            "material_kind_unknown",
        ));
    }
    Ok(Choice {
        decision,
        reason_codes,
        comment,
        comment_public,
        returned_fields,
        returned_materials,
    })
}

/// The reason codes must be active entries of the reason catalog.
pub(crate) fn check_reasons(conn: &mut PgConnection, codes: &[String]) -> ApiResult<()> {
    let unknown = weikao_store::reasons::unknown_codes(conn, codes)?;
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ApiError::field("reason_codes", "reason_code_unknown")
            .detail(format!("not in the reason catalog: {}", unknown.join(", "))))
    }
}

/// How one decision is guarded.
pub(crate) struct Guard<'a> {
    /// the version the reviewer saw (a batch decides on the current version)
    pub expected_version: Option<i32>,
    /// batches skip registrations with blocking findings unless this reason is given
    pub blocking_check: bool,
    pub override_reason: Option<&'a str>,
}

/// Decides on one registration in its own transaction: scope, row lock, version, review window, the
/// state machine, then the version row, the action, the audit record and the candidate's notice.
pub(crate) fn decide_one(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    staff: &StaffUser,
    level: ReviewLevel,
    id: Uuid,
    c: &Choice,
    guard: &Guard,
) -> ApiResult<DecisionResult> {
    let now = state.clock.now();
    conn.transaction::<_, ApiError, _>(|conn| {
        // scope first (another scope's registration is a 404), then the row lock
        regs::find_scoped(conn, id, &staff.scope_path)?.ok_or_else(ApiError::not_found)?;
        let reg = regs::lock(conn, id)?;
        if let Some(v) = guard.expected_version {
            check_version(&reg, v)?;
        }
        let session = weikao_store::catalog::find_session(conn, reg.session_id)?.ok_or_else(ApiError::internal)?;
        let cat = weikao_store::catalog::load_catalog(conn, session.id)?;
        if let Some(w) = cat.review_windows.iter().find(|w| w.level == level.as_str()) {
            if now < w.opens_at || now >= w.closes_at {
                return Err(ApiError::conflict("review_window_closed").detail("the review window of your level is not open"));
            }
        }
        // overdue work of a lower level is taken over by the levels above (decided as if at their level)
        let current_overdue = reg
            .current_level
            .as_deref()
            .and_then(|l| cat.review_windows.iter().find(|w| w.level == l))
            .is_some_and(|w| now >= w.closes_at);
        let took_over = takes_over(&session.review_chain, reg.current_level.as_deref(), level.as_str(), current_overdue)
            .then(|| reg.current_level.clone())
            .flatten();
        let waits_at = if took_over.is_some() { Some(level.as_str()) } else { reg.current_level.as_deref() };
        let t = rule(&session.review_chain, &reg.status, waits_at, level.as_str(), c.decision, c.reason_codes.len())
            .map_err(rule_error)?;
        let mut overridden = None;
        if guard.blocking_check {
            let blocking: Vec<String> = weikao_store::findings::current(conn, id)?
                .into_iter()
                .filter(|f| f.severity == "block")
                .map(|f| f.rule_code)
                .collect();
            if !blocking.is_empty() {
                match guard.override_reason {
                    Some(r) => overridden = Some((r, blocking)),
                    None => {
                        return Err(ApiError::conflict("blocking_findings")
                            .detail(format!("blocking findings: {}", blocking.join(", "))))
                    }
                }
            }
        }
        let updated = regs::apply_decision(conn, id, t.to_status, t.to_level.as_deref(), t.final_decision, now)?;
        regs::insert_version(conn, &updated, c.decision.as_str(), "staff", Some(staff.id))?;
        regs::insert_action(conn, &NewAction {
            registration_id: id,
            level: Some(level.as_str()),
            action: c.decision.as_str(),
            actor_kind: "staff",
            actor_id: Some(staff.id),
            reason_codes: c.reason_codes.clone(),
            comment: c.comment.as_deref(),
            comment_public: c.comment_public,
            from_status: &reg.status,
            to_status: t.to_status,
            registration_version: updated.version,
            returned_fields: c.returned_fields.clone(),
            returned_materials: c.returned_materials.clone(),
            override_reason: overridden.as_ref().map(|o| o.0),
        })?;
        record(
            conn,
            Some(ctx),
            AuditEvent::by(&Principal::Staff(staff.clone()), "review.decide")
                .object("registration", id)
                .details(serde_json::json!({
                    "action": c.decision.as_str(), "level": level.as_str(), "to": t.to_status, "reasons": c.reason_codes,
                    "batch": guard.blocking_check,
                    "took_over_from": took_over,
                    "override": overridden.as_ref().map(|(r, rules)| serde_json::json!({"reason": r, "rules": rules})),
                })),
        )?;
        // every decision the candidate can see is e-mailed: an approval by a lower level too
        let word = if t.to_status == "submitted" { "level_approved" } else { t.to_status };
        crate::registration::service::notify_status(conn, reg.candidate_id, &session.name, word)?;
        Ok(DecisionResult { id, status: updated.status, current_level: updated.current_level, version: updated.version })
    })
}

/// Optimistic concurrency: the version the reviewer saw must still be the registration's.
pub(crate) fn check_version(reg: &regs::Registration, seen: i32) -> ApiResult<()> {
    if reg.version == seen {
        Ok(())
    } else {
        Err(ApiError::conflict("version_conflict").detail(format!(
            "someone else changed this registration (now version {}); reload it",
            reg.version
        )))
    }
}

pub(crate) fn reviewer_level(staff: &StaffUser) -> ApiResult<ReviewLevel> {
    staff
        .level
        .ok_or_else(|| ApiError::forbidden().detail("only reviewers decide"))
}

fn apply(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    staff: &StaffUser,
    id: Uuid,
    req: DecisionRequest,
) -> ApiResult<DecisionResult> {
    let level = reviewer_level(staff)?;
    let version = req.version;
    let c = choice(
        req.action,
        req.reason_codes,
        req.comment,
        req.comment_public,
        req.returned_fields,
        req.returned_materials,
    )?;
    check_reasons(conn, &c.reason_codes)?;
    let guard = Guard {
        expected_version: Some(version),
        blocking_check: false,
        override_reason: None,
    };
    decide_one(state, conn, ctx, staff, level, id, &c, &guard)
}

/// Decides on a registration waiting at the caller's level.
#[utoipa::path(tag = "review", operation_id = "decideRegistration", params(("id" = Uuid, Path)), request_body = DecisionRequest, security(("bearer" = [])), responses(
    (status = 200, body = DecisionResult),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: reviewers only"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 409, body = Problem, description = "`version_conflict` (someone else decided), `not_at_your_level` (it waits at another level whose deadline has not passed), `registration_not_pending`, `review_window_closed`, `level_not_in_chain`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `reason_codes` (`reason_required`, `reason_code_invalid`, `reason_code_unknown`), `comment` (`comment_too_long`), `returned_fields` (`field_unknown`, `only_on_return`), `returned_materials` (`material_kind_unknown`)")
))]
#[post("/api/v1/review/registrations/{id}/decisions")]
pub async fn decide(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<DecisionRequest>,
) -> ApiResult<web::Json<DecisionResult>> {
    staff.require(Permission::DecideRegistrations)?;
    let id = id.into_inner();
    let req = body.into_inner();
    Ok(web::Json(
        state
            .run(move |st, c| apply(st, c, &ctx, &staff, id, req))
            .await?,
    ))
}
