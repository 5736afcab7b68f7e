//! `Idempotency-Key` on API clients' POSTs: the first request with a key runs and its response is kept (24 h);
//! a retry with the same key and the same body gets that response again (`Idempotent-Replayed: true`) without
//! running twice, even when both arrive at once; the same key with another body is refused. A request that
//! failed is not kept, so it may be retried with the same key.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use diesel::{Connection, PgConnection};
use serde::Serialize;
use sha2::{Digest, Sha256};
use weikao_store::exchange as store;

use crate::error::{ApiError, ApiResult};
use crate::http::auth::ClientUser;

pub const HEADER: &str = "idempotency-key";

/// The key of a request, if it sent one: 1–128 visible ASCII characters (`invalid_idempotency_key` otherwise).
pub fn key_of(req: &HttpRequest) -> ApiResult<Option<String>> {
    let Some(v) = req.headers().get(HEADER) else {
        return Ok(None);
    };
    let k = v.to_str().unwrap_or_default();
    if k.is_empty() || k.len() > 128 || !k.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::bad_request("invalid_idempotency_key")
            .detail("Idempotency-Key: 1 to 128 visible ASCII characters"));
    }
    Ok(Some(k.to_string()))
}

/// A response that may have been replayed.
pub struct Outcome {
    pub status: StatusCode,
    pub body: serde_json::Value,
    pub replayed: bool,
}

impl Outcome {
    pub fn into_response(self) -> HttpResponse {
        let mut r = HttpResponse::build(self.status);
        if self.replayed {
            r.insert_header(("idempotent-replayed", "true"));
        }
        r.json(self.body)
    }
}

fn call<T: Serialize>(
    c: &mut PgConnection,
    f: impl FnOnce(&mut PgConnection) -> ApiResult<(StatusCode, T)>,
) -> ApiResult<(StatusCode, serde_json::Value)> {
    let (status, body) = f(c)?;
    let body = serde_json::to_value(body).map_err(|_| ApiError::internal())?;
    Ok((status, body))
}

/// Runs `f` in one transaction, at most once per (client, key).
pub fn run<T: Serialize>(
    conn: &mut PgConnection,
    client: &ClientUser,
    key: Option<&str>,
    operation: &str,
    request: &impl Serialize,
    now: chrono::DateTime<chrono::Utc>,
    f: impl FnOnce(&mut PgConnection) -> ApiResult<(StatusCode, T)>,
) -> ApiResult<Outcome> {
    conn.transaction(|c| {
        let Some(key) = key else {
            let (status, body) = call(c, f)?;
            return Ok(Outcome {
                status,
                body,
                replayed: false,
            });
        };
        let hash = hex::encode(Sha256::digest(
            serde_json::to_vec(request).map_err(|_| ApiError::internal())?,
        ));
        store::lock_key(c, client.id, key)?;
        if let Some(prev) = store::find_response(c, client.id, key)? {
            if prev.operation != operation || prev.request_sha256 != hash {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "idempotency_key_reused",
                )
                .detail("this Idempotency-Key was used for a different request"));
            }
            return Ok(Outcome {
                status: StatusCode::from_u16(prev.status_code as u16)
                    .map_err(|_| ApiError::internal())?,
                body: prev.response,
                replayed: true,
            });
        }
        let (status, body) = call(c, f)?;
        store::save_response(
            c,
            client.id,
            key,
            operation,
            &hash,
            status.as_u16() as i32,
            &body,
            now,
        )?;
        Ok(Outcome {
            status,
            body,
            replayed: false,
        })
    })
}
