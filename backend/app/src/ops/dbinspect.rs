//! `weikao inspect db` (and the worker's weekly job): takes a snapshot of the database's statistics, judges it
//! with `weikao_core::ops::dbinspect`, compares it with the previous inspection's snapshot, prints the items
//! and writes the dated report (which carries the snapshot for next week's comparison).

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde::Serialize;
use weikao_core::ops::dbinspect::{self as rules, Comparison, Item, Level, Snapshot, Thresholds};

use crate::config::Config;

/// The report kind (file `<stamp>-db-inspection.json`).
pub const KIND: &str = "db-inspection";

#[derive(Debug, Serialize)]
pub struct DbInspectionReport {
    pub at: DateTime<Utc>,
    pub failed: usize,
    pub warnings: usize,
    pub items: Vec<Item>,
    /// the previous report compared with, when there is one
    pub previous: Option<String>,
    pub comparison: Option<Comparison>,
    pub snapshot: Snapshot,
}

/// The newest earlier inspection's snapshot and report name.
fn previous(cfg: &Config) -> Option<(String, Snapshot)> {
    let entry = super::reports::list(cfg, Some(KIND), 1)
        .into_iter()
        .next()?;
    let body = super::reports::read(cfg, &entry.name)?;
    let snap: Snapshot = serde_json::from_value(body["report"]["snapshot"].clone()).ok()?;
    Some((entry.name, snap))
}

/// Inspects and writes the report; returns it with the report's path. Connects as the schema owner
/// (`WEIKAO_DATABASE_OWNER_URL`): the application role sees neither other roles' sessions nor
/// `pg_stat_statements` of other roles (a non-superuser owner needs `GRANT pg_monitor`).
pub fn run(
    cfg: &Config,
    now: DateTime<Utc>,
) -> Result<(DbInspectionReport, std::path::PathBuf), String> {
    use diesel::Connection;
    let mut c = diesel::PgConnection::establish(&cfg.database_owner_url)
        .map_err(|e| format!("database (owner connection): {e}"))?;
    let snapshot = weikao_store::dbstats::snapshot(&mut c, now).map_err(|e| e.to_string())?;
    drop(c);
    let mut items = rules::judge(&snapshot, &Thresholds::default());
    let prev = previous(cfg);
    let comparison = prev.as_ref().map(|(_, p)| rules::compare(p, &snapshot));
    if let Some(c) = &comparison {
        items.push(rules::comparison_item(c));
    }
    let report = DbInspectionReport {
        at: now,
        failed: items.iter().filter(|i| i.level == Level::Fail).count(),
        warnings: items.iter().filter(|i| i.level == Level::Warn).count(),
        items,
        previous: prev.map(|(name, _)| name),
        comparison,
        snapshot,
    };
    let path = super::reports::write(cfg, KIND, now, &report)?;
    Ok((report, path))
}

pub fn cli(st: &crate::http::state::AppState) -> ExitCode {
    let (r, path) = match run(&st.cfg, st.clock.now()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("weikao: database inspection failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    for i in &r.items {
        super::reports::print_item(i.level, 20, &i.item, &i.detail, &i.advice, &i.evidence);
    }
    println!(
        "database inspection: {} failed, {} warning(s){}",
        r.failed,
        r.warnings,
        r.previous
            .as_deref()
            .map(|p| format!("; compared with {p}"))
            .unwrap_or_default()
    );
    println!("report {}", path.display());
    if r.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
