//! `weikao backup` and `weikao restore --verify`: print a summary, write the dated report, exit non-zero when
//! something failed.

use std::path::Path;
use std::process::ExitCode;

use crate::http::state::AppState;

/// Takes a backup and writes its report; the summary line, or why it failed.
pub async fn backup_with_report(
    cfg: &crate::config::Config,
    store: &dyn crate::storage::ObjectStore,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(super::backup::BackupReport, std::path::PathBuf), String> {
    let r = super::backup::run(cfg, store, now, &cfg.backup_root(), cfg.backup_keep).await?;
    let m = &r.manifest;
    let summary = serde_json::json!({
        "dir": r.dir, "seconds": r.seconds, "pruned": r.pruned,
        "database": { "bytes": m.database.bytes, "sha256": m.database.sha256, "tables": m.database.tables },
        "attachments": { "count": m.attachments.count, "bytes": m.attachments.bytes,
                         "copied": m.attachments.copied, "missing": m.attachments.missing },
    });
    let path = super::reports::write(cfg, "backup", now, &summary)?;
    Ok((r, path))
}

pub async fn backup(st: &AppState) -> ExitCode {
    match backup_with_report(&st.cfg, st.store.as_ref(), st.clock.now()).await {
        Ok((r, report)) => {
            let m = &r.manifest;
            println!(
                "backup {} in {:.1} s: database {} bytes ({} tables, {} rows), attachments {} ({} copied now, {} missing); {} old backup(s) removed",
                r.dir.display(),
                r.seconds,
                m.database.bytes,
                m.database.tables.len(),
                m.database.tables.values().sum::<i64>(),
                m.attachments.count,
                m.attachments.copied,
                m.attachments.missing.len(),
                r.pruned
            );
            for k in &m.attachments.missing {
                println!("  missing in the object store: {k}");
            }
            println!("report {}", report.display());
            if m.attachments.missing.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("weikao: backup failed: {e}");
            ExitCode::FAILURE
        }
    }
}

pub async fn restore_verify(st: &AppState, backup: &Path, keep: bool) -> ExitCode {
    match super::restore::drill(st, backup, keep).await {
        Ok(r) => {
            for c in &r.checks {
                println!(
                    "{:<4} {:<20} {}",
                    if c.ok { "ok" } else { "FAIL" },
                    c.name,
                    c.detail
                );
            }
            println!(
                "restore drill of {}: {} in {:.1} s{}",
                r.backup,
                if r.ok { "passed" } else { "FAILED" },
                r.seconds,
                if keep {
                    format!(
                        " (kept: database {}, files {})",
                        r.restored_database,
                        r.restored_objects.display()
                    )
                } else {
                    String::new()
                }
            );
            match super::reports::write(&st.cfg, "restore-drill", st.clock.now(), &r) {
                Ok(p) => println!("report {}", p.display()),
                Err(e) => eprintln!("weikao: report not written: {e}"),
            }
            if r.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("weikao: restore drill failed: {e}");
            ExitCode::FAILURE
        }
    }
}
