//! The pre-season inspection's rules: each item of configuration and capacity is pass, warn or fail with
//! advice, decided from facts the command gathers (catalog rows, probes, disk, database statistics).

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

pub use super::patrol::Level;

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub item: String,
    pub level: Level,
    pub detail: String,
    pub advice: String,
}

fn item(name: &str, level: Level, detail: impl Into<String>, advice: &str) -> Item {
    Item {
        item: name.to_string(),
        level,
        detail: detail.into(),
        advice: advice.to_string(),
    }
}

/// One exam session as the inspection sees it.
#[derive(Debug, Clone)]
pub struct SessionFacts {
    pub name: String,
    pub status: String,
    pub chain: Vec<String>,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    /// (level, opens, closes)
    pub windows: Vec<(String, DateTime<Utc>, DateTime<Utc>)>,
    pub fee_items: i64,
    /// fee items of amount 0 or less
    pub bad_fees: i64,
}

const LEVELS: [&str; 3] = ["point", "site", "region"];

/// Windows, review chain and fees of each published session that has not closed yet.
pub fn sessions(now: DateTime<Utc>, sessions: &[SessionFacts]) -> Vec<Item> {
    let live: Vec<&SessionFacts> = sessions
        .iter()
        .filter(|s| s.status == "published" && s.registration_closes_at > now)
        .collect();
    if live.is_empty() {
        return vec![item(
            "exam_sessions",
            Level::Warn,
            "no published exam session is open or upcoming",
            "publish the season's sessions with their windows before announcing registration",
        )];
    }
    let mut out = Vec::new();
    for s in live {
        let mut problems = Vec::new();
        if s.registration_opens_at >= s.registration_closes_at {
            problems.push("registration window closes before it opens".to_string());
        }
        if s.chain.is_empty() || s.chain.iter().any(|l| !LEVELS.contains(&l.as_str())) {
            problems.push(format!(
                "review chain {:?} is not made of point/site/region",
                s.chain
            ));
        }
        for level in &s.chain {
            match s.windows.iter().find(|(l, ..)| l == level) {
                None => problems.push(format!("no review window for level {level}")),
                Some((_, o, c)) if o >= c => {
                    problems.push(format!("review window of {level} closes before it opens"))
                }
                Some((_, _, c)) if *c < s.registration_opens_at => problems.push(format!(
                    "review window of {level} closes before registration opens"
                )),
                _ => {}
            }
        }
        if s.fee_items == 0 {
            problems.push("no fee items".into());
        } else if s.bad_fees > 0 {
            problems.push(format!("{} fee item(s) of zero or less", s.bad_fees));
        }
        out.push(if problems.is_empty() {
            item(
                &format!("session: {}", s.name),
                Level::Pass,
                format!(
                    "windows, {}-level review chain and {} fee items in order",
                    s.chain.len(),
                    s.fee_items
                ),
                "",
            )
        } else {
            item(
                &format!("session: {}", s.name),
                Level::Fail,
                problems.join("; "),
                "fix the session's configuration in the catalog before registration opens",
            )
        });
    }
    out
}

pub fn reason_catalog(active_reasons: i64) -> Item {
    if active_reasons == 0 {
        item(
            "reason_catalog",
            Level::Fail,
            "the reason catalog is empty",
            "load the return/reject reasons reviewers choose from",
        )
    } else {
        item(
            "reason_catalog",
            Level::Pass,
            format!("{active_reasons} reasons"),
            "",
        )
    }
}

/// A dependency answered (or why not).
pub fn reachable(name: &str, probe: &Result<String, String>, advice: &str) -> Item {
    match probe {
        Ok(d) => item(name, Level::Pass, d.clone(), ""),
        Err(e) => item(name, Level::Fail, e.clone(), advice),
    }
}

/// Free space of a disk: warn under 20 %, fail under 5 %.
pub fn disk(name: &str, free: u64, total: u64) -> Item {
    let pct = if total == 0 {
        0.0
    } else {
        free as f64 * 100.0 / total as f64
    };
    let detail = format!(
        "{:.1} GiB free of {:.1} GiB ({pct:.0} %)",
        free as f64 / 1073741824.0,
        total as f64 / 1073741824.0
    );
    let advice = "free or add space before the season: uploads and backups grow fast in the registration weeks";
    if pct < 5.0 {
        item(name, Level::Fail, detail, advice)
    } else if pct < 20.0 {
        item(name, Level::Warn, detail, advice)
    } else {
        item(name, Level::Pass, detail, "")
    }
}

/// Dead rows: a table of more than 10 000 live rows with more than 20 % dead ones needs a vacuum.
pub fn bloat(tables: &[(String, i64, i64)]) -> Item {
    let bloated: Vec<String> = tables
        .iter()
        .filter(|(_, live, dead)| *live > 10_000 && *dead as f64 > 0.2 * *live as f64)
        .map(|(t, live, dead)| format!("{t} ({dead} dead of {live})"))
        .collect();
    if bloated.is_empty() {
        item(
            "table_bloat",
            Level::Pass,
            "no table with more than 20 % dead rows",
            "",
        )
    } else {
        item(
            "table_bloat",
            Level::Warn,
            bloated.join(", "),
            "VACUUM (ANALYZE) these tables in a quiet hour; check that autovacuum runs",
        )
    }
}

/// The indexes the hot queries (queues, feed, payments, lookups) rely on.
pub const HOT_INDEXES: [&str; 8] = [
    "registrations_scope",
    "registrations_pending",
    "registrations_submitted",
    "registrations_change_feed",
    "registrations_candidate",
    "audit_log_action",
    "lib_history_bidx",
    "comparison_anomalies_list",
];

