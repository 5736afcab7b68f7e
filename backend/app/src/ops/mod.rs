//! Operations: health, readiness and metrics endpoints; backups, restore drills and their dated reports.
pub mod api;
pub mod archive;
pub mod backup;
pub mod cleanup;
pub mod cli;
pub mod dbinspect;
pub mod deps;
pub mod inspect;
pub mod metrics;
pub mod patrol;
pub mod reports;
pub mod restore;

/// Runs `f` on a fresh connection of the schema owner (`WEIKAO_DATABASE_OWNER_URL`) off the async runtime: the
/// duties that read other roles' statistics or remove append-only history (inspection, cleanup, archiving)
/// need the owner, not the application role.
pub(crate) async fn as_owner<T: Send + 'static>(
    cfg: &crate::config::Config,
    f: impl FnOnce(&mut diesel::PgConnection) -> diesel::QueryResult<T> + Send + 'static,
) -> Result<T, String> {
    use diesel::Connection;
    let url = cfg.database_owner_url.clone();
    tokio::task::spawn_blocking(move || {
        let mut c = diesel::PgConnection::establish(&url)
            .map_err(|e| format!("database (owner connection): {e}"))?;
        f(&mut c).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}
