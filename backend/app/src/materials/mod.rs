//! Proof materials: streamed uploads (size-limited while reading), content checked by magic bytes,
//! metadata stripped without re-encoding (`weikao_core::files`), photos checked against the spec, stored in
//! the object store with their SHA-256, downloaded only through short-lived signed links.
pub mod api;
pub mod links;
pub mod upload;
