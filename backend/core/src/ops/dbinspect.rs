//! The weekly database inspection's rules (`weikao inspect db`): a snapshot of PostgreSQL's statistics views
//! (and `pg_stat_statements` when loaded) is judged item by item — top statements, throughput, cache hit
//! ratio, index use, sequential scans on large tables, long transactions, lock waits, connection use — and
//! compared with the previous week's snapshot.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::patrol::Level;

/// One tracked statement (normalised by `pg_stat_statements`: literals are `$n`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Statement {
    pub query: String,
    pub calls: i64,
    pub total_ms: f64,
    pub mean_ms: f64,
    pub rows: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TableUse {
    pub name: String,
    pub live: i64,
    pub dead: i64,
    pub seq_scan: i64,
    pub seq_tup_read: i64,
    pub idx_scan: i64,
    pub bytes: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndexUse {
    pub table: String,
    pub name: String,
    pub scans: i64,
    pub bytes: i64,
    /// unique and primary-key indexes enforce rules: never "unused"
    pub unique: bool,
}

/// A session inside a transaction.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OpenTransaction {
    pub pid: i32,
    pub state: String,
    pub seconds: f64,
    pub query: String,
}

/// A session waiting for a lock held by others.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LockWait {
    pub pid: i32,
    pub blocked_by: Vec<i32>,
    pub seconds: f64,
    pub query: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    pub at: DateTime<Utc>,
    pub stats_reset: Option<DateTime<Utc>>,
    pub database_bytes: i64,
    pub commits: i64,
    pub rollbacks: i64,
    pub blocks_hit: i64,
    pub blocks_read: i64,
    /// client connections to the whole server
    pub connections: i64,
    pub active_connections: i64,
    pub idle_in_transaction: i64,
    pub max_connections: i64,
    /// `None` when `pg_stat_statements` is not available (see `statements_note`)
    pub statements: Option<Vec<Statement>>,
    pub statements_note: String,
    pub tables: Vec<TableUse>,
    pub indexes: Vec<IndexUse>,
    /// oldest first
    pub transactions: Vec<OpenTransaction>,
    pub lock_waits: Vec<LockWait>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub item: String,
    pub level: Level,
    pub detail: String,
    pub advice: String,
    pub evidence: Vec<String>,
}

fn item(name: &str, level: Level, detail: impl Into<String>, advice: &str) -> Item {
    Item {
        item: name.to_string(),
        level,
        detail: detail.into(),
        advice: if level == Level::Pass {
            String::new()
        } else {
            advice.to_string()
        },
        evidence: Vec::new(),
    }
}

/// Where the judgement turns from pass to warn (and fail).
#[derive(Debug, Clone)]
pub struct Thresholds {
    pub slow_mean_ms: f64,
    pub min_calls: i64,
    pub cache_hit_warn: f64,
    /// below this many block accesses the ratio says nothing
    pub cache_min_blocks: i64,
    pub large_table_rows: i64,
    pub long_transaction_warn_s: f64,
    pub long_transaction_fail_s: f64,
    pub connections_warn: f64,
    pub connections_fail: f64,
    pub rollback_warn: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            slow_mean_ms: 500.0,
            min_calls: 10,
            cache_hit_warn: 0.95,
            cache_min_blocks: 10_000,
            large_table_rows: 10_000,
            long_transaction_warn_s: 300.0,
            long_transaction_fail_s: 3600.0,
            connections_warn: 0.8,
            connections_fail: 0.95,
            rollback_warn: 0.10,
        }
    }
}

/// Query text fit for a report: one line, at most 160 characters, runs of six or more digits (ID numbers,
/// phone numbers that a literal might carry) replaced by `?`.
pub fn redact_query(q: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() >= 6 {
            out.push('?');
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for ch in q.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        flush(&mut digits, &mut out);
        if ch.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
    }
    flush(&mut digits, &mut out);
    let t = out.trim();
    if t.chars().count() > 160 {
        format!("{}…", t.chars().take(160).collect::<String>())
    } else {
        t.to_string()
    }
}

fn statement_line(s: &Statement) -> String {
    format!(
        "{:.1} ms total, {} calls, {:.2} ms mean, {} rows: {}",
        s.total_ms,
        s.calls,
        s.mean_ms,
        s.rows,
        redact_query(&s.query)
    )
}

fn mib(bytes: i64) -> String {
    if bytes.abs() < 1 << 20 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{:.1} MiB", bytes as f64 / 1048576.0)
    }
}

