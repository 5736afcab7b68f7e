//! `weikao client create|list`: API clients of third-party systems. The secret is generated and printed once
//! (only its hash is kept); creating a client is audited.

use std::process::ExitCode;

use rand::RngCore;
use weikao_store::accounts::{self, NewApiClient};

use crate::audit::{record, AuditEvent};
use crate::exchange::scopes;
use crate::http::state::AppState;

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("weikao: {msg}");
    ExitCode::from(2)
}

/// A client setting that is not acceptable: the field, a stable code, and words for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

fn bad(field: &'static str, code: &'static str, message: impl Into<String>) -> SettingError {
    SettingError {
        field,
        code,
        message: message.into(),
    }
}

/// Checks a client's settings: known scopes, origins of the form `scheme://host[:port]`, a positive limit.
pub fn check(
    client_id: &str,
    scopes_wanted: &[String],
    origins: &[String],
    rate: i32,
) -> Result<(), SettingError> {
    if client_id.is_empty()
        || client_id.len() > 64
        || !client_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(bad(
            "client_id",
            "client_id_invalid",
            "client id: 1–64 characters of [A-Za-z0-9_-]",
        ));
    }
    check_settings(scopes_wanted, origins, rate)
}

/// The settings that can change after creation: scopes, origins, rate limit.
pub fn check_settings(
    scopes_wanted: &[String],
    origins: &[String],
    rate: i32,
) -> Result<(), SettingError> {
    if scopes_wanted.is_empty() {
        return Err(bad(
            "scopes",
            "scopes_required",
            format!("give at least one --scope ({})", scopes::ALL.join(", ")),
        ));
    }
    if let Some(b) = scopes_wanted
        .iter()
        .find(|s| !scopes::ALL.contains(&s.as_str()))
    {
        return Err(bad(
            "scopes",
            "scope_unknown",
            format!("unknown scope {b} (known: {})", scopes::ALL.join(", ")),
        ));
    }
    for o in origins {
        let ok = (o.starts_with("https://") || o.starts_with("http://"))
            && crate::http::cors::origin_of(o) == o
            && !o.ends_with("://");
        if !ok {
            return Err(bad(
                "allowed_origins",
                "origin_invalid",
                format!("origin {o}: write scheme://host[:port] without a path"),
            ));
        }
    }
    if !(1..=100_000).contains(&rate) {
        return Err(bad(
            "rate_limit_per_minute",
            "out_of_range",
            "--rate-limit: 1 to 100000 calls per minute",
        ));
    }
    Ok(())
}

/// A new random client secret (48 hex characters).
pub fn new_secret() -> String {
    let mut raw = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut raw);
    hex::encode(raw)
}

pub fn create(
    st: &AppState,
    client_id: &str,
    name: &str,
    scopes_wanted: Vec<String>,
    origins: Vec<String>,
    rate: i32,
) -> ExitCode {
    if let Err(e) = check(client_id, &scopes_wanted, &origins, rate) {
        return fail(e.message);
    }
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    match accounts::find_api_client(&mut conn, client_id) {
        Ok(Some(_)) => return fail(format!("client {client_id} exists")),
        Ok(None) => {}
        Err(e) => return fail(e),
    }
    let secret = new_secret();
    let made = accounts::insert_api_client(
        &mut conn,
        &NewApiClient {
            client_id,
            name,
            secret_hash: &st.passwords.hash(&secret),
            scopes: scopes_wanted.clone(),
            allowed_origins: origins,
            rate_limit_per_minute: rate,
        },
    )
    .and_then(|c| {
        record(
            &mut conn,
            None,
            AuditEvent::actor("operator", None, "client.create")
                .object("api_client", &c.client_id)
                .details(serde_json::json!({ "scopes": scopes_wanted })),
        )
    });
    match made {
        Ok(_) => {
            println!("client_id     {client_id}\nclient_secret {secret}\n(the secret is shown once; keep it in the partner's vault)");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

pub fn list(st: &AppState) -> ExitCode {
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    match accounts::list_api_clients(&mut conn) {
        Ok(cs) => {
            for c in cs {
                println!(
                    "{:<20} {:<7} {:>6}/min  scopes {}  origins {}  last used {}",
                    c.client_id,
                    if c.active { "active" } else { "off" },
                    c.rate_limit_per_minute,
                    c.scopes.join(" "),
                    if c.allowed_origins.is_empty() {
                        "-".to_string()
                    } else {
                        c.allowed_origins.join(" ")
                    },
                    c.last_used_at
                        .map(|t| t.to_rfc3339())
                        .unwrap_or_else(|| "never".into())
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn client_settings_are_checked() {
        assert!(check(
            "national-network",
            &v(&["registrations:read"]),
            &v(&["https://wsks.example.cn"]),
            600
        )
        .is_ok());
        assert!(check("bad id!", &v(&["registrations:read"]), &[], 600).is_err());
        assert!(check("x", &[], &[], 600).is_err());
        assert!(check("x", &v(&["everything"]), &[], 600).is_err());
        assert!(check(
            "x",
            &v(&["registrations:read"]),
            &v(&["https://a.cn/path"]),
            600
        )
        .is_err());
        assert!(check("x", &v(&["registrations:read"]), &v(&["a.cn"]), 600).is_err());
        assert!(check("x", &v(&["registrations:read"]), &[], 0).is_err());
    }
}
