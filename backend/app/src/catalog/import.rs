//! Importing a season's catalog (levels, categories, specialties, subjects) from CSV or XLSX, by the admin API
//! and by `weikao catalog import`: all or nothing (any bad row → nothing written, every bad row reported),
//! upserted by code (names follow the file; nothing is deleted: registrations refer to what exists; what the
//! session has and the file lacks is listed). Audited.

use std::path::Path;

use actix_web::{post, web, HttpRequest};
use diesel::{Connection, PgConnection};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_core::catalog_sheet::{parse, CatalogSheet, SheetError};
use weikao_store::catalog_import::{self as store, Upserted};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::libraries::read::{read_all, ReadError};

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct CatalogImportReport {
    pub levels_added: usize,
    pub levels_kept: usize,
    pub categories_added: usize,
    pub categories_kept: usize,
    pub specialties_added: usize,
    pub specialties_kept: usize,
    pub subjects_added: usize,
    pub subjects_kept: usize,
    /// specialty codes the session has and the file does not list (kept: registrations may refer to them)
    pub not_in_file: Vec<String>,
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum ImportError {
    /// the file cannot be read
    Read(ReadError),
    /// bad rows (all of them)
    Rows(Vec<SheetError>),
    Api(ApiError),
}

impl From<ApiError> for ImportError {
    fn from(e: ApiError) -> Self {
        ImportError::Api(e)
    }
}

impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        ImportError::Api(e.into())
    }
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Read(r) => ApiError::field("file", r.code()),
            ImportError::Rows(rows) => sheet_errors(rows),
            ImportError::Api(a) => a,
        }
    }
}

/// A sheet's problems as a 422: `rows[<n>].<field>` → codes (row 0 = the header). Shared with the class lists.
pub(crate) fn sheet_errors(rows: Vec<SheetError>) -> ApiError {
    let mut errors = std::collections::BTreeMap::<String, Vec<String>>::new();
    for r in rows {
        errors
            .entry(format!("rows[{}].{}", r.row, r.field))
            .or_default()
            .push(r.code.to_string());
    }
    ApiError::validation(errors)
}

/// Reads and checks the file, then writes it in one transaction.
pub fn import_file(
    conn: &mut PgConnection,
    session_id: Uuid,
    path: &Path,
) -> Result<CatalogImportReport, ImportError> {
    let session =
        weikao_store::catalog::find_session(conn, session_id)?.ok_or_else(ApiError::not_found)?;
    let rows = read_all(path).map_err(ImportError::Read)?;
    let sheet = parse(rows, session.exam_type == "health_tech").map_err(ImportError::Rows)?;
    conn.transaction(|conn| write(conn, session_id, &sheet))
}

fn write(
    conn: &mut PgConnection,
    session: Uuid,
    sheet: &CatalogSheet,
) -> Result<CatalogImportReport, ImportError> {
    let mut r = CatalogImportReport::default();
    let mut levels = std::collections::HashMap::new();
    for (i, (code, name)) in sheet.levels.iter().enumerate() {
        let u = store::upsert_level(conn, session, code, name, i as i32 + 1)?;
        count(&u, &mut r.levels_added, &mut r.levels_kept);
        levels.insert(code.as_str(), u.id());
    }
    let mut categories = std::collections::HashMap::new();
    for (code, name) in &sheet.categories {
        let u = store::upsert_category(conn, session, code, name)?;
        count(&u, &mut r.categories_added, &mut r.categories_kept);
        categories.insert(code.as_str(), u.id());
    }
    let mut moved = Vec::new();
    for s in &sheet.specialties {
        let level = levels[s.level_code.as_str()];
        let category = s.category_code.as_deref().map(|c| categories[c]);
        let id = match store::find_specialty(conn, session, &s.code)? {
            Some((id, l, c)) if l == level && c == category => {
                store::rename_specialty(conn, id, &s.name)?;
                r.specialties_kept += 1;
                id
            }
            Some(_) => {
                // moving a specialty to another level or category would change what registrations chose
                moved.push(SheetError {
                    row: 0,
                    field: format!("specialty {}", s.code),
                    code: "specialty_level_changed",
                });
                continue;
            }
            None => {
                r.specialties_added += 1;
                store::insert_specialty(conn, session, level, category, &s.code, &s.name)?
            }
        };
        for (i, (code, name)) in s.subjects.iter().enumerate() {
            let u = store::upsert_subject(conn, id, code, name, i as i32 + 1)?;
            count(&u, &mut r.subjects_added, &mut r.subjects_kept);
        }
    }
    if !moved.is_empty() {
        return Err(ImportError::Rows(moved));
    }
    r.not_in_file = store::specialty_codes(conn, session)?
        .into_iter()
        .filter(|c| !sheet.specialties.iter().any(|s| s.code == *c))
        .collect();
    Ok(r)
}

