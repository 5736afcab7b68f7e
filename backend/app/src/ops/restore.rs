//! `weikao restore --verify <backup>`: the restore drill. Restores a backup into a fresh database and a fresh
//! object location and proves it: the dump's checksum, the restore itself, row counts per table against the
//! manifest, every attachment's checksum, the audit chain against the anchors saved with the backup, and one
//! registration read end to end (its candidate's ID number decrypts, its files match their checksums). The
//! fresh database and files are removed afterwards unless asked to keep them.

use std::path::{Path, PathBuf};
use std::process::Command;

use diesel::sql_types::{Bytea, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::backup::{read_manifest, sha256_of, table_counts, ANCHORS, ATTACHMENTS};
use crate::http::state::AppState;
use crate::storage::fs::FsStore;
use crate::storage::ObjectStore;

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Serialize)]
pub struct DrillReport {
    pub backup: String,
    pub restored_database: String,
    pub restored_objects: PathBuf,
    pub ok: bool,
    pub checks: Vec<Check>,
    pub seconds: f64,
}

/// `postgres://u@h:p/db?x` with the database replaced.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let head = match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    };
    match query {
        Some(q) => format!("{head}/{db}?{q}"),
        None => format!("{head}/{db}"),
    }
}

fn check(name: &'static str, ok: bool, detail: impl Into<String>) -> Check {
    Check {
        name,
        ok,
        detail: detail.into(),
    }
}

fn admin_sql(owner_url: &str, sql: &str) -> Result<(), String> {
    let mut c = PgConnection::establish(&with_database(owner_url, "postgres"))
        .map_err(|e| e.to_string())?;
    diesel::sql_query(sql)
        .execute(&mut c)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[derive(QueryableByName)]
struct Sample {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = Bytea)]
    id_enc: Vec<u8>,
}

#[derive(QueryableByName)]
struct SampleFile {
    #[diesel(sql_type = Text)]
    object_key: String,
    #[diesel(sql_type = Text)]
    sha256: String,
}

