//! Data exchange with third parties (domain.md §7; integrator guide: docs/integration.md). API clients call
//! these endpoints with client-credentials tokens; each endpoint names the scope it needs.
//!
//! - `network_api`: the national medical exam network reads submitted registrations (change feed + detail)
//! - `probation`, `probation_api`: institutions file probation certificates (provincial base-resource system)
//! - `institutions_api`: the institution library kept in sync by that system
//! - `idempotency`: `Idempotency-Key` on client POSTs
pub mod clients_api;
pub mod clients_cli;
pub mod comparison;
pub mod comparison_api;
pub mod feed;
pub mod idempotency;
pub mod institutions_api;
pub mod network_api;
pub mod portal_api;
pub mod probation;
pub mod probation_api;
pub mod talent_api;

/// The scopes an API client may hold.
pub mod scopes {
    /// submitted registrations through the change feed and detail endpoints
    pub const REGISTRATIONS_READ: &str = "registrations:read";
    /// the full ID number in those responses (otherwise masked)
    pub const IDENTITY_READ: &str = "identity:read";
    /// signed links to materials
    pub const MATERIALS_READ: &str = "materials:read";
    /// file, update, revoke and list probation certificates
    pub const PROBATION_WRITE: &str = "probation:write";
    /// create, update and close institutions of the institution library
    pub const INSTITUTIONS_WRITE: &str = "institutions:write";
    /// the national talent center's exchange of candidates' basic information
    pub const TALENT_EXCHANGE: &str = "talent:exchange";

    pub const ALL: [&str; 6] = [
        REGISTRATIONS_READ,
        IDENTITY_READ,
        MATERIALS_READ,
        PROBATION_WRITE,
        INSTITUTIONS_WRITE,
        TALENT_EXCHANGE,
    ];
}
