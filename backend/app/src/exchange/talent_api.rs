//! The national talent center (scope `talent:exchange`): it downloads the basic information of an exam
//! session's candidates as a CSV file (format below, also in docs/integration.md) and sends back status records,
//! which reviewers see on the registration.
//!
//! CSV: UTF-8 with BOM, comma-separated, header row, one row per submitted registration, columns
//! `TALENT_COLUMNS` (codes as in the OpenAPI document; empty when not filled in).

use std::collections::BTreeMap;

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_core::identity::{mask_id_number, validate_id_number, IdType};
use weikao_store::talent::{self as store, CandidateRow, NewStatus};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::exchange::idempotency::{self, key_of};
use crate::exchange::scopes;
use crate::http::auth::{ClientUser, Principal};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

/// The export's columns, in order (header row as written).
pub const TALENT_COLUMNS: [&str; 18] = [
    "registration_id",
    "exam_type",
    "id_type",
    "id_number",
    "name",
    "sex",
    "birth_date",
    "ethnicity",
    "education_level",
    "school",
    "major",
    "graduated_on",
    "work_unit_code",
    "work_unit_name",
    "title",
    "level_code",
    "specialty_code",
    "status",
];

/// Statuses the talent center may return.
pub const TALENT_STATUSES: [&str; 4] = ["received", "archived", "needs_correction", "rejected"];

const PAGE: i64 = 5000;

