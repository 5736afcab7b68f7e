//! The comparison's endpoints: region administrators load the national export and run the comparison;
//! reviewers at the exam region list, export and resolve the anomalies (resolutions are audited).

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_core::authz::{Permission, ReviewLevel, Role};
use weikao_core::exchange::comparison::KINDS;
use weikao_core::identity::normalize_id_input;
use weikao_store::comparison::{self as store, Anomaly, AnomalyFilter};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::exchange::comparison::{self, import_view, NationalImportView, RunView};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::libraries::api::{check_import_media, receive_import};

const STATES: [&str; 3] = ["open", "resolved", "gone"];
/// How a reviewer settles an anomaly.
pub const RESOLUTIONS: [&str; 4] = [
    "corrected_provincial",
    "corrected_national",
    "confirmed_correct",
    "other",
];

/// Reviewers at the exam region and region administrators.
fn require_region(staff: &StaffUser) -> ApiResult<()> {
    staff.require(Permission::ReadRegistrations)?;
    if staff.role == Role::RegionAdmin || staff.level == Some(ReviewLevel::Region) {
        Ok(())
    } else {
        Err(ApiError::forbidden().detail("the comparison is handled at the exam region"))
    }
}

fn session_exists(c: &mut diesel::PgConnection, id: Uuid) -> ApiResult<()> {
    weikao_store::catalog::find_session(c, id)?
        .map(|_| ())
        .ok_or_else(|| ApiError::field("session_id", "session_unknown"))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// required
    pub session_id: Option<Uuid>,
    /// the file's name, for the record (at most 200 characters)
    pub file_name: Option<String>,
}

/// Loads the national system's export of an exam session (CSV or XLSX with 证件号码, 姓名, 报名状态
/// `in_review|approved|rejected|withdrawn`, 是否缴费, and optionally 报考级别, 专业代码, 考点代码). Valid rows land;
/// refused rows are listed. The newest import is the one the next run compares.
#[utoipa::path(tag = "exchange", operation_id = "importNationalRecords", params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the CSV or XLSX file"),
    security(("bearer" = [])), responses(
    (status = 201, body = NationalImportView),
    (status = 400, body = Problem, description = "`invalid_query`, `upload_interrupted`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 413, body = Problem, description = "`file_too_large`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`required`, `session_unknown`), `file_name` (`file_name_too_long`), `file` (`file_empty`, `file_unreadable`, `headers_invalid`)")
))]
#[post("/api/v1/admin/comparisons/imports")]
pub async fn import_national(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    req: HttpRequest,
    q: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    staff.require(Permission::ManageLibraries)?;
    check_import_media(&req)?;
    let q = q.into_inner();
    let session = q
        .session_id
        .ok_or_else(|| ApiError::field("session_id", "required"))?;
    if q.file_name
        .as_deref()
        .is_some_and(|n| n.chars().count() > 200)
    {
        return Err(ApiError::field("file_name", "file_name_too_long"));
    }
    state.db(move |c| session_exists(c, session)).await?;
    let file = receive_import(&state, &req, payload).await?;
    let view = state
        .run(move |st, c| {
            let now = st.clock.now();
            let by = format!("staff:{}", staff.id);
            let i = comparison::import_file(
                c,
                &st.keys.pii,
                session,
                &file.0,
                q.file_name.as_deref(),
                &by,
                now,
                crate::clock::local_date(now),
            )?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&Principal::Staff(staff.clone()), "comparison.import")
                    .object("national_import", i.id)
                    .details(serde_json::json!({ "rows_loaded": i.rows_loaded, "rows_total": i.rows_total })),
            )?;
            drop(file);
            Ok(import_view(i))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    pub session_id: Uuid,
}

