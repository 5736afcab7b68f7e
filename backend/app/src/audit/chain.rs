//! Hash chain over the audit log without serialising writers: the worker seals settled rows in batches
//! (`audit_seals`: first/last id, row count, hash of the rows, previous seal hash), and appends each new
//! chain head to an anchor file outside the database (and the log). `verify` recomputes everything and
//! detects a modified row, a deleted row, and a truncated tail (seals or rows missing behind an anchor).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use diesel::PgConnection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use weikao_store::audit::{self, AuditRow, AuditSeal};

/// Key of the advisory lock held while sealing (one sealer at a time across workers).
pub const SEAL_LOCK_KEY: i64 = 0x7765_696b_616f_0002;
/// Rows younger than this are left for the next round, so a transaction that committed late (a lower id
/// becoming visible after a higher one) is never skipped.
pub const SETTLE_SECS: i64 = 10;

pub fn row_digest(r: &AuditRow) -> [u8; 32] {
    let mut h = Sha256::new();
    let fields = [
        r.id.to_string(),
        r.occurred_at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        r.actor_kind.clone(),
        r.actor_id.clone().unwrap_or_default(),
        r.action.clone(),
        r.object_kind.clone().unwrap_or_default(),
        r.object_id.clone().unwrap_or_default(),
        r.outcome.clone(),
        r.ip.clone().unwrap_or_default(),
        r.request_id.clone().unwrap_or_default(),
        r.details.to_string(),
    ];
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().into()
}

pub fn rows_hash(rows: &[AuditRow]) -> Vec<u8> {
    let mut h = Sha256::new();
    for r in rows {
        h.update(row_digest(r));
    }
    h.finalize().to_vec()
}

pub fn seal_hash(
    prev: &[u8],
    first_id: i64,
    last_id: i64,
    count: i64,
    rows_hash: &[u8],
) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(first_id.to_be_bytes());
    h.update(last_id.to_be_bytes());
    h.update(count.to_be_bytes());
    h.update(rows_hash);
    h.finalize().to_vec()
}

pub const GENESIS: [u8; 32] = [0u8; 32];

/// Seals settled unsealed rows (at most `batch`). Returns the new seal, if any. Runs under an advisory lock.
pub fn seal_pending(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    batch: i64,
    anchor: Option<&Path>,
) -> diesel::QueryResult<Option<AuditSeal>> {
    let sealed = weikao_store::db::with_try_advisory_lock(conn, SEAL_LOCK_KEY, |conn| {
        let last = audit::last_seal(conn)?;
        let after = last.as_ref().map(|s| s.last_id).unwrap_or(0);
        let prev = last
            .as_ref()
            .map(|s| s.seal_hash.clone())
            .unwrap_or_else(|| GENESIS.to_vec());
        let cutoff = now - Duration::seconds(SETTLE_SECS);
        let rows: Vec<AuditRow> = audit::rows_after(conn, after, batch)?
            .into_iter()
            .take_while(|r| r.occurred_at <= cutoff)
            .collect();
        let (Some(first), Some(lastrow)) = (rows.first(), rows.last()) else {
            return Ok(None);
        };
        let rh = rows_hash(&rows);
        let count = rows.len() as i64;
        let sh = seal_hash(&prev, first.id, lastrow.id, count, &rh);
        audit::insert_seal(conn, first.id, lastrow.id, count, &rh, &prev, &sh).map(Some)
    })?
    .flatten();
    if let Some(seal) = &sealed {
        let line = format!(
            "{} seal={} last_id={} head={}",
            seal.sealed_at.to_rfc3339(),
            seal.id,
            seal.last_id,
            hex::encode(&seal.seal_hash)
        );
        tracing::info!(target: "weikao::audit_anchor", seal = seal.id, last_id = seal.last_id, head = %hex::encode(&seal.seal_hash), "audit chain head");
        if let Some(path) = anchor {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            match std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
            {
                Ok(mut f) => {
                    let _ = writeln!(f, "{line}");
                }
                Err(e) => {
                    tracing::error!(error = %e, path = %path.display(), "cannot append audit anchor")
                }
            }
        }
    }
    Ok(sealed)
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainReport {
    /// true when no problem was found
    pub ok: bool,
    pub seals_checked: i64,
    pub rows_checked: i64,
    /// rows newer than the last seal (sealed by the worker within seconds)
    pub unsealed_rows: i64,
    /// id and head of the newest seal
    pub head_seal_id: Option<i64>,
    pub head_hash: Option<String>,
    /// human-readable findings (modified, deleted, truncated)
    pub problems: Vec<String>,
}

/// (seal id, head hex) of the newest line in the anchor file.
fn last_anchor(path: &Path) -> Option<(i64, String)> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().rev().find(|l| l.contains(" seal="))?;
    let mut id = None;
    let mut head = None;
    for part in line.split_whitespace() {
        if let Some(v) = part.strip_prefix("seal=") {
            id = v.parse().ok();
        }
        if let Some(v) = part.strip_prefix("head=") {
            head = Some(v.to_string());
        }
    }
    Some((id?, head?))
}

