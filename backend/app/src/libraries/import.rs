//! One library import: read → validate every row → COPY the valid ones into a TEMP staging table in chunks →
//! find duplicates → either merge (one transaction: the batch, its rows, the archive of what it replaces, the
//! audit row and the re-verification job land together) or land nothing and keep a `rejected` batch with the
//! report. Used by the admin API and by `weikao import`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use weikao_core::identity::mask_id_number;
use weikao_core::libraries::{map_headers, parse_row, LibrarySpec, RowError};
use weikao_store::libraries::{self as store, Batch, NewBatch, StagedRow};

use super::read::{self, Format};
use crate::audit::{record, AuditEvent};
use crate::http::context::ReqCtx;
use crate::security::crypto::PiiCipher;

/// Errors kept on the batch (the report); the count is always complete.
pub const STORED_ERRORS: usize = 10_000;
const CHUNK_ROWS: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The file becomes the library: every live row is archived.
    Replace,
    /// The file's rows are added; a live row with the same natural key is archived and replaced.
    Append,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Valid rows land, rejected rows are reported.
    AcceptValid,
    /// Any rejected row means nothing lands.
    AllOrNothing,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "replace" => Some(Mode::Replace),
            "append" => Some(Mode::Append),
            _ => None,
        }
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            Mode::Replace => "replace",
            Mode::Append => "append",
        }
    }
}

impl OnError {
    pub fn parse(s: &str) -> Option<OnError> {
        match s {
            "accept_valid" => Some(OnError::AcceptValid),
            "all_or_nothing" => Some(OnError::AllOrNothing),
            _ => None,
        }
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            OnError::AcceptValid => "accept_valid",
            OnError::AllOrNothing => "all_or_nothing",
        }
    }
}

pub struct ImportRequest<'a> {
    pub spec: &'static LibrarySpec,
    pub mode: Mode,
    pub on_error: OnError,
    pub mapping: BTreeMap<String, String>,
    pub file_name: Option<&'a str>,
    /// `staff:<id>` or `cli:<os user>`.
    pub actor_kind: &'a str,
    pub actor_id: Option<String>,
    pub ctx: Option<&'a ReqCtx>,
}

/// Called with (rows read, file bytes total) every chunk.
pub type Progress<'a> = &'a dyn Fn(u64);

#[derive(Debug)]
pub struct Outcome {
    pub batch: Batch,
    /// Whether a re-verification job was queued.
    pub reverify_job: Option<i64>,
}

pub(crate) fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// Why the staged rows were rolled back.
enum Abort {
    Rejected(Vec<RowError>, u32, Vec<String>),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Abort {
        Abort::Db(e)
    }
}

/// Data rows with at least one error (`errors` sorted by row; header and file errors are not rows).
fn rejected_rows(errors: &[RowError]) -> u32 {
    let mut rows: Vec<u32> = errors.iter().map(|e| e.row).filter(|r| *r > 1).collect();
    rows.dedup();
    rows.len() as u32
}

fn file_error(code: &str, message: String) -> RowError {
    RowError {
        row: 0,
        column: String::new(),
        code: code.to_string(),
        message,
    }
}

