//! Admin API of the reference libraries: what they hold, imports with reports, batches, search, export, cleanup.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_core::identity::normalize_id_input;
use weikao_core::libraries::{file_columns, library, LibrarySpec, LIBRARIES};
use weikao_store::libraries::{self as store, Batch};

use super::import::{import, ImportRequest, Mode, OnError};
use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::materials::upload::{receive, too_large, TempFile};

#[derive(Serialize, ToSchema)]
pub struct LibraryColumn {
    /// canonical header
    pub name: String,
    /// other accepted headers
    pub aliases: Vec<String>,
    /// `text`, `code`, `date`, `year`, `int`, `bool`, `enum`, `code_list`
    #[serde(rename = "type")]
    pub type_: String,
    /// allowed values of an `enum` column
    pub values: Vec<String>,
    pub required: bool,
}

#[derive(Serialize, ToSchema)]
pub struct LibraryInfo {
    /// e.g. `violations`
    pub code: String,
    pub name: String,
    /// rows are keyed by an ID number (all but `institutions`)
    pub keyed_by_id: bool,
    pub columns: Vec<LibraryColumn>,
    pub live_rows: i64,
    pub latest_batch: Option<BatchView>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ImportErrorView {
    /// file row (the header is row 1; 0 for the file as a whole)
    pub row: u32,
    pub column: String,
    /// e.g. `missing_column`, `id_number_invalid`, `date_invalid`, `duplicate_row`, `formula_not_allowed`
    pub code: String,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct BatchView {
    pub id: Uuid,
    pub library: String,
    /// `replace` | `append`
    pub mode: String,
    /// `accept_valid` | `all_or_nothing`
    pub on_error: String,
    /// `active` (rows landed), `superseded` (rows archived by a later import), `rejected` (nothing landed)
    pub status: String,
    pub file_name: Option<String>,
    /// `csv` | `xlsx`
    pub file_format: String,
    pub file_sha256: String,
    /// data rows in the file
    pub rows_total: i32,
    pub rows_loaded: i32,
    pub rows_rejected: i32,
    /// all errors found (the report lists the first 10 000)
    pub error_count: i32,
    /// the first 100 errors
    pub errors: Vec<ImportErrorView>,
    /// headers that matched no column
    pub ignored_columns: Vec<String>,
    pub created_by: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub superseded_at: Option<chrono::DateTime<chrono::Utc>>,
    /// where the XLSX error report is
    pub report_url: String,
}

fn batch_view(b: Batch) -> BatchView {
    let errors: Vec<ImportErrorView> = serde_json::from_value(b.errors).unwrap_or_default();
    BatchView {
        report_url: format!("/api/v1/admin/library-batches/{}/report", b.id),
        id: b.id,
        library: b.library,
        mode: b.mode,
        on_error: b.on_error,
        status: b.status,
        file_name: b.file_name,
        file_format: b.file_format,
        file_sha256: b.file_sha256,
        rows_total: b.rows_total,
        rows_loaded: b.rows_loaded,
        rows_rejected: b.rows_rejected,
        error_count: b.error_count,
        errors: errors.into_iter().take(100).collect(),
        ignored_columns: b.ignored_columns,
        created_by: b.created_by,
        created_at: b.created_at,
        superseded_at: b.superseded_at,
    }
}

fn type_name(ty: weikao_core::libraries::ColType) -> (&'static str, Vec<String>) {
    use weikao_core::libraries::ColType::*;
    match ty {
        Text => ("text", vec![]),
        Code => ("code", vec![]),
        Date => ("date", vec![]),
        Year => ("year", vec![]),
        Int => ("int", vec![]),
        Bool => ("bool", vec![]),
        Enum(v) => ("enum", v.iter().map(|s| s.to_string()).collect()),
        CodeList => ("code_list", vec![]),
    }
}

/// Media types an import body may be sent as (the format itself is recognised from the content).
const IMPORT_MEDIA_TYPES: &[&str] = &[
    "application/octet-stream",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

/// An import body must come as a file (`unsupported_media_type` otherwise).
pub(crate) fn check_import_media(req: &HttpRequest) -> ApiResult<()> {
    let media = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    if media
        .as_deref()
        .is_none_or(|m| IMPORT_MEDIA_TYPES.contains(&m))
    {
        Ok(())
    } else {
        Err(ApiError::new(
            actix_web::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ))
    }
}

/// Streams an import body to a temporary file, refusing it (413) past `WEIKAO_IMPORT_MAX_BYTES`, before
/// reading it when the declared length already says so.
pub(crate) async fn receive_import(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
) -> ApiResult<TempFile> {
    let max = state.cfg.import_max_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(too_large(max));
    }
    let (file, _) = receive(payload, &state.cfg.data_dir.join("imports"), max).await?;
    Ok(file)
}

fn spec_of(code: &str) -> ApiResult<&'static LibrarySpec> {
    library(code).ok_or_else(ApiError::not_found)
}

/// The reference libraries with their columns, live row counts and latest import.
#[utoipa::path(tag = "libraries", operation_id = "listLibraries", security(("bearer" = [])), responses(
    (status = 200, body = Vec<LibraryInfo>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only")
))]
#[get("/api/v1/admin/libraries")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<Vec<LibraryInfo>>> {
    staff.require(Permission::ManageLibraries)?;
    let out = state
        .db(|c| {
            let mut out = Vec::new();
            for spec in LIBRARIES {
                let latest = store::list_batches(c, spec.code, 1)?.into_iter().next();
                out.push(LibraryInfo {
                    code: spec.code.to_string(),
                    name: spec.name_zh.to_string(),
                    keyed_by_id: spec.keyed_by_id,
                    columns: file_columns(spec)
                        .iter()
                        .map(|col| {
                            let (t, values) = type_name(col.ty);
                            LibraryColumn {
                                name: col.name.to_string(),
                                aliases: col.aliases.iter().map(|a| a.to_string()).collect(),
                                type_: t.to_string(),
                                values,
                                required: col.required,
                            }
                        })
                        .collect(),
                    live_rows: store::live_rows(c, spec)?,
                    latest_batch: latest.map(batch_view),
                });
            }
            Ok(out)
        })
        .await?;
    Ok(web::Json(out))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// `replace` (default: the file becomes the library) or `append`
    pub mode: Option<String>,
    /// `accept_valid` (default: valid rows land, the rest is reported) or `all_or_nothing`
    pub on_error: Option<String>,
    /// original file name, kept with the batch
    pub file_name: Option<String>,
    /// header mapping as JSON, e.g. `{"人员证件":"id_number"}` (header as written → column)
    pub mapping: Option<String>,
}

