//! The daily security patrol's rules (domain.md §9): from facts about staff accounts, security-relevant audit
//! events, API clients' daily call counts and the audit chain, the findings a security officer must look at,
//! each with the accounts or audit rows behind it. Every check reports, also when it found nothing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct StaffFacts {
    pub username: String,
    pub role: String,
    pub active: bool,
    pub totp_enabled: bool,
    pub can_reveal_pii: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// One audit row (only the security-relevant actions are loaded).
#[derive(Debug, Clone)]
pub struct Event {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub outcome: String,
    pub ip: Option<String>,
}

/// The audit actions the patrol reads.
pub const ACTIONS: [&str; 11] = [
    "auth.staff_login",
    "auth.candidate_login",
    "auth.client_token",
    "review.export",
    "review.reveal_id_number",
    "talent.export",
    "comparison.export",
    "library.export",
    "client.create",
    "staff.create",
    "staff.update",
];

/// Exports and PII reveals.
const SENSITIVE: [&str; 5] = [
    "review.export",
    "review.reveal_id_number",
    "talent.export",
    "comparison.export",
    "library.export",
];

#[derive(Debug, Clone)]
pub struct Policy {
    /// an active account unused for this long is dormant
    pub dormant_days: i64,
    /// this many failed logins of one account or address within `burst_minutes` is a burst
    pub burst_failures: usize,
    pub burst_minutes: i64,
    /// an actor's exports and reveals in the last day above this many is unusual
    pub sensitive_daily_max: usize,
    /// an API client's calls yesterday above this multiple of its earlier daily average (and above
    /// `client_volume_min`) is unusual
    pub client_volume_factor: f64,
    pub client_volume_min: i64,
    /// the newest audit seal older than this means the worker is not sealing
    pub seal_max_age_hours: i64,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            dormant_days: 90,
            burst_failures: 10,
            burst_minutes: 15,
            sensitive_daily_max: 50,
            client_volume_factor: 3.0,
            client_volume_min: 100,
            seal_max_age_hours: 24,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Pass,
    Warn,
    Fail,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub check: &'static str,
    pub level: Level,
    pub summary: String,
    /// what to do about it
    pub advice: &'static str,
    /// the accounts (`staff:<username>`, `client:<id>`, `ip:<address>`) or audit rows (`audit#<id>`) behind it
    pub evidence: Vec<String>,
}

/// What the patrol knows about the audit chain.
#[derive(Debug, Clone)]
pub struct ChainFacts {
    pub ok: bool,
    pub problems: Vec<String>,
    pub anchor_present: bool,
    pub newest_seal_at: Option<DateTime<Utc>>,
}

pub struct Facts<'a> {
    pub now: DateTime<Utc>,
    pub staff: &'a [StaffFacts],
    /// the last 31 days of `ACTIONS`
    pub events: &'a [Event],
    /// (client id, day, calls) for the last 8 days
    pub client_calls: &'a [(String, NaiveDate, i64)],
    pub chain: &'a ChainFacts,
}

fn finding(
    check: &'static str,
    level: Level,
    summary: String,
    advice: &'static str,
    evidence: Vec<String>,
) -> Finding {
    Finding {
        check,
        level,
        summary,
        advice,
        evidence,
    }
}

