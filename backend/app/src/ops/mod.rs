//! Operations: health, readiness and metrics endpoints.
pub mod api;
pub mod metrics;
