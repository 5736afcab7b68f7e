//! Retention of data past its use (`weikao cleanup expired`): the data classes, how long each is kept by
//! default, and the operator's overrides (`WEIKAO_RETENTION_DAYS=outbox=180,drafts=400`). The audit log is not
//! a class: it is never removed.

use std::collections::BTreeMap;

/// A data class, its default retention in days, and what "past retention" means for it.
pub struct DataClass {
    pub code: &'static str,
    pub default_days: i64,
    pub what: &'static str,
}

pub const CLASSES: &[DataClass] = &[
    DataClass {
        code: "auth_sessions",
        default_days: 90,
        what: "login sessions (and their refresh tokens) expired or revoked that many days ago",
    },
    DataClass {
        code: "verification_codes",
        default_days: 7,
        what: "SMS and e-mail verification codes expired that many days ago",
    },
    DataClass {
        code: "outbox",
        default_days: 180,
        what: "e-mails and SMS delivered, stored or given up that many days ago (their bodies carry personal data)",
    },
    DataClass {
        code: "jobs",
        default_days: 90,
        what: "background jobs finished that many days ago",
    },
    DataClass {
        code: "superseded_materials",
        default_days: 365,
        what: "uploaded files replaced by a newer upload that many days ago (the file and its record)",
    },
    DataClass {
        code: "drafts",
        default_days: 365,
        what: "registrations never submitted, of sessions whose registration closed that many days ago (with their files)",
    },
    DataClass {
        code: "reports",
        default_days: 730,
        what: "operations reports written that many days ago",
    },
    DataClass {
        code: "library_archive",
        default_days: 1095,
        what: "reference-library rows archived (superseded or expired) that many days ago",
    },
    DataClass {
        code: "national_imports",
        default_days: 730,
        what: "national exports loaded that many days ago, except each session's newest",
    },
];

/// The retention in days of every class: the defaults with `spec`'s overrides (`class=days`, comma
/// separated; empty = defaults). Unknown classes and days below 1 are refused.
pub fn parse(spec: &str) -> Result<BTreeMap<&'static str, i64>, String> {
    let mut out: BTreeMap<&'static str, i64> =
        CLASSES.iter().map(|c| (c.code, c.default_days)).collect();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, days) = part
            .split_once('=')
            .ok_or_else(|| format!("{part:?}: expected class=days"))?;
        let class = CLASSES
            .iter()
            .find(|c| c.code == name.trim())
            .ok_or_else(|| {
                format!(
                    "unknown data class {:?} (known: {})",
                    name.trim(),
                    CLASSES
                        .iter()
                        .map(|c| c.code)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
        let days: i64 = days
            .trim()
            .parse()
            .map_err(|_| format!("{part:?}: days must be a whole number"))?;
        if days < 1 {
            return Err(format!("{part:?}: keep data at least one day"));
        }
        out.insert(class.code, days);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let d = parse("").unwrap();
        assert_eq!(d.len(), CLASSES.len());
        assert_eq!(d["outbox"], 180);
        let o = parse(" outbox = 30 ,drafts=400").unwrap();
        assert_eq!(o["outbox"], 30);
        assert_eq!(o["drafts"], 400);
        assert_eq!(o["jobs"], 90);
    }

    #[test]
    fn mistakes_are_refused_with_a_reason() {
        assert!(parse("audit_log=30")
            .unwrap_err()
            .contains("unknown data class"));
        assert!(parse("outbox").unwrap_err().contains("class=days"));
        assert!(parse("outbox=x").unwrap_err().contains("whole number"));
        assert!(parse("outbox=0").unwrap_err().contains("at least one day"));
    }
}