/// Compares the session's newest national import with our registrations. A re-run updates the anomaly list
/// in place (no duplicates), keeps resolutions whose values did not change and closes what it no longer finds.
#[utoipa::path(tag = "exchange", operation_id = "runComparison", request_body = RunRequest, security(("bearer" = [])), responses(
    (status = 200, body = RunView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 409, body = Problem, description = "`no_national_import`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`session_unknown`)")
))]
#[post("/api/v1/admin/comparisons/runs")]
pub async fn run(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    body: web::Json<RunRequest>,
) -> ApiResult<web::Json<RunView>> {
    staff.require(Permission::ManageLibraries)?;
    let session = body.into_inner().session_id;
    let out = state
        .run(move |st, c| {
            session_exists(c, session)?;
            let r = comparison::run(c, session, &format!("staff:{}", staff.id), st.clock.now())?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&Principal::Staff(staff.clone()), "comparison.run")
                    .object("comparison_run", r.id)
                    .details(serde_json::json!({ "found": r.found, "new": r.new, "gone": r.gone })),
            )?;
            Ok(r)
        })
        .await?;
    Ok(web::Json(out))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnomalyView {
    pub id: Uuid,
    pub session_id: Uuid,
    /// `only_national`, `only_provincial`, `identity_mismatch`, `status_mismatch`, `payment_mismatch`,
    /// `field_difference`
    pub kind: String,
    /// the differing field (`level_code`, `specialty_code`, `site_code`; `name` for an identity mismatch)
    pub field: String,
    pub name: String,
    pub id_number_masked: String,
    /// our registration (none for `only_national`)
    pub registration_id: Option<Uuid>,
    pub provincial_value: Option<String>,
    pub national_value: Option<String>,
    /// `open`, `resolved`, or `gone` (no longer found by the latest run)
    pub state: String,
    pub resolution: Option<String>,
    pub note: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

fn view(a: Anomaly) -> AnomalyView {
    AnomalyView {
        id: a.id,
        session_id: a.session_id,
        kind: a.kind,
        field: a.field,
        name: a.name,
        id_number_masked: a.id_masked,
        registration_id: a.registration_id,
        provincial_value: a.provincial_value,
        national_value: a.national_value,
        state: a.state,
        resolution: a.resolution,
        note: a.note,
        resolved_at: a.resolved_at,
        updated_at: a.updated_at,
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AnomalyQuery {
    /// required
    pub session_id: Option<Uuid>,
    pub kind: Option<String>,
    /// default `open`; `all` for every state
    pub state: Option<String>,
    /// a name prefix or a full ID number
    pub q: Option<String>,
    /// 1-based (default 1)
    pub page: Option<i64>,
    /// 1–200 (default 50)
    pub page_size: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KindCount {
    pub kind: String,
    pub open: i64,
    pub resolved: i64,
    pub gone: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnomalyPage {
    pub items: Vec<AnomalyView>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// every kind of the session, by state
    pub counts: Vec<KindCount>,
}

struct Filter {
    session: Uuid,
    kind: Option<String>,
    state: Option<String>,
    name: Option<String>,
    bidx: Option<Vec<u8>>,
}

fn filter_of(st: &AppState, q: &AnomalyQuery) -> ApiResult<Filter> {
    let mut errors = std::collections::BTreeMap::new();
    if q.session_id.is_none() {
        errors.insert("session_id".to_string(), vec!["required".to_string()]);
    }
    if q.kind.as_deref().is_some_and(|k| !KINDS.contains(&k)) {
        errors.insert("kind".to_string(), vec!["kind_unknown".to_string()]);
    }
    let state = match q.state.as_deref() {
        None => Some("open".to_string()),
        Some("all") => None,
        Some(s) if STATES.contains(&s) => Some(s.to_string()),
        Some(_) => {
            errors.insert("state".to_string(), vec!["state_unknown".to_string()]);
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let (name, bidx) = match q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => (None, None),
        Some(s) if s.chars().any(|c| c.is_ascii_digit()) => {
            (None, Some(st.keys.pii.blind_index(&normalize_id_input(s))))
        }
        Some(s) => (Some(s.to_string()), None),
    };
    Ok(Filter {
        session: q.session_id.expect("checked"),
        kind: q.kind.clone(),
        state,
        name,
        bidx,
    })
}

impl Filter {
    fn store(&self) -> AnomalyFilter<'_> {
        AnomalyFilter {
            session_id: self.session,
            kind: self.kind.as_deref(),
            state: self.state.as_deref(),
            name: self.name.as_deref(),
            id_bidx: self.bidx.clone(),
        }
    }
}

/// The session's anomalies, by kind then name, with counts per kind and state. Exam-region staff only.
#[utoipa::path(tag = "exchange", operation_id = "listComparisonAnomalies", params(AnomalyQuery), security(("bearer" = [])), responses(
    (status = 200, body = AnomalyPage),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: reviewers at the exam region and region administrators"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`required`), `kind` (`kind_unknown`), `state` (`state_unknown`)")
))]
#[get("/api/v1/review/comparison-anomalies")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<AnomalyQuery>,
) -> ApiResult<web::Json<AnomalyPage>> {
    require_region(&staff)?;
    let q = q.into_inner();
    let f = filter_of(&state, &q)?;
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let page_size = q.page_size.unwrap_or(50).clamp(1, 200);
    let out = state
        .db(move |c| {
            let (items, total) =
                store::list_anomalies(c, &f.store(), (page - 1) * page_size, page_size)?;
            let mut counts: Vec<KindCount> = KINDS
                .iter()
                .map(|k| KindCount {
                    kind: k.to_string(),
                    open: 0,
                    resolved: 0,
                    gone: 0,
                })
                .collect();
            for (kind, st, n) in store::counts(c, f.session)? {
                if let Some(k) = counts.iter_mut().find(|k| k.kind == kind) {
                    match st.as_str() {
                        "open" => k.open = n,
                        "resolved" => k.resolved = n,
                        _ => k.gone = n,
                    }
                }
            }
            Ok(AnomalyPage {
                items: items.into_iter().map(view).collect(),
                total,
                page,
                page_size,
                counts,
            })
        })
        .await?;
    Ok(web::Json(out))
}