/// Imports a CSV (UTF-8 or GB18030) or XLSX file into a library. The answer is the batch: `active` when rows
/// landed, `rejected` when nothing did (wrong headers, an empty file, or any bad row with `all_or_nothing`);
/// either way its errors and the XLSX report say what was wrong. Open registrations of the people concerned
/// are re-verified in the background.
#[utoipa::path(tag = "libraries", operation_id = "importLibrary",
    params(("library" = String, Path, description = "library code, e.g. `violations`"), ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the CSV or XLSX file"),
    security(("bearer" = [])), responses(
    (status = 201, body = BatchView),
    (status = 400, body = Problem, description = "`invalid_query`, `upload_interrupted`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`: no such library"),
    (status = 413, body = Problem, description = "`file_too_large`: over `WEIKAO_IMPORT_MAX_BYTES`, refused before parsing"),
    (status = 415, body = Problem, description = "`unsupported_media_type`: send the file as `application/octet-stream`, `text/csv` or the XLSX media type"),
    (status = 422, body = Problem, description = "`validation_failed`: `mode` (`mode_unknown`), `on_error` (`on_error_unknown`), `mapping` (`mapping_invalid`), `file_name` (`file_name_too_long`), `file` (`file_empty`)")
))]
#[post("/api/v1/admin/libraries/{library}/imports")]
pub async fn import_file(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    req: HttpRequest,
    path: web::Path<String>,
    q: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    staff.require(Permission::ManageLibraries)?;
    let spec = spec_of(&path.into_inner())?;
    check_import_media(&req)?;
    let q = q.into_inner();
    let mut errors = BTreeMap::new();
    let mode = Mode::parse(q.mode.as_deref().unwrap_or("replace"));
    if mode.is_none() {
        errors.insert("mode".to_string(), vec!["mode_unknown".to_string()]);
    }
    let on_error = OnError::parse(q.on_error.as_deref().unwrap_or("accept_valid"));
    if on_error.is_none() {
        errors.insert("on_error".to_string(), vec!["on_error_unknown".to_string()]);
    }
    let mapping: BTreeMap<String, String> = match q.mapping.as_deref() {
        None => BTreeMap::new(),
        Some(m) => serde_json::from_str(m).unwrap_or_else(|_| {
            errors.insert("mapping".to_string(), vec!["mapping_invalid".to_string()]);
            BTreeMap::new()
        }),
    };
    if q.file_name
        .as_deref()
        .is_some_and(|n| n.chars().count() > 200)
    {
        errors.insert(
            "file_name".to_string(),
            vec!["file_name_too_long".to_string()],
        );
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let file = receive_import(&state, &req, payload).await?;
    let (mode, on_error) = (mode.expect("checked"), on_error.expect("checked"));
    let st = state.clone();
    let outcome = web::block(move || {
        let mut conn = st.pool.get().map_err(ApiError::from)?;
        let now = st.clock.now();
        let r = ImportRequest {
            spec,
            mode,
            on_error,
            mapping,
            file_name: q.file_name.as_deref(),
            actor_kind: "staff",
            actor_id: Some(staff.id.to_string()),
            ctx: Some(&ctx),
        };
        let out = import(
            &mut conn,
            &st.keys.pii,
            &file.0,
            &r,
            now,
            crate::clock::local_date(now),
            &|_| {},
        )
        .map_err(|e| {
            tracing::error!(error = %e, "library import failed");
            ApiError::internal()
        });
        drop(file);
        out
    })
    .await??;
    Ok(HttpResponse::Created().json(batch_view(outcome.batch)))
}

/// The latest imports of a library, newest first (at most 50).
#[utoipa::path(tag = "libraries", operation_id = "listLibraryBatches", params(("library" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<BatchView>),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`: no such library")
))]
#[get("/api/v1/admin/libraries/{library}/batches")]
pub async fn batch_list(
    state: web::Data<AppState>,
    staff: StaffUser,
    path: web::Path<String>,
) -> ApiResult<web::Json<Vec<BatchView>>> {
    staff.require(Permission::ManageLibraries)?;
    let spec = spec_of(&path.into_inner())?;
    let rows = state
        .db(move |c| Ok(store::list_batches(c, spec.code, 50)?))
        .await?;
    Ok(web::Json(rows.into_iter().map(batch_view).collect()))
}

