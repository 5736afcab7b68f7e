//! Accounts and authentication: candidate sign-up, verification codes, login, password reset and unlock;
//! staff login with TOTP; client credentials for third parties; token refresh with rotation; logout.
pub mod admin_staff;
pub mod api;
pub mod candidate;
pub mod clients;
pub mod dto;
pub mod staff;
pub mod throttle;
pub mod tokens;
