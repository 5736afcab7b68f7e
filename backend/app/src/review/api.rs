use actix_web::{get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::registrations::{self, RegistrationRow};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::review::queue::{resolve, QueueFilter, Severity, Sort, Special};

#[derive(Serialize, ToSchema)]
pub struct RegistrationSummary {
    pub id: Uuid,
    pub session_id: Uuid,
    pub exam_type: String,
    pub session_name: String,
    pub status: String,
    pub current_level: Option<String>,
    pub version: i32,
    pub candidate_name: String,
    /// masked, e.g. `410102********1234`
    pub id_number_masked: String,
    pub org_id: Option<Uuid>,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    /// waiting at a level whose review deadline has passed (the levels above may take it over)
    pub overdue: bool,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationPage {
    pub items: Vec<RegistrationSummary>,
    /// matches, counted up to 1 000 (see `total_capped`)
    pub total: i64,
    /// more than `total` registrations match: narrow the filter (exact counts per status: statistics)
    pub total_capped: bool,
    pub page: i64,
    pub page_size: i64,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationDetail {
    #[serde(flatten)]
    pub summary: RegistrationSummary,
    /// the form as submitted (identity fields masked)
    pub form: serde_json::Value,
    /// the current materials (open one through `createMaterialLink`)
    pub materials: Vec<crate::materials::api::MaterialView>,
    /// every action on the registration, oldest first, internal comments included
    pub timeline: Vec<StaffTimelineItem>,
    /// fields whose value differs from the candidate's history (the historical-candidate library)
    pub history_changes: Vec<FieldChange>,
    /// fields changed by the latest correction (against the previous submission)
    pub version_changes: Vec<FieldChange>,
    /// the latest status record the national talent center returned for this candidate and session
    pub talent_status: Option<TalentStatusView>,
}

#[derive(Serialize, ToSchema)]
pub struct TalentStatusView {
    /// `received`, `archived`, `needs_correction` or `rejected`
    pub status: String,
    pub note: Option<String>,
    pub recorded_on: chrono::NaiveDate,
    pub received_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldChange {
    /// `section.field`
    pub field: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

fn changes(c: Vec<weikao_core::review::changes::Change>) -> Vec<FieldChange> {
    c.into_iter()
        .map(|c| FieldChange {
            field: c.field,
            before: c.before,
            after: c.after,
        })
        .collect()
}

#[derive(Serialize, ToSchema)]
pub struct StaffTimelineItem {
    pub level: Option<String>,
    /// `create`, `submit`, `approve`, `return`, `reject`, ...
    pub action: String,
    /// `candidate`, `staff` or `system`
    pub actor_kind: String,
    pub comment: Option<String>,
    /// whether the candidate sees the comment
    pub comment_public: bool,
    pub reason_codes: Vec<String>,
    pub from_status: String,
    pub to_status: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub returned_fields: Vec<String>,
    pub returned_materials: Vec<String>,
    /// a batch decision that went through despite blocking findings: why
    pub override_reason: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    pub session_id: Option<Uuid>,
    /// `submitted`, `resubmitted`, `returned`, `approved`, `rejected`, `paid`, ...
    pub status: Option<String>,
    /// candidate name prefix, or a full ID number (matched through the blind index)
    pub q: Option<String>,
    /// 1-based page (default 1, at most 1000000)
    pub page: Option<i64>,
    /// 1–200 (default 20)
    pub page_size: Option<i64>,
    /// only registrations waiting for a decision at the caller's review level
    pub pending: Option<bool>,
    pub level_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    /// an organisation inside the caller's scope: its whole subtree
    pub org_id: Option<Uuid>,
    /// with a current verification finding of this severity
    #[param(inline)]
    pub severity: Option<Severity>,
    /// with a current verification finding of this rule, e.g. `violation_ban`
    pub rule_code: Option<String>,
    /// submitted at or after (RFC 3339)
    pub submitted_from: Option<chrono::DateTime<chrono::Utc>>,
    /// submitted before (RFC 3339)
    pub submitted_to: Option<chrono::DateTime<chrono::Utc>>,
    /// returning candidates (archive number from an earlier year) or new ones
    pub returning: Option<bool>,
    /// a special-item queue of the exam region
    #[param(inline)]
    pub special: Option<Special>,
    /// only registrations waiting at a level whose review deadline has passed
    pub overdue: Option<bool>,
    /// default `submitted_desc`
    #[param(inline)]
    pub sort: Option<Sort>,
}

impl QueueQuery {
    pub fn filter(&self) -> QueueFilter {
        QueueFilter {
            session_id: self.session_id,
            status: self.status.clone(),
            q: self.q.clone(),
            pending: self.pending,
            level_id: self.level_id,
            category_id: self.category_id,
            specialty_id: self.specialty_id,
            org_id: self.org_id,
            severity: self.severity,
            rule_code: self.rule_code.clone(),
            submitted_from: self.submitted_from,
            submitted_to: self.submitted_to,
            returning: self.returning,
            special: self.special,
            overdue: self.overdue,
        }
    }
}

pub(crate) fn summary(r: RegistrationRow) -> RegistrationSummary {
    RegistrationSummary {
        id: r.registration.id,
        session_id: r.registration.session_id,
        exam_type: r.exam_type,
        session_name: r.session_name,
        status: r.registration.status,
        current_level: r.registration.current_level,
        version: r.registration.version,
        candidate_name: r.candidate_name,
        id_number_masked: r.id_number_masked,
        org_id: r.registration.org_id,
        submitted_at: r.registration.submitted_at,
        overdue: false,
    }
}

/// Registrations in the caller's data scope, newest submission first.
#[utoipa::path(tag = "review", operation_id = "listReviewRegistrations", params(QueueQuery), security(("bearer" = [])), responses(
    (status = 200, body = RegistrationPage),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`")
))]
#[get("/api/v1/review/registrations")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<QueueQuery>,
) -> ApiResult<web::Json<RegistrationPage>> {
    staff.require(Permission::ReadRegistrations)?;
    let q = q.into_inner();
    let page = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let page_size = q.page_size.unwrap_or(20).clamp(1, 200);
    let sort = q.sort.unwrap_or_default();
    let filter = q.filter();
    let now = state.clock.now();
    let (page_rows, overdue) = state
        .run(move |st, c| {
            let r = resolve(c, &st.keys, now, &staff, filter)?;
            let p = registrations::list_scoped(
                c,
                &r.as_store(),
                sort.into(),
                (page - 1) * page_size,
                page_size,
            )?;
            let ids: Vec<Uuid> = p.rows.iter().map(|r| r.registration.id).collect();
            let overdue = registrations::overdue_among(c, &ids, now)?;
            Ok((p, overdue))
        })
        .await?;
    Ok(web::Json(RegistrationPage {
        items: page_rows
            .rows
            .into_iter()
            .map(|r| {
                let late = overdue.contains(&r.registration.id);
                RegistrationSummary {
                    overdue: late,
                    ..summary(r)
                }
            })
            .collect(),
        total: page_rows.total,
        total_capped: page_rows.total_capped,
        page,
        page_size,
    }))
}

/// One registration in the caller's scope; another scope's registration answers 404.
#[utoipa::path(tag = "review", operation_id = "getReviewRegistration", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = RegistrationDetail),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also for registrations outside the caller's scope)")
))]
#[get("/api/v1/review/registrations/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<RegistrationDetail>> {
    staff.require(Permission::ReadRegistrations)?;
    let id = id.into_inner();
    let scope = staff.scope_path.clone();
    let now = state.clock.now();
    let (row, materials, timeline, overdue, (history_changes, version_changes), talent) = state
        .db(move |c| {
            let row = registrations::find_scoped(c, id, &scope)?.ok_or_else(ApiError::not_found)?;
            let materials = weikao_store::materials::list_current(c, id)?;
            let timeline = registrations::timeline(c, id)?;
            let overdue = !registrations::overdue_among(c, &[id], now)?.is_empty();
            let reg = &row.registration;
            let forms = registrations::submitted_forms(c, id, 2)?;
            let version_changes = match forms.as_slice() {
                [latest, previous] => weikao_core::review::changes::diff(previous, latest),
                _ => vec![],
            };
            let session = weikao_store::catalog::find_session(c, reg.session_id)?
                .ok_or_else(ApiError::internal)?;
            let history_changes =
                match weikao_core::registration::ExamKind::parse(&session.exam_type) {
                    Some(kind) => {
                        let rows =
                            crate::registration::service::history_rows(c, reg.candidate_id, kind)?;
                        weikao_core::registration::history::prefill(kind, session.year, &rows)
                            .map(|p| weikao_core::review::changes::against_history(&p, &reg.form))
                            .unwrap_or_default()
                    }
                    None => vec![],
                };
            let bidx = registrations::candidate_bidx(c, reg.candidate_id)?;
            let talent = weikao_store::talent::latest_status(c, reg.session_id, &bidx)?;
            Ok((
                row,
                materials,
                timeline,
                overdue,
                (history_changes, version_changes),
                talent,
            ))
        })
        .await?;
    let form = row.registration.form.clone();
    Ok(web::Json(RegistrationDetail {
        summary: RegistrationSummary {
            overdue,
            ..summary(row)
        },
        form,
        materials: materials
            .into_iter()
            .map(crate::materials::api::view)
            .collect(),
        timeline: timeline
            .into_iter()
            .map(|t| StaffTimelineItem {
                level: t.level,
                action: t.action,
                actor_kind: t.actor_kind,
                comment: t.comment,
                comment_public: t.comment_public,
                reason_codes: t.reason_codes,
                from_status: t.from_status,
                to_status: t.to_status,
                at: t.created_at,
                returned_fields: t.returned_fields,
                returned_materials: t.returned_materials,
                override_reason: t.override_reason,
            })
            .collect(),
        history_changes: changes(history_changes),
        version_changes: changes(version_changes),
        talent_status: talent.map(|t| TalentStatusView {
            status: t.status,
            note: t.note,
            recorded_on: t.recorded_on,
            received_at: t.received_at,
        }),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevealRequest {
    /// why the full number is needed (kept in the audit log), 4–200 characters
    #[schema(min_length = 4, max_length = 200)]
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct RevealedIdNumber {
    pub id_type: String,
    pub id_number: String,
}

/// Reveals the full ID number of a registration's candidate (permission `can_reveal_pii`; audited).
#[utoipa::path(tag = "review", operation_id = "revealRegistrationIdNumber", params(("id" = Uuid, Path)), request_body = RevealRequest, security(("bearer" = [])), responses(
    (status = 200, body = RevealedIdNumber),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: no reveal permission"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `reason` (`reason_length`)")
))]
#[post("/api/v1/review/registrations/{id}/reveal-id-number")]
pub async fn reveal(
    state: web::Data<AppState>,
    staff: StaffUser,
    ctx: ReqCtx,
    id: web::Path<Uuid>,
    body: web::Json<RevealRequest>,
) -> ApiResult<web::Json<RevealedIdNumber>> {
    staff.require(Permission::ReadRegistrations)?;
    let reason = body.into_inner().reason.trim().to_string();
    let n = reason.chars().count();
    if !(4..=200).contains(&n) {
        return Err(ApiError::field("reason", "reason_length"));
    }
    let id = id.into_inner();
    let out = state
        .run(move |st, c| {
            let row = registrations::find_scoped(c, id, &staff.scope_path)?
                .ok_or_else(ApiError::not_found)?;
            let principal = Principal::Staff(staff.clone());
            if !staff.can_reveal_pii {
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&principal, "review.reveal_id_number")
                        .object("registration", id)
                        .outcome("denied"),
                )?;
                return Err(ApiError::forbidden()
                    .detail("revealing ID numbers needs the reveal permission"));
            }
            let enc = registrations::candidate_id_ciphertext(c, row.registration.candidate_id)?;
            let plain = st
                .keys
                .pii
                .decrypt(&enc)
                .map_err(|_| ApiError::internal())?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&principal, "review.reveal_id_number")
                    .object("registration", id)
                    .details(serde_json::json!({ "reason": reason })),
            )?;
            let id_type = weikao_store::accounts::find_candidate(c, row.registration.candidate_id)?
                .map(|x| x.id_type)
                .unwrap_or_default();
            Ok(RevealedIdNumber {
                id_type,
                id_number: plain,
            })
        })
        .await?;
    Ok(web::Json(out))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(crate::review::export::export)
        .service(list)
        .service(detail)
        .service(crate::review::archive::archived)
        .service(reveal)
        .service(crate::review::decisions::decide)
        .service(crate::review::batch::decide_batch)
        .service(crate::review::stats::statistics)
        .service(crate::review::abnormal::abnormal)
        .service(crate::review::reopen::reopen)
        .service(crate::review::correction::correct)
        .service(crate::review::reasons::list)
        .service(crate::review::reasons::put)
        .service(crate::review::spot_checks::create_spot_check)
        .service(crate::review::spot_checks::list_spot_checks)
        .service(crate::review::spot_checks::get_spot_check)
        .service(crate::review::spot_checks::check_item);
}
