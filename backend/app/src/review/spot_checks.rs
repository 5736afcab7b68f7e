//! Spot checks of lower levels' decisions (审核结果核验) for the exam region: draw a random sample of the
//! approvals a level made (narrowed by site or registration point, reviewer, approval dates), then confirm or
//! overturn each with a reason. Overturning puts the registration in the region's hands (see
//! `weikao_core::review::spot_check`). Every step is audited.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::{Permission, ReviewLevel};
use weikao_core::review::spot_check::{
    checkable_levels, overturn_effect, Effect, Verdict, MAX_SAMPLE,
};
use weikao_store::registrations::{self as regs, NewAction};
use weikao_store::spot_checks::{self as store, Population, SpotCheck};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

fn region_only(staff: &StaffUser) -> ApiResult<()> {
    staff.require(Permission::DecideRegistrations)?;
    if staff.level != Some(ReviewLevel::Region) {
        return Err(ApiError::forbidden().detail("spot checks are the exam region's"));
    }
    Ok(())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSpotCheck {
    pub session_id: Uuid,
    /// the level whose approvals are sampled: any level of the session's chain but the last
    pub level: String,
    /// only registrations under this organisation (an exam site or a registration point)
    pub org_id: Option<Uuid>,
    /// only approvals by this reviewer
    pub reviewer_id: Option<Uuid>,
    /// only approvals made at or after this time
    pub approved_from: Option<DateTime<Utc>>,
    /// only approvals made before this time
    pub approved_to: Option<DateTime<Utc>>,
    /// how many approvals to draw (1–500; fewer when fewer match)
    pub sample_size: i64,
}

#[derive(Serialize, ToSchema)]
pub struct SpotCheckSummary {
    pub id: Uuid,
    pub session_id: Uuid,
    pub session_name: String,
    pub level: String,
    pub org_name: Option<String>,
    pub reviewer_name: Option<String>,
    /// sample size asked for
    pub requested: i32,
    /// approvals that matched when the sample was drawn
    pub population: i32,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// items drawn, and how many are confirmed / overturned so far
    pub items: i64,
    pub confirmed: i64,
    pub overturned: i64,
}

#[derive(Serialize, ToSchema)]
pub struct SpotCheckItem {
    pub id: Uuid,
    pub registration_id: Uuid,
    pub candidate_name: String,
    pub org_name: Option<String>,
    pub reviewer_id: Option<Uuid>,
    pub reviewer_name: Option<String>,
    /// when the sampled approval was made
    pub approved_at: DateTime<Utc>,
    /// the registration's status now
    pub registration_status: String,
    /// null until checked; `confirmed` or `overturned`
    pub verdict: Option<String>,
    pub reason: Option<String>,
    /// what overturning did: `moved_to_region`, `already_at_region`, or `recorded_only:<why>` (`paid`,
    /// `payment_in_progress`, `returned`, `rejected`, `not_submitted`)
    pub effect: Option<String>,
    pub checked_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct ReviewerTally {
    pub reviewer_id: Option<Uuid>,
    pub reviewer_name: Option<String>,
    pub sampled: i64,
    pub confirmed: i64,
    pub overturned: i64,
}

#[derive(Serialize, ToSchema)]
pub struct SpotCheckView {
    pub summary: SpotCheckSummary,
    /// unchecked first, then by approval time
    pub items: Vec<SpotCheckItem>,
    /// per reviewer of the sampled approvals: how their decisions held up
    pub by_reviewer: Vec<ReviewerTally>,
}

fn summary(l: store::Listed) -> SpotCheckSummary {
    SpotCheckSummary {
        id: l.id,
        session_id: l.session_id,
        session_name: l.session_name,
        level: l.level,
        org_name: l.org_name,
        reviewer_name: l.reviewer_name,
        requested: l.requested,
        population: l.population,
        created_by: l.created_by_name,
        created_at: l.created_at,
        items: l.items,
        confirmed: l.confirmed,
        overturned: l.overturned,
    }
}

fn item(r: store::ItemRow) -> SpotCheckItem {
    SpotCheckItem {
        id: r.id,
        registration_id: r.registration_id,
        candidate_name: r.candidate_name,
        org_name: r.org_name,
        reviewer_id: r.reviewer_id,
        reviewer_name: r.reviewer_name,
        approved_at: r.approved_at,
        registration_status: r.registration_status,
        verdict: r.verdict,
        reason: r.reason,
        effect: r.effect,
        checked_at: r.checked_at,
    }
}

fn load_view(conn: &mut PgConnection, id: Uuid, scope: &str) -> ApiResult<SpotCheckView> {
    let listed = store::list(conn, scope, Some(id), 1)?
        .pop()
        .ok_or_else(ApiError::not_found)?;
    let items: Vec<SpotCheckItem> = store::items(conn, id, None)?
        .into_iter()
        .map(item)
        .collect();
    let mut by_reviewer: Vec<ReviewerTally> = Vec::new();
    for i in &items {
        let pos = match by_reviewer
            .iter()
            .position(|t| t.reviewer_id == i.reviewer_id)
        {
            Some(p) => p,
            None => {
                by_reviewer.push(ReviewerTally {
                    reviewer_id: i.reviewer_id,
                    reviewer_name: i.reviewer_name.clone(),
                    sampled: 0,
                    confirmed: 0,
                    overturned: 0,
                });
                by_reviewer.len() - 1
            }
        };
        let t = &mut by_reviewer[pos];
        t.sampled += 1;
        match i.verdict.as_deref() {
            Some("confirmed") => t.confirmed += 1,
            Some("overturned") => t.overturned += 1,
            _ => {}
        }
    }
    by_reviewer.sort_by(|a, b| {
        b.overturned
            .cmp(&a.overturned)
            .then(b.sampled.cmp(&a.sampled))
    });
    Ok(SpotCheckView {
        summary: summary(listed),
        items,
        by_reviewer,
    })
}

/// Draws a spot check: a random sample of the approvals a lower level made in a session.
#[utoipa::path(tag = "review", operation_id = "createSpotCheck", request_body = NewSpotCheck, security(("bearer" = [])), responses(
    (status = 201, body = SpotCheckView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: exam-region reviewers only"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`session_unknown`), `level` (`level_not_checkable`), `org_id` (`org_not_in_scope`), `reviewer_id` (`reviewer_unknown`), `approved_to` (`dates_out_of_order`), `sample_size` (`out_of_range`), `sample` (`no_decisions_match`)")
))]
#[post("/api/v1/review/spot-checks")]
pub async fn create_spot_check(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    body: web::Json<NewSpotCheck>,
) -> ApiResult<HttpResponse> {
    region_only(&staff)?;
    let req = body.into_inner();
    if !(1..=MAX_SAMPLE).contains(&req.sample_size) {
        return Err(ApiError::field("sample_size", "out_of_range"));
    }
    if let (Some(f), Some(t)) = (req.approved_from, req.approved_to) {
        if t <= f {
            return Err(ApiError::field("approved_to", "dates_out_of_order"));
        }
    }
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                let session = weikao_store::catalog::find_session(conn, req.session_id)?
                    .ok_or_else(|| ApiError::field("session_id", "session_unknown"))?;
                if !checkable_levels(&session.review_chain).contains(&req.level.as_str()) {
                    return Err(ApiError::field("level", "level_not_checkable"));
                }
                let org_path = match req.org_id {
                    Some(o) => {
                        let org = weikao_store::orgs::find_org(conn, o)?
                            .filter(|org| org.path.starts_with(&staff.scope_path))
                            .ok_or_else(|| ApiError::field("org_id", "org_not_in_scope"))?;
                        Some(org.path)
                    }
                    None => None,
                };
                if let Some(r) = req.reviewer_id {
                    weikao_store::accounts::find_staff(conn, r)?
                        .ok_or_else(|| ApiError::field("reviewer_id", "reviewer_unknown"))?;
                }
                let id = Uuid::new_v4();
                let sampled = store::sample(
                    conn,
                    &Population {
                        session_id: session.id,
                        scope_path: &staff.scope_path,
                        level: &req.level,
                        org_path: org_path.as_deref(),
                        reviewer_id: req.reviewer_id,
                        from: req.approved_from,
                        to: req.approved_to,
                    },
                    &id.to_string(),
                    req.sample_size,
                )?;
                let Some(first) = sampled.first() else {
                    return Err(ApiError::field("sample", "no_decisions_match"));
                };
                let population = first.population as i32;
                store::insert(
                    conn,
                    &SpotCheck {
                        id,
                        session_id: session.id,
                        level: req.level.clone(),
                        org_id: req.org_id,
                        reviewer_id: req.reviewer_id,
                        approved_from: req.approved_from,
                        approved_to: req.approved_to,
                        requested: req.sample_size as i32,
                        population,
                        scope_path: staff.scope_path.clone(),
                        created_by: staff.id,
                        created_at: now,
                    },
                    &sampled,
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "review.spot_check.create")
                        .object("spot_check", id)
                        .details(serde_json::json!({
                            "session": session.id, "level": req.level, "org": req.org_id,
                            "reviewer": req.reviewer_id, "requested": req.sample_size,
                            "population": population, "drawn": sampled.len(),
                        })),
                )?;
                load_view(conn, id, &staff.scope_path)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Spot checks in the caller's scope, newest first (at most 100), with their progress.