/// One import batch with its first errors.
#[utoipa::path(tag = "libraries", operation_id = "getLibraryBatch", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = BatchView),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`")
))]
#[get("/api/v1/admin/library-batches/{id}")]
pub async fn show_batch(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<BatchView>> {
    staff.require(Permission::ManageLibraries)?;
    let id = id.into_inner();
    let b = state
        .db(move |c| store::find_batch(c, id)?.ok_or_else(ApiError::not_found))
        .await?;
    Ok(web::Json(batch_view(b)))
}

/// The XLSX error report of an import batch (row, column, code, message).
#[utoipa::path(tag = "libraries", operation_id = "downloadLibraryBatchReport", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`")
))]
#[get("/api/v1/admin/library-batches/{id}/report")]
pub async fn report(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    staff.require(Permission::ManageLibraries)?;
    let id = id.into_inner();
    let b = state
        .db(move |c| store::find_batch(c, id)?.ok_or_else(ApiError::not_found))
        .await?;
    let bytes = web::block(move || super::report::error_report(&b))
        .await?
        .map_err(|e| {
            tracing::error!(error = %e, "report generation failed");
            ApiError::internal()
        })?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"import-{id}-errors.xlsx\""),
        ))
        .body(bytes))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RowsQuery {
    /// name prefix (institutions: code or name prefix)
    pub q: Option<String>,
    /// a full ID number, matched through the blind index
    pub id_number: Option<String>,
    /// 1-based page (default 1)
    pub page: Option<i64>,
    /// 1–200 (default 50)
    pub page_size: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct LibraryRowsPage {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// rows as stored (`id_masked` instead of the ID number), newest first
    pub items: Vec<serde_json::Value>,
}

/// Searches a library's live rows (masked; audited).
#[utoipa::path(tag = "libraries", operation_id = "listLibraryRows", params(("library" = String, Path), RowsQuery), security(("bearer" = [])), responses(
    (status = 200, body = LibraryRowsPage),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`: no such library"),
    (status = 422, body = Problem, description = "`validation_failed`: `page` (`page_out_of_range`), `page_size` (`page_size_out_of_range`)")
))]
#[get("/api/v1/admin/libraries/{library}/rows")]
pub async fn search(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    path: web::Path<String>,
    q: web::Query<RowsQuery>,
) -> ApiResult<web::Json<LibraryRowsPage>> {
    staff.require(Permission::ManageLibraries)?;
    let spec = spec_of(&path.into_inner())?;
    let page = q.page.unwrap_or(1);
    let page_size = q.page_size.unwrap_or(50);
    if !(1..=1_000_000).contains(&page) {
        return Err(ApiError::field("page", "page_out_of_range"));
    }
    if !(1..=200).contains(&page_size) {
        return Err(ApiError::field("page_size", "page_size_out_of_range"));
    }
    let bidx = q
        .id_number
        .as_deref()
        .map(|n| state.keys.pii.blind_index(&normalize_id_input(n)));
    let search = q.q.clone().filter(|s| !s.trim().is_empty());
    let principal = Principal::Staff(staff.clone());
    let by_id = bidx.is_some();
    let (total, items) = state
        .db(move |c| {
            let r = store::list_rows(
                c,
                spec,
                bidx.as_deref(),
                search.as_deref(),
                page_size,
                (page - 1) * page_size,
            )?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&principal, "library.search")
                    .object("library", spec.code)
                    .details(serde_json::json!({ "by_id_number": by_id, "page": page })),
            )?;
            Ok(r)
        })
        .await?;
    Ok(web::Json(LibraryRowsPage {
        total,
        page,
        page_size,
        items,
    }))
}

/// Exports a library's live rows as CSV (ID numbers masked; audited).
#[utoipa::path(tag = "libraries", operation_id = "exportLibrary", params(("library" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, content_type = "text/csv", body = String),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found`: no such library")
))]
#[get("/api/v1/admin/libraries/{library}/export")]
pub async fn export(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff.require(Permission::ManageLibraries)?;
    let spec = spec_of(&path.into_inner())?;
    let principal = Principal::Staff(staff.clone());
    let csv = state
        .db(move |c| {
            let mut headers: Vec<&str> = vec!["batch_id"];
            if spec.keyed_by_id {
                headers.extend(["id_masked", "name"]);
            }
            headers.extend(spec.columns.iter().map(|c| c.name));
            let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
            w.write_record(&headers).map_err(|_| ApiError::internal())?;
            let mut after = 0;
            let mut n = 0;
            loop {
                let rows = store::rows_after(c, spec, after, 5000)?;
                let Some((last, _)) = rows.last() else { break };
                after = *last;
                for (_, r) in rows {
                    n += 1;
                    let rec: Vec<String> = headers
                        .iter()
                        .map(|h| match &r[*h] {
                            serde_json::Value::Null => String::new(),
                            serde_json::Value::String(s) => s.clone(),
                            serde_json::Value::Array(a) => a
                                .iter()
                                .filter_map(|v| v.as_str())
                                .collect::<Vec<_>>()
                                .join(";"),
                            other => other.to_string(),
                        })
                        .collect();
                    w.write_record(&rec).map_err(|_| ApiError::internal())?;
                }
            }
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&principal, "library.export")
                    .object("library", spec.code)
                    .details(serde_json::json!({ "rows": n })),
            )?;
            w.into_inner().map_err(|_| ApiError::internal())
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.csv\"", spec.code),
        ))
        .body(csv))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CleanupRequest {
    /// rows expired before this exam year go (bans ended, graduates of earlier years, lists of earlier years)
    pub year: i32,
    /// `false` (default) only counts: a dry run
    #[serde(default)]
    pub apply: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CleanupResult {
    pub library: String,
    /// rows that are (dry run) or were (apply) expired; they go to the archive
    pub expired: i64,
}

/// Counts, or archives and removes, expired library rows (audited).
#[utoipa::path(tag = "libraries", operation_id = "cleanupLibraries", request_body = CleanupRequest, security(("bearer" = [])), responses(
    (status = 200, body = Vec<CleanupResult>),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `year` (`year_out_of_range`)")
))]
#[post("/api/v1/admin/libraries/cleanup")]
pub async fn cleanup(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    body: web::Json<CleanupRequest>,
) -> ApiResult<web::Json<Vec<CleanupResult>>> {
    staff.require(Permission::ManageLibraries)?;
    let b = body.into_inner();
    if !(2000..=2100).contains(&b.year) {
        return Err(ApiError::field("year", "year_out_of_range"));
    }
    let principal = Principal::Staff(staff.clone());
    let out = state
        .run(move |st, c| {
            let now = st.clock.now();
            let (kind, id) = principal.actor();
            let r = super::cleanup(c, b.year, b.apply, now, (kind, Some(id)), Some(&ctx))?;
            Ok(r)
        })
        .await?;
    Ok(web::Json(
        out.into_iter()
            .map(|(library, expired)| CleanupResult {
                library: library.to_string(),
                expired,
            })
            .collect(),
    ))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(cleanup)
        .service(import_file)
        .service(batch_list)
        .service(show_batch)
        .service(report)
        .service(search)
        .service(export);
}
