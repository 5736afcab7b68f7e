//! The national–provincial comparison (国网/省网比对): load the national system's export for an exam session,
//! compare it person by person with our registrations, and keep the session's anomalies up to date. A run
//! streams both sides through one cursor (the rule is `weikao_core::exchange::comparison::compare`), stages
//! what it finds and merges it in one statement; the registrations concerned are re-verified by a job, so
//! their anomalies appear among their findings.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::exchange::comparison::{coarse_status, compare, Side, KINDS, NATIONAL_FILE};
use weikao_core::identity::mask_id_number;
use weikao_core::libraries::{map_headers, parse_row, Cell, RowError};
use weikao_store::comparison::{self as store, Found, Import, NewImport, NewRecord, Pair};

use crate::error::{ApiError, ApiResult};
use crate::libraries::import::sha256_file;
use crate::libraries::read::{self, Format};
use crate::security::crypto::PiiCipher;

/// Errors kept on an import (the count is complete).
const KEPT_ERRORS: usize = 1000;
const CHUNK: usize = 20_000;

#[derive(Debug, Serialize, ToSchema)]
pub struct NationalImportView {
    pub id: Uuid,
    pub session_id: Uuid,
    pub file_name: Option<String>,
    pub file_sha256: String,
    /// data rows in the file
    pub rows_total: i32,
    /// rows loaded (the others were refused; the first 1 000 problems are in `errors`)
    pub rows_loaded: i32,
    /// the first problems found: `{row, column, code, message}`
    #[schema(value_type = Vec<Object>)]
    pub errors: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

pub fn import_view(i: Import) -> NationalImportView {
    NationalImportView {
        id: i.id,
        session_id: i.session_id,
        file_name: i.file_name,
        file_sha256: i.file_sha256,
        rows_total: i.rows_total,
        rows_loaded: i.rows_loaded,
        errors: i.errors,
        created_at: i.created_at,
    }
}

fn header_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// Loads a national export (CSV or XLSX) for a session: valid rows land, the others are reported. A file
/// that cannot be read or whose headers do not fit lands nothing (422 with the problems).
#[allow(clippy::too_many_arguments)]
pub fn import_file(
    conn: &mut PgConnection,
    pii: &PiiCipher,
    session: Uuid,
    path: &Path,
    file_name: Option<&str>,
    created_by: &str,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> ApiResult<Import> {
    let sha = sha256_file(path).map_err(|_| ApiError::internal())?;
    let mut head = [0u8; 4];
    let n = std::io::Read::read(
        &mut std::fs::File::open(path).map_err(|_| ApiError::internal())?,
        &mut head,
    )
    .map_err(|_| ApiError::internal())?;
    let head = &head[..n];
    let file_problem = |code: &str, msg: String| {
        let mut e = ApiError::field("file", "file_unreadable");
        e.detail = Some(format!("{code}: {msg}"));
        e
    };
    let mut rows =
        read::open(path, Format::sniff(head)).map_err(|e| file_problem(e.code(), e.to_string()))?;
    let headers: Vec<String> = match rows.next() {
        None => return Err(ApiError::field("file", "file_empty")),
        Some(Err(e)) => return Err(file_problem(e.code(), e.to_string())),
        Some(Ok(cells)) => cells.iter().map(header_text).collect(),
    };
    let map = map_headers(&NATIONAL_FILE, &headers, &Default::default()).map_err(|(errs, _)| {
        let mut e = ApiError::field("file", "headers_invalid");
        e.detail = Some(
            errs.iter()
                .map(|r| format!("{} {}", r.column, r.message))
                .collect::<Vec<_>>()
                .join("; "),
        );
        e
    })?;
    conn.transaction(|c| {
        let import = store::insert_import(
            c,
            &NewImport {
                id: Uuid::new_v4(),
                session_id: session,
                file_name,
                file_sha256: &sha,
                rows_total: 0,
                rows_loaded: 0,
                errors: serde_json::json!([]),
                created_by,
                created_at: now,
            },
        )?;
        let mut errors: Vec<RowError> = Vec::new();
        let mut seen: HashSet<Vec<u8>> = HashSet::new();
        let mut chunk: Vec<NewRecord> = Vec::with_capacity(CHUNK);
        let (mut total, mut loaded) = (0i32, 0i32);
        let report = |e: RowError, errors: &mut Vec<RowError>| {
            if errors.len() < KEPT_ERRORS {
                errors.push(e);
            }
        };
        for (i, cells) in rows.enumerate() {
            let row_no = i as u32 + 2;
            let cells = match cells {
                Ok(c) => c,
                Err(e) => {
                    total += 1;
                    report(
                        RowError {
                            row: row_no,
                            column: String::new(),
                            code: e.code().to_string(),
                            message: e.to_string(),
                        },
                        &mut errors,
                    );
                    continue;
                }
            };
            if cells.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            total += 1;
            let r = match parse_row(&NATIONAL_FILE, &map, row_no, &cells, today) {
                Ok(r) => r,
                Err(es) => {
                    for e in es {
                        report(e, &mut errors);
                    }
                    continue;
                }
            };
            let id = r.id_number.expect("keyed by ID");
            let bidx = pii.blind_index(&id);
            if !seen.insert(bidx.clone()) {
                report(
                    RowError {
                        row: row_no,
                        column: "id_number".into(),
                        code: "duplicate_row".into(),
                        message: "同一证件号码在文件中出现多次".into(),
                    },
                    &mut errors,
                );
                continue;
            }
            let v = r.values;
            chunk.push(NewRecord {
                import_id: import.id,
                id_enc: pii.encrypt(&id),
                id_masked: mask_id_number(&id),
                id_bidx: bidx,
                name: r.name.unwrap_or_default(),
                status: v[0].clone().unwrap_or_default(),
                paid: v[1].as_deref() == Some("true"),
                level_code: v[2].clone(),
                specialty_code: v[3].clone(),
                site_code: v[4].clone(),
            });
            loaded += 1;
            if chunk.len() >= CHUNK {
                store::insert_records(c, &chunk)?;
                chunk.clear();
            }
        }
        store::insert_records(c, &chunk)?;
        let errors = serde_json::to_value(&errors).unwrap_or_default();
        Ok(store::set_import_counts(
            c, import.id, total, loaded, &errors,
        )?)
    })
}

fn provincial(p: &Pair) -> Option<Side> {
    let status = coarse_status(p.p_status.as_deref()?)?;
    Some(Side {
        name: p.p_name.clone().unwrap_or_default(),
        status: status.to_string(),
        paid: p.p_status.as_deref() == Some("paid"),
        level_code: p.p_level.clone(),
        specialty_code: p.p_specialty.clone(),
        site_code: p.p_site.clone(),
    })
}

fn national(p: &Pair) -> Option<Side> {
    Some(Side {
        name: p.n_name.clone()?,
        status: p.n_status.clone().unwrap_or_default(),
        paid: p.n_paid.unwrap_or(false),
        level_code: p.n_level.clone(),
        specialty_code: p.n_specialty.clone(),
        site_code: p.n_site.clone(),
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunView {
    pub id: Uuid,
    pub session_id: Uuid,
    pub import_id: Uuid,
    /// people compared (either side)
    pub compared: u64,
    /// anomalies this run found, per kind
    #[schema(value_type = Object)]
    pub found: serde_json::Value,
    /// of those, seen for the first time
    pub new: usize,
    /// open anomalies the run no longer finds (closed as `gone`)
    pub gone: usize,
    /// the job that re-verifies the registrations concerned
    pub reverify_job: Option<i64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

/// Compares the session's latest national import with our registrations (one run at a time per session).
pub fn run(
    conn: &mut PgConnection,
    session: Uuid,
    created_by: &str,
    now: DateTime<Utc>,
) -> ApiResult<RunView> {
    // stored with microseconds: the re-verification job finds the rows this run touched by this instant
    let now = chrono::SubsecRound::trunc_subsecs(now, 6);
    conn.transaction(|c| {
        store::lock_session(c, session)?;
        let import = store::latest_import(c, session)?.ok_or_else(|| {
            ApiError::conflict("no_national_import").detail("import the national export first")
        })?;
        let run = store::insert_run(c, session, import.id, created_by, now)?;
        store::create_found_table(c)?;
        store::open_pairs(c, session, import.id)?;
        let mut per_kind: std::collections::BTreeMap<&str, u64> =
            KINDS.iter().map(|k| (*k, 0)).collect();
        let mut compared = 0u64;
        let mut found: Vec<Found> = Vec::with_capacity(CHUNK);
        loop {
            let pairs = store::fetch_pairs(c, CHUNK as u32)?;
            if pairs.is_empty() {
                break;
            }
            compared += pairs.len() as u64;
            for p in pairs {
                let (ps, ns) = (provincial(&p), national(&p));
                for a in compare(ps.as_ref(), ns.as_ref()) {
                    *per_kind.entry(a.kind).or_default() += 1;
                    found.push(Found {
                        id_bidx: p.id_bidx.clone(),
                        id_masked: p.id_masked.clone(),
                        kind: a.kind,
                        field: a.field,
                        registration_id: p.registration_id,
                        name: p
                            .p_name
                            .clone()
                            .or_else(|| p.n_name.clone())
                            .unwrap_or_default(),
                        provincial_value: a.provincial_value,
                        national_value: a.national_value,
                    });
                }
            }
            if found.len() >= CHUNK {
                store::stage_found(c, &found)?;
                found.clear();
            }
        }
        store::stage_found(c, &found)?;
        store::close_pairs(c)?;
        let merged = store::merge_found(c, session, run, now)?;
        let found_json = serde_json::to_value(&per_kind).unwrap_or_default();
        let finished = chrono::Utc::now().max(now);
        store::finish_run(
            c,
            run,
            &serde_json::json!({ "compared": compared, "found": found_json, "merge": merged }),
            finished,
        )?;
        let job = weikao_store::jobs::enqueue(
            c,
            crate::verification::REVERIFY_JOB,
            serde_json::json!({ "comparison_session": session, "at": now }),
            now,
            Some(&format!("reverify-comparison:{run}")),
        )?;
        Ok(RunView {
            id: run,
            session_id: session,
            import_id: import.id,
            compared,
            found: found_json,
            new: merged.new,
            gone: merged.gone,
            reverify_job: job,
            started_at: now,
            finished_at: finished,
        })
    })
}

fn cli_fail(e: impl std::fmt::Display) -> std::process::ExitCode {
    eprintln!("weikao: {e}");
    std::process::ExitCode::FAILURE
}

fn problem(e: ApiError) -> String {
    format!("{} {}", e.code, e.detail.unwrap_or_default())
}

/// `weikao compare import --session S FILE`
pub fn cli_import(
    st: &crate::http::state::AppState,
    session: Uuid,
    file: &Path,
) -> std::process::ExitCode {
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => return cli_fail(e),
    };
    let now = st.clock.now();
    let started = std::time::Instant::now();
    let name = file.file_name().map(|n| n.to_string_lossy().to_string());
    match import_file(
        &mut conn,
        &st.keys.pii,
        session,
        file,
        name.as_deref(),
        "cli",
        now,
        crate::clock::local_date(now),
    ) {
        Ok(i) => {
            println!(
                "import {}: {} of {} rows loaded in {:.1} s",
                i.id,
                i.rows_loaded,
                i.rows_total,
                started.elapsed().as_secs_f64()
            );
            for e in i.errors.as_array().into_iter().flatten().take(20) {
                println!(
                    "  row {} {} {}: {}",
                    e["row"], e["column"], e["code"], e["message"]
                );
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => cli_fail(problem(e)),
    }
}

/// `weikao compare run --session S`
pub fn cli_run(st: &crate::http::state::AppState, session: Uuid) -> std::process::ExitCode {
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => return cli_fail(e),
    };
    let started = std::time::Instant::now();
    match run(&mut conn, session, "cli", st.clock.now()) {
        Ok(r) => {
            println!(
                "run {}: {} people compared in {:.1} s; found {}; new {}, gone {}",
                r.id,
                r.compared,
                started.elapsed().as_secs_f64(),
                r.found,
                r.new,
                r.gone
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => cli_fail(problem(e)),
    }
}