#[utoipa::path(tag = "review", operation_id = "listSpotChecks", security(("bearer" = [])), responses(
    (status = 200, body = Vec<SpotCheckSummary>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`")
))]
#[get("/api/v1/review/spot-checks")]
pub async fn list_spot_checks(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<Vec<SpotCheckSummary>>> {
    staff.require(Permission::ReadRegistrations)?;
    let scope = staff.scope_path.clone();
    let rows = state
        .db(move |c| Ok(store::list(c, &scope, None, 100)?))
        .await?;
    Ok(web::Json(rows.into_iter().map(summary).collect()))
}

/// One spot check with its items and the tally per reviewer.
#[utoipa::path(tag = "review", operation_id = "getSpotCheck", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = SpotCheckView),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)")
))]
#[get("/api/v1/review/spot-checks/{id}")]
pub async fn get_spot_check(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<SpotCheckView>> {
    staff.require(Permission::ReadRegistrations)?;
    let id = id.into_inner();
    let scope = staff.scope_path.clone();
    let out = state.db(move |c| load_view(c, id, &scope)).await?;
    Ok(web::Json(out))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpotVerdict {
    Confirm,
    Overturn,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpotCheckVerdict {
    pub verdict: SpotVerdict,
    /// required to overturn (4–500 characters); internal, on the registration's timeline
    pub reason: Option<String>,
}

/// Confirms or overturns one sampled approval. Overturning puts a registration still in review (or finally
/// approved without a payment under way) at the exam region's level; a paid, returned or rejected one is
/// left as it is and the verdict recorded.
#[utoipa::path(tag = "review", operation_id = "checkSpotCheckItem", params(("id" = Uuid, Path), ("item_id" = Uuid, Path)), request_body = SpotCheckVerdict, security(("bearer" = [])), responses(
    (status = 200, body = SpotCheckItem),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: exam-region reviewers only"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 409, body = Problem, description = "`already_checked`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `reason` (`reason_required`, `reason_length`)")
))]
#[post("/api/v1/review/spot-checks/{id}/items/{item_id}")]
pub async fn check_item(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<SpotCheckVerdict>,
) -> ApiResult<web::Json<SpotCheckItem>> {
    region_only(&staff)?;
    let (id, item_id) = path.into_inner();
    let req = body.into_inner();
    let verdict = match req.verdict {
        SpotVerdict::Confirm => Verdict::Confirm,
        SpotVerdict::Overturn => Verdict::Overturn,
    };
    let reason =
        weikao_core::review::reason_text(req.reason.as_deref(), verdict == Verdict::Overturn)
            .map_err(|code| ApiError::field("reason", code))?;
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                store::find(conn, id, &staff.scope_path)?.ok_or_else(ApiError::not_found)?;
                let (reg_id, so_far) =
                    store::lock_item(conn, id, item_id)?.ok_or_else(ApiError::not_found)?;
                if so_far.is_some() {
                    return Err(ApiError::conflict("already_checked"));
                }
                let effect = match verdict {
                    Verdict::Confirm => None,
                    Verdict::Overturn => Some(overturn(
                        conn,
                        &staff,
                        reg_id,
                        reason.as_deref().unwrap_or(""),
                        now,
                    )?),
                };
                store::set_verdict(
                    conn,
                    item_id,
                    verdict.as_str(),
                    reason.as_deref(),
                    effect.as_deref().unwrap_or(""),
                    staff.id,
                    now,
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(
                        &Principal::Staff(staff.clone()),
                        "review.spot_check.verdict",
                    )
                    .object("registration", reg_id)
                    .details(serde_json::json!({
                        "spot_check": id, "item": item_id, "verdict": verdict.as_str(),
                        "reason": reason, "effect": effect,
                    })),
                )?;
                let row = store::items(conn, id, Some(item_id))?
                    .pop()
                    .ok_or_else(ApiError::internal)?;
                Ok(item(row))
            })
        })
        .await?;
    Ok(web::Json(out))
}

/// Applies an overturn to the registration; returns the effect as recorded.
fn overturn(
    conn: &mut PgConnection,
    staff: &StaffUser,
    reg_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    let reg = regs::lock(conn, reg_id)?;
    let session = weikao_store::catalog::find_session(conn, reg.session_id)?
        .ok_or_else(ApiError::internal)?;
    let live = weikao_store::payments::for_registration(conn, reg_id)?
        .iter()
        .any(|o| crate::review::reopen::LIVE_ORDER.contains(&o.status.as_str()));
    let effect = overturn_effect(
        &session.review_chain,
        &reg.status,
        reg.current_level.as_deref(),
        live,
    );
    let (to_status, version) = match &effect {
        Effect::ToRegion {
            to_status,
            to_level,
        } => {
            let updated =
                regs::apply_decision(conn, reg_id, to_status, Some(to_level), false, now)?;
            regs::insert_version(
                conn,
                &updated,
                "spot_check_overturn",
                "staff",
                Some(staff.id),
            )?;
            (updated.status, updated.version)
        }
        _ => (reg.status.clone(), reg.version),
    };
    regs::insert_action(
        conn,
        &NewAction {
            registration_id: reg_id,
            level: Some("region"),
            action: "spot_check_overturn",
            actor_kind: "staff",
            actor_id: Some(staff.id),
            reason_codes: vec![],
            comment: Some(reason),
            comment_public: false,
            from_status: &reg.status,
            to_status: &to_status,
            registration_version: version,
            returned_fields: vec![],
            returned_materials: vec![],
            override_reason: None,
        },
    )?;
    Ok(match effect {
        Effect::Untouched(why) => format!("recorded_only:{why}"),
        other => other.code().to_string(),
    })
}
