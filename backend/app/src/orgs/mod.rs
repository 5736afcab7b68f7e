//! Organisations (review hierarchy and institutions) as seen by staff within their data scope.
pub mod api;
