//! Rate limits kept in PostgreSQL (fixed windows in `rate_counters`) so that every replica agrees.

use diesel::PgConnection;
use weikao_core::throttle::window_start;
use weikao_store::accounts::{hit_counter, ApiClient};

use crate::error::{ApiError, ApiResult};
use crate::http::state::AppState;

/// Counts one hit on `key`; fails with 429 `code` when more than `limit` hits fall in the current window.
pub fn limit(
    state: &AppState,
    conn: &mut PgConnection,
    key: &str,
    limit: i32,
    window_secs: i64,
    code: &'static str,
) -> ApiResult<()> {
    let now = state.clock.now().timestamp();
    let start = window_start(now, window_secs);
    let ts = chrono::DateTime::from_timestamp(start, 0).ok_or_else(ApiError::internal)?;
    let n = hit_counter(conn, key, ts)?;
    if n > limit {
        return Err(ApiError::too_many(
            code,
            (start + window_secs - now).max(1) as u64,
        ));
    }
    Ok(())
}

/// Per-IP limit on authentication endpoints (high enough for a school behind one NAT).
pub fn auth_ip_limit(state: &AppState, conn: &mut PgConnection, ip: &str) -> ApiResult<()> {
    limit(
        state,
        conn,
        &format!("auth-ip:{ip}"),
        state.cfg.ip_auth_limit_per_minute,
        60,
        "too_many_requests",
    )
}

/// Per-client limit for third-party API calls.
pub fn client_rate_limit(
    state: &AppState,
    conn: &mut PgConnection,
    client: &ApiClient,
) -> ApiResult<()> {
    limit(
        state,
        conn,
        &format!("client:{}", client.client_id),
        client.rate_limit_per_minute,
        60,
        "rate_limited",
    )
}