fn count(u: &Upserted, added: &mut usize, kept: &mut usize) {
    match u {
        Upserted::Added(_) => *added += 1,
        Upserted::Kept(_) => *kept += 1,
    }
}

/// Imports a season's catalog file (CSV in UTF-8 or GB18030, or XLSX; one row per subject with the columns
/// 级别代码, 级别名称, [类别代码, 类别名称,] 专业代码, 专业名称, 科目代码, 科目名称 — or their English names).
/// All or nothing; upserted by code; nothing deleted.
#[utoipa::path(tag = "admin", operation_id = "importSessionCatalog", params(("id" = Uuid, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the CSV or XLSX file"),
    security(("bearer" = [])), responses(
    (status = 200, body = CatalogImportReport),
    (status = 400, body = Problem, description = "`invalid_path`, `upload_interrupted`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found` (also another region's session)"),
    (status = 413, body = Problem, description = "`file_too_large`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`: send the file as `application/octet-stream`, `text/csv` or the XLSX media type"),
    (status = 422, body = Problem, description = "`validation_failed`: `file` (`file_empty`, `xlsx_unreadable`, `csv_unreadable`, `encoding_unsupported`) or `rows[<n>].<field>` (`column_missing`, `required`, `code_invalid`, `specialty_code_invalid`, `category_incomplete`, `conflicts_with_earlier_row`, `duplicate_subject`, `formula_not_allowed`, `no_rows`, `specialty_level_changed`)")
))]
#[post("/api/v1/admin/exam-sessions/{id}/catalog")]
pub async fn import_catalog(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> ApiResult<web::Json<CatalogImportReport>> {
    staff.require(Permission::ManageCatalog)?;
    crate::libraries::api::check_import_media(&req)?;
    let id = id.into_inner();
    let who = staff.clone();
    state
        .db(move |c| crate::catalog::admin::region_session(c, &who, id, false).map(|_| ()))
        .await?;
    let file = crate::libraries::api::receive_import(&state, &req, payload).await?;
    let report = state
        .db(move |c| {
            let r = import_file(c, id, &file.0).map_err(ApiError::from)?;
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&Principal::Staff(staff.clone()), "catalog.import")
                    .object("exam_session", id)
                    .details(serde_json::json!({
                        "specialties_added": r.specialties_added, "subjects_added": r.subjects_added,
                        "specialties_kept": r.specialties_kept, "not_in_file": r.not_in_file,
                    })),
            )?;
            Ok(r)
        })
        .await?;
    Ok(web::Json(report))
}

/// `weikao catalog import <session> <file>`: prints the report; exit 2 when nothing was written.
pub fn cli_import(st: &AppState, session: Uuid, path: &Path) -> std::process::ExitCode {
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("weikao: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    match import_file(&mut conn, session, path) {
        Ok(r) => {
            let _ = record(
                &mut conn,
                None,
                AuditEvent::actor("operator", None, "catalog.import")
                    .object("exam_session", session)
                    .details(serde_json::json!({ "specialties_added": r.specialties_added, "subjects_added": r.subjects_added })),
            );
            println!(
                "levels {} added, {} kept; categories {} added, {} kept; specialties {} added, {} kept; subjects {} added, {} kept",
                r.levels_added, r.levels_kept, r.categories_added, r.categories_kept,
                r.specialties_added, r.specialties_kept, r.subjects_added, r.subjects_kept
            );
            if !r.not_in_file.is_empty() {
                println!(
                    "in the session but not in the file (kept): {}",
                    r.not_in_file.join(", ")
                );
            }
            std::process::ExitCode::SUCCESS
        }
        Err(ImportError::Rows(rows)) => {
            for r in rows {
                eprintln!("row {}: {}: {}", r.row, r.field, r.code);
            }
            eprintln!("weikao: nothing imported");
            std::process::ExitCode::from(2)
        }
        Err(ImportError::Read(e)) => {
            eprintln!("weikao: {e}");
            std::process::ExitCode::from(2)
        }
        Err(ImportError::Api(e)) => {
            eprintln!("weikao: {} {}", e.code, e.detail.unwrap_or_default());
            std::process::ExitCode::from(2)
        }
    }
}
