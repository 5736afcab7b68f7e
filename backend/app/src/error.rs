//! One error type for the API, rendered as `application/problem+json` (RFC 9457) with a stable `code`.
//! Bad input is a 4xx with a code, never a 500; `diesel::NotFound` maps to 404 and unique violations to 409.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// Problem details (RFC 9457) with weikao's stable machine-readable `code`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// URI reference identifying the problem type (`urn:weikao:problem:<code>`)
    #[serde(rename = "type")]
    pub type_: String,
    /// Short human-readable summary
    pub title: String,
    /// HTTP status code
    pub status: u16,
    /// Stable snake_case error code, e.g. `id_number_invalid`, `account_locked`
    pub code: String,
    /// Human-readable explanation of this occurrence
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Field errors: field name → list of error codes
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, Vec<String>>,
    /// Seconds to wait before retrying (throttling)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: Option<String>,
    pub errors: BTreeMap<String, Vec<String>>,
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str) -> ApiError {
        ApiError {
            status,
            code,
            detail: None,
            errors: BTreeMap::new(),
            retry_after: None,
        }
    }
    pub fn detail(mut self, d: impl Into<String>) -> ApiError {
        self.detail = Some(d.into());
        self
    }
    pub fn bad_request(code: &'static str) -> ApiError {
        Self::new(StatusCode::BAD_REQUEST, code)
    }
    pub fn unauthorized(code: &'static str) -> ApiError {
        Self::new(StatusCode::UNAUTHORIZED, code)
    }
    pub fn forbidden() -> ApiError {
        Self::new(StatusCode::FORBIDDEN, "forbidden")
    }
    pub fn not_found() -> ApiError {
        Self::new(StatusCode::NOT_FOUND, "not_found")
    }
    pub fn conflict(code: &'static str) -> ApiError {
        Self::new(StatusCode::CONFLICT, code)
    }
    pub fn too_many(code: &'static str, retry_after: u64) -> ApiError {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, code);
        e.retry_after = Some(retry_after.max(1));
        e
    }
    pub fn unavailable(code: &'static str) -> ApiError {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, code)
    }
    pub fn internal() -> ApiError {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error")
    }
    /// 422 with field errors.
    pub fn validation(errors: BTreeMap<String, Vec<String>>) -> ApiError {
        let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        e.errors = errors;
        e
    }
    /// 422 with one field error.
    pub fn field(field: &str, code: &str) -> ApiError {
        let mut m = BTreeMap::new();
        m.insert(field.to_string(), vec![code.to_string()]);
        Self::validation(m)
    }

    pub fn problem(&self) -> Problem {
        Problem {
            type_: format!("urn:weikao:problem:{}", self.code),
            title: self
                .status
                .canonical_reason()
                .unwrap_or("Error")
                .to_string(),
            status: self.status.as_u16(),
            code: self.code.to_string(),
            detail: self.detail.clone(),
            errors: self.errors.clone(),
            retry_after: self.retry_after,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.code)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }
    fn error_response(&self) -> HttpResponse {
        let mut b = HttpResponse::build(self.status);
        b.content_type("application/problem+json");
        if let Some(r) = self.retry_after {
            b.insert_header(("Retry-After", r.to_string()));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            b.insert_header(("WWW-Authenticate", "Bearer"));
        }
        b.json(self.problem())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> ApiError {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => ApiError::not_found(),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::conflict("already_exists")
            }
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                ApiError::conflict("concurrent_update")
            }
            // text PostgreSQL cannot store (a NUL character) is bad input, not a server fault
            Error::DatabaseError(_, info)
                if info.message().contains("invalid byte sequence")
                    || info
                        .message()
                        .contains("unsupported Unicode escape sequence") =>
            {
                ApiError::bad_request("invalid_characters")
                    .detail("text fields must not contain NUL characters")
            }
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::internal()
            }
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> ApiError {
        tracing::error!(error = %e, "database pool exhausted or unreachable");
        ApiError::unavailable("database_unavailable")
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> ApiError {
        ApiError::internal()
    }
}

/// Maps validator's errors to `{field: [codes]}` (its Display output is not for users).
pub fn from_validation(errs: &validator::ValidationErrors) -> ApiError {
    let mut m = BTreeMap::new();
    for (field, list) in errs.field_errors() {
        m.insert(
            field.to_string(),
            list.iter().map(|e| e.code.to_string()).collect(),
        );
    }
    ApiError::validation(m)
}
