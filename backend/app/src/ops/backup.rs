//! `weikao backup`: a consistent database backup (pg_dump custom format) and a copy of every attachment to a
//! second location, with a manifest of row counts and checksums. The dump, the row counts and the list of
//! attachments come from one exported snapshot, so the manifest describes exactly what the dump holds.
//!
//! Layout under the backup root (`WEIKAO_BACKUP_DIR`):
//! ```text
//! <root>/attachments/<object key>          copies, shared by every backup (new or changed ones are copied)
//! <root>/<YYYYMMDDTHHMMSSZ>/database.dump  pg_dump -Fc
//! <root>/<YYYYMMDDTHHMMSSZ>/audit-anchors.log
//! <root>/<YYYYMMDDTHHMMSSZ>/manifest.json  what a restore must find
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::storage::ObjectStore;

pub const MANIFEST: &str = "manifest.json";
pub const DUMP: &str = "database.dump";
pub const ANCHORS: &str = "audit-anchors.log";
pub const ATTACHMENTS: &str = "attachments";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AttachmentEntry {
    pub key: String,
    pub sha256: String,
    pub size: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatabasePart {
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    /// exact row counts per table at the dump's snapshot
    pub tables: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttachmentsPart {
    pub count: usize,
    pub bytes: i64,
    /// copied by this backup (the others were already in the second location)
    pub copied: usize,
    /// objects the database lists but the object store did not have
    pub missing: Vec<String>,
    pub entries: Vec<AttachmentEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub database: DatabasePart,
    pub attachments: AttachmentsPart,
    /// the audit chain's anchor file as it was (restore drills verify the chain against it)
    pub audit_anchor: Option<String>,
}

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Snapshot {
    #[diesel(sql_type = Text)]
    id: String,
}

#[derive(QueryableByName)]
struct MaterialRow {
    #[diesel(sql_type = Text)]
    object_key: String,
    #[diesel(sql_type = Text)]
    sha256: String,
    #[diesel(sql_type = BigInt)]
    size_bytes: i64,
}

/// Exact row counts of every table of the public schema.
pub fn table_counts(conn: &mut PgConnection) -> diesel::QueryResult<BTreeMap<String, i64>> {
    let tables: Vec<TableName> = diesel::sql_query(
        "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
    .load(conn)?;
    let mut out = BTreeMap::new();
    for t in tables {
        // names come from the catalog and are quoted
        let c: Count = diesel::sql_query(format!(
            "SELECT count(*)::bigint AS n FROM public.\"{}\"",
            t.name.replace('"', "\"\"")
        ))
        .get_result(conn)?;
        out.insert(t.name, c.n);
    }
    Ok(out)
}

pub fn sha256_of(path: &Path) -> std::io::Result<(String, u64)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let k = f.read(&mut buf)?;
        if k == 0 {
            break;
        }
        n += k as u64;
        h.update(&buf[..k]);
    }
    Ok((hex::encode(h.finalize()), n))
}

/// Dumps the database and lists its attachments, all from one snapshot.
fn dump(owner_url: &str, dir: &Path) -> Result<(DatabasePart, Vec<AttachmentEntry>), String> {
    let mut conn = PgConnection::establish(owner_url).map_err(|e| e.to_string())?;
    let out = dir.join(DUMP);
    conn.build_transaction()
        .repeatable_read()
        .read_only()
        .run::<_, diesel::result::Error, _>(|c| {
            let snap: Snapshot =
                diesel::sql_query("SELECT pg_export_snapshot() AS id").get_result(c)?;
            let tables = table_counts(c)?;
            let materials: Vec<MaterialRow> = diesel::sql_query(
                "SELECT object_key, sha256, size_bytes FROM materials ORDER BY object_key",
            )
            .load(c)?;
            let status = Command::new("pg_dump")
                .arg("--format=custom")
                .arg(format!("--snapshot={}", snap.id))
                .arg("--file")
                .arg(&out)
                .arg("--dbname")
                .arg(owner_url)
                .status();
            match status {
                Ok(s) if s.success() => {}
                Ok(s) => {
                    return Err(diesel::result::Error::QueryBuilderError(
                        format!("pg_dump exited with {s}").into(),
                    ))
                }
                Err(e) => {
                    return Err(diesel::result::Error::QueryBuilderError(
                        format!("cannot run pg_dump: {e}").into(),
                    ))
                }
            }
            let (sha256, bytes) = sha256_of(&out)
                .map_err(|e| diesel::result::Error::QueryBuilderError(e.to_string().into()))?;
            Ok((
                DatabasePart {
                    file: DUMP.into(),
                    sha256,
                    bytes,
                    tables,
                },
                materials
                    .into_iter()
                    .map(|m| AttachmentEntry {
                        key: m.object_key,
                        sha256: m.sha256,
                        size: m.size_bytes,
                    })
                    .collect(),
            ))
        })
        .map_err(|e| e.to_string())
}

/// Copies the attachments the second location does not hold yet (or holds with other content).
async fn copy_attachments(
    store: &dyn ObjectStore,
    root: &Path,
    entries: &[AttachmentEntry],
) -> Result<(usize, Vec<String>), String> {
    let base = root.join(ATTACHMENTS);
    let (mut copied, mut missing) = (0usize, Vec::new());
    for e in entries {
        if !crate::storage::valid_key(&e.key) {
            missing.push(e.key.clone());
            continue;
        }
        let target = base.join(&e.key);
        if target.exists()
            && sha256_of(&target)
                .map(|(h, _)| h == e.sha256)
                .unwrap_or(false)
        {
            continue;
        }
        let mut stream = match store.get(&e.key).await {
            Ok(s) => s,
            Err(crate::storage::StoreError::NotFound) => {
                missing.push(e.key.clone());
                continue;
            }
            Err(err) => return Err(err.to_string()),
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        let tmp = target.with_extension("partial");
        let mut f = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
        while let Some(chunk) = stream.next().await {
            f.write_all(&chunk.map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
        }
        f.sync_all().map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, &target).map_err(|e| e.to_string())?;
        copied += 1;
    }
    Ok((copied, missing))
}

/// The backups under `root`, oldest first (directories holding a manifest).
pub fn list(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join(MANIFEST).is_file())
        .collect();
    dirs.sort();
    dirs
}

pub fn read_manifest(dir: &Path) -> Result<Manifest, String> {
    let text = std::fs::read_to_string(dir.join(MANIFEST))
        .map_err(|e| format!("{}: {e}", dir.join(MANIFEST).display()))?;
    serde_json::from_str(&text).map_err(|e| format!("manifest: {e}"))
}

/// When the newest backup under `root` was taken (None when there is none).
pub fn newest(root: &Path) -> Option<DateTime<Utc>> {
    list(root)
        .last()
        .and_then(|d| read_manifest(d).ok())
        .map(|m| m.created_at)
}

/// Keeps the newest `keep` backups; removes attachment copies no remaining manifest lists.
fn prune(root: &Path, keep: usize) -> Result<usize, String> {
    let all = list(root);
    let drop_n = all.len().saturating_sub(keep.max(1));
    for d in &all[..drop_n] {
        std::fs::remove_dir_all(d).map_err(|e| e.to_string())?;
    }
    let mut wanted = BTreeSet::new();
    for d in list(root) {
        for e in read_manifest(&d)?.attachments.entries {
            wanted.insert(e.key);
        }
    }
    let base = root.join(ATTACHMENTS);
    let mut stack = vec![base.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(&base) {
                if !wanted.contains(&rel.to_string_lossy().to_string()) {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
    }
    Ok(drop_n)
}

/// What a backup did.
#[derive(Debug, Serialize)]
pub struct BackupReport {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// older backups removed by the retention rule
    pub pruned: usize,
    pub seconds: f64,
}

/// Takes a backup into a new dated directory under `root`, keeps the newest `keep`.
pub async fn run(
    cfg: &Config,
    store: &dyn ObjectStore,
    now: DateTime<Utc>,
    root: &Path,
    keep: usize,
) -> Result<BackupReport, String> {
    let started = std::time::Instant::now();
    let name = now.format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let dir = root.join(&name);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // the anchors first: every seal they name is then in the dump taken after
    let anchor = cfg.audit_anchor_path();
    let audit_anchor = if anchor.is_file() {
        std::fs::copy(&anchor, dir.join(ANCHORS)).map_err(|e| e.to_string())?;
        Some(ANCHORS.to_string())
    } else {
        None
    };
    let url = cfg.database_owner_url.clone();
    let d2 = dir.clone();
    let dumped = tokio::task::spawn_blocking(move || dump(&url, &d2))
        .await
        .map_err(|e| e.to_string())?;
    let (database, entries) = match dumped {
        Ok(x) => x,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
    };
    let (copied, missing) = copy_attachments(store, root, &entries).await?;
    let manifest = Manifest {
        format: 1,
        name,
        created_at: now,
        database,
        attachments: AttachmentsPart {
            count: entries.len(),
            bytes: entries.iter().map(|e| e.size).sum(),
            copied,
            missing,
            entries,
        },
        audit_anchor,
    };
    // the manifest is written last: a directory without one is not a backup
    let tmp = dir.join("manifest.partial");
    std::fs::write(
        &tmp,
        serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, dir.join(MANIFEST)).map_err(|e| e.to_string())?;
    let pruned = prune(root, keep)?;
    Ok(BackupReport {
        dir,
        manifest,
        pruned,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(name: &str, keys: &[&str]) -> Manifest {
        Manifest {
            format: 1,
            name: name.into(),
            created_at: Utc::now(),
            database: DatabasePart {
                file: DUMP.into(),
                sha256: String::new(),
                bytes: 0,
                tables: BTreeMap::new(),
            },
            attachments: AttachmentsPart {
                count: keys.len(),
                bytes: 0,
                copied: 0,
                missing: vec![],
                entries: keys
                    .iter()
                    .map(|k| AttachmentEntry {
                        key: k.to_string(),
                        sha256: String::new(),
                        size: 0,
                    })
                    .collect(),
            },
            audit_anchor: None,
        }
    }

    #[test]
    fn retention_keeps_the_newest_and_the_attachments_they_list() {
        let root =
            std::env::temp_dir().join(format!("weikao-prune-{}", uuid::Uuid::new_v4().simple()));
        for (name, keys) in [
            ("20261101T000000.000Z", vec!["materials/a/1"]),
            (
                "20261108T000000.000Z",
                vec!["materials/a/1", "materials/b/2"],
            ),
            ("20261115T000000.000Z", vec!["materials/b/2"]),
        ] {
            let d = root.join(name);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(
                d.join(MANIFEST),
                serde_json::to_vec(&manifest(name, &keys)).unwrap(),
            )
            .unwrap();
        }
        for k in ["materials/a/1", "materials/b/2", "materials/c/3"] {
            let p = root.join(ATTACHMENTS).join(k);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, b"x").unwrap();
        }
        // a directory without a manifest (an interrupted backup) is not counted
        std::fs::create_dir_all(root.join("20261120T000000.000Z")).unwrap();
        assert_eq!(prune(&root, 2).unwrap(), 1);
        let names: Vec<String> = list(&root)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["20261108T000000.000Z", "20261115T000000.000Z"]);
        assert!(root.join(ATTACHMENTS).join("materials/a/1").exists());
        assert!(root.join(ATTACHMENTS).join("materials/b/2").exists());
        assert!(!root.join(ATTACHMENTS).join("materials/c/3").exists());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