pub fn verify(conn: &mut PgConnection, anchor: Option<&Path>) -> diesel::QueryResult<ChainReport> {
    let seals = audit::all_seals(conn)?;
    let mut problems = Vec::new();
    let mut prev = GENESIS.to_vec();
    let mut rows_checked = 0i64;
    let mut expected_first = 1i64;
    for s in &seals {
        if s.prev_hash != prev {
            problems.push(format!(
                "seal {} does not link to the previous seal (a seal was removed or altered)",
                s.id
            ));
        }
        if s.first_id < expected_first {
            problems.push(format!("seal {} overlaps the previous seal", s.id));
        }
        let rows = audit::rows_between(conn, s.first_id, s.last_id)?;
        rows_checked += rows.len() as i64;
        if rows.len() as i64 != s.row_count {
            problems.push(format!(
                "seal {} covers ids {}..={}: {} rows sealed, {} present (rows deleted or inserted)",
                s.id,
                s.first_id,
                s.last_id,
                s.row_count,
                rows.len()
            ));
        } else if rows_hash(&rows) != s.rows_hash {
            problems.push(format!(
                "seal {}: a row in ids {}..={} was modified",
                s.id, s.first_id, s.last_id
            ));
        }
        let recomputed = seal_hash(
            &s.prev_hash,
            s.first_id,
            s.last_id,
            s.row_count,
            &s.rows_hash,
        );
        if recomputed != s.seal_hash {
            problems.push(format!("seal {} hash does not match its contents", s.id));
        }
        prev = s.seal_hash.clone();
        expected_first = s.last_id + 1;
    }
    let last_sealed = seals.last().map(|s| s.last_id).unwrap_or(0);
    let max_id = audit::max_id(conn)?.unwrap_or(0);
    if max_id < last_sealed {
        problems.push(format!(
            "the log ends at id {max_id} but rows up to {last_sealed} were sealed (tail truncated)"
        ));
    }
    let unsealed_rows = audit::count_after(conn, last_sealed)?;
    if let Some(path) = anchor {
        if let Some((anchored_id, anchored_head)) = last_anchor(path) {
            match seals.iter().find(|s| s.id == anchored_id) {
                None => problems.push(format!(
                    "anchor file names seal {anchored_id}, which is missing from the database (tail truncated)"
                )),
                Some(s) if hex::encode(&s.seal_hash) != anchored_head => {
                    problems.push(format!("seal {anchored_id} differs from its anchored head (chain rewritten)"))
                }
                Some(_) => {}
            }
        }
    }
    Ok(ChainReport {
        ok: problems.is_empty(),
        seals_checked: seals.len() as i64,
        rows_checked,
        unsealed_rows,
        head_seal_id: seals.last().map(|s| s.id),
        head_hash: seals.last().map(|s| hex::encode(&s.seal_hash)),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, action: &str) -> AuditRow {
        AuditRow {
            id,
            occurred_at: DateTime::from_timestamp(1_700_000_000 + id, 0).unwrap(),
            actor_kind: "staff".into(),
            actor_id: Some("u1".into()),
            action: action.into(),
            object_kind: None,
            object_id: None,
            outcome: "success".into(),
            ip: Some("127.0.0.1".into()),
            request_id: None,
            details: serde_json::json!({"a": 1}),
        }
    }

    #[test]
    fn any_field_change_changes_the_digest() {
        let a = row(1, "auth.login");
        let mut b = a.clone();
        b.outcome = "failure".into();
        assert_ne!(row_digest(&a), row_digest(&b));
        let mut c = a.clone();
        c.details = serde_json::json!({"a": 2});
        assert_ne!(row_digest(&a), row_digest(&c));
        assert_eq!(row_digest(&a), row_digest(&a.clone()));
    }

    #[test]
    fn seal_hash_links_to_previous() {
        let rows = vec![row(1, "x"), row(2, "y")];
        let rh = rows_hash(&rows);
        let s1 = seal_hash(&GENESIS, 1, 2, 2, &rh);
        let s1b = seal_hash(&[1u8; 32], 1, 2, 2, &rh);
        assert_ne!(s1, s1b);
        assert_ne!(rows_hash(&rows[..1]), rh);
    }

    #[test]
    fn anchor_lines_parse() {
        let dir = std::env::temp_dir().join(format!("weikao-anchor-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.log");
        std::fs::write(
            &p,
            "t seal=1 last_id=5 head=aa\nt seal=2 last_id=9 head=bb\n",
        )
        .unwrap();
        assert_eq!(last_anchor(&p), Some((2, "bb".into())));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
