//! Review: registrations as reviewers see them, always within their data scope: queues, detail,
//! decisions (one by one or in batches), the reason catalog, statistics and exports.
pub mod abnormal;
pub mod api;
pub mod archive;
pub mod batch;
pub mod correction;
pub mod decisions;
pub mod export;
pub mod queue;
pub mod reasons;
pub mod reopen;
pub mod spot_checks;
pub mod stats;
