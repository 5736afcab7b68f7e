//! `weikao inspect preseason`: gathers the facts (catalog, reason catalog, payment center, mail and SMS
//! transports, object store, disks, database size, dead rows and hot indexes, secrets, backups and drills) and
//! judges them with `weikao_core::ops::inspect`; prints each item pass/warn/fail with advice, writes the dated
//! report and exits 1 when an item failed.

use std::collections::HashMap;
use std::net::ToSocketAddrs;
use std::process::ExitCode;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::Serialize;
use weikao_core::ops::inspect::{self as rules, Item, Level, SessionFacts};

use crate::http::state::AppState;

#[derive(Debug, Serialize)]
pub struct InspectionReport {
    pub at: DateTime<Utc>,
    pub failed: usize,
    pub warnings: usize,
    pub items: Vec<Item>,
}

#[derive(QueryableByName)]
struct TableStat {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = BigInt)]
    live: i64,
    #[diesel(sql_type = BigInt)]
    dead: i64,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Size {
    #[diesel(sql_type = BigInt)]
    bytes: i64,
}

fn session_facts(c: &mut PgConnection) -> QueryResult<Vec<SessionFacts>> {
    use weikao_store::schema::{exam_sessions as s, fee_items as f, review_windows as w};
    let sessions: Vec<(
        uuid::Uuid,
        String,
        String,
        Vec<String>,
        DateTime<Utc>,
        DateTime<Utc>,
    )> = s::table
        .select((
            s::id,
            s::name,
            s::status,
            s::review_chain,
            s::registration_opens_at,
            s::registration_closes_at,
        ))
        .load(c)?;
    let windows: Vec<(uuid::Uuid, String, DateTime<Utc>, DateTime<Utc>)> = w::table
        .select((w::session_id, w::level, w::opens_at, w::closes_at))
        .load(c)?;
    let fees: Vec<(uuid::Uuid, i64)> = f::table.select((f::session_id, f::amount_fen)).load(c)?;
    let mut by_session: HashMap<uuid::Uuid, Vec<(String, DateTime<Utc>, DateTime<Utc>)>> =
        HashMap::new();
    for (sid, l, o, cl) in windows {
        by_session.entry(sid).or_default().push((l, o, cl));
    }
    Ok(sessions
        .into_iter()
        .map(|(id, name, status, chain, opens, closes)| SessionFacts {
            name,
            status,
            chain,
            registration_opens_at: opens,
            registration_closes_at: closes,
            windows: by_session.remove(&id).unwrap_or_default(),
            fee_items: fees.iter().filter(|(s, _)| *s == id).count() as i64,
            bad_fees: fees.iter().filter(|(s, a)| *s == id && *a <= 0).count() as i64,
        })
        .collect())
}

/// `host:port` of an `smtp://host[:port]` URL.
pub fn smtp_address(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let hostport = rest.split(['/', '?']).next()?.rsplit('@').next()?;
    if hostport.is_empty() {
        return None;
    }
    Some(if hostport.contains(':') {
        hostport.to_string()
    } else {
        format!("{hostport}:25")
    })
}

fn tcp_probe(addr: &str) -> Result<String, String> {
    let sock = addr
        .to_socket_addrs()
        .map_err(|e| format!("{addr}: {e}"))?
        .next()
        .ok_or_else(|| format!("{addr}: no address"))?;
    std::net::TcpStream::connect_timeout(&sock, StdDuration::from_secs(5))
        .map(|_| format!("{addr} accepts connections"))
        .map_err(|e| format!("{addr}: {e}"))
}

async fn http_probe(url: &str) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .timeout(StdDuration::from_secs(5))
        .build()
        .map_err(|e| e.to_string())?;
    client
        .get(url)
        .send()
        .await
        .map(|r| format!("{url} answers (HTTP {})", r.status().as_u16()))
        .map_err(|e| format!("{url}: {e}"))
}

