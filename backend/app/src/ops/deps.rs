//! The dependencies' state, for `/readyz` (operators, load balancers) and `/api/v1/service-status`
//! (candidates): database and migrations (critical: without them nothing works), object store, payment
//! center, mail relay and SMS gateway (degraded: the rest of the system works on, and what waits on them —
//! uploads retried by the candidate, orders polled, messages in the outbox — resumes when they return).
//! Probes run at most every few seconds per process, each bounded by a short timeout.

use std::time::{Duration, Instant};

use serde::Serialize;
use utoipa::ToSchema;

use crate::http::state::AppState;

const TTL: Duration = Duration::from_secs(5);
const TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DepCheck {
    /// `database`, `migrations`, `object_store`, `payment_center`, `mail`, `sms`
    pub name: String,
    pub ok: bool,
    /// a critical dependency down makes the instance not ready (503)
    pub critical: bool,
    /// what was seen (no addresses or secrets)
    pub detail: String,
    pub millis: u64,
}

#[derive(Default)]
pub struct Cache {
    last: std::sync::Mutex<Option<(Instant, Vec<DepCheck>)>>,
}

fn check(name: &str, critical: bool, started: Instant, r: Result<String, String>) -> DepCheck {
    let (ok, detail) = match r {
        Ok(d) => (true, d),
        Err(e) => (false, e),
    };
    DepCheck {
        name: name.into(),
        ok,
        critical,
        detail,
        millis: started.elapsed().as_millis() as u64,
    }
}

async fn bounded<F: std::future::Future<Output = Result<String, String>>>(
    f: F,
) -> Result<String, String> {
    tokio::time::timeout(TIMEOUT, f)
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} s", TIMEOUT.as_secs())))
}

async fn http_reachable(url: &str) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .map_err(|e| e.to_string())?;
    match client.get(url).send().await {
        Ok(r) => Ok(format!("answers (HTTP {})", r.status().as_u16())),
        Err(e) if e.is_timeout() => Err("no answer in time".into()),
        Err(e) if e.is_connect() => Err("connection refused or unreachable".into()),
        Err(_) => Err("request failed".into()),
    }
}

async fn tcp_reachable(addr: String) -> Result<String, String> {
    tokio::net::TcpStream::connect(addr)
        .await
        .map(|_| "accepts connections".to_string())
        .map_err(|_| "connection refused or unreachable".to_string())
}

async fn probe(st: &AppState) -> Vec<DepCheck> {
    let mut out = Vec::new();
    let t = Instant::now();
    let db = st.db(|c| Ok(weikao_store::db::migrations_applied(c))).await;
    match db {
        Ok(Ok(applied)) => {
            out.push(check("database", true, t, Ok("answers".into())));
            out.push(check(
                "migrations",
                true,
                t,
                if applied {
                    Ok("all applied".into())
                } else {
                    Err("migrations pending: run `weikao migrate`".into())
                },
            ));
        }
        _ => {
            out.push(check("database", true, t, Err("unreachable".into())));
            out.push(check(
                "migrations",
                true,
                t,
                Err("unknown: the database is unreachable".into()),
            ));
        }
    }
    let t = Instant::now();
    let store = bounded(async {
        st.store
            .exists("readyz/probe")
            .await
            .map(|_| format!("{} store answers", st.store.name()))
            .map_err(|e| {
                tracing::warn!(error = %e, "readiness: the object store fails");
                format!("{} store unreachable or failing", st.store.name())
            })
    })
    .await;
    out.push(check("object_store", false, t, store));
    let t = Instant::now();
    let center = bounded(http_reachable(&format!(
        "{}/api/orders/query",
        st.cfg.paycenter_url
    )))
    .await;
    out.push(check("payment_center", false, t, center));
    let t = Instant::now();
    out.push(check(
        "mail",
        false,
        t,
        if st.cfg.smtp_url.is_empty() {
            Ok("not configured: messages stay in the outbox".into())
        } else {
            match super::inspect::smtp_address(&st.cfg.smtp_url) {
                Some(a) => bounded(tcp_reachable(a)).await,
                None => Err("WEIKAO_SMTP_URL has no host".into()),
            }
        },
    ));
    let t = Instant::now();
    out.push(check(
        "sms",
        false,
        t,
        if st.cfg.sms_gateway_url.is_empty() {
            Ok("not configured: codes stay in the outbox".into())
        } else {
            bounded(http_reachable(&st.cfg.sms_gateway_url)).await
        },
    ));
    out
}

/// The dependencies' state, probed at most every five seconds.
pub async fn current(st: &AppState) -> Vec<DepCheck> {
    if let Ok(g) = st.deps.last.lock() {
        if let Some((at, v)) = g.as_ref() {
            if at.elapsed() < TTL {
                return v.clone();
            }
        }
    }
    let v = probe(st).await;
    if let Ok(mut g) = st.deps.last.lock() {
        *g = Some((Instant::now(), v.clone()));
    }
    v
}

pub fn is_ok(checks: &[DepCheck], name: &str) -> bool {
    checks.iter().any(|c| c.name == name && c.ok)
}
