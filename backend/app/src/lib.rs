//! weikao: HTTP API, services, adapters, worker and command line. One folder per business capability
//! (`accounts`, `audit`, `orgs`, `review`, `messaging`, `ops`), each with thin `api.rs` handlers.
pub mod accounts;
pub mod audit;
pub mod catalog;
pub mod class_lists;
pub mod cli;
pub mod clock;
pub mod config;
pub mod error;
pub mod exchange;
pub mod http;
pub mod libraries;
pub mod materials;
pub mod messaging;
pub mod openapi;
pub mod ops;
pub mod orgs;
pub mod payments;
pub mod registration;
pub mod review;
pub mod security;
pub mod seed;
pub mod seed_catalog;
pub mod storage;
pub mod supplements;
pub mod verification;
pub mod worker;