async fn store_probe(st: &AppState) -> Result<String, String> {
    let key = format!("inspect/probe-{}", uuid::Uuid::new_v4().simple());
    let tmp = std::env::temp_dir().join(format!("weikao-{}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&tmp, b"weikao inspection probe").map_err(|e| e.to_string())?;
    let put = st.store.put_file(&key, &tmp, "text/plain").await;
    let _ = std::fs::remove_file(&tmp);
    put.map_err(|e| format!("write: {e}"))?;
    let found = st
        .store
        .exists(&key)
        .await
        .map_err(|e| format!("read: {e}"))?;
    st.store
        .delete(&key)
        .await
        .map_err(|e| format!("delete: {e}"))?;
    if found {
        Ok(format!(
            "{} store: write, read and delete work",
            st.store.name()
        ))
    } else {
        Err("an object just written is not there".into())
    }
}

/// (free, total) bytes of the file system holding `path`, from `df`.
fn disk_space(path: &std::path::Path) -> Result<(u64, u64), String> {
    let _ = std::fs::create_dir_all(path);
    let out = std::process::Command::new("df")
        .args(["-Pk"])
        .arg(path)
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().nth(1).ok_or("df printed nothing")?;
    let cols: Vec<&str> = line.split_whitespace().collect();
    let total: u64 = cols
        .get(1)
        .and_then(|v| v.parse().ok())
        .ok_or("df: no size")?;
    let free: u64 = cols
        .get(3)
        .and_then(|v| v.parse().ok())
        .ok_or("df: no free space")?;
    Ok((free * 1024, total * 1024))
}

/// The newest restore drill's time and outcome, from its report.
fn newest_drill(cfg: &crate::config::Config) -> Option<(DateTime<Utc>, bool)> {
    let r = super::reports::list(cfg, Some("restore-drill"), 1)
        .into_iter()
        .next()?;
    let body = super::reports::read(cfg, &r.name)?;
    Some((r.at, body["report"]["ok"].as_bool().unwrap_or(false)))
}

pub async fn run(st: &AppState) -> Result<InspectionReport, String> {
    let now = st.clock.now();
    let pool = st.pool.clone();
    let (sessions, reasons, tables, present, db_bytes) = tokio::task::spawn_blocking(move || {
        let mut c = pool.get().map_err(|e| e.to_string())?;
        let sessions = session_facts(&mut c).map_err(|e| e.to_string())?;
        let reasons: i64 = weikao_store::schema::review_reasons::table
            .count()
            .get_result(&mut c)
            .map_err(|e| e.to_string())?;
        let tables: Vec<TableStat> = diesel::sql_query(
            "SELECT relname::text AS name, n_live_tup::bigint AS live, n_dead_tup::bigint AS dead FROM pg_stat_user_tables",
        )
        .load(&mut c)
        .map_err(|e| e.to_string())?;
        let present: Vec<Name> = diesel::sql_query(
            "SELECT indexname::text AS name FROM pg_indexes WHERE schemaname = 'public'",
        )
        .load(&mut c)
        .map_err(|e| e.to_string())?;
        let size: Size = diesel::sql_query("SELECT pg_database_size(current_database())::bigint AS bytes")
            .get_result(&mut c)
            .map_err(|e| e.to_string())?;
        Ok::<_, String>((sessions, reasons, tables, present, size.bytes))
    })
    .await
    .map_err(|e| e.to_string())??;

    let mut items = rules::sessions(now, &sessions);
    items.push(rules::reason_catalog(reasons));
    let center = if st.cfg.paycenter_url.is_empty() {
        format!("{}/sandbox/paycenter/api/orders/query", st.cfg.public_url)
    } else {
        st.cfg.paycenter_url.clone()
    };
    items.push(rules::reachable(
        "payment_center",
        &http_probe(&center).await,
        "check WEIKAO_PAYCENTER_URL, the network path and the center's status; candidates cannot pay without it",
    ));
    items.push(if st.cfg.smtp_url.is_empty() {
        Item {
            item: "mail".into(),
            level: Level::Warn,
            detail: "no SMTP server configured: e-mails stay in the outbox".into(),
            advice: "set WEIKAO_SMTP_URL".into(),
        }
    } else {
        let addr = smtp_address(&st.cfg.smtp_url).unwrap_or_default();
        rules::reachable(
            "mail",
            &tcp_probe(&addr),
            "check WEIKAO_SMTP_URL and the mail relay",
        )
    });
    items.push(if st.cfg.sms_gateway_url.is_empty() {
        Item {
            item: "sms".into(),
            level: Level::Warn,
            detail: "no SMS gateway configured: verification codes stay in the outbox".into(),
            advice: "set WEIKAO_SMS_GATEWAY_URL".into(),
        }
    } else {
        rules::reachable(
            "sms",
            &http_probe(&st.cfg.sms_gateway_url).await,
            "check WEIKAO_SMS_GATEWAY_URL",
        )
    });
    items.push(rules::reachable(
        "object_store",
        &store_probe(st).await,
        "check the object store (WEIKAO_STORAGE, WEIKAO_S3_*): uploads fail without it",
    ));
    for (name, path) in [
        ("disk_data", st.cfg.data_dir.clone()),
        ("disk_backups", st.cfg.backup_root()),
    ] {
        items.push(match disk_space(&path) {
            Ok((free, total)) => rules::disk(name, free, total),
            Err(e) => Item {
                item: name.into(),
                level: Level::Warn,
                detail: e,
                advice: "check the disk by hand".into(),
            },
        });
    }
    items.push(Item {
        item: "database_size".into(),
        level: Level::Pass,
        detail: format!("{:.1} MiB", db_bytes as f64 / 1048576.0),
        advice: String::new(),
    });
    items.push(rules::bloat(
        &tables
            .into_iter()
            .map(|t| (t.name, t.live, t.dead))
            .collect::<Vec<_>>(),
    ));
    items.push(rules::indexes(
        &present.into_iter().map(|n| n.name).collect::<Vec<_>>(),
    ));
    items.push(rules::secrets(
        st.cfg.production,
        st.cfg.paycenter_secret == "weikao-dev-paycenter-secret",
    ));
    items.extend(rules::backups(
        now,
        super::backup::newest(&st.cfg.backup_root()),
        st.cfg.backup_every_days,
        newest_drill(&st.cfg),
    ));
    Ok(InspectionReport {
        at: now,
        failed: items.iter().filter(|i| i.level == Level::Fail).count(),
        warnings: items.iter().filter(|i| i.level == Level::Warn).count(),
        items,
    })
}

pub async fn cli(st: &AppState) -> ExitCode {
    let r = match run(st).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("weikao: inspection failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    for i in &r.items {
        super::reports::print_item(i.level, 40, &i.item, &i.detail, &i.advice, &[]);
    }
    println!(
        "pre-season inspection: {} failed, {} warning(s)",
        r.failed, r.warnings
    );
    match super::reports::write(&st.cfg, "preseason-inspection", r.at, &r) {
        Ok(p) => println!("report {}", p.display()),
        Err(e) => eprintln!("weikao: report not written: {e}"),
    }
    if r.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::smtp_address;

    #[test]
    fn smtp_addresses() {
        assert_eq!(
            smtp_address("smtp://127.0.0.1:1025").as_deref(),
            Some("127.0.0.1:1025")
        );
        assert_eq!(
            smtp_address("smtps://user:pw@mail.example.cn").as_deref(),
            Some("mail.example.cn:25")
        );
        assert_eq!(smtp_address("smtp://").as_deref(), None);
    }
}
