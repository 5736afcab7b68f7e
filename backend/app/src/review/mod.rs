//! Review: registrations as reviewers see them, always within their data scope. (The foundation provides
//! the scoped queue and detail; decisions come with the review workflow.)
pub mod api;
pub mod decisions;