pub fn cache_hit_ratio(s: &Snapshot) -> Option<f64> {
    let all = s.blocks_hit + s.blocks_read;
    (all > 0).then(|| s.blocks_hit as f64 / all as f64)
}

/// Every item of the inspection, in report order.
pub fn judge(s: &Snapshot, t: &Thresholds) -> Vec<Item> {
    let mut out = Vec::new();
    match &s.statements {
        None => out.push(item(
            "top_statements",
            Level::Warn,
            format!("pg_stat_statements is not available: {}", s.statements_note),
            "add pg_stat_statements to shared_preload_libraries, restart PostgreSQL, then CREATE EXTENSION \
             pg_stat_statements as a superuser in the weikao database",
        )),
        Some(list) => {
            let mut by_total = list.clone();
            by_total.sort_by(|a, b| b.total_ms.total_cmp(&a.total_ms));
            let mut i = item(
                "top_statements",
                Level::Pass,
                format!(
                    "{} statements tracked, {:.0} ms in all",
                    list.len(),
                    list.iter().map(|s| s.total_ms).sum::<f64>()
                ),
                "",
            );
            i.evidence = by_total.iter().take(10).map(statement_line).collect();
            out.push(i);

            let mut by_mean: Vec<&Statement> =
                list.iter().filter(|s| s.calls >= t.min_calls).collect();
            by_mean.sort_by(|a, b| b.mean_ms.total_cmp(&a.mean_ms));
            let slow: Vec<&&Statement> = by_mean
                .iter()
                .filter(|s| s.mean_ms >= t.slow_mean_ms)
                .collect();
            let mut i = item(
                "slow_statements",
                if slow.is_empty() {
                    Level::Pass
                } else {
                    Level::Warn
                },
                if slow.is_empty() {
                    format!(
                        "no statement called {} times or more takes {:.0} ms on average",
                        t.min_calls, t.slow_mean_ms
                    )
                } else {
                    format!(
                        "{} statement(s) take {:.0} ms or more on average",
                        slow.len(),
                        t.slow_mean_ms
                    )
                },
                "EXPLAIN (ANALYZE, BUFFERS) the statement with typical parameters; add the index it lacks or \
                 narrow what it reads",
            );
            i.evidence = by_mean.iter().take(10).map(|s| statement_line(s)).collect();
            out.push(i);
        }
    }

    let ratio = if s.commits > 0 {
        s.rollbacks as f64 / (s.commits + s.rollbacks) as f64
    } else {
        0.0
    };
    out.push(item(
        "throughput",
        if ratio > t.rollback_warn && s.commits + s.rollbacks >= 1000 {
            Level::Warn
        } else {
            Level::Pass
        },
        format!(
            "{} commits, {} rollbacks ({:.1}%) since {}",
            s.commits,
            s.rollbacks,
            ratio * 100.0,
            s.stats_reset
                .map(|r| r.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_else(|| "the server started".into())
        ),
        "many rollbacks mean failing requests or conflicts: look at the error log and the 409/5xx metrics",
    ));

    out.push(match cache_hit_ratio(s) {
        Some(r) if s.blocks_hit + s.blocks_read >= t.cache_min_blocks && r < t.cache_hit_warn => item(
            "cache_hit_ratio",
            Level::Warn,
            format!(
                "{:.2}% of {} block reads served from memory",
                r * 100.0,
                s.blocks_hit + s.blocks_read
            ),
            "raise shared_buffers (a quarter of the memory is usual) or find the statements reading most blocks",
        ),
        Some(r) => item(
            "cache_hit_ratio",
            Level::Pass,
            format!(
                "{:.2}% of {} block reads served from memory",
                r * 100.0,
                s.blocks_hit + s.blocks_read
            ),
            "",
        ),
        None => item("cache_hit_ratio", Level::Pass, "no block read yet", ""),
    });

    let mut used: Vec<&IndexUse> = s.indexes.iter().filter(|i| i.scans > 0).collect();
    used.sort_by(|a, b| b.scans.cmp(&a.scans));
    let mut i = item(
        "index_usage",
        Level::Pass,
        format!(
            "{} of {} indexes used; {} index scans in all",
            used.len(),
            s.indexes.len(),
            s.indexes.iter().map(|i| i.scans).sum::<i64>()
        ),
        "",
    );
    i.evidence = used
        .iter()
        .take(10)
        .map(|i| {
            format!(
                "{} on {}: {} scans, {}",
                i.name,
                i.table,
                i.scans,
                mib(i.bytes)
            )
        })
        .collect();
    out.push(i);

    let mut unused: Vec<&IndexUse> = s
        .indexes
        .iter()
        .filter(|i| i.scans == 0 && !i.unique)
        .collect();
    unused.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.name.cmp(&b.name)));
    let mut i = item(
        "unused_indexes",
        if unused.is_empty() {
            Level::Pass
        } else {
            Level::Warn
        },
        format!(
            "{} index(es) never scanned since the statistics were reset, {} in all",
            unused.len(),
            mib(unused.iter().map(|i| i.bytes).sum())
        ),
        "an index unused through a whole season costs every write: check it is not needed by a yearly job, \
         then drop it in a migration",
    );
    i.evidence = unused
        .iter()
        .take(20)
        .map(|i| format!("{} on {}: {}", i.name, i.table, mib(i.bytes)))
        .collect();
    out.push(i);

    let mut scanned: Vec<&TableUse> = s
        .tables
        .iter()
        .filter(|x| x.live >= t.large_table_rows && x.seq_scan > x.idx_scan && x.seq_scan > 0)
        .collect();
    scanned.sort_by(|a, b| b.seq_tup_read.cmp(&a.seq_tup_read));
    let mut i = item(
        "sequential_scans",
        if scanned.is_empty() {
            Level::Pass
        } else {
            Level::Warn
        },
        if scanned.is_empty() {
            format!(
                "no table of {} rows or more is read more often sequentially than by index",
                t.large_table_rows
            )
        } else {
            format!(
                "{} large table(s) read more often sequentially than by index",
                scanned.len()
            )
        },
        "find the statements filtering these tables without an index (top statements) and index the filter",
    );
    i.evidence = scanned
        .iter()
        .map(|x| {
            format!(
                "{}: {} rows, {} sequential scans reading {} rows, {} index scans",
                x.name, x.live, x.seq_scan, x.seq_tup_read, x.idx_scan
            )
        })
        .collect();
    out.push(i);

    let oldest = s.transactions.iter().map(|x| x.seconds).fold(0.0, f64::max);
    let long: Vec<&OpenTransaction> = s
        .transactions
        .iter()
        .filter(|x| x.seconds >= t.long_transaction_warn_s)
        .collect();
    let mut i = item(
        "long_transactions",
        if oldest >= t.long_transaction_fail_s {
            Level::Fail
        } else if !long.is_empty() {
            Level::Warn
        } else {
            Level::Pass
        },
        format!(
            "{} open transaction(s), the oldest {:.0} s; {} older than {:.0} s",
            s.transactions.len(),
            oldest,
            long.len(),
            t.long_transaction_warn_s
        ),
        "a long transaction holds back vacuum and the change feed: find its client by pid in pg_stat_activity, \
         and end it with pg_terminate_backend(pid) if it is stuck",
    );
    i.evidence = s
        .transactions
        .iter()
        .map(|x| {
            format!(
                "pid {} ({}), open {:.0} s: {}",
                x.pid,
                x.state,
                x.seconds,
                redact_query(&x.query)
            )
        })
        .collect();
    out.push(i);

    let mut i = item(
        "lock_waits",
        if s.lock_waits.is_empty() {
            Level::Pass
        } else {
            Level::Warn
        },
        format!("{} session(s) waiting for a lock", s.lock_waits.len()),
        "look at what the blocking pid is doing (pg_stat_activity); a blocker idle in a transaction is a client \
         that forgot to commit",
    );
    i.evidence = s
        .lock_waits
        .iter()
        .map(|w| {
            format!(
                "pid {} waits {:.0} s for pid(s) {:?}: {}",
                w.pid,
                w.seconds,
                w.blocked_by,
                redact_query(&w.query)
            )
        })
        .collect();
    out.push(i);

    let use_ratio = if s.max_connections > 0 {
        s.connections as f64 / s.max_connections as f64
    } else {
        0.0
    };
    out.push(item(
        "connections",
        if use_ratio >= t.connections_fail {
            Level::Fail
        } else if use_ratio >= t.connections_warn {
            Level::Warn
        } else {
            Level::Pass
        },
        format!(
            "{} of {} connections in use ({:.0}%): {} active, {} idle in a transaction",
            s.connections,
            s.max_connections,
            use_ratio * 100.0,
            s.active_connections,
            s.idle_in_transaction
        ),
        "lower WEIKAO_DB_POOL_SIZE per process or raise max_connections; look for clients that keep connections",
    ));
    out
}

