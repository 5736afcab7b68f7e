//! Excel export of a review queue (and of the approved list: the queue filtered by `status=approved`).
//! Rows are read in keyset pages and written to a constant-memory worksheet backed by a temporary file,
//! so the size of the queue never decides the server's memory. ID numbers are masked unless the caller
//! asks to reveal them and holds the reveal permission; every export is audited with its filter.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, web, HttpRequest, HttpResponse, Responder};
use diesel::PgConnection;
use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::registrations;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::review::api::QueueQuery;
use crate::review::queue::{resolve, Resolved};

const PAGE: i64 = 2000;

const HEADERS: &[&str] = &[
    "序号",
    "姓名",
    "证件号码",
    "考试",
    "专业代码",
    "专业名称",
    "状态",
    "当前审核级别",
    "报名点",
    "档案号",
    "提交时间",
    "终审时间",
    "版本",
];

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// full ID numbers instead of masked ones (needs the reveal permission; audited)
    pub reveal: Option<bool>,
}

fn status_label(s: &str) -> &str {
    match s {
        "submitted" => "待审核",
        "resubmitted" => "修改后待审核",
        "returned" => "退回修改",
        "approved" => "审核通过",
        "rejected" => "审核不通过",
        "paid" => "已缴费",
        other => other,
    }
}

fn level_label(s: Option<&str>) -> &str {
    match s {
        Some("point") => "报名点",
        Some("site") => "考点",
        Some("region") => "考区",
        Some(other) => other,
        None => "",
    }
}

fn beijing(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&chrono_tz::Asia::Shanghai)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    })
    .unwrap_or_default()
}

/// Writes the whole filtered queue to `path`; returns the number of rows.
fn write_xlsx(
    state: &AppState,
    conn: &mut PgConnection,
    filter: &Resolved,
    reveal: bool,
    tmp_dir: &Path,
    path: &Path,
) -> ApiResult<u64> {
    let xe = |e: rust_xlsxwriter::XlsxError| {
        tracing::error!(error = %e, "queue export");
        ApiError::internal()
    };
    let mut wb = Workbook::new();
    wb.set_tempdir(tmp_dir).map_err(xe)?;
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet_with_constant_memory().map_err(xe)?;
    ws.set_name("审核名单").map_err(xe)?;
    for (i, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &bold)
            .map_err(xe)?;
    }
    let f = filter.as_store();
    let mut after: Option<Uuid> = None;
    let mut n: u64 = 0;
    loop {
        let rows = registrations::scoped_page_after(conn, &f, after, PAGE)?;
        let Some(last) = rows.last() else { break };
        after = Some(last.registration.id);
        let spec_ids: Vec<Uuid> = rows
            .iter()
            .filter_map(|r| r.registration.specialty_id)
            .collect();
        let org_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.registration.org_id).collect();
        let (specs, orgs) = registrations::labels(conn, &spec_ids, &org_ids)?;
        let ciphertexts = if reveal {
            let cands: Vec<Uuid> = rows.iter().map(|r| r.registration.candidate_id).collect();
            registrations::candidate_id_ciphertexts(conn, &cands)?
        } else {
            Default::default()
        };
        for r in rows {
            n += 1;
            let reg = &r.registration;
            let id_number = if reveal {
                let enc = ciphertexts
                    .get(&reg.candidate_id)
                    .ok_or_else(ApiError::internal)?;
                state
                    .keys
                    .pii
                    .decrypt(enc)
                    .map_err(|_| ApiError::internal())?
            } else {
                r.id_number_masked.clone()
            };
            let spec = reg.specialty_id.and_then(|s| specs.get(&s));
            let row = n as u32;
            let cells: [String; 13] = [
                n.to_string(),
                r.candidate_name.clone(),
                id_number,
                r.session_name.clone(),
                spec.map(|s| s.0.clone()).unwrap_or_default(),
                spec.map(|s| s.1.clone()).unwrap_or_default(),
                status_label(&reg.status).to_string(),
                level_label(reg.current_level.as_deref()).to_string(),
                reg.org_id
                    .and_then(|o| orgs.get(&o))
                    .cloned()
                    .unwrap_or_default(),
                reg.archive_number.clone().unwrap_or_default(),
                beijing(reg.submitted_at),
                beijing(reg.final_decision_at),
                reg.version.to_string(),
            ];
            for (col, v) in cells.iter().enumerate() {
                if col == 0 || col == 12 {
                    ws.write_number(row, col as u16, v.parse::<f64>().unwrap_or(0.0))
                        .map_err(xe)?;
                } else if !v.is_empty() {
                    // text cells stay text: an ID number or a code must not turn into a number
                    ws.write_string(row, col as u16, v).map_err(xe)?;
                }
            }
        }
    }
    wb.save(path).map_err(xe)?;
    Ok(n)
}