/// Imports `path`. Bad rows never fail the call: they end up in the batch's report. `Err` is only for
/// infrastructure failures (database, unreadable temporary file).
pub fn import(
    conn: &mut PgConnection,
    pii: &PiiCipher,
    path: &Path,
    req: &ImportRequest,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
    progress: Progress,
) -> Result<Outcome, String> {
    let sha = sha256_file(path).map_err(|e| e.to_string())?;
    let mut head = [0u8; 4];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| e.to_string())?;
    let format = Format::sniff(&head[..n]);
    let batch_id = Uuid::new_v4();
    let spec = req.spec;

    let staged = conn.transaction::<_, Abort, _>(|conn| {
        let mut rows = match read::open(path, format) {
            Ok(r) => r,
            Err(e) => {
                return Err(Abort::Rejected(
                    vec![file_error(e.code(), e.to_string())],
                    0,
                    vec![],
                ))
            }
        };
        let headers: Vec<String> = match rows.next() {
            None => {
                return Err(Abort::Rejected(
                    vec![file_error("file_empty", "文件为空，没有表头".into())],
                    0,
                    vec![],
                ))
            }
            Some(Err(e)) => {
                return Err(Abort::Rejected(
                    vec![file_error(e.code(), e.to_string())],
                    0,
                    vec![],
                ))
            }
            Some(Ok(cells)) => cells
                .iter()
                .map(|c| match c {
                    weikao_core::libraries::Cell::Text(s) => s.clone(),
                    weikao_core::libraries::Cell::Empty => String::new(),
                    other => format!("{other:?}"),
                })
                .collect(),
        };
        let map = map_headers(spec, &headers, &req.mapping)
            .map_err(|(errs, ignored)| Abort::Rejected(errs, 0, ignored))?;
        store::create_staging(conn)?;
        let mut errors: Vec<RowError> = Vec::new();
        let mut total: u32 = 0;
        let mut chunk: Vec<StagedRow> = Vec::with_capacity(CHUNK_ROWS);
        let mut row_no: u32 = 1;
        for cells in rows {
            row_no += 1;
            let cells = match cells {
                Ok(c) => c,
                Err(e) => {
                    errors.push(RowError {
                        row: row_no,
                        column: String::new(),
                        code: e.code().to_string(),
                        message: e.to_string(),
                    });
                    total += 1;
                    continue;
                }
            };
            if cells
                .iter()
                .all(|c| *c == weikao_core::libraries::Cell::Empty)
            {
                continue; // blank lines are not rows
            }
            total += 1;
            match parse_row(spec, &map, row_no, &cells, today) {
                Err(mut e) => errors.append(&mut e),
                Ok(r) => {
                    let (bidx, enc, masked) = match r.id_number.as_deref() {
                        Some(id) => (
                            Some(pii.blind_index(id)),
                            Some(pii.encrypt(id)),
                            Some(mask_id_number(id)),
                        ),
                        None => (None, None, None),
                    };
                    chunk.push(StagedRow {
                        row_no: row_no as i32,
                        id_bidx: bidx,
                        id_enc: enc,
                        id_masked: masked,
                        name: r.name,
                        values: r.values,
                    });
                }
            }
            if chunk.len() >= CHUNK_ROWS {
                store::copy_encoded(conn, &store::encode_rows(&chunk))?;
                chunk.clear();
                progress(u64::from(total));
            }
        }
        if !chunk.is_empty() {
            store::copy_encoded(conn, &store::encode_rows(&chunk))?;
        }
        progress(u64::from(total));
        if total == 0 {
            errors.push(file_error("no_rows", "文件只有表头，没有数据行".into()));
        }
        let dups = store::staged_duplicates(conn, spec)?;
        for d in &dups {
            errors.push(RowError {
                row: d.row_no as u32,
                column: spec
                    .unique
                    .first()
                    .copied()
                    .unwrap_or("id_number")
                    .to_string(),
                code: "duplicate_row".into(),
                message: format!("与第 {} 行重复", d.first_row),
            });
        }
        errors.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        let loadable = total.saturating_sub(rejected_rows(&errors));
        if loadable == 0 || (!errors.is_empty() && req.on_error == OnError::AllOrNothing) {
            return Err(Abort::Rejected(errors, total, map.ignored));
        }
        let dup_rows: Vec<i32> = dups.iter().map(|d| d.row_no).collect();
        store::delete_staged(conn, &dup_rows)?;
        let batch = store::insert_batch(
            conn,
            &new_batch(
                req,
                batch_id,
                "active",
                format,
                &sha,
                total,
                loadable,
                &errors,
                &map.ignored,
                now,
            ),
        )?;
        store::merge(conn, spec, batch_id, req.mode == Mode::Replace, now)?;
        let job = weikao_store::jobs::enqueue(
            conn,
            crate::verification::REVERIFY_JOB,
            serde_json::json!({ "batch_id": batch_id, "library": spec.code }),
            now,
            Some(&format!("reverify:{batch_id}")),
        )?;
        record(
            conn,
            req.ctx,
            audit_event(req, "library.import", batch_id, &batch),
        )?;
        let batch = store::find_batch(conn, batch_id)?.unwrap_or(batch);
        Ok((batch, job))
    });
    match staged {
        Ok((batch, job)) => Ok(Outcome {
            batch,
            reverify_job: job,
        }),
        Err(Abort::Db(e)) => Err(e.to_string()),
        Err(Abort::Rejected(errors, total, ignored)) => {
            let batch = conn
                .transaction::<_, diesel::result::Error, _>(|conn| {
                    let b = store::insert_batch(
                        conn,
                        &new_batch(
                            req, batch_id, "rejected", format, &sha, total, 0, &errors, &ignored,
                            now,
                        ),
                    )?;
                    record(
                        conn,
                        req.ctx,
                        audit_event(req, "library.import", batch_id, &b).outcome("failure"),
                    )?;
                    Ok(b)
                })
                .map_err(|e| e.to_string())?;
            Ok(Outcome {
                batch,
                reverify_job: None,
            })
        }
    }
}

fn audit_event<'a>(req: &'a ImportRequest, action: &'a str, id: Uuid, b: &Batch) -> AuditEvent<'a> {
    AuditEvent::actor(req.actor_kind, req.actor_id.clone(), action)
        .object("library_batch", id)
        .details(serde_json::json!({
            "library": req.spec.code,
            "mode": req.mode.as_str(),
            "on_error": req.on_error.as_str(),
            "file_sha256": b.file_sha256,
            "rows_total": b.rows_total,
            "rows_loaded": b.rows_loaded,
            "rows_rejected": b.rows_rejected,
        }))
}

#[allow(clippy::too_many_arguments)]
fn new_batch<'a>(
    req: &'a ImportRequest,
    id: Uuid,
    status: &'a str,
    format: Format,
    sha: &'a str,
    total: u32,
    loaded: u32,
    errors: &[RowError],
    ignored: &[String],
    now: DateTime<Utc>,
) -> NewBatch<'a> {
    let stored: Vec<&RowError> = errors.iter().take(STORED_ERRORS).collect();
    NewBatch {
        id,
        library: req.spec.code,
        mode: req.mode.as_str(),
        on_error: req.on_error.as_str(),
        status,
        file_name: req.file_name,
        file_format: format.as_str(),
        file_sha256: sha,
        rows_total: total as i32,
        rows_loaded: loaded as i32,
        rows_rejected: rejected_rows(errors) as i32,
        errors: serde_json::to_value(stored).unwrap_or_default(),
        error_count: errors.len() as i32,
        ignored_columns: ignored.to_vec(),
        created_by: match &req.actor_id {
            Some(id) => format!("{}:{id}", req.actor_kind),
            None => req.actor_kind.to_string(),
        },
        created_at: now,
    }
}
