//! One middleware for every request: request id (X-Request-Id), access log without PII (route pattern,
//! never the query string or body), Prometheus metrics, and problem+json for every error response,
//! including those produced by actix itself (unknown route, bad extractor input).

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderValue, CONTENT_TYPE};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, ResponseError};

use crate::error::ApiError;
use crate::http::context::RequestId;
use crate::http::state::AppState;

fn sane_request_id(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn code_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        408 => "request_timeout",
        411 => "length_required",
        413 => "payload_too_large",
        414 => "uri_too_long",
        415 => "unsupported_media_type",
        431 => "headers_too_large",
        s if s >= 500 => "internal_error",
        _ => "request_rejected",
    }
}

pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| sane_request_id(v))
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let method = req.method().to_string();
    let state = req.app_data::<web::Data<AppState>>().cloned();

    // handler errors arrive as responses; an Err here comes from another middleware and is rendered by actix
    let mut res: ServiceResponse<BoxBody> = next.call(req).await?.map_into_boxed_body();

    let status = res.status();
    let is_problem = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"));
    if status.as_u16() >= 400 && !is_problem {
        let err = ApiError::new(status, code_for(status));
        res = res.into_response(err.error_response());
    }
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        res.headers_mut()
            .insert("x-request-id".parse().expect("header name"), v);
    }

    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".to_string());
    let elapsed = started.elapsed();
    if let Some(state) = state {
        state
            .metrics
            .observe_request(&method, &route, status.as_u16(), elapsed.as_secs_f64());
    }
    tracing::info!(
        request_id = %request_id,
        method = %method,
        route = %route,
        status = status.as_u16(),
        latency_ms = elapsed.as_millis() as u64,
        "request"
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_ids_are_sanitised() {
        assert!(super::sane_request_id("abc-123_X"));
        assert!(!super::sane_request_id("abc\n123"));
        assert!(!super::sane_request_id(&"a".repeat(65)));
        assert!(!super::sane_request_id(""));
    }
}
