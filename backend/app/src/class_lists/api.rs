//! The school's endpoints: upload the class list of a nurse session, follow the listed students' status.

use actix_web::{get, put, web, HttpRequest};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::class_lists as store;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

use super::service::{import, school_session};

#[derive(Debug, Serialize, ToSchema)]
pub struct ClassListReport {
    /// students on the list now
    pub students: usize,
    /// new to the list
    pub added: usize,
    /// on the previous list, not on this one
    pub removed: usize,
    /// on both
    pub kept: usize,
}

/// Uploads (replaces) the school's graduating class list of a nurse exam session: CSV (UTF-8 or GB18030) or
/// XLSX, one row per student with the columns 身份证号, 姓名, 预计毕业时间 and optionally 专业, 学历 (or
/// `id_number`, `name`, `expected_graduation_on`, `major`, `education_level`). All or nothing; every bad row is
/// reported. For a registration point's reviewers (the school's account). Audited.
#[utoipa::path(tag = "class-lists", operation_id = "uploadClassList", params(("id" = Uuid, Path, description = "exam session")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the CSV or XLSX file"),
    security(("bearer" = [])), responses(
    (status = 200, body = ClassListReport),
    (status = 400, body = Problem, description = "`invalid_path`, `upload_interrupted`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: a registration point's reviewers only"),
    (status = 404, body = Problem, description = "`not_found` (also a session of another region)"),
    (status = 409, body = Problem, description = "`class_list_nurse_only`, `session_not_open`"),
    (status = 413, body = Problem, description = "`file_too_large`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`: send the file as `application/octet-stream`, `text/csv` or the XLSX media type"),
    (status = 422, body = Problem, description = "`validation_failed`: `file` (`file_empty`, `xlsx_unreadable`, `csv_unreadable`, `encoding_unsupported`) or `rows[<n>].<field>` (`column_missing`, `required`, `id_number_*`, `name_*`, `invalid_value`, `too_long`, `date_invalid`, `not_session_year`, `duplicate_in_file`, `listed_by_another_school`, `formula_not_allowed`, `no_rows`, `too_many_rows`)")
))]
#[put("/api/v1/school/exam-sessions/{id}/class-list")]
pub async fn upload_class_list(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> ApiResult<web::Json<ClassListReport>> {
    staff.require(Permission::ManageClassLists)?;
    let id = id.into_inner();
    let who = staff.clone();
    state
        .db(move |c| school_session(c, &who, id).map(|_| ()))
        .await?;
    crate::libraries::api::check_import_media(&req)?;
    let file = crate::libraries::api::receive_import(&state, &req, payload).await?;
    let st = state.clone();
    let report = state
        .db(move |c| {
            let (r, students) = import(&st, c, &staff, id, &file.0)?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&Principal::Staff(staff.clone()), "class_list.upload")
                    .object("exam_session", id)
                    .details(serde_json::json!({
                        "school": staff.scope_org_id, "students": students,
                        "added": r.added, "removed": r.removed,
                    })),
            )?;
            Ok(ClassListReport {
                students,
                added: r.added,
                removed: r.removed,
                kept: r.kept,
            })
        })
        .await?;
    Ok(web::Json(report))
}

const STATUSES: &[&str] = &[
    "not_started",
    "draft",
    "submitted",
    "resubmitted",
    "returned",
    "approved",
    "rejected",
    "paid",
    "withdrawn",
];

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClassListQuery {
    /// one status: `not_started` (no registration yet) or a registration status (default: all)
    pub status: Option<String>,
    /// 1-based (default 1)
    pub page: Option<i64>,
    /// 1–200 (default 50)
    pub per_page: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClassStudentView {
    /// the ID number, masked
    pub id_number: String,
    pub name: String,
    pub major: Option<String>,
    pub education_level: Option<String>,
    pub expected_graduation_on: NaiveDate,
    /// `not_started` or the registration's status
    pub status: String,
    pub registration_id: Option<Uuid>,
    /// the level it waits at (under review)
    pub current_level: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// the supplementary diploma's status once paid (`pending`, `submitted`, `verified`, ...)
    pub supplement_status: Option<String>,
    /// false when the student registered through another registration point
    pub at_school: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClassStatusCount {
    pub status: String,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClassListPage {
    pub school_name: String,
    pub session_name: String,
    /// in the file's order
    pub items: Vec<ClassStudentView>,
    /// matching the filter
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// students per status (zero counts left out); they add up to the list's size
    pub counts: Vec<ClassStatusCount>,
}

/// The school's class list of a nurse session with each student's registration status.
#[utoipa::path(tag = "class-lists", operation_id = "getClassList", params(("id" = Uuid, Path, description = "exam session"), ClassListQuery),
    security(("bearer" = [])), responses(
    (status = 200, body = ClassListPage),
    (status = 400, body = Problem, description = "`invalid_path`, `invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: a registration point's reviewers only"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`class_list_nurse_only`"),
    (status = 422, body = Problem, description = "`validation_failed`: `status` (`status_unknown`), `page`/`per_page` (`out_of_range`)")
))]
#[get("/api/v1/school/exam-sessions/{id}/class-list")]
pub async fn get_class_list(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
    q: web::Query<ClassListQuery>,
) -> ApiResult<web::Json<ClassListPage>> {
    staff.require(Permission::ManageClassLists)?;
    let q = q.into_inner();
    if q.status.as_deref().is_some_and(|s| !STATUSES.contains(&s)) {
        return Err(ApiError::field("status", "status_unknown"));
    }
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(50);
    if !(1..=100_000).contains(&page) {
        return Err(ApiError::field("page", "out_of_range"));
    }
    if !(1..=200).contains(&per_page) {
        return Err(ApiError::field("per_page", "out_of_range"));
    }
    let id = id.into_inner();
    let out = state
        .db(move |c| {
            let (school, session) = school_session(c, &staff, id)?;
            let rows = store::page(
                c,
                session.id,
                school.id,
                q.status.as_deref(),
                per_page,
                (page - 1) * per_page,
            )?;
            let counts: Vec<ClassStatusCount> = store::counts(c, session.id, school.id)?
                .into_iter()
                .map(|s| ClassStatusCount {
                    status: s.status,
                    count: s.n,
                })
                .collect();
            let total = counts
                .iter()
                .filter(|s| q.status.as_deref().is_none_or(|f| f == s.status))
                .map(|s| s.count)
                .sum();
            Ok(ClassListPage {
                school_name: school.name,
                session_name: session.name,
                items: rows
                    .into_iter()
                    .map(|r| ClassStudentView {
                        id_number: r.id_masked,
                        name: r.name,
                        major: r.major,
                        education_level: r.education_level,
                        expected_graduation_on: r.expected_graduation_on,
                        status: r.status,
                        registration_id: r.registration_id,
                        current_level: r.current_level,
                        submitted_at: r.submitted_at,
                        supplement_status: r.supplement_status,
                        at_school: r.at_school,
                    })
                    .collect(),
                total,
                page,
                per_page,
                counts,
            })
        })
        .await?;
    Ok(web::Json(out))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(upload_class_list).service(get_class_list);
}
