//! Configuration: every `WEIKAO_*` environment variable is declared once in [`VARS`] (name, default,
//! description). The same table parses the environment, rejects unknown variables (`--check-config`) and
//! generates `docs/configuration.md` (`weikao config-doc`).

use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct Var {
    pub name: &'static str,
    pub default: &'static str,
    pub description: &'static str,
}

macro_rules! vars {
    ($( $name:literal, $default:literal, $desc:literal; )*) => {
        pub const VARS: &[Var] = &[ $( Var { name: $name, default: $default, description: $desc }, )* ];
    };
}

vars! {
    "WEIKAO_ENV", "development", "`development` or `production`. Production refuses to start without explicit keys and never generates dev keys.";
    "WEIKAO_BIND", "127.0.0.1:8080", "Address the HTTP server listens on.";
    "WEIKAO_PUBLIC_URL", "http://127.0.0.1:8080", "External base URL (links in messages, cashier return URLs).";
    "WEIKAO_DATABASE_URL", "postgres://weikao_app@127.0.0.1:5432/weikao", "PostgreSQL URL of the least-privilege application role `weikao_app`.";
    "WEIKAO_DATABASE_OWNER_URL", "postgres://postgres@127.0.0.1:5432/weikao", "PostgreSQL URL of the schema owner; used only to create the database and run migrations.";
    "WEIKAO_DB_POOL_SIZE", "16", "Maximum connections in the application pool (per process).";
    "WEIKAO_DATA_DIR", "", "Directory for generated development keys and local files; default `$XDG_DATA_HOME/weikao` or `~/.local/share/weikao` (outside the repository).";
    "WEIKAO_JWT_SECRET", "", "HMAC secret (at least 32 bytes) for access tokens. Generated into the data dir in development when empty.";
    "WEIKAO_PII_KEY", "", "AES-256-GCM key for ID numbers and TOTP secrets, 32 bytes as 64 hex characters. Generated in development when empty.";
    "WEIKAO_BLIND_INDEX_KEY", "", "HMAC-SHA256 key for the ID-number blind index, 32 bytes as 64 hex characters. Generated in development when empty. Changing it requires re-indexing.";
    "WEIKAO_ACCESS_TOKEN_TTL_SECS", "900", "Lifetime of access tokens.";
    "WEIKAO_REFRESH_TOKEN_TTL_SECS", "1209600", "Lifetime of refresh tokens and login sessions.";
    "WEIKAO_ARGON2_MEMORY_KIB", "19456", "argon2id memory cost (OWASP minimum 19 MiB). Lower only in tests.";
    "WEIKAO_ARGON2_ITERATIONS", "2", "argon2id time cost.";
    "WEIKAO_STAFF_MAX_FAILURES", "5", "Consecutive failed logins after which a staff account is locked.";
    "WEIKAO_STAFF_LOCK_MINUTES", "30", "How long a locked staff account stays locked.";
    "WEIKAO_CANDIDATE_FREE_FAILURES", "3", "Failed candidate logins before progressive delays start (no hard lock).";
    "WEIKAO_CANDIDATE_MAX_DELAY_SECS", "900", "Upper bound of the progressive delay between candidate login attempts.";
    "WEIKAO_IP_AUTH_LIMIT_PER_MINUTE", "600", "Authentication requests allowed per client IP per minute (schools behind one NAT need headroom).";
    "WEIKAO_TRUSTED_PROXIES", "", "Comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For is believed.";
    "WEIKAO_CODE_TTL_SECS", "600", "Lifetime of SMS/e-mail verification codes.";
    "WEIKAO_CODE_RESEND_SECS", "60", "Minimum interval between two codes to the same target.";
    "WEIKAO_PRIVACY_VERSION", "2026-01", "Current privacy notice version candidates must accept at sign-up.";
    "WEIKAO_SMTP_URL", "", "SMTP relay, e.g. `smtp://user:pass@host:587` (STARTTLS), `smtps://host:465` or `smtp://host:1025?tls=none`. Empty: e-mails stay in the outbox table.";
    "WEIKAO_MAIL_FROM", "weikao <noreply@weikao.local>", "Sender address of e-mails.";
    "WEIKAO_SMS_GATEWAY_URL", "", "HTTP SMS gateway endpoint (POST JSON `{phone, text}`). Empty: SMS stay in the outbox table.";
    "WEIKAO_SMS_GATEWAY_TOKEN", "", "Bearer token for the SMS gateway.";
    "WEIKAO_STORAGE", "fs", "Object store for attachments: `fs` (local directory) or `s3`.";
    "WEIKAO_STORAGE_DIR", "", "Directory of the `fs` object store; default `<data dir>/objects`.";
    "WEIKAO_S3_ENDPOINT", "", "S3 endpoint URL (path-style), e.g. `http://127.0.0.1:8333`.";
    "WEIKAO_S3_BUCKET", "weikao", "S3 bucket.";
    "WEIKAO_S3_REGION", "us-east-1", "S3 region.";
    "WEIKAO_S3_ACCESS_KEY", "", "S3 access key.";
    "WEIKAO_S3_SECRET_KEY", "", "S3 secret key.";
    "WEIKAO_PAYMENT_SANDBOX", "true", "Mount the built-in payment-center sandbox under `/sandbox/paycenter` (and let the worker deliver its notifications).";
    "WEIKAO_PAYCENTER_URL", "", "Base URL of the payment center's API; default: the built-in sandbox at `<WEIKAO_PUBLIC_URL>/sandbox/paycenter`.";
    "WEIKAO_PAYCENTER_MERCHANT_ID", "weikao-dev", "Merchant number at the payment center.";
    "WEIKAO_PAYCENTER_SECRET", "weikao-dev-paycenter-secret", "Shared HMAC-SHA256 signing secret with the payment center (docs/payment-protocol.md); production must set its own.";
    "WEIKAO_PAYMENT_ORDER_TTL_SECS", "1800", "How long a payment order stays payable (never past the stage's payment window).";
    "WEIKAO_PAYCENTER_CONCURRENCY", "16", "Status queries a worker keeps in flight at once.";
    "WEIKAO_PAYCENTER_MAX_QPS", "200", "Rate cap: status queries per second and worker (the center's limit divided among the workers).";
    "WEIKAO_PAYMENT_TIME_SCALE", "1", "Divides the payment duties' waits (status-query schedule, claim leases, refund and sandbox notification retries); tests and chaos runs use e.g. `20`. Production: 1.";
    "WEIKAO_WEB_DIR", "", "Directory holding the built SPAs (`candidate/`, `review/`); default: the repository's `frontend-*/dist`.";
    "WEIKAO_LOG_FORMAT", "text", "`text` or `json` log lines.";
    "WEIKAO_LOG", "info", "Log filter (tracing EnvFilter syntax).";
    "WEIKAO_WORKER_POLL_MS", "1000", "How often the worker looks for work when idle.";
    "WEIKAO_AUDIT_SEAL_BATCH", "5000", "Maximum audit rows sealed into one chain link.";
    "WEIKAO_AUDIT_ANCHOR_FILE", "", "File the worker appends audit chain heads to (outside the database); default `<data dir>/audit-anchors.log`.";
    "WEIKAO_MAX_JSON_BYTES", "262144", "Largest accepted JSON request body.";
    "WEIKAO_UPLOAD_MAX_BYTES", "10485760", "Largest accepted material upload (refused with 413 before the body is read when Content-Length says so, else as soon as it is exceeded).";
    "WEIKAO_IMPORT_MAX_BYTES", "209715200", "Largest library import file (CSV or XLSX), refused before parsing (413 on the API, an error in the CLI).";
    "WEIKAO_UPLOAD_MAX_PIXELS", "40000000", "Largest image (width × height) accepted, checked from the header before any decoding.";
    "WEIKAO_LINK_TTL_SECS", "300", "Lifetime of signed download links for materials.";
    "WEIKAO_BACKUP_DIR", "", "Where `weikao backup` writes backups (database dump, attachment copies, manifests); default `<data dir>/backups`. Put it on another disk or mount.";
    "WEIKAO_BACKUP_KEEP", "8", "How many backups `weikao backup` keeps (older ones and the attachment copies only they referenced are removed).";
    "WEIKAO_SECURITY_PATROL", "true", "The worker runs the security patrol once a day after 07:00 (report under `<data dir>/reports/`).";
    "WEIKAO_BACKUP_EVERY_DAYS", "7", "The worker takes a backup when the newest is this many days old (0 = only on demand).";
    "WEIKAO_RETENTION_DAYS", "", "Retention per data class for `weikao cleanup expired`, as `class=days,…` over the defaults: auth_sessions=90, verification_codes=7, outbox=180, jobs=90, superseded_materials=365, drafts=365, reports=730, library_archive=1095, national_imports=730. The audit log is never removed.";
    "WEIKAO_DRILL_EVERY_DAYS", "7", "The worker runs a restore drill of the newest backup (`weikao restore --verify`) when the newest drill report is this many days old (0 = only on demand).";
    "WEIKAO_DB_INSPECT_EVERY_DAYS", "7", "The worker runs the database inspection (`weikao inspect db`) when the newest report is this many days old (0 = only on demand).";
    "WEIKAO_SUPPLEMENT_REMIND_DAYS", "3", "Nurse fresh graduates who still owe their supplementary materials get one e-mail reminder this many days before the supplement deadline (0 = no reminders; expiry happens regardless).";
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown configuration variable {0} (see docs/configuration.md)")]
    Unknown(String),
    #[error("{name}: {message}")]
    Invalid { name: &'static str, message: String },
}

/// A CIDR block for trusted proxies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cidr {
    pub addr: std::net::IpAddr,
    pub prefix: u8,
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Cidr> {
        let (a, p) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: std::net::IpAddr = a.trim().parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p.trim().parse::<u8>().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(Cidr { addr, prefix })
    }

    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr::*;
        match (self.addr, ip) {
            (V4(n), V4(i)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - self.prefix)
                };
                u32::from(n) & mask == u32::from(i) & mask
            }
            (V6(n), V6(i)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - self.prefix)
                };
                u128::from(n) & mask == u128::from(i) & mask
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub production: bool,
    pub bind: String,
    pub public_url: String,
    pub database_url: String,
    pub database_owner_url: String,
    pub db_pool_size: u32,
    pub data_dir: PathBuf,
    pub jwt_secret: String,
    pub pii_key: String,
    pub blind_index_key: String,
    pub access_token_ttl_secs: i64,
    pub refresh_token_ttl_secs: i64,
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub staff_max_failures: i32,
    pub staff_lock_minutes: i64,
    pub candidate_free_failures: i32,
    pub candidate_max_delay_secs: i64,
    pub ip_auth_limit_per_minute: i32,
    pub trusted_proxies: Vec<Cidr>,
    pub code_ttl_secs: i64,
    pub code_resend_secs: i64,
    pub privacy_version: String,
    pub smtp_url: String,
    pub mail_from: String,
    pub sms_gateway_url: String,
    pub sms_gateway_token: String,
    pub storage: String,
    pub storage_dir: String,
    pub s3_endpoint: String,
    pub s3_bucket: String,
    pub s3_region: String,
    pub s3_access_key: String,
    pub s3_secret_key: String,
    pub payment_sandbox: bool,
    pub paycenter_url: String,
    pub paycenter_merchant_id: String,
    pub paycenter_secret: String,
    pub payment_order_ttl_secs: i64,
    pub payment_time_scale: i64,
    pub paycenter_concurrency: usize,
    pub paycenter_max_qps: u32,
    pub web_dir: String,
    pub log_format: String,
    pub log_filter: String,
    pub worker_poll_ms: u64,
    pub audit_seal_batch: i64,
    pub audit_anchor_file: String,
    pub max_json_bytes: usize,
    pub upload_max_bytes: u64,
    pub upload_max_pixels: u64,
    pub import_max_bytes: u64,
    pub link_ttl_secs: i64,
    pub backup_dir: String,
    pub backup_keep: usize,
    pub backup_every_days: i64,
    pub security_patrol: bool,
    pub db_inspect_every_days: i64,
    pub drill_every_days: i64,
    pub supplement_remind_days: i64,
    /// days kept per data class (`weikao_core::ops::retention`)
    pub retention: std::collections::BTreeMap<&'static str, i64>,
}

