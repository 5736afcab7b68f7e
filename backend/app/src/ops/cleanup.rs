//! `weikao cleanup expired`: counts (dry run, the default) or removes the data of every class past its
//! retention (`weikao_core::ops::retention`, `WEIKAO_RETENTION_DAYS`) plus the reference-library rows whose
//! own expiry rule has passed. Removing needs a dry run in the last 24 hours, so that what goes was seen first.
//! Every run is audited (`data.cleanup`) and writes a dated report.

use std::process::ExitCode;

use chrono::{DateTime, Duration, Utc};
use diesel::PgConnection;
use serde::Serialize;
use weikao_core::ops::retention::CLASSES;
use weikao_store::retention as store;

use crate::audit::{record, AuditEvent};
use crate::config::Config;
use crate::storage::ObjectStore;

/// The report kind (file `<stamp>-cleanup.json`).
pub const KIND: &str = "cleanup";

#[derive(Debug, Clone, Serialize)]
pub struct ClassResult {
    pub class: String,
    pub retention_days: i64,
    pub cutoff: DateTime<Utc>,
    /// rows (or report files) past retention: counted in a dry run, removed otherwise
    pub rows: i64,
    /// files in the object store that go with them
    pub objects: i64,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CleanupReport {
    pub at: DateTime<Utc>,
    pub apply: bool,
    pub actor: String,
    pub classes: Vec<ClassResult>,
    pub total_rows: i64,
    pub total_objects: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum CleanupError {
    #[error(
        "no dry run in the last 24 hours: run `weikao cleanup expired` first and read its report"
    )]
    DryRunFirst,
    #[error("{0}")]
    Failed(String),
}

fn err(e: impl ToString) -> CleanupError {
    CleanupError::Failed(e.to_string())
}

/// Whether a dry run was reported in the 24 hours before `now`.
pub fn dry_run_seen(cfg: &Config, now: DateTime<Utc>) -> bool {
    super::reports::list(cfg, Some(KIND), 50)
        .into_iter()
        .filter(|r| r.at <= now && now - r.at <= Duration::hours(24))
        .any(|r| {
            super::reports::read(cfg, &r.name)
                .is_some_and(|b| b["report"]["apply"] == serde_json::json!(false))
        })
}

/// Runs `f` as the schema owner: registration versions and review actions are append-only for the
/// application role, so removing drafts needs the owner.
async fn blocking<T: Send + 'static>(
    cfg: &Config,
    f: impl FnOnce(&mut PgConnection) -> diesel::QueryResult<T> + Send + 'static,
) -> Result<T, CleanupError> {
    super::as_owner(cfg, f).await.map_err(CleanupError::Failed)
}

/// Deletes the files, then their rows (a failure leaves the rows for the next run).
async fn remove_files(
    store: &dyn ObjectStore,
    rows: &[store::ObjectRow],
) -> Result<(), CleanupError> {
    for r in rows {
        store
            .delete(&r.object_key)
            .await
            .map_err(|e| err(format!("object {}: {e}", r.object_key)))?;
    }
    Ok(())
}