/// Exports the filtered queue as an Excel workbook (same filters as the queue; paging ignored). ID numbers
/// are masked unless `reveal=true` and the caller may reveal them. Audited.
#[utoipa::path(tag = "review", operation_id = "exportReviewRegistrations", params(QueueQuery, ExportQuery), security(("bearer" = [])), responses(
    (status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden` (also `reveal=true` without the reveal permission)")
))]
#[get("/api/v1/review/registrations/export")]
pub async fn export(
    req: HttpRequest,
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    e: web::Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    staff.require(Permission::ReadRegistrations)?;
    let reveal = e.reveal.unwrap_or(false);
    // the queue's filters, checked strictly (unknown parameters are refused) once `reveal` is taken out
    let rest: Vec<&str> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && *p != "reveal" && !p.starts_with("reveal="))
        .collect();
    let q = web::Query::<QueueQuery>::from_query(&rest.join("&"))
        .map_err(|e| ApiError::bad_request("invalid_query").detail(e.to_string()))?;
    let filter = q.filter();
    let audit_filter = serde_json::json!({
        "session_id": filter.session_id, "status": filter.status, "pending": filter.pending,
        "specialty_id": filter.specialty_id, "org_id": filter.org_id,
        "severity": filter.severity.map(|s| s.as_str()), "rule_code": filter.rule_code,
        "searched": filter.q.is_some(),
    });
    let dir: PathBuf = state.cfg.data_dir.join("tmp");
    std::fs::create_dir_all(&dir).map_err(|_| ApiError::internal())?;
    let path = dir.join(format!("export-{}.xlsx", Uuid::new_v4()));
    let out = path.clone();
    let file = state
        .run(move |st, c| {
            let principal = Principal::Staff(staff.clone());
            if reveal && !staff.can_reveal_pii {
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&principal, "review.export").outcome("denied"),
                )?;
                return Err(ApiError::forbidden()
                    .detail("revealing ID numbers needs the reveal permission"));
            }
            let r = resolve(c, &st.keys, st.clock.now(), &staff, filter)?;
            let written = write_xlsx(st, c, &r, reveal, &dir, &out);
            let n = match written {
                Ok(n) => n,
                Err(e) => {
                    let _ = std::fs::remove_file(&out);
                    return Err(e);
                }
            };
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&principal, "review.export").details(
                    serde_json::json!({ "rows": n, "revealed": reveal, "filter": audit_filter }),
                ),
            )?;
            // open, then unlink: the response streams from the open file and nothing is left behind
            let f = std::fs::File::open(&out).map_err(|_| ApiError::internal())?;
            let _ = std::fs::remove_file(&out);
            Ok(f)
        })
        .await?;
    let named = NamedFile::from_file(file, &path)
        .map_err(|_| ApiError::internal())?
        .set_content_type(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                .parse()
                .expect("mime"),
        )
        .set_content_disposition(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename("review-queue.xlsx".into())],
        })
        .use_etag(false)
        .use_last_modified(false);
    Ok(named.respond_to(&req).map_into_boxed_body())
}
