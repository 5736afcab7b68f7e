//! `weikao patrol security`: loads the facts, runs the patrol's rules (`weikao_core::ops::patrol`), prints the
//! findings and writes the dated report; exits 1 when a check failed.

use std::process::ExitCode;

use chrono::Duration;
use serde::Serialize;
use weikao_core::ops::patrol::{
    patrol, ChainFacts, Event, Facts, Finding, Level, Policy, StaffFacts, ACTIONS,
};
use weikao_store::patrol as store;

use crate::http::state::AppState;

#[derive(Debug, Serialize)]
pub struct PatrolReport {
    pub at: chrono::DateTime<chrono::Utc>,
    pub failed: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

pub fn run(st: &AppState) -> Result<PatrolReport, String> {
    run_with(&st.cfg, &st.pool, st.clock.now())
}

/// The patrol on a pool (the worker's job and the command).
pub fn run_with(
    cfg: &crate::config::Config,
    pool: &weikao_store::db::DbPool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PatrolReport, String> {
    let mut c = pool.get().map_err(|e| e.to_string())?;
    let staff: Vec<StaffFacts> = store::staff(&mut c)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|s| StaffFacts {
            username: s.username,
            role: s.role,
            active: s.active,
            totp_enabled: s.totp_enabled,
            can_reveal_pii: s.can_reveal_pii,
            created_at: s.created_at,
            last_login_at: s.last_login_at,
            locked_until: s.locked_until,
        })
        .collect();
    let events: Vec<Event> = store::events(&mut c, now - Duration::days(31), &ACTIONS)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|e| Event {
            id: e.id,
            at: e.occurred_at,
            actor_kind: e.actor_kind,
            actor_id: e.actor_id,
            action: e.action,
            outcome: e.outcome,
            ip: e.ip,
        })
        .collect();
    let calls: Vec<(String, chrono::NaiveDate, i64)> =
        store::client_calls(&mut c, now - Duration::days(8))
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|d| (d.client, d.day, d.calls))
            .collect();
    let anchor = cfg.audit_anchor_path();
    let anchor_present = anchor.is_file();
    let verified = crate::audit::chain::verify(&mut c, anchor_present.then_some(anchor.as_path()))
        .map_err(|e| e.to_string())?;
    let newest = weikao_store::audit::last_seal(&mut c).map_err(|e| e.to_string())?;
    let chain = ChainFacts {
        ok: verified.ok,
        problems: verified.problems,
        anchor_present,
        newest_seal_at: newest.map(|s| s.sealed_at),
    };
    let findings = patrol(
        &Facts {
            now,
            staff: &staff,
            events: &events,
            client_calls: &calls,
            chain: &chain,
        },
        &Policy::default(),
    );
    Ok(PatrolReport {
        at: now,
        failed: findings.iter().filter(|f| f.level == Level::Fail).count(),
        warnings: findings.iter().filter(|f| f.level == Level::Warn).count(),
        findings,
    })
}

pub fn cli(st: &AppState) -> ExitCode {
    let r = match run(st) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("weikao: security patrol failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    for f in &r.findings {
        super::reports::print_item(f.level, 22, f.check, &f.summary, f.advice, &f.evidence);
    }
    println!(
        "security patrol: {} failed, {} warning(s)",
        r.failed, r.warnings
    );
    match super::reports::write(&st.cfg, "security-patrol", r.at, &r) {
        Ok(p) => println!("report {}", p.display()),
        Err(e) => eprintln!("weikao: report not written: {e}"),
    }
    if r.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