fn text(form: &serde_json::Value, section: &str, field: &str) -> String {
    match form.get(section).and_then(|s| s.get(field)) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn row(st: &AppState, r: &CandidateRow) -> ApiResult<[String; 18]> {
    let f = &r.form;
    Ok([
        r.registration_id.to_string(),
        r.exam_type.clone(),
        r.id_type.clone(),
        st.keys
            .pii
            .decrypt(&r.id_enc)
            .map_err(|_| ApiError::internal())?,
        r.name.clone(),
        r.sex.clone().unwrap_or_default(),
        r.birth_date.map(|d| d.to_string()).unwrap_or_default(),
        text(f, "identity", "ethnicity"),
        text(f, "education", "level"),
        text(f, "education", "school"),
        text(f, "education", "major"),
        text(f, "education", "graduated_on"),
        text(f, "work", "unit_code"),
        text(f, "work", "unit_name_manual"),
        text(f, "work", "title"),
        text(f, "exam", "level_code"),
        text(f, "exam", "specialty_code"),
        r.status.clone(),
    ])
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// required
    pub session_id: Option<Uuid>,
}

/// The basic information of a session's candidates (every submitted registration) as a CSV file. Contains
/// full ID numbers: the export is audited with its row count.
#[utoipa::path(tag = "exchange", operation_id = "exportTalentCandidates", params(ExportQuery), security(("bearer" = [])), responses(
    (status = 200, description = "CSV, UTF-8 with BOM; columns: registration_id, exam_type, id_type, id_number, name, sex, birth_date, ethnicity, education_level, school, major, graduated_on, work_unit_code, work_unit_name, title, level_code, specialty_code, status", content_type = "text/csv"),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden` (scope `talent:exchange`), `origin_not_allowed`"),
    (status = 404, body = Problem, description = "`not_found`: no such exam session"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`required`)"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[get("/api/v1/exchange/talent/candidates")]
pub async fn export(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    client: ClientUser,
    q: web::Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    client.require_scope(scopes::TALENT_EXCHANGE)?;
    let session = q
        .into_inner()
        .session_id
        .ok_or_else(|| ApiError::field("session_id", "required"))?;
    let body = state
        .run(move |st, c| {
            if weikao_store::catalog::find_session(c, session)?.is_none() {
                return Err(ApiError::not_found());
            }
            let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
            let mut w = csv::Writer::from_writer(&mut out);
            let ce = |_| ApiError::internal();
            w.write_record(TALENT_COLUMNS).map_err(ce)?;
            let (mut after, mut n) = (None, 0u64);
            loop {
                let rows = store::candidates_page(c, session, after, PAGE)?;
                let Some(last) = rows.last() else { break };
                after = Some(last.registration_id);
                for r in &rows {
                    w.write_record(row(st, r)?).map_err(ce)?;
                    n += 1;
                }
            }
            w.flush().map_err(|_| ApiError::internal())?;
            drop(w);
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&Principal::Client(client.clone()), "talent.export")
                    .object("exam_session", session)
                    .details(serde_json::json!({ "rows": n })),
            )?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename("talent-candidates.csv".into())],
        })
        .body(body))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TalentStatusRecord {
    /// default `resident_id`
    pub id_type: Option<String>,
    pub id_number: String,
    /// `received`, `archived`, `needs_correction` or `rejected`
    pub status: String,
    /// at most 500 characters
    pub note: Option<String>,
    /// the day the talent center recorded it (not in the future)
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TalentStatusImport {
    pub session_id: Uuid,
    /// 1–5 000 records; one invalid record refuses the whole request
    pub records: Vec<TalentStatusRecord>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TalentImportResult {
    pub accepted: usize,
    /// records of people registered in the session
    pub matched: i64,
    /// records of people not registered in the session (kept, not shown anywhere yet)
    pub unmatched: i64,
}

fn check_records(
    body: &TalentStatusImport,
    today: NaiveDate,
) -> Result<Vec<(String, &TalentStatusRecord)>, ApiError> {
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if body.records.is_empty() || body.records.len() > 5000 {
        errors.insert("records".into(), vec!["records_count".into()]);
    }
    let mut ok = Vec::new();
    for (i, r) in body.records.iter().enumerate().take(5000) {
        let mut bad = |field: &str, code: &str| {
            errors
                .entry(format!("records[{i}].{field}"))
                .or_default()
                .push(code.to_string())
        };
        let id_type = match r.id_type.as_deref() {
            None => Some(IdType::ResidentId),
            Some(t) => IdType::parse(t),
        };
        let id = match id_type {
            None => {
                bad("id_type", "id_type_invalid");
                None
            }
            Some(t) => match validate_id_number(t, &r.id_number, today) {
                Ok(v) => Some(v.normalized),
                Err(e) => {
                    bad("id_number", e.code());
                    None
                }
            },
        };
        if !TALENT_STATUSES.contains(&r.status.as_str()) {
            bad("status", "status_invalid");
        }
        if r.note.as_deref().is_some_and(|n| n.chars().count() > 500) {
            bad("note", "note_too_long");
        }
        if r.recorded_on > today {
            bad("recorded_on", "recorded_in_future");
        }
        if let Some(id) = id {
            ok.push((id, r));
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(ApiError::validation(errors))
    }
}

/// Receives the talent center's status records for a session's candidates. Idempotent with
/// `Idempotency-Key`; all records land or none.
#[utoipa::path(tag = "exchange", operation_id = "importTalentStatus", request_body = TalentStatusImport,
    params(("Idempotency-Key" = Option<String>, Header, description = "retry-safe key")),
    security(("bearer" = [])), responses(
    (status = 201, body = TalentImportResult),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`, `unknown_field`, `invalid_idempotency_key`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden` (scope `talent:exchange`), `origin_not_allowed`"),
    (status = 413, body = Problem, description = "`payload_too_large`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `session_id` (`session_unknown`), `records` (`records_count`), `records[i].id_number` (ID codes), `records[i].id_type` (`id_type_invalid`), `records[i].status` (`status_invalid`), `records[i].note` (`note_too_long`), `records[i].recorded_on` (`recorded_in_future`); `idempotency_key_reused`"),
    (status = 429, body = Problem, description = "`rate_limited`")
))]
#[post("/api/v1/exchange/talent/status-records")]
pub async fn import_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    ctx: ReqCtx,
    client: ClientUser,
    body: web::Json<TalentStatusImport>,
) -> ApiResult<HttpResponse> {
    client.require_scope(scopes::TALENT_EXCHANGE)?;
    let key = key_of(&req)?;
    let body = body.into_inner();
    let out = state
        .run(move |st, c| {
            let now = st.clock.now();
            let today = crate::clock::local_date(now);
            let ok = check_records(&body, today)?;
            if weikao_store::catalog::find_session(c, body.session_id)?.is_none() {
                return Err(ApiError::field("session_id", "session_unknown"));
            }
            idempotency::run(
                c,
                &client,
                key.as_deref(),
                "importTalentStatus",
                &body,
                now,
                |c| {
                    let rows: Vec<NewStatus> = ok
                        .iter()
                        .map(|(id, r)| NewStatus {
                            client_id: client.id,
                            session_id: body.session_id,
                            id_bidx: st.keys.pii.blind_index(id),
                            id_masked: mask_id_number(id),
                            status: r.status.clone(),
                            note: r.note.clone(),
                            recorded_on: r.recorded_on,
                            received_at: now,
                        })
                        .collect();
                    let accepted = store::insert_statuses(c, &rows)?;
                    let bidxs: Vec<Vec<u8>> = rows.iter().map(|r| r.id_bidx.clone()).collect();
                    let registered = store::registered_among(c, body.session_id, &bidxs)?;
                    let matched = bidxs.iter().filter(|b| registered.contains(*b)).count() as i64;
                    record(
                        c,
                        Some(&ctx),
                        AuditEvent::by(&Principal::Client(client.clone()), "talent.status_import")
                            .object("exam_session", body.session_id)
                            .details(
                                serde_json::json!({ "accepted": accepted, "matched": matched }),
                            ),
                    )?;
                    Ok((
                        StatusCode::CREATED,
                        TalentImportResult {
                            accepted,
                            matched,
                            unmatched: accepted as i64 - matched,
                        },
                    ))
                },
            )
        })
        .await?;
    Ok(out.into_response())
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(export).service(import_status);
}
