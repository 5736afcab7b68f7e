//! Pure domain rules of weikao (no I/O).
pub mod authz;
pub mod catalog_sheet;
pub mod exchange;
pub mod files;
pub mod help;
pub mod identity;
pub mod libraries;
pub mod ops;
pub mod payments;
pub mod registration;
pub mod review;
pub mod sessions;
pub mod staffing;
pub mod throttle;
pub mod verification;
