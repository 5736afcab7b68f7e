//! Cryptography used by weikao: PII encryption and blind index, password hashing, tokens, TOTP.
pub mod crypto;
pub mod jwt;
pub mod keys;
pub mod password;
pub mod totp;
