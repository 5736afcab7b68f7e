//! Reference libraries (domain.md §6): imports (CSV/XLSX → COPY → merge, with an error report), admin browsing,
//! export and cleanup. What each library holds is `weikao_core::libraries`; persistence is
//! `weikao_store::libraries`.
pub mod api;
pub mod cli;
pub mod import;
pub mod read;
pub mod report;

use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use weikao_core::libraries::LIBRARIES;

use crate::audit::{record, AuditEvent};
use crate::http::context::ReqCtx;

/// Counts (dry run) or archives and removes the expired rows of every library with an expiry rule, relative
/// to exam year `year`; audited either way. Returns (library, rows).
pub fn cleanup(
    conn: &mut PgConnection,
    year: i32,
    apply: bool,
    now: DateTime<Utc>,
    actor: (&str, Option<String>),
    ctx: Option<&ReqCtx>,
) -> diesel::QueryResult<Vec<(&'static str, i64)>> {
    conn.transaction(|conn| {
        let mut out = Vec::new();
        for spec in LIBRARIES.iter().filter(|s| s.expiry.is_some()) {
            let n = weikao_store::libraries::cleanup_expired(conn, spec, year, apply, now)?;
            out.push((spec.code, n));
        }
        let details: serde_json::Map<String, serde_json::Value> = out
            .iter()
            .map(|(l, n)| (l.to_string(), serde_json::json!(n)))
            .collect();
        record(
            conn,
            ctx,
            AuditEvent::actor(actor.0, actor.1.clone(), "library.cleanup").details(
                serde_json::json!({
                    "year": year,
                    "apply": apply,
                    "expired": details,
                }),
            ),
        )?;
        Ok(out)
    })
}
