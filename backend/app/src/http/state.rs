//! Shared application state and the one way handlers reach the database.

use std::sync::Arc;

use actix_web::web;
use diesel::PgConnection;
use weikao_store::DbPool;

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::ops::metrics::Metrics;
use crate::security::jwt::TokenSigner;
use crate::security::keys::Keys;
use crate::security::password::PasswordHashing;

#[derive(Clone)]
pub struct AppState {
    pub cfg: Arc<Config>,
    pub pool: DbPool,
    pub keys: Keys,
    pub signer: TokenSigner,
    pub passwords: PasswordHashing,
    pub clock: Clock,
    pub metrics: Arc<Metrics>,
    pub store: Arc<dyn crate::storage::ObjectStore>,
    /// the dependencies' last probe (`/readyz`, `/api/v1/service-status`)
    pub deps: Arc<crate::ops::deps::Cache>,
}

impl AppState {
    pub fn new(
        cfg: Config,
        pool: DbPool,
        keys: Keys,
        clock: Clock,
        store: Arc<dyn crate::storage::ObjectStore>,
    ) -> AppState {
        let signer = TokenSigner::new(&keys.jwt_secret);
        let passwords = PasswordHashing::new(cfg.argon2_memory_kib, cfg.argon2_iterations);
        AppState {
            cfg: Arc::new(cfg),
            pool,
            keys,
            signer,
            passwords,
            clock,
            metrics: Arc::new(Metrics::default()),
            store,
            deps: Arc::default(),
        }
    }

    /// Runs one unit of database work on the blocking pool (never holds a connection across `.await`).
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(ApiError::from)?;
            f(&mut conn)
        })
        .await?
    }

    /// Like [`AppState::db`] with the state available inside (for services that hash, encrypt, sign).
    pub async fn run<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&AppState, &mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        let state = self.clone();
        web::block(move || {
            let mut conn = state.pool.get().map_err(ApiError::from)?;
            f(&state, &mut conn)
        })
        .await?
    }
}