struct Source<'a> {
    env: &'a BTreeMap<String, String>,
}

impl Source<'_> {
    fn raw(&self, name: &'static str) -> String {
        let default = VARS
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("{name} is not declared in VARS"))
            .default;
        self.env
            .get(name)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }

    fn parse<T: std::str::FromStr>(&self, name: &'static str) -> Result<T, ConfigError> {
        let raw = self.raw(name);
        raw.trim().parse().map_err(|_| ConfigError::Invalid {
            name,
            message: format!("cannot parse {raw:?}"),
        })
    }

    fn bool(&self, name: &'static str) -> Result<bool, ConfigError> {
        match self.raw(name).trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok(true),
            "0" | "false" | "no" | "off" => Ok(false),
            other => Err(ConfigError::Invalid {
                name,
                message: format!("expected true/false, got {other:?}"),
            }),
        }
    }

    fn one_of(&self, name: &'static str, allowed: &[&str]) -> Result<String, ConfigError> {
        let v = self.raw(name);
        if allowed.contains(&v.as_str()) {
            Ok(v)
        } else {
            Err(ConfigError::Invalid {
                name,
                message: format!("expected one of {allowed:?}, got {v:?}"),
            })
        }
    }
}

fn default_data_dir(env: &BTreeMap<String, String>) -> PathBuf {
    if let Some(x) = env.get("XDG_DATA_HOME").filter(|s| !s.is_empty()) {
        return PathBuf::from(x).join("weikao");
    }
    let home = env.get("HOME").cloned().unwrap_or_else(|| "/tmp".into());
    PathBuf::from(home).join(".local/share/weikao")
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_map(&std::env::vars().collect())
    }

    /// Parses a set of variables; unknown `WEIKAO_*` names are an error (typos must not go unnoticed).
    pub fn from_map(env: &BTreeMap<String, String>) -> Result<Config, ConfigError> {
        for k in env.keys() {
            if k.starts_with("WEIKAO_")
                && !k.starts_with("WEIKAO_TEST_")
                && !VARS.iter().any(|v| v.name == k)
            {
                return Err(ConfigError::Unknown(k.clone()));
            }
        }
        let s = Source { env };
        let env_name = s.one_of("WEIKAO_ENV", &["development", "production"])?;
        let data_dir = match s.raw("WEIKAO_DATA_DIR") {
            d if d.is_empty() => default_data_dir(env),
            d => PathBuf::from(d),
        };
        let trusted_proxies = s
            .raw("WEIKAO_TRUSTED_PROXIES")
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                Cidr::parse(p).ok_or_else(|| ConfigError::Invalid {
                    name: "WEIKAO_TRUSTED_PROXIES",
                    message: format!("not an IP or CIDR: {p:?}"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let cfg = Config {
            production: env_name == "production",
            bind: s.raw("WEIKAO_BIND"),
            public_url: s.raw("WEIKAO_PUBLIC_URL").trim_end_matches('/').to_string(),
            database_url: s.raw("WEIKAO_DATABASE_URL"),
            database_owner_url: s.raw("WEIKAO_DATABASE_OWNER_URL"),
            db_pool_size: s.parse("WEIKAO_DB_POOL_SIZE")?,
            data_dir,
            jwt_secret: s.raw("WEIKAO_JWT_SECRET"),
            pii_key: s.raw("WEIKAO_PII_KEY"),
            blind_index_key: s.raw("WEIKAO_BLIND_INDEX_KEY"),
            access_token_ttl_secs: s.parse("WEIKAO_ACCESS_TOKEN_TTL_SECS")?,
            refresh_token_ttl_secs: s.parse("WEIKAO_REFRESH_TOKEN_TTL_SECS")?,
            argon2_memory_kib: s.parse("WEIKAO_ARGON2_MEMORY_KIB")?,
            argon2_iterations: s.parse("WEIKAO_ARGON2_ITERATIONS")?,
            staff_max_failures: s.parse("WEIKAO_STAFF_MAX_FAILURES")?,
            staff_lock_minutes: s.parse("WEIKAO_STAFF_LOCK_MINUTES")?,
            candidate_free_failures: s.parse("WEIKAO_CANDIDATE_FREE_FAILURES")?,
            candidate_max_delay_secs: s.parse("WEIKAO_CANDIDATE_MAX_DELAY_SECS")?,
            ip_auth_limit_per_minute: s.parse("WEIKAO_IP_AUTH_LIMIT_PER_MINUTE")?,
            trusted_proxies,
            code_ttl_secs: s.parse("WEIKAO_CODE_TTL_SECS")?,
            code_resend_secs: s.parse("WEIKAO_CODE_RESEND_SECS")?,
            privacy_version: s.raw("WEIKAO_PRIVACY_VERSION"),
            smtp_url: s.raw("WEIKAO_SMTP_URL"),
            mail_from: s.raw("WEIKAO_MAIL_FROM"),
            sms_gateway_url: s.raw("WEIKAO_SMS_GATEWAY_URL"),
            sms_gateway_token: s.raw("WEIKAO_SMS_GATEWAY_TOKEN"),
            storage: s.one_of("WEIKAO_STORAGE", &["fs", "s3"])?,
            storage_dir: s.raw("WEIKAO_STORAGE_DIR"),
            s3_endpoint: s.raw("WEIKAO_S3_ENDPOINT"),
            s3_bucket: s.raw("WEIKAO_S3_BUCKET"),
            s3_region: s.raw("WEIKAO_S3_REGION"),
            s3_access_key: s.raw("WEIKAO_S3_ACCESS_KEY"),
            s3_secret_key: s.raw("WEIKAO_S3_SECRET_KEY"),
            payment_sandbox: s.bool("WEIKAO_PAYMENT_SANDBOX")?,
            paycenter_url: match s.raw("WEIKAO_PAYCENTER_URL").trim_end_matches('/') {
                "" => format!(
                    "{}/sandbox/paycenter",
                    s.raw("WEIKAO_PUBLIC_URL").trim_end_matches('/')
                ),
                u => u.to_string(),
            },
            paycenter_merchant_id: s.raw("WEIKAO_PAYCENTER_MERCHANT_ID"),
            paycenter_secret: s.raw("WEIKAO_PAYCENTER_SECRET"),
            payment_order_ttl_secs: s.parse("WEIKAO_PAYMENT_ORDER_TTL_SECS")?,
            payment_time_scale: s.parse("WEIKAO_PAYMENT_TIME_SCALE")?,
            paycenter_concurrency: s.parse("WEIKAO_PAYCENTER_CONCURRENCY")?,
            paycenter_max_qps: s.parse("WEIKAO_PAYCENTER_MAX_QPS")?,
            web_dir: s.raw("WEIKAO_WEB_DIR"),
            log_format: s.one_of("WEIKAO_LOG_FORMAT", &["text", "json"])?,
            log_filter: s.raw("WEIKAO_LOG"),
            worker_poll_ms: s.parse("WEIKAO_WORKER_POLL_MS")?,
            audit_seal_batch: s.parse("WEIKAO_AUDIT_SEAL_BATCH")?,
            audit_anchor_file: s.raw("WEIKAO_AUDIT_ANCHOR_FILE"),
            max_json_bytes: s.parse("WEIKAO_MAX_JSON_BYTES")?,
            upload_max_bytes: s.parse("WEIKAO_UPLOAD_MAX_BYTES")?,
            upload_max_pixels: s.parse("WEIKAO_UPLOAD_MAX_PIXELS")?,
            import_max_bytes: s.parse("WEIKAO_IMPORT_MAX_BYTES")?,
            link_ttl_secs: s.parse("WEIKAO_LINK_TTL_SECS")?,
            backup_dir: s.raw("WEIKAO_BACKUP_DIR"),
            backup_keep: s.parse("WEIKAO_BACKUP_KEEP")?,
            backup_every_days: s.parse("WEIKAO_BACKUP_EVERY_DAYS")?,
            security_patrol: s.bool("WEIKAO_SECURITY_PATROL")?,
            db_inspect_every_days: s.parse("WEIKAO_DB_INSPECT_EVERY_DAYS")?,
            drill_every_days: s.parse("WEIKAO_DRILL_EVERY_DAYS")?,
            supplement_remind_days: s.parse("WEIKAO_SUPPLEMENT_REMIND_DAYS")?,
            retention: weikao_core::ops::retention::parse(&s.raw("WEIKAO_RETENTION_DAYS"))
                .map_err(|message| ConfigError::Invalid {
                    name: "WEIKAO_RETENTION_DAYS",
                    message,
                })?,
        };
        if cfg.storage == "s3" && cfg.s3_endpoint.is_empty() {
            return Err(ConfigError::Invalid {
                name: "WEIKAO_S3_ENDPOINT",
                message: "required when WEIKAO_STORAGE=s3".into(),
            });
        }
        if !(1..=256).contains(&cfg.paycenter_concurrency) || cfg.paycenter_max_qps == 0 {
            return Err(ConfigError::Invalid {
                name: "WEIKAO_PAYCENTER_CONCURRENCY",
                message: "concurrency 1–256 and a max QPS above 0".into(),
            });
        }
        if !(1..=1000).contains(&cfg.payment_time_scale)
            || (cfg.production && cfg.payment_time_scale != 1)
        {
            return Err(ConfigError::Invalid {
                name: "WEIKAO_PAYMENT_TIME_SCALE",
                message: "1–1000, and 1 in production".into(),
            });
        }
        if cfg.production && cfg.paycenter_secret == "weikao-dev-paycenter-secret" {
            return Err(ConfigError::Invalid {
                name: "WEIKAO_PAYCENTER_SECRET",
                message: "set the secret agreed with the payment center in production".into(),
            });
        }
        if cfg.production {
            for (name, v) in [
                ("WEIKAO_JWT_SECRET", &cfg.jwt_secret),
                ("WEIKAO_PII_KEY", &cfg.pii_key),
                ("WEIKAO_BLIND_INDEX_KEY", &cfg.blind_index_key),
            ] {
                if v.is_empty() {
                    return Err(ConfigError::Invalid {
                        name,
                        message: "required in production".into(),
                    });
                }
            }
        }
        Ok(cfg)
    }

    /// Where backups go.
    pub fn backup_root(&self) -> PathBuf {
        if self.backup_dir.is_empty() {
            self.data_dir.join("backups")
        } else {
            PathBuf::from(&self.backup_dir)
        }
    }

    /// The anchor file of the audit chain.
    pub fn audit_anchor_path(&self) -> PathBuf {
        if self.audit_anchor_file.is_empty() {
            self.data_dir.join("audit-anchors.log")
        } else {
            PathBuf::from(&self.audit_anchor_file)
        }
    }
}

/// Markdown reference of every variable (written to docs/configuration.md).
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Configuration reference\n\nGenerated by `weikao config-doc` from `backend/app/src/config.rs`; do not edit by hand.\n\
         Every setting is an environment variable. Unknown `WEIKAO_*` variables are rejected at start-up.\n\n\
         | Variable | Default | Meaning |\n|---|---|---|\n",
    );
    for v in VARS {
        let d = if v.default.is_empty() {
            "(empty)".to_string()
        } else {
            format!("`{}`", v.default)
        };
        out.push_str(&format!("| `{}` | {} | {} |\n", v.name, d, v.description));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_parse() {
        let c = Config::from_map(&map(&[("HOME", "/home/x")])).unwrap();
        assert_eq!(c.bind, "127.0.0.1:8080");
        assert_eq!(c.data_dir, PathBuf::from("/home/x/.local/share/weikao"));
        assert!(!c.production);
    }

    #[test]
    fn unknown_and_invalid_variables_are_rejected() {
        assert!(matches!(
            Config::from_map(&map(&[("WEIKAO_BIDN", "x")])),
            Err(ConfigError::Unknown(_))
        ));
        assert!(Config::from_map(&map(&[("WEIKAO_DB_POOL_SIZE", "many")])).is_err());
        assert!(Config::from_map(&map(&[("WEIKAO_STORAGE", "ftp")])).is_err());
        assert!(Config::from_map(&map(&[("WEIKAO_ENV", "production")])).is_err());
        assert!(Config::from_map(&map(&[("WEIKAO_TRUSTED_PROXIES", "10.0.0.0/33")])).is_err());
        assert!(Config::from_map(&map(&[("WEIKAO_PAYMENT_TIME_SCALE", "0")])).is_err());
        assert!(Config::from_map(&map(&[("WEIKAO_PAYMENT_TIME_SCALE", "20")])).is_ok());
    }

    #[test]
    fn cidr_matching() {
        let c = Cidr::parse("172.16.0.0/12").unwrap();
        assert!(c.contains("172.20.1.2".parse().unwrap()));
        assert!(!c.contains("172.32.0.1".parse().unwrap()));
        assert!(Cidr::parse("127.0.0.1")
            .unwrap()
            .contains("127.0.0.1".parse().unwrap()));
        assert!(!Cidr::parse("::1")
            .unwrap()
            .contains("127.0.0.1".parse().unwrap()));
    }
}
