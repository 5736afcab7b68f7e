//! Short-lived signed download links: `base64url(material id ‖ expiry ‖ HMAC)`. Whoever holds a link may
//! fetch that one file until it expires (so national systems can fetch cross-domain); issuing one is
//! authorised and audited.

use base64::Engine;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::security::crypto::{ct_eq, PiiCipher};

const TAG_LEN: usize = 16;

pub fn sign(keys: &PiiCipher, material: Uuid, expires: DateTime<Utc>) -> String {
    let mut raw = material.as_bytes().to_vec();
    raw.extend_from_slice(&expires.timestamp().to_be_bytes());
    let tag = keys.keyed_hash(b"material-link", &raw);
    raw.extend_from_slice(&tag[..TAG_LEN]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

#[derive(Debug, PartialEq, Eq)]
pub enum LinkError {
    Invalid,
    Expired,
}

pub fn verify(keys: &PiiCipher, token: &str, now: DateTime<Utc>) -> Result<Uuid, LinkError> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| LinkError::Invalid)?;
    if raw.len() != 16 + 8 + TAG_LEN {
        return Err(LinkError::Invalid);
    }
    let (body, tag) = raw.split_at(24);
    if !ct_eq(&keys.keyed_hash(b"material-link", body)[..TAG_LEN], tag) {
        return Err(LinkError::Invalid);
    }
    let id = Uuid::from_slice(&body[..16]).map_err(|_| LinkError::Invalid)?;
    let exp = i64::from_be_bytes(body[16..24].try_into().map_err(|_| LinkError::Invalid)?);
    if now.timestamp() > exp {
        return Err(LinkError::Expired);
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_verify_expire_and_resist_tampering() {
        let keys = PiiCipher::new([1; 32], [2; 32]);
        let id = Uuid::new_v4();
        let now = Utc::now();
        let t = sign(&keys, id, now + chrono::Duration::seconds(60));
        assert_eq!(verify(&keys, &t, now), Ok(id));
        assert_eq!(
            verify(&keys, &t, now + chrono::Duration::seconds(61)),
            Err(LinkError::Expired)
        );
        let mut bad = t.clone().into_bytes();
        bad[3] = if bad[3] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            verify(&keys, std::str::from_utf8(&bad).unwrap(), now),
            Err(LinkError::Invalid)
        );
        assert_eq!(
            verify(&PiiCipher::new([1; 32], [3; 32]), &t, now),
            Err(LinkError::Invalid)
        );
        assert_eq!(verify(&keys, "short", now), Err(LinkError::Invalid));
    }
}
