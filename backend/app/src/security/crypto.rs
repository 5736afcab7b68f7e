//! Personal data at rest: AES-256-GCM ciphertext for authorised display and an HMAC-SHA256 blind index for
//! lookups and joins (ID numbers never appear in plain text in the database).

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

#[derive(Clone)]
pub struct PiiCipher {
    aead: Aes256Gcm,
    index_key: [u8; 32],
}

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("ciphertext is malformed or was encrypted with another key")]
    Decrypt,
    #[error("key must be 32 bytes as 64 hex characters")]
    KeyFormat,
}

pub fn parse_key(hex_key: &str) -> Result<[u8; 32], CryptoError> {
    let bytes = hex::decode(hex_key.trim()).map_err(|_| CryptoError::KeyFormat)?;
    bytes.try_into().map_err(|_| CryptoError::KeyFormat)
}

impl PiiCipher {
    pub fn new(enc_key: [u8; 32], index_key: [u8; 32]) -> PiiCipher {
        PiiCipher {
            aead: Aes256Gcm::new(&enc_key.into()),
            index_key,
        }
    }

    /// `nonce (12 bytes) || ciphertext+tag`.
    pub fn encrypt(&self, plaintext: &str) -> Vec<u8> {
        let mut nonce = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut nonce);
        let ct = self
            .aead
            .encrypt(&Nonce::from(nonce), plaintext.as_bytes())
            .expect("AES-GCM encryption cannot fail for in-memory buffers");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        out
    }

    pub fn decrypt(&self, blob: &[u8]) -> Result<String, CryptoError> {
        if blob.len() < 12 + 16 {
            return Err(CryptoError::Decrypt);
        }
        let (nonce, ct) = blob.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().map_err(|_| CryptoError::Decrypt)?;
        let pt = self
            .aead
            .decrypt(&Nonce::from(nonce), ct)
            .map_err(|_| CryptoError::Decrypt)?;
        String::from_utf8(pt).map_err(|_| CryptoError::Decrypt)
    }

    /// Deterministic keyed index of a normalised ID number (same input → same bytes; not reversible).
    pub fn blind_index(&self, normalized: &str) -> Vec<u8> {
        self.keyed_hash(b"id-number", normalized.as_bytes())
    }

    /// HMAC of a secret that is only ever compared (verification codes, refresh tokens).
    pub fn keyed_hash(&self, domain: &[u8], data: &[u8]) -> Vec<u8> {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.index_key).expect("any key length");
        mac.update(domain);
        mac.update(&[0]);
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }
}

pub fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

/// A random token as URL-safe base64 (refresh tokens, client secrets).
pub fn random_token(bytes: usize) -> String {
    use base64::Engine;
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// Constant-time equality of two byte strings.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cipher() -> PiiCipher {
        PiiCipher::new([7u8; 32], [9u8; 32])
    }

    #[test]
    fn encrypt_round_trips_and_is_randomised() {
        let c = cipher();
        let a = c.encrypt("11010519491231002X");
        let b = c.encrypt("11010519491231002X");
        assert_ne!(a, b, "nonces must differ");
        assert_eq!(c.decrypt(&a).unwrap(), "11010519491231002X");
        assert!(!String::from_utf8_lossy(&a).contains("11010519491231002X"));
    }

    #[test]
    fn tampering_and_wrong_key_are_detected() {
        let c = cipher();
        let mut a = c.encrypt("440524188001010014");
        let last = a.len() - 1;
        a[last] ^= 1;
        assert!(c.decrypt(&a).is_err());
        let other = PiiCipher::new([8u8; 32], [9u8; 32]);
        assert!(other.decrypt(&c.encrypt("x")).is_err());
        assert!(c.decrypt(&[1, 2, 3]).is_err());
    }

    #[test]
    fn blind_index_is_deterministic_and_keyed() {
        let c = cipher();
        assert_eq!(c.blind_index("A"), c.blind_index("A"));
        assert_ne!(c.blind_index("A"), c.blind_index("B"));
        assert_ne!(
            c.blind_index("A"),
            PiiCipher::new([7u8; 32], [1u8; 32]).blind_index("A")
        );
    }

    #[test]
    fn key_parsing() {
        assert!(parse_key(&"ab".repeat(32)).is_ok());
        assert!(parse_key("abcd").is_err());
        assert!(parse_key(&"zz".repeat(32)).is_err());
    }
}
