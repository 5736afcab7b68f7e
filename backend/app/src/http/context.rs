//! Per-request context: request id and the client's IP (X-Forwarded-For is believed only from trusted proxies).

use std::future::{ready, Ready};
use std::net::IpAddr;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use crate::config::Cidr;
use crate::error::ApiError;
use crate::http::state::AppState;

#[derive(Debug, Clone)]
pub struct RequestId(pub String);

#[derive(Debug, Clone)]
pub struct ReqCtx {
    pub request_id: String,
    pub ip: String,
    pub user_agent: Option<String>,
}

/// The client address: the peer, or — when the peer is a trusted proxy — the right-most address in
/// X-Forwarded-For that is not itself a trusted proxy.
pub fn client_ip(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[Cidr],
) -> Option<IpAddr> {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    let peer = peer?;
    if !is_trusted(peer) {
        return Some(peer);
    }
    let Some(xff) = forwarded_for else {
        return Some(peer);
    };
    let mut last = peer;
    for part in xff.split(',').rev() {
        match part.trim().parse::<IpAddr>() {
            Ok(ip) if is_trusted(ip) => last = ip,
            Ok(ip) => return Some(ip),
            Err(_) => return Some(last),
        }
    }
    Some(last)
}

impl FromRequest for ReqCtx {
    type Error = ApiError;
    type Future = Ready<Result<ReqCtx, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request_id = req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let trusted = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.cfg.trusted_proxies.clone())
            .unwrap_or_default();
        let peer = req.peer_addr().map(|a| a.ip());
        let xff = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let ip = client_ip(peer, xff, &trusted)
            .map(|i| i.to_string())
            .unwrap_or_else(|| "unknown".into());
        let user_agent = req
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(200).collect());
        ready(Ok(ReqCtx {
            request_id,
            ip,
            user_agent,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let trusted = vec![Cidr::parse("10.0.0.0/8").unwrap()];
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // untrusted peer: header ignored (spoofing)
        assert_eq!(
            client_ip(Some(ip("1.2.3.4")), Some("9.9.9.9"), &trusted),
            Some(ip("1.2.3.4"))
        );
        // trusted proxy: right-most untrusted hop
        assert_eq!(
            client_ip(
                Some(ip("10.0.0.5")),
                Some("9.9.9.9, 5.6.7.8, 10.0.0.2"),
                &trusted
            ),
            Some(ip("5.6.7.8"))
        );
        assert_eq!(
            client_ip(Some(ip("10.0.0.5")), None, &trusted),
            Some(ip("10.0.0.5"))
        );
        assert_eq!(
            client_ip(Some(ip("10.0.0.5")), Some("garbage"), &trusted),
            Some(ip("10.0.0.5"))
        );
    }
}
