//! Cross-origin calls to the API (integrators' browser pages, e.g. the national medical exam network rendering
//! attachments). An origin is allowed when an active API client lists it; the SPAs are same-origin and never
//! need this. Preflights are answered here; a disallowed origin gets 403 `origin_not_allowed`. The origin is
//! checked again per client when a client token is used (`http::auth`).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse, ResponseError};

use crate::error::ApiError;
use crate::http::state::AppState;

const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE";
const ALLOW_HEADERS: &str = "authorization, content-type, idempotency-key, x-request-id";
const EXPOSE_HEADERS: &str = "x-request-id, retry-after, content-disposition";

/// `scheme://host[:port]` of a URL (the form browsers send in `Origin`).
pub fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

fn set(res: &mut ServiceResponse<BoxBody>, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().insert(HeaderName::from_static(name), v);
    }
}

pub async fn cors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let origin = req
        .headers()
        .get("origin")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let (Some(origin), Some(state)) = (origin, state) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if !req.path().starts_with("/api/") || origin == origin_of(&state.cfg.public_url) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let allowed = {
        let o = origin.clone();
        state
            .run(move |_, c| Ok(weikao_store::accounts::origin_allowed(c, &o)?))
            .await
            .unwrap_or(false)
    };
    let preflight = req.method() == Method::OPTIONS
        && req.headers().contains_key("access-control-request-method");
    if preflight || !allowed {
        let resp = if allowed {
            HttpResponse::new(StatusCode::NO_CONTENT)
        } else {
            ApiError::new(StatusCode::FORBIDDEN, "origin_not_allowed")
                .detail(format!("origin {origin} is not allowed to call this API"))
                .error_response()
        };
        let mut res = req.into_response(resp);
        set(&mut res, "vary", "Origin");
        if allowed {
            set(&mut res, "access-control-allow-origin", &origin);
            set(&mut res, "access-control-allow-methods", ALLOW_METHODS);
            set(&mut res, "access-control-allow-headers", ALLOW_HEADERS);
            set(&mut res, "access-control-max-age", "600");
        }
        return Ok(res);
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    set(&mut res, "vary", "Origin");
    set(&mut res, "access-control-allow-origin", &origin);
    set(&mut res, "access-control-expose-headers", EXPOSE_HEADERS);
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origin_is_scheme_host_and_port() {
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(
            origin_of("https://bm.example.cn/weikao/"),
            "https://bm.example.cn"
        );
    }
}