pub fn indexes(present: &[String]) -> Item {
    let missing: Vec<&str> = HOT_INDEXES
        .iter()
        .copied()
        .filter(|i| !present.iter().any(|p| p == i))
        .collect();
    if missing.is_empty() {
        item(
            "hot_indexes",
            Level::Pass,
            format!("all {} present", HOT_INDEXES.len()),
            "",
        )
    } else {
        item(
            "hot_indexes",
            Level::Fail,
            format!("missing: {}", missing.join(", ")),
            "run `weikao migrate`; an index dropped by hand must be recreated from its migration",
        )
    }
}

/// The newest backup within the schedule (plus a day), and a restore drill in the last 30 days.
pub fn backups(
    now: DateTime<Utc>,
    newest_backup: Option<DateTime<Utc>>,
    every_days: i64,
    newest_drill: Option<(DateTime<Utc>, bool)>,
) -> Vec<Item> {
    let allowed = Duration::days(every_days.max(1) + 1);
    let backup = match newest_backup {
        None => item(
            "backup_freshness",
            Level::Fail,
            "no backup",
            "run `weikao backup` and keep WEIKAO_BACKUP_EVERY_DAYS on",
        ),
        Some(t) if now - t > allowed => item(
            "backup_freshness",
            Level::Warn,
            format!("newest backup is {} days old", (now - t).num_days()),
            "run `weikao backup`; check the worker's backup job",
        ),
        Some(t) => item(
            "backup_freshness",
            Level::Pass,
            format!("newest backup {}", t.format("%Y-%m-%d %H:%M UTC")),
            "",
        ),
    };
    let drill = match newest_drill {
        Some((t, true)) if now - t <= Duration::days(30) => item(
            "restore_drill",
            Level::Pass,
            format!("passed {}", t.format("%Y-%m-%d")),
            "",
        ),
        Some((t, false)) if now - t <= Duration::days(30) => item(
            "restore_drill",
            Level::Fail,
            format!("the drill of {} failed", t.format("%Y-%m-%d")),
            "read the drill's report, fix the backup, run `weikao restore --verify` again",
        ),
        _ => item(
            "restore_drill",
            Level::Warn,
            "no restore drill in the last 30 days",
            "run `weikao restore --verify` on the newest backup",
        ),
    };
    vec![backup, drill]
}

/// Secrets that must not keep their development defaults in production.
pub fn secrets(production: bool, default_payment_secret: bool) -> Item {
    if production && default_payment_secret {
        item(
            "secrets",
            Level::Fail,
            "the payment center secret is the development default",
            "set WEIKAO_PAYCENTER_SECRET to the secret agreed with the payment center",
        )
    } else if !production {
        item(
            "secrets",
            Level::Warn,
            "not a production configuration (WEIKAO_ENV)",
            "production requires its own keys and secrets (docs/configuration.md)",
        )
    } else {
        item(
            "secrets",
            Level::Pass,
            "production keys and secrets configured",
            "",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn session() -> SessionFacts {
        SessionFacts {
            name: "2027 护士".into(),
            status: "published".into(),
            chain: vec!["site".into(), "region".into()],
            registration_opens_at: t("2026-12-10T00:00:00Z"),
            registration_closes_at: t("2026-12-20T00:00:00Z"),
            windows: vec![
                (
                    "site".into(),
                    t("2026-12-10T00:00:00Z"),
                    t("2026-12-25T00:00:00Z"),
                ),
                (
                    "region".into(),
                    t("2026-12-10T00:00:00Z"),
                    t("2026-12-28T00:00:00Z"),
                ),
            ],
            fee_items: 3,
            bad_fees: 0,
        }
    }

    #[test]
    fn a_well_configured_session_passes_and_each_gap_fails() {
        let now = t("2026-12-03T00:00:00Z");
        assert_eq!(sessions(now, &[session()])[0].level, Level::Pass);
        let mut s = session();
        s.windows.pop();
        s.bad_fees = 1;
        let out = sessions(now, &[s]);
        assert_eq!(out[0].level, Level::Fail);
        assert!(
            out[0].detail.contains("no review window for level region"),
            "{}",
            out[0].detail
        );
        assert!(out[0].detail.contains("zero or less"));
        assert_eq!(sessions(now, &[])[0].level, Level::Warn);
    }

    #[test]
    fn capacity_and_backups_have_thresholds() {
        assert_eq!(disk("d", 50, 100).level, Level::Pass);
        assert_eq!(disk("d", 10, 100).level, Level::Warn);
        assert_eq!(disk("d", 1, 100).level, Level::Fail);
        assert_eq!(bloat(&[("t".into(), 100_000, 30_000)]).level, Level::Warn);
        assert_eq!(bloat(&[("t".into(), 1_000, 900)]).level, Level::Pass);
        let now = t("2026-12-03T00:00:00Z");
        let b = backups(
            now,
            Some(now - Duration::days(2)),
            7,
            Some((now - Duration::days(1), true)),
        );
        assert!(b.iter().all(|i| i.level == Level::Pass));
        let b = backups(now, None, 7, Some((now - Duration::days(1), false)));
        assert_eq!((b[0].level, b[1].level), (Level::Fail, Level::Fail));
        let b = backups(now, Some(now - Duration::days(10)), 7, None);
        assert_eq!((b[0].level, b[1].level), (Level::Warn, Level::Warn));
        assert_eq!(
            indexes(&["registrations_scope".to_string()]).level,
            Level::Fail
        );
    }
}