fn staff_checks(f: &Facts, p: &Policy, out: &mut Vec<Finding>) {
    let active: Vec<&StaffFacts> = f.staff.iter().filter(|s| s.active).collect();
    let no_totp: Vec<String> = active
        .iter()
        .filter(|s| !s.totp_enabled)
        .map(|s| format!("staff:{}", s.username))
        .collect();
    out.push(if no_totp.is_empty() {
        finding(
            "accounts_without_totp",
            Level::Pass,
            "every active staff account has TOTP".into(),
            "",
            vec![],
        )
    } else {
        finding(
            "accounts_without_totp",
            Level::Fail,
            format!("{} active staff account(s) without TOTP", no_totp.len()),
            "enrol TOTP at the next login or deactivate the account",
            no_totp,
        )
    });
    let cutoff = f.now - Duration::days(p.dormant_days);
    let dormant: Vec<String> = active
        .iter()
        .filter(|s| s.last_login_at.unwrap_or(s.created_at) < cutoff)
        .map(|s| format!("staff:{}", s.username))
        .collect();
    out.push(if dormant.is_empty() {
        finding(
            "dormant_accounts",
            Level::Pass,
            format!("no active account unused for {} days", p.dormant_days),
            "",
            vec![],
        )
    } else {
        finding(
            "dormant_accounts",
            Level::Warn,
            format!(
                "{} active account(s) unused for {} days or more",
                dormant.len(),
                p.dormant_days
            ),
            "confirm with the account's owner or deactivate it",
            dormant,
        )
    });
    let privileged: Vec<String> = active
        .iter()
        .filter(|s| matches!(s.role.as_str(), "system_admin" | "region_admin") || s.can_reveal_pii)
        .map(|s| {
            format!(
                "staff:{} ({}{})",
                s.username,
                s.role,
                if s.can_reveal_pii {
                    ", reveals PII"
                } else {
                    ""
                }
            )
        })
        .collect();
    out.push(finding(
        "privileged_accounts",
        Level::Pass,
        format!(
            "{} privileged account(s) (administrators, PII reveal)",
            privileged.len()
        ),
        "review the list: every entry should have a current reason",
        privileged,
    ));
    let locked: Vec<String> = f
        .staff
        .iter()
        .filter(|s| s.locked_until.is_some_and(|u| u > f.now))
        .map(|s| format!("staff:{}", s.username))
        .collect();
    out.push(if locked.is_empty() {
        finding(
            "locked_accounts",
            Level::Pass,
            "no account is locked".into(),
            "",
            vec![],
        )
    } else {
        finding(
            "locked_accounts",
            Level::Warn,
            format!("{} account(s) locked after failed logins", locked.len()),
            "check with the owner; a lock nobody asked about may be an attack",
            locked,
        )
    });
}

fn login_bursts(f: &Facts, p: &Policy, out: &mut Vec<Finding>) {
    let since = f.now - Duration::hours(24);
    let window = Duration::minutes(p.burst_minutes);
    // failures per account and per address
    let mut groups: BTreeMap<String, Vec<&Event>> = BTreeMap::new();
    for e in f
        .events
        .iter()
        .filter(|e| e.action.starts_with("auth.") && e.outcome != "success" && e.at >= since)
    {
        if let Some(a) = &e.actor_id {
            groups
                .entry(format!("{}:{a}", e.actor_kind))
                .or_default()
                .push(e);
        }
        if let Some(ip) = &e.ip {
            groups.entry(format!("ip:{ip}")).or_default().push(e);
        }
    }
    let mut evidence = Vec::new();
    let mut who = Vec::new();
    for (key, mut evs) in groups {
        evs.sort_by_key(|e| e.at);
        let n = p.burst_failures;
        if evs.len() < n {
            continue;
        }
        if let Some(i) = (0..=evs.len() - n).find(|&i| evs[i + n - 1].at - evs[i].at <= window) {
            who.push(key);
            evidence.extend(evs[i..i + n].iter().map(|e| format!("audit#{}", e.id)));
        }
    }
    let ids: BTreeSet<String> = evidence.into_iter().collect();
    out.push(if who.is_empty() {
        finding("failed_login_bursts", Level::Pass, "no burst of failed logins in the last 24 hours".into(), "", vec![])
    } else {
        finding(
            "failed_login_bursts",
            Level::Fail,
            format!("{} burst(s) of {}+ failed logins within {} minutes: {}", who.len(), p.burst_failures, p.burst_minutes, who.join(", ")),
            "look at the addresses; block them at the edge if it is an attack, reset the account if it was guessed",
            who.into_iter().chain(ids).collect(),
        )
    });
}

fn sensitive(f: &Facts, p: &Policy, out: &mut Vec<Finding>) {
    let day = f.now - Duration::hours(24);
    let actor = |e: &Event| {
        format!(
            "{}:{}",
            e.actor_kind,
            e.actor_id.clone().unwrap_or_default()
        )
    };
    let recent: Vec<&Event> = f
        .events
        .iter()
        .filter(|e| SENSITIVE.contains(&e.action.as_str()) && e.at >= day)
        .collect();
    let earlier: BTreeSet<String> = f
        .events
        .iter()
        .filter(|e| SENSITIVE.contains(&e.action.as_str()) && e.at < day)
        .map(actor)
        .collect();
    let mut by_actor: BTreeMap<String, Vec<&Event>> = BTreeMap::new();
    for e in &recent {
        by_actor.entry(actor(e)).or_default().push(e);
    }
    let mut flagged = Vec::new();
    let mut evidence = Vec::new();
    for (a, evs) in &by_actor {
        let new_actor = !earlier.contains(a);
        let too_many = evs.len() > p.sensitive_daily_max;
        if new_actor || too_many {
            flagged.push(format!(
                "{a}: {} export(s)/reveal(s){}",
                evs.len(),
                if new_actor {
                    ", none in the 30 days before"
                } else {
                    ""
                }
            ));
            evidence.extend(evs.iter().map(|e| format!("audit#{} {}", e.id, e.action)));
        }
    }
    out.push(if flagged.is_empty() {
        finding(
            "unusual_exports",
            Level::Pass,
            format!(
                "{} export(s)/reveal(s) in the last 24 hours, all by usual accounts",
                recent.len()
            ),
            "",
            vec![],
        )
    } else {
        finding(
            "unusual_exports",
            Level::Warn,
            flagged.join("; "),
            "ask the account's owner what the export was for; revoke access if nobody can say",
            evidence,
        )
    });
}

