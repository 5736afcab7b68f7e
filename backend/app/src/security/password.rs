//! argon2id password hashing with configurable cost (cheaper only in tests).

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

#[derive(Clone)]
pub struct PasswordHashing {
    params: Params,
    /// A hash of a random password, verified against when the account does not exist, so that timing does
    /// not reveal which usernames exist.
    dummy: String,
}

impl PasswordHashing {
    pub fn new(memory_kib: u32, iterations: u32) -> PasswordHashing {
        let params = Params::new(memory_kib, iterations, 1, None).expect("valid argon2 parameters");
        let mut p = PasswordHashing {
            params,
            dummy: String::new(),
        };
        p.dummy = p.hash(&crate::security::crypto::random_token(16));
        p
    }

    fn argon(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    pub fn hash(&self, password: &str) -> String {
        self.argon()
            .hash_password(password.as_bytes())
            .expect("argon2 hashing")
            .to_string()
    }

    pub fn verify(&self, password: &str, hash: &str) -> bool {
        match PasswordHash::new(hash) {
            Ok(parsed) => self
                .argon()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    }

    /// Spends the same time as a real verification and returns false.
    pub fn verify_dummy(&self, password: &str) {
        let _ = self.verify(password, &self.dummy.clone());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hash_and_verify() {
        let p = super::PasswordHashing::new(1024, 1);
        let h = p.hash("abc12345");
        assert!(h.starts_with("$argon2id$"));
        assert!(p.verify("abc12345", &h));
        assert!(!p.verify("abc12346", &h));
        assert!(!p.verify("abc12345", "not a hash"));
    }
}