async fn sample_registration(st: &AppState, conn: &mut PgConnection, objects: &FsStore) -> Check {
    let sample: Option<Sample> = diesel::sql_query(
        "SELECT r.id, c.id_number_enc AS id_enc FROM registrations r JOIN candidates c ON c.id = r.candidate_id \
         WHERE r.status <> 'draft' \
         ORDER BY EXISTS (SELECT 1 FROM materials m WHERE m.registration_id = r.id) DESC, r.updated_at DESC LIMIT 1",
    )
    .get_result(conn)
    .ok();
    let Some(s) = sample else {
        return check(
            "sample_registration",
            true,
            "no submitted registration in this backup",
        );
    };
    if st.keys.pii.decrypt(&s.id_enc).is_err() {
        return check(
            "sample_registration",
            false,
            format!("registration {}: the candidate's ID number does not decrypt with this installation's key", s.id),
        );
    }
    let files: Vec<SampleFile> = match diesel::sql_query(
        "SELECT object_key, sha256 FROM materials WHERE registration_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(s.id)
    .load(conn)
    {
        Ok(f) => f,
        Err(e) => return check("sample_registration", false, e.to_string()),
    };
    for f in &files {
        let mut h = Sha256::new();
        match objects.get(&f.object_key).await {
            Ok(mut stream) => {
                while let Some(chunk) = stream.next().await {
                    match chunk {
                        Ok(b) => h.update(&b),
                        Err(e) => return check("sample_registration", false, e.to_string()),
                    }
                }
            }
            Err(e) => {
                return check(
                    "sample_registration",
                    false,
                    format!("{}: {e}", f.object_key),
                )
            }
        }
        if hex::encode(h.finalize()) != f.sha256 {
            return check(
                "sample_registration",
                false,
                format!("{}: content differs from its checksum", f.object_key),
            );
        }
    }
    check(
        "sample_registration",
        true,
        format!(
            "registration {}: ID number decrypts, {} file(s) read and match",
            s.id,
            files.len()
        ),
    )
}

/// Runs the drill on `backup_dir`; `keep` leaves the restored database and files in place.
pub async fn drill(st: &AppState, backup_dir: &Path, keep: bool) -> Result<DrillReport, String> {
    let started = std::time::Instant::now();
    let manifest = read_manifest(backup_dir)?;
    let root = backup_dir
        .parent()
        .ok_or("the backup directory has no parent")?
        .to_path_buf();
    let suffix = uuid::Uuid::new_v4().simple().to_string()[..8].to_string();
    let db = format!("weikao_restore_{suffix}");
    let objects_dir = st.cfg.data_dir.join("restore-drills").join(&suffix);
    let mut checks = Vec::new();

    // 1. the dump is the one the manifest describes
    let dump = backup_dir.join(&manifest.database.file);
    let dump_ok = match sha256_of(&dump) {
        Ok((h, n)) if h == manifest.database.sha256 => {
            checks.push(check(
                "dump_checksum",
                true,
                format!("{n} bytes, sha256 {h}"),
            ));
            true
        }
        Ok((h, _)) => {
            checks.push(check(
                "dump_checksum",
                false,
                format!("sha256 {h}, manifest says {}", manifest.database.sha256),
            ));
            false
        }
        Err(e) => {
            checks.push(check("dump_checksum", false, e.to_string()));
            false
        }
    };

    // 2. restore into a fresh database
    let owner = st.cfg.database_owner_url.clone();
    let target = with_database(&owner, &db);
    let restored = dump_ok && {
        let (o, t, d, name) = (owner.clone(), target.clone(), dump.clone(), db.clone());
        let r = tokio::task::spawn_blocking(move || -> Result<(), String> {
            admin_sql(&o, &format!("CREATE DATABASE {name}"))?;
            let out = Command::new("pg_restore")
                .args(["--no-owner", "--exit-on-error", "--dbname"])
                .arg(&t)
                .arg(&d)
                .output()
                .map_err(|e| format!("cannot run pg_restore: {e}"))?;
            if out.status.success() {
                Ok(())
            } else {
                Err(String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "))
            }
        })
        .await
        .map_err(|e| e.to_string())?;
        checks.push(match &r {
            Ok(()) => check("database_restored", true, format!("into {db}")),
            Err(e) => check("database_restored", false, e.clone()),
        });
        r.is_ok()
    };

    // 3. row counts per table
    let mut conn = if restored {
        Some(PgConnection::establish(&target).map_err(|e| e.to_string())?)
    } else {
        None
    };
    if let Some(c) = conn.as_mut() {
        let counts = table_counts(c).map_err(|e| e.to_string())?;
        let mut diffs = Vec::new();
        for (t, want) in &manifest.database.tables {
            let have = counts.get(t).copied();
            if have != Some(*want) {
                diffs.push(format!(
                    "{t}: {want} expected, {} restored",
                    have.map(|h| h.to_string()).unwrap_or("no table".into())
                ));
            }
        }
        checks.push(if diffs.is_empty() {
            check(
                "row_counts",
                true,
                format!(
                    "{} tables, {} rows",
                    counts.len(),
                    counts.values().sum::<i64>()
                ),
            )
        } else {
            check("row_counts", false, diffs.join("; "))
        });
    }

    // 4. every attachment, checked and put into a fresh object location
    let objects = FsStore::new(objects_dir.clone());
    let mut bad = Vec::new();
    for e in &manifest.attachments.entries {
        let copy = root.join(ATTACHMENTS).join(&e.key);
        match sha256_of(&copy) {
            Ok((h, _)) if h == e.sha256 => {
                if let Err(err) = objects
                    .put_file(&e.key, &copy, "application/octet-stream")
                    .await
                {
                    bad.push(format!("{}: {err}", e.key));
                }
            }
            Ok(_) => bad.push(format!("{}: checksum differs", e.key)),
            Err(err) => bad.push(format!("{}: {err}", e.key)),
        }
    }
    checks.push(if bad.is_empty() {
        check(
            "attachments",
            true,
            format!(
                "{} files match their checksums",
                manifest.attachments.entries.len()
            ),
        )
    } else {
        check(
            "attachments",
            false,
            format!(
                "{} of {} bad: {}",
                bad.len(),
                manifest.attachments.entries.len(),
                bad.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
            ),
        )
    });

    if let Some(c) = conn.as_mut() {
        // 5. the audit chain, against the anchors saved with the backup
        let anchor = manifest
            .audit_anchor
            .as_ref()
            .map(|_| backup_dir.join(ANCHORS));
        match crate::audit::chain::verify(c, anchor.as_deref()) {
            Ok(r) if r.ok => checks.push(check(
                "audit_chain",
                true,
                format!("{} seals, {} rows", r.seals_checked, r.rows_checked),
            )),
            Ok(r) => checks.push(check("audit_chain", false, r.problems.join("; "))),
            Err(e) => checks.push(check("audit_chain", false, e.to_string())),
        }
        // 6. one registration end to end
        checks.push(sample_registration(st, c, &objects).await);
    }
    drop(conn);

    if !keep {
        let _ = std::fs::remove_dir_all(&objects_dir);
        if restored || dump_ok {
            let o = owner.clone();
            let name = db.clone();
            let _ = tokio::task::spawn_blocking(move || {
                admin_sql(&o, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            })
            .await;
        }
    }
    Ok(DrillReport {
        backup: manifest.name,
        restored_database: db,
        restored_objects: objects_dir,
        ok: checks.iter().all(|c| c.ok),
        checks,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_of_a_url_is_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/weikao", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=require", "x"),
            "postgres://u:p@h/x?sslmode=require"
        );
        assert_eq!(
            with_database("postgres://u@h:5432", "x"),
            "postgres://u@h:5432/x"
        );
    }
}
