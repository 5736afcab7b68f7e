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
