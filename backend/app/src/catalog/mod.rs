//! The exam catalog as candidates and reviewers read it: open sessions, levels, categories, specialties,
//! subjects, fees, stages and review windows — all data, per session.
pub mod admin;
pub mod admin_fees;
pub mod api;
pub mod import;
