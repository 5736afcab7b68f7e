//! Batch decisions: approve or return many registrations at once, chosen by selection or by a queue
//! filter. Each registration is decided in its own transaction, so one conflict never undoes the others;
//! registrations with blocking findings are skipped (and listed) unless the reviewer overrides with a reason.

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::Permission;

use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::StaffUser;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::review::decisions::{
    check_reasons, choice, decide_one, reviewer_level, DecisionAction, Guard,
};
use crate::review::queue::{resolve, QueueFilter};

/// At most this many registrations per batch (a filter matching more decides the oldest ones first).
pub const MAX_BATCH: usize = 500;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// `approve` or `return` (rejections are decided one by one)
    pub action: DecisionAction,
    /// the selected registrations (1–500); or give `filter`
    pub ids: Option<Vec<Uuid>>,
    /// every registration of the queue filter that waits at the caller's level (oldest first, at most 500)
    pub filter: Option<QueueFilter>,
    #[serde(default)]
    pub reason_codes: Vec<String>,
    pub comment: Option<String>,
    #[serde(default)]
    pub comment_public: bool,
    #[serde(default)]
    pub returned_fields: Vec<String>,
    #[serde(default)]
    pub returned_materials: Vec<String>,
    /// decide registrations with blocking findings too; needs `override_reason`
    #[serde(default)]
    pub override_blocking: bool,
    /// why the blocking findings are overridden (4–200 characters; kept on each decision and in the audit log)
    pub override_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchItem {
    pub id: Uuid,
    /// `decided` or `skipped`
    pub outcome: String,
    /// why it was skipped: `blocking_findings`, `not_found`, `not_at_your_level`, `registration_not_pending`,
    /// `review_window_closed`, `level_not_in_chain`
    pub code: Option<String>,
    pub detail: Option<String>,
    /// the registration's status after the batch (when decided)
    pub status: Option<String>,
    pub current_level: Option<String>,
    pub version: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResult {
    /// how many registrations the selection or filter matched
    pub matched: i64,
    /// how many of them this batch looked at (at most 500)
    pub processed: usize,
    pub decided: usize,
    pub skipped: usize,
    pub items: Vec<BatchItem>,
}

/// Approves or returns a batch of registrations waiting at the caller's level.
#[utoipa::path(tag = "review", operation_id = "decideRegistrationBatch", request_body = BatchRequest, security(("bearer" = [])), responses(
    (status = 200, body = BatchResult, description = "what happened to each registration"),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_query` (a filter with submitted_from after submitted_to)"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: reviewers only"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `ids` (`selection_required`, `selection_too_large`), `action` (`batch_action_unsupported`), `override_reason` (`override_reason_required`), `reason_codes` (`reason_required`, `reason_code_invalid`, `reason_code_unknown`), `comment` (`comment_too_long`), `returned_fields` (`field_unknown`, `only_on_return`), `returned_materials` (`material_kind_unknown`)")
))]
#[post("/api/v1/review/batch-decisions")]
pub async fn decide_batch(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    body: web::Json<BatchRequest>,
) -> ApiResult<web::Json<BatchResult>> {
    staff.require(Permission::DecideRegistrations)?;
    let req = body.into_inner();
    let level = reviewer_level(&staff)?;
    if req.action == DecisionAction::Reject {
        return Err(ApiError::field("action", "batch_action_unsupported"));
    }
    if req.action == DecisionAction::Return && req.reason_codes.is_empty() {
        return Err(ApiError::field("reason_codes", "reason_required"));
    }
    let override_reason = match (
        req.override_blocking,
        req.override_reason.as_deref().map(str::trim),
    ) {
        (false, _) => None,
        (true, Some(r)) if (4..=200).contains(&r.chars().count()) => Some(r.to_string()),
        (true, _) => {
            return Err(ApiError::field(
                "override_reason",
                "override_reason_required",
            ))
        }
    };
    match (&req.ids, &req.filter) {
        (Some(ids), None) if ids.is_empty() => {
            return Err(ApiError::field("ids", "selection_required"))
        }
        (Some(ids), None) if ids.len() > MAX_BATCH => {
            return Err(ApiError::field("ids", "selection_too_large"))
        }
        (Some(_), None) | (None, Some(_)) => {}
        _ => {
            return Err(
                ApiError::field("ids", "selection_required").detail("give either ids or filter")
            )
        }
    }
    let c = choice(
        req.action,
        req.reason_codes,
        req.comment,
        req.comment_public,
        req.returned_fields,
        req.returned_materials,
    )?;
    let (ids, filter) = (req.ids, req.filter);
    let out = state
        .run(move |st, conn| {
            check_reasons(conn, &c.reason_codes)?;
            let (matched, ids) = match (ids, filter) {
                (Some(mut ids), _) => {
                    let mut seen = std::collections::HashSet::new();
                    ids.retain(|i| seen.insert(*i));
                    (ids.len() as i64, ids)
                }
                (None, Some(mut f)) => {
                    f.pending = Some(true);
                    let r = resolve(conn, &st.keys, st.clock.now(), &staff, f)?;
                    weikao_store::registrations::scoped_ids(conn, &r.as_store(), MAX_BATCH as i64)?
                }
                (None, None) => unreachable!("checked above"),
            };
            let guard = Guard {
                expected_version: None,
                blocking_check: true,
                override_reason: override_reason.as_deref(),
            };
            let mut items = Vec::with_capacity(ids.len());
            for id in ids {
                items.push(
                    match decide_one(st, conn, &ctx, &staff, level, id, &c, &guard) {
                        Ok(d) => BatchItem {
                            id,
                            outcome: "decided".into(),
                            code: None,
                            detail: None,
                            status: Some(d.status),
                            current_level: d.current_level,
                            version: Some(d.version),
                        },
                        Err(e) if e.status.is_client_error() => BatchItem {
                            id,
                            outcome: "skipped".into(),
                            code: Some(e.code.to_string()),
                            detail: e.detail.clone(),
                            status: None,
                            current_level: None,
                            version: None,
                        },
                        Err(e) => return Err(e),
                    },
                );
            }
            let decided = items.iter().filter(|i| i.outcome == "decided").count();
            Ok(BatchResult {
                matched,
                processed: items.len(),
                decided,
                skipped: items.len() - decided,
                items,
            })
        })
        .await?;
    Ok(web::Json(out))
}