/// What changed since the previous inspection.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub previous_at: DateTime<Utc>,
    pub days: f64,
    /// `None` when the statistics were reset in between
    pub commits_per_second: Option<f64>,
    pub database_growth_bytes: i64,
    pub cache_hit_ratio_then: Option<f64>,
    pub cache_hit_ratio_now: Option<f64>,
    /// tables whose live rows grew the most: (table, then, now)
    pub table_growth: Vec<(String, i64, i64)>,
    /// statements whose mean time in the interval is at least half again the previous mean
    pub slower_statements: Vec<String>,
    /// statements in today's top ten by total time that were not in the previous top ten
    pub new_in_top: Vec<String>,
}

fn top_queries(list: &[Statement], n: usize) -> Vec<&Statement> {
    let mut v: Vec<&Statement> = list.iter().collect();
    v.sort_by(|a, b| b.total_ms.total_cmp(&a.total_ms));
    v.truncate(n);
    v
}

pub fn compare(prev: &Snapshot, now: &Snapshot) -> Comparison {
    let secs = (now.at - prev.at).num_milliseconds() as f64 / 1000.0;
    let same_counters = prev.stats_reset == now.stats_reset && now.commits >= prev.commits;
    let mut growth: Vec<(String, i64, i64)> = now
        .tables
        .iter()
        .filter_map(|t| {
            let then = prev.tables.iter().find(|p| p.name == t.name)?.live;
            (t.live != then).then(|| (t.name.clone(), then, t.live))
        })
        .collect();
    growth.sort_by_key(|(_, then, now)| std::cmp::Reverse((now - then).abs()));
    growth.truncate(10);
    let (mut slower, mut new_in_top) = (Vec::new(), Vec::new());
    if let (Some(p), Some(n)) = (&prev.statements, &now.statements) {
        for s in n {
            let Some(old) = p.iter().find(|o| o.query == s.query) else {
                continue;
            };
            let calls = s.calls - old.calls;
            if calls <= 0 || old.calls <= 0 {
                continue;
            }
            let interval_mean = (s.total_ms - old.total_ms) / calls as f64;
            if interval_mean >= old.mean_ms * 1.5 && interval_mean - old.mean_ms >= 5.0 {
                slower.push(format!(
                    "{:.2} ms → {:.2} ms mean over {} calls: {}",
                    old.mean_ms,
                    interval_mean,
                    calls,
                    redact_query(&s.query)
                ));
            }
        }
        let before: Vec<&str> = top_queries(p, 10)
            .iter()
            .map(|s| s.query.as_str())
            .collect();
        new_in_top = top_queries(n, 10)
            .into_iter()
            .filter(|s| !before.contains(&s.query.as_str()))
            .map(statement_line)
            .collect();
    }
    Comparison {
        previous_at: prev.at,
        days: secs / 86400.0,
        commits_per_second: (same_counters && secs > 0.0)
            .then(|| (now.commits - prev.commits) as f64 / secs),
        database_growth_bytes: now.database_bytes - prev.database_bytes,
        cache_hit_ratio_then: cache_hit_ratio(prev),
        cache_hit_ratio_now: cache_hit_ratio(now),
        table_growth: growth,
        slower_statements: slower,
        new_in_top,
    }
}