fn client_volume(f: &Facts, p: &Policy, out: &mut Vec<Finding>) {
    let today = f.now.date_naive();
    let mut per: BTreeMap<&str, (i64, Vec<i64>)> = BTreeMap::new();
    for (c, d, n) in f.client_calls {
        let e = per.entry(c.as_str()).or_default();
        if *d == today || *d == today.pred_opt().unwrap_or(today) {
            e.0 += n;
        } else {
            e.1.push(*n);
        }
    }
    let mut flagged = Vec::new();
    for (c, (recent, before)) in per {
        let avg = if before.is_empty() {
            0.0
        } else {
            before.iter().sum::<i64>() as f64 / before.len() as f64
        };
        // the last two calendar days against the average of a day before them (×2)
        if recent > p.client_volume_min
            && recent as f64 > 2.0 * avg.max(1.0) * p.client_volume_factor
        {
            flagged.push(format!(
                "client:{c}: {recent} calls in two days, about {avg:.0} a day before"
            ));
        }
    }
    out.push(if flagged.is_empty() {
        finding(
            "client_volume",
            Level::Pass,
            "API clients called at their usual volume".into(),
            "",
            vec![],
        )
    } else {
        finding(
            "client_volume",
            Level::Warn,
            flagged.join("; "),
            "confirm with the partner; a leaked client secret shows as unusual volume (rotate it)",
            flagged.clone(),
        )
    });
}

fn account_changes(f: &Facts, out: &mut Vec<Finding>) {
    let day = f.now - Duration::hours(24);
    let ev: Vec<String> = f
        .events
        .iter()
        .filter(|e| {
            e.at >= day
                && matches!(
                    e.action.as_str(),
                    "client.create" | "staff.create" | "staff.update"
                )
        })
        .map(|e| format!("audit#{} {}", e.id, e.action))
        .collect();
    out.push(finding(
        "permission_changes",
        if ev.is_empty() {
            Level::Pass
        } else {
            Level::Warn
        },
        format!(
            "{} account, permission or API client change(s) in the last 24 hours",
            ev.len()
        ),
        "each change should match a request on file",
        ev,
    ));
}

fn chain(f: &Facts, p: &Policy, out: &mut Vec<Finding>) {
    out.push(if f.chain.ok {
        finding("audit_chain", Level::Pass, "the audit chain verifies".into(), "", vec![])
    } else {
        finding(
            "audit_chain",
            Level::Fail,
            format!("the audit chain does not verify: {}", f.chain.problems.join("; ")),
            "treat as an incident: the audit log was altered; secure the database and compare with the last backup",
            f.chain.problems.clone(),
        )
    });
    let stale = f
        .chain
        .newest_seal_at
        .is_none_or(|t| f.now - t > Duration::hours(p.seal_max_age_hours));
    out.push(if f.chain.anchor_present && !stale {
        finding(
            "audit_anchors",
            Level::Pass,
            "anchors present and sealing is current".into(),
            "",
            vec![],
        )
    } else {
        finding(
            "audit_anchors",
            Level::Warn,
            if f.chain.anchor_present {
                format!("no audit seal in the last {} hours", p.seal_max_age_hours)
            } else {
                "the anchor file is missing".into()
            },
            "check that a worker runs and can write WEIKAO_AUDIT_ANCHOR_FILE",
            vec![],
        )
    });
}