/// Runs the cleanup (dry run unless `apply`), audits it and writes the report.
pub async fn run(
    cfg: &Config,
    store: &dyn ObjectStore,
    now: DateTime<Utc>,
    apply: bool,
    actor: &str,
) -> Result<(CleanupReport, std::path::PathBuf), CleanupError> {
    if apply && !dry_run_seen(cfg, now) {
        return Err(CleanupError::DryRunFirst);
    }
    let mut classes = Vec::new();
    for class in CLASSES {
        let days = cfg
            .retention
            .get(class.code)
            .copied()
            .unwrap_or(class.default_days);
        let cutoff = now - Duration::days(days);
        let (rows, objects) = match class.code {
            "auth_sessions" => (
                blocking(cfg, move |c| store::auth_sessions(c, cutoff, apply)).await?,
                0,
            ),
            "verification_codes" => (
                blocking(cfg, move |c| store::verification_codes(c, cutoff, apply)).await?,
                0,
            ),
            "outbox" => (
                blocking(cfg, move |c| store::outbox(c, cutoff, apply)).await?,
                0,
            ),
            "jobs" => (
                blocking(cfg, move |c| store::jobs(c, cutoff, apply)).await?,
                0,
            ),
            "library_archive" => (
                blocking(cfg, move |c| store::library_archive(c, cutoff, apply)).await?,
                0,
            ),
            "national_imports" => (
                blocking(cfg, move |c| store::national_records(c, cutoff, apply)).await?,
                0,
            ),
            "superseded_materials" => {
                let rows = blocking(cfg, move |c| store::superseded_materials(c, cutoff)).await?;
                let n = rows.len() as i64;
                if apply && !rows.is_empty() {
                    remove_files(store, &rows).await?;
                    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
                    blocking(cfg, move |c| store::delete_materials(c, &ids)).await?;
                }
                (n, n)
            }
            "drafts" => {
                let ids = blocking(cfg, move |c| store::expired_drafts(c, cutoff)).await?;
                let files = {
                    let ids = ids.clone();
                    blocking(cfg, move |c| store::objects_of(c, &ids)).await?
                };
                if apply && !ids.is_empty() {
                    remove_files(store, &files).await?;
                    let ids = ids.clone();
                    blocking(cfg, move |c| store::delete_drafts(c, &ids)).await?;
                }
                (ids.len() as i64, files.len() as i64)
            }
            "reports" => {
                let old: Vec<_> = super::reports::list(cfg, None, usize::MAX)
                    .into_iter()
                    .filter(|r| r.at < cutoff)
                    .collect();
                if apply {
                    for r in &old {
                        std::fs::remove_file(super::reports::dir(cfg).join(&r.name))
                            .map_err(|e| err(format!("{}: {e}", r.name)))?;
                    }
                }
                (old.len() as i64, 0)
            }
            other => return Err(err(format!("no cleanup for data class {other}"))),
        };
        classes.push(ClassResult {
            class: class.code.to_string(),
            retention_days: days,
            cutoff,
            rows,
            objects,
            detail: class.what.to_string(),
        });
    }
    // the reference libraries' own expiry rules (exam years), as `weikao library-cleanup` for this year
    let year = chrono::Datelike::year(&crate::clock::local_date(now));
    let who = actor.to_string();
    let libs = blocking(cfg, move |c| {
        crate::libraries::cleanup(c, year, apply, now, ("cli", Some(who)), None)
    })
    .await?;
    classes.push(ClassResult {
        class: "library_expired".into(),
        retention_days: 0,
        cutoff: now,
        rows: libs.iter().map(|(_, n)| n).sum(),
        objects: 0,
        detail: format!(
            "reference-library rows expired by their library's rule for exam year {year} (moved to the library archive): {}",
            libs.iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    });
    let report = CleanupReport {
        at: now,
        apply,
        actor: actor.to_string(),
        total_rows: classes.iter().map(|c| c.rows).sum(),
        total_objects: classes.iter().map(|c| c.objects).sum(),
        classes,
    };
    let details = serde_json::json!({
        "apply": apply,
        "classes": report.classes.iter().map(|c| serde_json::json!({
            "class": c.class, "retention_days": c.retention_days, "rows": c.rows, "objects": c.objects,
        })).collect::<Vec<_>>(),
    });
    let who = actor.to_string();
    blocking(cfg, move |c| {
        record(
            c,
            None,
            AuditEvent::actor("cli", Some(who), "data.cleanup").details(details),
        )
    })
    .await?;
    let path = super::reports::write(cfg, KIND, now, &report).map_err(err)?;
    Ok((report, path))
}

pub async fn cli(st: &crate::http::state::AppState, apply: bool, actor: String) -> ExitCode {
    match run(&st.cfg, st.store.as_ref(), st.clock.now(), apply, &actor).await {
        Ok((r, path)) => {
            for c in &r.classes {
                let kept = if c.retention_days > 0 {
                    format!("kept {:>4} days", c.retention_days)
                } else {
                    "by library rule".to_string()
                };
                println!(
                    "{:<22} {:>8} rows {:>6} files  {kept:<15}  {}",
                    c.class,
                    c.rows,
                    c.objects,
                    if apply {
                        "removed"
                    } else {
                        "past retention (dry run)"
                    }
                );
            }
            if apply {
                println!(
                    "removed {} rows and {} files",
                    r.total_rows, r.total_objects
                );
            } else {
                println!(
                    "dry run: nothing changed; {} rows and {} files are past retention; run again with --apply within 24 hours to remove them",
                    r.total_rows, r.total_objects
                );
            }
            println!("report {}", path.display());
            ExitCode::SUCCESS
        }
        Err(CleanupError::DryRunFirst) => {
            eprintln!("weikao: {}", CleanupError::DryRunFirst);
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("weikao: cleanup failed: {e}");
            ExitCode::FAILURE
        }
    }
}