/// The comparison as an item of the report (warn when statements got slower).
pub fn comparison_item(c: &Comparison) -> Item {
    let mut i = item(
        "since_previous",
        if c.slower_statements.is_empty() {
            Level::Pass
        } else {
            Level::Warn
        },
        format!(
            "previous inspection {:.1} days ago; {}; database {} {}",
            c.days,
            c.commits_per_second
                .map(|r| format!("{r:.2} commits/s since"))
                .unwrap_or_else(|| "statistics reset since".into()),
            if c.database_growth_bytes >= 0 {
                "grew"
            } else {
                "shrank"
            },
            mib(c.database_growth_bytes.abs())
        ),
        "statements that got slower: compare their plans with last week's (EXPLAIN) and look at the tables that grew",
    );
    i.evidence = c
        .slower_statements
        .iter()
        .map(|s| format!("slower: {s}"))
        .chain(
            c.new_in_top
                .iter()
                .map(|s| format!("new in the top ten: {s}")),
        )
        .chain(
            c.table_growth
                .iter()
                .take(5)
                .map(|(t, a, b)| format!("{t}: {a} → {b} rows")),
        )
        .collect();
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn snapshot() -> Snapshot {
        Snapshot {
            at: at("2026-12-01T01:00:00Z"),
            stats_reset: Some(at("2026-11-01T00:00:00Z")),
            database_bytes: 100 << 20,
            commits: 10_000,
            rollbacks: 10,
            blocks_hit: 990_000,
            blocks_read: 10_000,
            connections: 20,
            active_connections: 2,
            idle_in_transaction: 0,
            max_connections: 100,
            statements: Some(vec![
                Statement {
                    query: "SELECT * FROM registrations WHERE id = $1".into(),
                    calls: 1000,
                    total_ms: 500.0,
                    mean_ms: 0.5,
                    rows: 1000,
                },
                Statement {
                    query: "SELECT count(*) FROM materials".into(),
                    calls: 20,
                    total_ms: 20_000.0,
                    mean_ms: 1000.0,
                    rows: 20,
                },
            ]),
            statements_note: String::new(),
            tables: vec![
                TableUse {
                    name: "registrations".into(),
                    live: 50_000,
                    dead: 10,
                    seq_scan: 5,
                    seq_tup_read: 250_000,
                    idx_scan: 9000,
                    bytes: 50 << 20,
                },
                TableUse {
                    name: "materials".into(),
                    live: 200_000,
                    dead: 0,
                    seq_scan: 20,
                    seq_tup_read: 4_000_000,
                    idx_scan: 3,
                    bytes: 30 << 20,
                },
            ],
            indexes: vec![
                IndexUse {
                    table: "registrations".into(),
                    name: "registrations_pkey".into(),
                    scans: 0,
                    bytes: 1 << 20,
                    unique: true,
                },
                IndexUse {
                    table: "registrations".into(),
                    name: "registrations_queue_idx".into(),
                    scans: 9000,
                    bytes: 2 << 20,
                    unique: false,
                },
                IndexUse {
                    table: "materials".into(),
                    name: "materials_kind_idx".into(),
                    scans: 0,
                    bytes: 3 << 20,
                    unique: false,
                },
            ],
            transactions: vec![],
            lock_waits: vec![],
        }
    }

    fn level(items: &[Item], name: &str) -> Level {
        items.iter().find(|i| i.item == name).unwrap().level
    }

    #[test]
    fn a_healthy_snapshot_passes_except_what_is_wrong_in_it() {
        let items = judge(&snapshot(), &Thresholds::default());
        assert_eq!(level(&items, "top_statements"), Level::Pass);
        // the count over materials takes a second on average
        assert_eq!(level(&items, "slow_statements"), Level::Warn);
        assert_eq!(level(&items, "cache_hit_ratio"), Level::Pass);
        // the primary key is never "unused"; the kind index is
        let unused = items.iter().find(|i| i.item == "unused_indexes").unwrap();
        assert_eq!(unused.level, Level::Warn);
        assert_eq!(unused.evidence.len(), 1);
        assert!(unused.evidence[0].starts_with("materials_kind_idx on materials"));
        // materials is read sequentially more often than by index; registrations is not
        let seq = items.iter().find(|i| i.item == "sequential_scans").unwrap();
        assert_eq!(seq.level, Level::Warn);
        assert_eq!(seq.evidence.len(), 1);
        assert!(seq.evidence[0].starts_with("materials:"));
        assert_eq!(level(&items, "long_transactions"), Level::Pass);
        assert_eq!(level(&items, "lock_waits"), Level::Pass);
        assert_eq!(level(&items, "connections"), Level::Pass);
        assert_eq!(level(&items, "throughput"), Level::Pass);
    }

    #[test]
    fn missing_statements_low_cache_long_transactions_waits_and_connections_are_flagged() {
        let mut s = snapshot();
        s.statements = None;
        s.statements_note = "shared_preload_libraries does not load it".into();
        s.blocks_hit = 800_000;
        s.blocks_read = 200_000;
        s.transactions = vec![
            OpenTransaction {
                pid: 7,
                state: "idle in transaction".into(),
                seconds: 400.0,
                query: "UPDATE candidates SET phone = '13800138000' WHERE id = 5".into(),
            },
            OpenTransaction {
                pid: 8,
                state: "active".into(),
                seconds: 2.0,
                query: "SELECT 1".into(),
            },
        ];
        s.lock_waits = vec![LockWait {
            pid: 9,
            blocked_by: vec![7],
            seconds: 30.0,
            query: "UPDATE candidates SET x = 1".into(),
        }];
        s.connections = 85;
        let items = judge(&s, &Thresholds::default());
        let top = items.iter().find(|i| i.item == "top_statements").unwrap();
        assert_eq!(top.level, Level::Warn);
        assert!(top.detail.contains("shared_preload_libraries"));
        assert!(top.advice.contains("CREATE EXTENSION"));
        assert!(!items.iter().any(|i| i.item == "slow_statements"));
        assert_eq!(level(&items, "cache_hit_ratio"), Level::Warn);
        let long = items
            .iter()
            .find(|i| i.item == "long_transactions")
            .unwrap();
        assert_eq!(long.level, Level::Warn);
        assert_eq!(long.evidence.len(), 2);
        // the phone number in the literal is not copied into the report
        assert!(
            !long.evidence[0].contains("13800138000"),
            "{:?}",
            long.evidence
        );
        assert_eq!(level(&items, "lock_waits"), Level::Warn);
        assert_eq!(level(&items, "connections"), Level::Warn);
        s.transactions[0].seconds = 7200.0;
        s.connections = 99;
        let items = judge(&s, &Thresholds::default());
        assert_eq!(level(&items, "long_transactions"), Level::Fail);
        assert_eq!(level(&items, "connections"), Level::Fail);
    }

    #[test]
    fn too_few_reads_say_nothing_about_the_cache_and_rollbacks_need_volume() {
        let mut s = snapshot();
        s.blocks_hit = 10;
        s.blocks_read = 90;
        s.commits = 10;
        s.rollbacks = 5;
        let items = judge(&s, &Thresholds::default());
        assert_eq!(level(&items, "cache_hit_ratio"), Level::Pass);
        assert_eq!(level(&items, "throughput"), Level::Pass);
        s.commits = 2000;
        s.rollbacks = 500;
        let items = judge(&s, &Thresholds::default());
        assert_eq!(level(&items, "throughput"), Level::Warn);
    }

    #[test]
    fn queries_are_redacted_and_shortened() {
        assert_eq!(
            redact_query("SELECT  *\n FROM x WHERE phone = '13800138000' AND n = 12"),
            "SELECT * FROM x WHERE phone = '?' AND n = 12"
        );
        let long = "x".repeat(300);
        assert_eq!(redact_query(&long).chars().count(), 161);
    }

    #[test]
    fn the_comparison_finds_throughput_growth_and_slower_statements() {
        let prev = snapshot();
        let mut now = snapshot();
        now.at = at("2026-12-08T01:00:00Z");
        now.commits = prev.commits + 604_800; // one per second for a week
        now.database_bytes += 10 << 20;
        now.tables[1].live = 260_000;
        let st = now.statements.as_mut().unwrap();
        // 1000 more calls of the lookup took 10 ms each: slower
        st[0].calls = 2000;
        st[0].total_ms = 500.0 + 10_000.0;
        st[0].mean_ms = 10_500.0 / 2000.0;
        st.push(Statement {
            query: "SELECT * FROM payment_orders".into(),
            calls: 5,
            total_ms: 90_000.0,
            mean_ms: 18_000.0,
            rows: 5,
        });
        let c = compare(&prev, &now);
        assert!((c.days - 7.0).abs() < 1e-9);
        assert!((c.commits_per_second.unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(c.database_growth_bytes, 10 << 20);
        assert_eq!(
            c.table_growth,
            vec![("materials".to_string(), 200_000, 260_000)]
        );
        assert_eq!(c.slower_statements.len(), 1, "{:?}", c.slower_statements);
        assert!(c.slower_statements[0].contains("registrations"));
        assert_eq!(c.new_in_top.len(), 1);
        assert!(c.new_in_top[0].contains("payment_orders"));
        let i = comparison_item(&c);
        assert_eq!(i.level, Level::Warn);
        assert!(i.detail.contains("1.00 commits/s"), "{}", i.detail);

        // a reset in between: no rate, no false claim
        now.stats_reset = Some(at("2026-12-05T00:00:00Z"));
        now.commits = 100;
        let c = compare(&prev, &now);
        assert!(c.commits_per_second.is_none());
        assert!(comparison_item(&c).detail.contains("statistics reset"));
    }
}
