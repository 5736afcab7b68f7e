//! Candidate registration: drafts saved section by section (validated per field, optimistic versions),
//! submission (completeness, catalog and org checks, routing to the first review level), the fee quote and
//! the required materials. The rules themselves live in `weikao_core::registration`.
pub mod api;
pub mod dto;
pub mod service;
pub mod withdrawal;
