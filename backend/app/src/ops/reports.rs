//! Dated reports of the operations duties (backups, restore drills, inspections, patrols): one JSON file per
//! run under `<data dir>/reports/`, named `<YYYYMMDDTHHMMSSZ>-<kind>.json`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;

pub fn dir(cfg: &Config) -> PathBuf {
    cfg.data_dir.join("reports")
}

/// Writes a report; returns its path.
pub fn write(
    cfg: &Config,
    kind: &str,
    at: DateTime<Utc>,
    report: &impl Serialize,
) -> Result<PathBuf, String> {
    let d = dir(cfg);
    std::fs::create_dir_all(&d).map_err(|e| format!("{}: {e}", d.display()))?;
    let path = d.join(format!("{}-{kind}.json", at.format("%Y%m%dT%H%M%SZ")));
    let body = serde_json::json!({ "kind": kind, "at": at, "report": report });
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(&body).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}
