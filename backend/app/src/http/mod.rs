//! HTTP plumbing shared by every capability: state, request context, authentication extractors,
//! middleware (request ids, metrics, problem+json for every error), and the app factory.
pub mod auth;
pub mod context;
pub mod cors;
pub mod middleware;
pub mod server;
pub mod state;
pub mod web;
