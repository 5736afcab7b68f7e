//! The exam region's calendar editor: every session of the region with its review chain and windows
//! (registration, review per level, payment per stage, supplement), its status and the auto-confirmation
//! switch; one audited update that is validated as a whole (`weikao_core::sessions`).

use std::collections::BTreeMap;

use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::{in_scope, Permission};
use weikao_core::sessions::{check_schedule, check_status, dropped_levels, Schedule};
use weikao_store::catalog::ExamSession;
use weikao_store::schedule::{self as store, ScheduleUpdate};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LevelWindow {
    /// `point`, `site` or `region`
    pub level: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StageWindow {
    /// the payment stage (round), e.g. `main`, `skills`, `written`, `second_sitting`
    pub code: String,
    pub name: String,
    pub payment_opens_at: Option<DateTime<Utc>>,
    pub payment_closes_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct AdminSessionView {
    pub id: Uuid,
    pub exam_type: String,
    pub year: i32,
    pub name: String,
    /// `draft`, `published`, `closed`, `archived`
    pub status: String,
    pub review_chain: Vec<String>,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    pub supplement_opens_at: Option<DateTime<Utc>>,
    pub supplement_closes_at: Option<DateTime<Utc>>,
    /// one per level of the chain
    pub review_windows: Vec<LevelWindow>,
    /// the payment stages in order
    pub stages: Vec<StageWindow>,
    /// unchanged returning health-tech candidates skip to final approval
    pub auto_confirm_returning: bool,
    /// send it back when updating (optimistic concurrency)
    pub updated_at: DateTime<Utc>,
}

/// A session of the administrator's region (404 for another region's: its existence is not told), locked
/// when `lock`.
pub(crate) fn region_session(
    conn: &mut PgConnection,
    staff: &StaffUser,
    id: Uuid,
    lock: bool,
) -> ApiResult<ExamSession> {
    let s = if lock {
        store::lock_session(conn, id)?
    } else {
        weikao_store::catalog::find_session(conn, id)?
    }
    .ok_or_else(ApiError::not_found)?;
    let region =
        weikao_store::orgs::find_org(conn, s.region_org_id)?.ok_or_else(ApiError::internal)?;
    if !in_scope(&staff.scope_path, &region.path) {
        return Err(ApiError::not_found());
    }
    Ok(s)
}

fn auto_confirm(settings: &serde_json::Value) -> bool {
    settings["review"]["auto_confirm_returning"]
        .as_bool()
        .unwrap_or(false)
}

fn admin_view(conn: &mut PgConnection, s: ExamSession) -> ApiResult<AdminSessionView> {
    let mut review_windows: Vec<LevelWindow> = store::review_windows(conn, s.id)?
        .into_iter()
        .map(|(level, opens_at, closes_at)| LevelWindow {
            level,
            opens_at,
            closes_at,
        })
        .collect();
    review_windows.sort_by_key(|w| {
        s.review_chain
            .iter()
            .position(|l| *l == w.level)
            .unwrap_or(usize::MAX)
    });
    let stages = store::stages(conn, s.id)?
        .into_iter()
        .map(
            |(code, name, payment_opens_at, payment_closes_at)| StageWindow {
                code,
                name,
                payment_opens_at,
                payment_closes_at,
            },
        )
        .collect();
    Ok(AdminSessionView {
        auto_confirm_returning: auto_confirm(&s.settings),
        id: s.id,
        exam_type: s.exam_type,
        year: s.year,
        name: s.name,
        status: s.status,
        review_chain: s.review_chain,
        registration_opens_at: s.registration_opens_at,
        registration_closes_at: s.registration_closes_at,
        supplement_opens_at: s.supplement_opens_at,
        supplement_closes_at: s.supplement_closes_at,
        review_windows,
        stages,
        updated_at: s.updated_at,
    })
}

/// Every exam session of the caller's region, any status, with its schedule.
#[utoipa::path(tag = "admin", operation_id = "listAdminExamSessions", security(("bearer" = [])), responses(
    (status = 200, body = Vec<AdminSessionView>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only")
))]
#[get("/api/v1/admin/exam-sessions")]
pub async fn list_admin_sessions(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<Vec<AdminSessionView>>> {
    staff.require(Permission::ManageCatalog)?;
    let out = state
        .db(move |c| {
            let mut out = Vec::new();
            for (s, region_path) in store::all_sessions(c)? {
                if in_scope(&staff.scope_path, &region_path) {
                    out.push(admin_view(c, s)?);
                }
            }
            Ok(out)
        })
        .await?;
    Ok(web::Json(out))
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageWindowInput {
    pub code: String,
    pub payment_opens_at: DateTime<Utc>,
    pub payment_closes_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// `updated_at` of the session as read
    pub updated_at: DateTime<Utc>,
    /// lowest level first, ending at `region`, e.g. `["site","region"]`
    pub review_chain: Vec<String>,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    /// both or neither
    pub supplement_opens_at: Option<DateTime<Utc>>,
    pub supplement_closes_at: Option<DateTime<Utc>>,
    /// exactly one per level of the chain
    pub review_windows: Vec<LevelWindow>,
    /// every payment stage of the session
    pub stages: Vec<StageWindowInput>,
    /// `draft`, `published` or `closed`
    pub status: String,
    pub auto_confirm_returning: bool,
}

fn both_or_neither(
    errors: &mut BTreeMap<String, Vec<String>>,
    o: Option<DateTime<Utc>>,
    c: Option<DateTime<Utc>>,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    match (o, c) {
        (Some(o), Some(c)) => Some((o, c)),
        (None, None) => None,
        _ => {
            errors
                .entry("supplement_closes_at".into())
                .or_default()
                .push("window_incomplete".into());
            None
        }
    }
}

/// Rewrites a session's schedule: review chain and windows, payment windows per stage, the supplement window,
/// status (draft → published → closed; back to draft only without registrations) and auto-confirmation.
/// Validated as a whole; audited with what changed.
#[utoipa::path(tag = "admin", operation_id = "updateExamSessionSchedule", params(("id" = Uuid, Path)), request_body = ScheduleRequest, security(("bearer" = [])), responses(
    (status = 200, body = AdminSessionView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found` (also another region's session)"),
    (status = 409, body = Problem, description = "`version_conflict`, `level_in_use` (registrations wait at a level the new chain drops), `session_has_registrations`, `session_archived`, `archive_with_the_cli`, `status_change_not_allowed`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `review_chain` (`chain_empty`, `level_unknown`, `chain_out_of_order`, `chain_must_end_at_region`), `registration_closes_at`/`supplement_closes_at`/`stages.<code>`/`review_windows.<level>` (`dates_out_of_order`, `before_registration_opens`, `window_missing`, `window_incomplete`, `level_not_in_chain`), `stages` (`stage_unknown`, `stages_incomplete`), `status` (`status_unknown`)")
))]
#[put("/api/v1/admin/exam-sessions/{id}/schedule")]
pub async fn update_schedule(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<ScheduleRequest>,
) -> ApiResult<web::Json<AdminSessionView>> {
    staff.require(Permission::ManageCatalog)?;
    let id = id.into_inner();
    let req = body.into_inner();
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                let session = region_session(conn, &staff, id, true)?;
                if session.updated_at != req.updated_at {
                    return Err(ApiError::conflict("version_conflict")
                        .detail("someone else changed this session; reload it"));
                }
                let mut errors = BTreeMap::new();
                let supplement = both_or_neither(
                    &mut errors,
                    req.supplement_opens_at,
                    req.supplement_closes_at,
                );
                let known = store::stages(conn, id)?;
                for s in &req.stages {
                    if !known.iter().any(|k| k.0 == s.code) {
                        errors
                            .entry(format!("stages.{}", s.code))
                            .or_insert_with(Vec::new)
                            .push("stage_unknown".into());
                    }
                }
                if known
                    .iter()
                    .any(|k| !req.stages.iter().any(|s| s.code == k.0))
                {
                    errors
                        .entry("stages".into())
                        .or_insert_with(Vec::new)
                        .push("stages_incomplete".into());
                }
                let schedule = Schedule {
                    review_chain: req.review_chain.clone(),
                    registration: (req.registration_opens_at, req.registration_closes_at),
                    stages: req
                        .stages
                        .iter()
                        .map(|s| (s.code.clone(), s.payment_opens_at, s.payment_closes_at))
                        .collect(),
                    supplement,
                    review: req
                        .review_windows
                        .iter()
                        .map(|w| (w.level.clone(), (w.opens_at, w.closes_at)))
                        .collect(),
                    status: req.status.clone(),
                };
                for (k, v) in check_schedule(&schedule) {
                    errors.entry(k).or_default().extend(v);
                }
                if req.review_windows.len() != schedule.review.len() {
                    errors
                        .entry("review_windows".into())
                        .or_default()
                        .push("level_repeated".into());
                }
                if !errors.is_empty() {
                    return Err(ApiError::validation(errors));
                }
                let has_regs = store::has_registrations(conn, id)?;
                check_status(&session.status, &req.status, has_regs).map_err(ApiError::conflict)?;
                let dropped = dropped_levels(&session.review_chain, &req.review_chain);
                if !dropped.is_empty() && store::registrations_waiting_at(conn, id, &dropped)? > 0 {
                    return Err(ApiError::conflict("level_in_use").detail(format!(
                        "registrations still wait at {}; decide them first",
                        dropped.join(", ")
                    )));
                }
                let mut settings = session.settings.clone();
                if !settings.is_object() {
                    settings = serde_json::json!({});
                }
                if !settings["review"].is_object() {
                    settings["review"] = serde_json::json!({});
                }
                settings["review"]["auto_confirm_returning"] = req.auto_confirm_returning.into();
                let first_stage = known
                    .first()
                    .and_then(|k| req.stages.iter().find(|s| s.code == k.0))
                    .map(|s| (s.payment_opens_at, s.payment_closes_at));
                let review: Vec<(String, DateTime<Utc>, DateTime<Utc>)> = req
                    .review_windows
                    .iter()
                    .map(|w| (w.level.clone(), w.opens_at, w.closes_at))
                    .collect();
                let stages: Vec<(String, DateTime<Utc>, DateTime<Utc>)> = req
                    .stages
                    .iter()
                    .map(|s| (s.code.clone(), s.payment_opens_at, s.payment_closes_at))
                    .collect();
                let before = admin_view(conn, session.clone())?;
                let updated = store::update(
                    conn,
                    id,
                    &ScheduleUpdate {
                        review_chain: &req.review_chain,
                        registration: (req.registration_opens_at, req.registration_closes_at),
                        payment: first_stage,
                        supplement,
                        review: &review,
                        stages: &stages,
                        status: &req.status,
                        settings: &settings,
                    },
                    now,
                )?;
                let after = admin_view(conn, updated)?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "session.schedule")
                        .object("exam_session", id)
                        .details(serde_json::json!({
                            "before": serde_json::to_value(&before).unwrap_or_default(),
                            "after": serde_json::to_value(&after).unwrap_or_default(),
                        })),
                )?;
                Ok(after)
            })
        })
        .await?;
    Ok(web::Json(out))
}
