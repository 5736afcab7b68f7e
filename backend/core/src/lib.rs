//! Pure domain rules of weikao (no I/O).
pub mod authz;
pub mod identity;
pub mod registration;
pub mod throttle;