const EXPORT_HEADERS: [&str; 11] = [
    "异常类型",
    "字段",
    "姓名",
    "证件号码",
    "省网",
    "国网",
    "状态",
    "处理结果",
    "备注",
    "报名编号",
    "更新时间",
];

/// The filtered anomalies as an XLSX file (ID numbers masked; the export is audited).
#[utoipa::path(tag = "exchange", operation_id = "exportComparisonAnomalies", params(AnomalyQuery), security(("bearer" = [])), responses(
    (status = 200, description = "the XLSX file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`required`), `kind` (`kind_unknown`), `state` (`state_unknown`)")
))]
#[get("/api/v1/review/comparison-anomalies/export")]
pub async fn export(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    q: web::Query<AnomalyQuery>,
) -> ApiResult<HttpResponse> {
    require_region(&staff)?;
    let q = q.into_inner();
    let f = filter_of(&state, &q)?;
    let bytes = state
        .db(move |c| {
            let xe = |e: rust_xlsxwriter::XlsxError| {
                tracing::error!(error = %e, "anomaly export");
                ApiError::internal()
            };
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("国网省网比对").map_err(xe)?;
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (i, h) in EXPORT_HEADERS.iter().enumerate() {
                ws.write_string_with_format(0, i as u16, *h, &bold)
                    .map_err(xe)?;
            }
            let mut row = 0u32;
            let filter = f.store();
            loop {
                let (items, _) = store::list_anomalies(c, &filter, row as i64, 5000)?;
                if items.is_empty() {
                    break;
                }
                for a in items {
                    row += 1;
                    let cells = [
                        a.kind,
                        a.field,
                        a.name,
                        a.id_masked,
                        a.provincial_value.unwrap_or_default(),
                        a.national_value.unwrap_or_default(),
                        a.state,
                        a.resolution.unwrap_or_default(),
                        a.note.unwrap_or_default(),
                        a.registration_id.map(|r| r.to_string()).unwrap_or_default(),
                        a.updated_at.to_rfc3339(),
                    ];
                    for (i, v) in cells.iter().enumerate() {
                        ws.write_string(row, i as u16, v).map_err(xe)?;
                    }
                }
            }
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&Principal::Staff(staff.clone()), "comparison.export")
                    .details(serde_json::json!({ "rows": row, "session_id": f.session })),
            )?;
            wb.save_to_buffer().map_err(xe)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(
                "comparison-anomalies.xlsx".into(),
            )],
        })
        .body(bytes))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    /// `corrected_provincial` (fixed here), `corrected_national` (fixed in the national system),
    /// `confirmed_correct` (both right, e.g. a renamed person), `other` (explain in `note`)
    pub resolution: String,
    /// at most 500 characters; required for `other`
    pub note: Option<String>,
}

/// Settles an open anomaly (audited); the registration's finding disappears with it.
#[utoipa::path(tag = "exchange", operation_id = "resolveComparisonAnomaly", params(("id" = Uuid, Path)), request_body = ResolveRequest, security(("bearer" = [])), responses(
    (status = 200, body = AnomalyView),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: reviewers at the exam region"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`anomaly_not_open`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `resolution` (`resolution_unknown`), `note` (`note_required`, `note_too_long`)")
))]
#[post("/api/v1/review/comparison-anomalies/{id}/resolve")]
pub async fn resolve(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<ResolveRequest>,
) -> ApiResult<web::Json<AnomalyView>> {
    staff.require(Permission::DecideRegistrations)?;
    if staff.level != Some(ReviewLevel::Region) {
        return Err(ApiError::forbidden().detail("anomalies are resolved at the exam region"));
    }
    let b = body.into_inner();
    let note = b.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if !RESOLUTIONS.contains(&b.resolution.as_str()) {
        return Err(ApiError::field("resolution", "resolution_unknown"));
    }
    if b.resolution == "other" && note.is_none() {
        return Err(ApiError::field("note", "note_required"));
    }
    if note.is_some_and(|n| n.chars().count() > 500) {
        return Err(ApiError::field("note", "note_too_long"));
    }
    let note = note.map(str::to_string);
    let id = id.into_inner();
    let out = state
        .run(move |st, c| {
            c.transaction(|c| {
                let a = store::find_for_update(c, id)?.ok_or_else(ApiError::not_found)?;
                if a.state != "open" {
                    return Err(ApiError::conflict("anomaly_not_open"));
                }
                let now = st.clock.now();
                let a = store::resolve(c, id, &b.resolution, note.as_deref(), staff.id, now)?;
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "comparison.resolve")
                        .object("comparison_anomaly", a.id)
                        .details(serde_json::json!({ "resolution": b.resolution, "kind": a.kind })),
                )?;
                if let Some(r) = a.registration_id {
                    crate::verification::verify_registrations(
                        c,
                        &[r],
                        crate::clock::local_date(now),
                        now,
                    )?;
                }
                Ok(view(a))
            })
        })
        .await?;
    Ok(web::Json(out))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(import_national)
        .service(run)
        .service(export)
        .service(list)
        .service(resolve);
}
