//! Dated reports of the operations duties (backups, restore drills, inspections, patrols): one JSON file per
//! run under `<data dir>/reports/`, named `<YYYYMMDDTHHMMSSZ>-<kind>.json`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;

pub fn dir(cfg: &Config) -> PathBuf {
    cfg.data_dir.join("reports")
}

/// Writes a report; returns its path. Two reports of one kind within the same second get consecutive
/// seconds in their names: a report is never overwritten.
pub fn write(
    cfg: &Config,
    kind: &str,
    at: DateTime<Utc>,
    report: &impl Serialize,
) -> Result<PathBuf, String> {
    use std::io::Write;
    let d = dir(cfg);
    std::fs::create_dir_all(&d).map_err(|e| format!("{}: {e}", d.display()))?;
    let body = serde_json::json!({ "kind": kind, "at": at, "report": report });
    let bytes = serde_json::to_vec_pretty(&body).map_err(|e| e.to_string())?;
    for bump in 0..60 {
        let stamp = at + chrono::Duration::seconds(bump);
        let path = d.join(format!("{}-{kind}.json", stamp.format("%Y%m%dT%H%M%SZ")));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(&bytes)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Err(format!(
        "{}: a minute of {kind} reports already",
        d.display()
    ))
}

/// Prints one checked item the way every duty command does: `pass|WARN|FAIL name detail`, then the advice
/// when it did not pass, then its evidence.
pub fn print_item(
    level: weikao_core::ops::patrol::Level,
    width: usize,
    name: &str,
    detail: &str,
    advice: &str,
    evidence: &[String],
) {
    use weikao_core::ops::patrol::Level;
    let tag = match level {
        Level::Pass => "pass",
        Level::Warn => "WARN",
        Level::Fail => "FAIL",
    };
    println!("{tag:<4} {name:<width$} {detail}");
    if level != Level::Pass && !advice.is_empty() {
        println!("     advice: {advice}");
    }
    for e in evidence.iter().take(20) {
        println!("     - {e}");
    }
}

/// One report file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportEntry {
    /// the file name, e.g. `20261203T091500Z-backup.json`
    pub name: String,
    /// `backup`, `restore-drill`, `security-patrol`, `preseason-inspection`, `db-inspection`, `cleanup`,
    /// `season-archive`
    pub kind: String,
    pub at: DateTime<Utc>,
    pub bytes: u64,
}

/// `<YYYYMMDDTHHMMSSZ>-<kind>.json` → (at, kind); anything else is not a report.
pub fn parse_name(name: &str) -> Option<(DateTime<Utc>, String)> {
    let stem = name.strip_suffix(".json")?;
    let (stamp, kind) = stem.split_once('-')?;
    if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    let at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()?;
    Some((at.and_utc(), kind.to_string()))
}

/// The reports, newest first (at most `limit`), optionally of one kind.
pub fn list(cfg: &Config, kind: Option<&str>, limit: usize) -> Vec<ReportEntry> {
    let mut out: Vec<ReportEntry> = std::fs::read_dir(dir(cfg))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let (at, k) = parse_name(&name)?;
            let bytes = e.metadata().ok()?.len();
            Some(ReportEntry {
                name,
                kind: k,
                at,
                bytes,
            })
        })
        .filter(|r| kind.is_none_or(|k| r.kind == k))
        .collect();
    out.sort_by(|a, b| b.name.cmp(&a.name));
    out.truncate(limit);
    out
}

/// A report's content, if `name` is a report that exists.
pub fn read(cfg: &Config, name: &str) -> Option<serde_json::Value> {
    parse_name(name)?;
    let text = std::fs::read_to_string(dir(cfg).join(name)).ok()?;
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_name;

    #[test]
    fn report_names_are_parsed_and_nothing_else() {
        let (at, kind) = parse_name("20261203T091500Z-restore-drill.json").unwrap();
        assert_eq!(kind, "restore-drill");
        assert_eq!(at.to_rfc3339(), "2026-12-03T09:15:00+00:00");
        for bad in [
            "../x.json",
            "20261203T091500Z-.json",
            "x-backup.json",
            "20261203T091500Z-Backup.json",
            "20261203T091500Z-backup.txt",
        ] {
            assert!(parse_name(bad).is_none(), "{bad}");
        }
    }
}
