//! Resolves the secrets of a process: from configuration, or (development only) from a key file generated
//! once under the data dir, outside the repository.

use std::path::Path;

use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::security::crypto::{parse_key, PiiCipher};

#[derive(Clone, Serialize, Deserialize)]
struct DevKeys {
    jwt_secret: String,
    pii_key: String,
    blind_index_key: String,
}

#[derive(Clone)]
pub struct Keys {
    pub jwt_secret: Vec<u8>,
    pub pii: PiiCipher,
}

fn random_hex() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

fn load_or_create_dev_keys(dir: &Path) -> Result<DevKeys, String> {
    let path = dir.join("dev-keys.json");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let keys = DevKeys {
        jwt_secret: random_hex(),
        pii_key: random_hex(),
        blind_index_key: random_hex(),
    };
    let text = serde_json::to_string_pretty(&keys).expect("serialise keys");
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    tracing::warn!(path = %path.display(), "generated development keys; set WEIKAO_* keys in production");
    Ok(keys)
}

impl Keys {
    pub fn resolve(cfg: &Config) -> Result<Keys, String> {
        let need_dev =
            cfg.jwt_secret.is_empty() || cfg.pii_key.is_empty() || cfg.blind_index_key.is_empty();
        let dev = if need_dev {
            if cfg.production {
                return Err("keys are required in production".into());
            }
            Some(load_or_create_dev_keys(&cfg.data_dir)?)
        } else {
            None
        };
        let pick = |v: &str, f: fn(&DevKeys) -> String| -> String {
            if v.is_empty() {
                f(dev.as_ref().expect("dev keys"))
            } else {
                v.to_string()
            }
        };
        let jwt = pick(&cfg.jwt_secret, |d| d.jwt_secret.clone());
        if jwt.len() < 32 {
            return Err("WEIKAO_JWT_SECRET must be at least 32 characters".into());
        }
        let pii = parse_key(&pick(&cfg.pii_key, |d| d.pii_key.clone()))
            .map_err(|e| format!("WEIKAO_PII_KEY: {e}"))?;
        let bidx = parse_key(&pick(&cfg.blind_index_key, |d| d.blind_index_key.clone()))
            .map_err(|e| format!("WEIKAO_BLIND_INDEX_KEY: {e}"))?;
        Ok(Keys {
            jwt_secret: jwt.into_bytes(),
            pii: PiiCipher::new(pii, bidx),
        })
    }
}

/// Refuses to run with keys other than those the database was created with: the blind index must match
/// (or lookups silently miss) and stored ciphertexts must decrypt.
pub fn verify_against_database(keys: &Keys, conn: &mut diesel::PgConnection) -> Result<(), String> {
    const PROBE: &str = "weikao key check";
    let index = keys.pii.blind_index(PROBE);
    let stored =
        weikao_store::db::key_check(conn, "blind_index", &index).map_err(|e| e.to_string())?;
    if stored != index {
        return Err("WEIKAO_BLIND_INDEX_KEY differs from the key this database was created with; start with the original key".into());
    }
    let sealed = weikao_store::db::key_check(conn, "pii", &keys.pii.encrypt(PROBE))
        .map_err(|e| e.to_string())?;
    if keys.pii.decrypt(&sealed).ok().as_deref() != Some(PROBE) {
        return Err("WEIKAO_PII_KEY differs from the key this database was created with; start with the original key".into());
    }
    Ok(())
}