/// Every check's finding, in a fixed order.
pub fn patrol(f: &Facts, p: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    staff_checks(f, p, &mut out);
    login_bursts(f, p, &mut out);
    sensitive(f, p, &mut out);
    client_volume(f, p, &mut out);
    account_changes(f, &mut out);
    chain(f, p, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-12-03T10:00:00Z".parse().unwrap()
    }

    fn staff(name: &str, totp: bool, last: Option<i64>) -> StaffFacts {
        StaffFacts {
            username: name.into(),
            role: "reviewer".into(),
            active: true,
            totp_enabled: totp,
            can_reveal_pii: false,
            created_at: now() - Duration::days(400),
            last_login_at: last.map(|d| now() - Duration::days(d)),
            locked_until: None,
        }
    }

    fn ev(id: i64, mins_ago: i64, actor: &str, action: &str, outcome: &str) -> Event {
        Event {
            id,
            at: now() - Duration::minutes(mins_ago),
            actor_kind: "staff".into(),
            actor_id: Some(actor.into()),
            action: action.into(),
            outcome: outcome.into(),
            ip: Some("10.0.0.9".into()),
        }
    }

    fn chain_ok() -> ChainFacts {
        ChainFacts {
            ok: true,
            problems: vec![],
            anchor_present: true,
            newest_seal_at: Some(now() - Duration::minutes(5)),
        }
    }

    fn level(out: &[Finding], check: &str) -> Level {
        out.iter().find(|f| f.check == check).unwrap().level
    }

    #[test]
    fn a_quiet_day_passes_every_check() {
        let s = [staff("a", true, Some(1))];
        let c = chain_ok();
        let out = patrol(
            &Facts {
                now: now(),
                staff: &s,
                events: &[],
                client_calls: &[],
                chain: &c,
            },
            &Policy::default(),
        );
        assert_eq!(out.len(), 10);
        assert!(out.iter().all(|f| f.level == Level::Pass), "{out:#?}");
    }

    #[test]
    fn planted_anomalies_are_flagged_with_their_evidence() {
        let s = [
            staff("no_totp", false, Some(1)),
            staff("sleepy", true, Some(120)),
            staff("ok", true, Some(1)),
        ];
        let mut events: Vec<Event> = (0..10)
            .map(|i| ev(100 + i, 30 - i, "x", "auth.staff_login", "failure"))
            .collect();
        events.push(ev(500, 60, "intern", "review.export", "success"));
        events.push(ev(501, 60 * 24 * 10, "boss", "review.export", "success"));
        events.push(ev(502, 60, "boss", "review.export", "success"));
        let calls = vec![
            ("net".to_string(), now().date_naive(), 5000),
            (
                "net".to_string(),
                now().date_naive() - Duration::days(3),
                100,
            ),
            (
                "net".to_string(),
                now().date_naive() - Duration::days(4),
                120,
            ),
        ];
        let c = ChainFacts {
            ok: false,
            problems: vec!["row 7 modified".into()],
            anchor_present: true,
            newest_seal_at: Some(now()),
        };
        let out = patrol(
            &Facts {
                now: now(),
                staff: &s,
                events: &events,
                client_calls: &calls,
                chain: &c,
            },
            &Policy::default(),
        );
        let f = |check: &str| out.iter().find(|f| f.check == check).unwrap();
        assert_eq!(f("accounts_without_totp").evidence, ["staff:no_totp"]);
        assert_eq!(f("dormant_accounts").evidence, ["staff:sleepy"]);
        assert_eq!(level(&out, "failed_login_bursts"), Level::Fail);
        assert!(f("failed_login_bursts")
            .evidence
            .contains(&"audit#100".to_string()));
        assert!(f("failed_login_bursts")
            .evidence
            .contains(&"ip:10.0.0.9".to_string()));
        assert_eq!(level(&out, "unusual_exports"), Level::Warn);
        assert!(
            f("unusual_exports").summary.contains("staff:intern"),
            "{:?}",
            f("unusual_exports")
        );
        assert!(
            !f("unusual_exports").summary.contains("staff:boss"),
            "the usual exporter is not flagged"
        );
        assert_eq!(f("unusual_exports").evidence, ["audit#500 review.export"]);
        assert_eq!(level(&out, "client_volume"), Level::Warn);
        assert_eq!(level(&out, "audit_chain"), Level::Fail);
    }

    #[test]
    fn nine_failures_or_ten_spread_out_are_not_a_burst() {
        let s = [staff("ok", true, Some(1))];
        let c = chain_ok();
        let nine: Vec<Event> = (0..9)
            .map(|i| ev(i, i, "x", "auth.staff_login", "failure"))
            .collect();
        let out = patrol(
            &Facts {
                now: now(),
                staff: &s,
                events: &nine,
                client_calls: &[],
                chain: &c,
            },
            &Policy::default(),
        );
        assert_eq!(level(&out, "failed_login_bursts"), Level::Pass);
        let spread: Vec<Event> = (0..10)
            .map(|i| ev(i, i * 20, "x", "auth.staff_login", "failure"))
            .collect();
        let out = patrol(
            &Facts {
                now: now(),
                staff: &s,
                events: &spread,
                client_calls: &[],
                chain: &c,
            },
            &Policy::default(),
        );
        assert_eq!(level(&out, "failed_login_bursts"), Level::Pass);
    }
}
