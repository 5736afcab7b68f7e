//! Payments (domain.md §8): orders with server-computed amounts, the payment-center adapter, notifications,
//! the polling worker, refunds, and the built-in sandbox payment center. Protocol: docs/payment-protocol.md.
pub mod admin_api;
pub mod api;
pub mod gateway;
pub mod poller;
pub mod receipts;
pub mod reconcile;
pub mod sandbox;
pub mod service;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A payment-center message: string parameters including `sign` (docs/payment-protocol.md).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(transparent)]
pub struct SignedParams(pub BTreeMap<String, String>);

/// Runs a database step on the blocking pool (the payment duties call the center between such steps, never
/// inside one).
pub(crate) async fn db<T: Send + 'static>(
    pool: &weikao_store::DbPool,
    f: impl FnOnce(&mut diesel::PgConnection) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut c = pool.get().map_err(|e| e.to_string())?;
        f(&mut c)
    })
    .await
    .map_err(|e| e.to_string())?
}
