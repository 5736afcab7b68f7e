//! Access tokens: short-lived HS256 JWTs. A token names its subject kind, its session (revocable), and for
//! API clients their scopes. Authorisation data (role, scope) is re-read from the database per request.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Candidate,
    Staff,
    Client,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub kind: SubjectKind,
    /// login session (candidates and staff); absent for client-credentials tokens
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// set on single-purpose tokens (e.g. `totp_enrolment`); such tokens are never access tokens
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
}

pub const ISSUER: &str = "weikao";

#[derive(Clone)]
pub struct TokenSigner {
    enc: EncodingKey,
    dec: DecodingKey,
}

impl TokenSigner {
    pub fn new(secret: &[u8]) -> TokenSigner {
        TokenSigner {
            enc: EncodingKey::from_secret(secret),
            dec: DecodingKey::from_secret(secret),
        }
    }

    pub fn sign(&self, claims: &Claims) -> String {
        encode(&Header::new(Algorithm::HS256), claims, &self.enc).expect("HS256 signing")
    }

    /// Verifies signature, expiry (no leeway beyond 30 s) and issuer.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut v = Validation::new(Algorithm::HS256);
        v.leeway = 30;
        v.set_issuer(&[ISSUER]);
        v.set_required_spec_claims(&["exp", "iat", "iss", "sub"]);
        decode::<Claims>(token, &self.dec, &v)
            .ok()
            .map(|d| d.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp_offset: i64) -> Claims {
        let now = chrono::Utc::now().timestamp();
        Claims {
            sub: Uuid::new_v4(),
            kind: SubjectKind::Staff,
            sid: Some(Uuid::new_v4()),
            scopes: vec![],
            purpose: None,
            iat: now,
            exp: now + exp_offset,
            iss: ISSUER.into(),
        }
    }

    #[test]
    fn sign_verify_and_reject() {
        let s = TokenSigner::new(b"0123456789abcdef0123456789abcdef");
        let c = claims(60);
        let t = s.sign(&c);
        assert_eq!(s.verify(&t).unwrap().sub, c.sub);
        assert!(s.verify(&s.sign(&claims(-120))).is_none(), "expired");
        let other = TokenSigner::new(b"another-secret-another-secret-xx");
        assert!(other.verify(&t).is_none(), "wrong key");
        assert!(s.verify("garbage").is_none());
    }
}
