//! The `weikao` command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "weikao",
    version,
    about = "Registration and qualification review for China's health-sector exams"
)]
pub struct Cli {
    /// Parse the command line and the WEIKAO_* environment, then exit (0 = accepted, 2 = bad arguments,
    /// 3 = bad configuration) without doing anything.
    #[arg(long, global = true)]
    pub check_config: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Apply pending migrations and serve the API (with the worker in-process unless --no-worker).
    Serve {
        /// Do not run the background worker in this process (run `weikao worker` separately).
        #[arg(long)]
        no_worker: bool,
    },
    /// Run the background worker (payments polling, outbox delivery, audit sealing, jobs).
    Worker,
    /// Create the database if needed and apply pending migrations (as the owner, under an advisory lock).
    Migrate,
    /// Write the OpenAPI document (default: openapi/openapi.json); --check fails if the file differs.
    Openapi {
        #[arg(long, default_value = "openapi/openapi.json")]
        out: PathBuf,
        #[arg(long)]
        check: bool,
    },
    /// Load demo data (a province, review hierarchy, staff, exam sessions, candidates). Idempotent.
    SeedDemo,
    /// Audit log tools.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Print the current TOTP code of a base32 secret (for demo accounts and tests).
    TotpCode {
        #[arg(long)]
        secret: String,
    },
    /// Show the newest messages in the outbox (verification codes in a demo without SMTP/SMS).
    Outbox {
        #[arg(long, default_value_t = 10)]
        limit: i64,
    },
    /// Import a reference library from a CSV (UTF-8 or GB18030) or XLSX file; exits 2 when nothing landed.
    Import {
        /// library code: institutions, history, qualifications, violations, provincial_line, physician_practice,
        /// nurse_practice, fresh_graduates, front_line, secondary_education, probation_filings, apprenticeship
        library: String,
        file: PathBuf,
        /// `replace` (the file becomes the library) or `append`
        #[arg(long, default_value = "replace")]
        mode: String,
        /// `accept_valid` (valid rows land, the rest is reported) or `all_or_nothing`
        #[arg(long, default_value = "accept_valid")]
        on_error: String,
        /// header mapping, repeatable: --map '人员证件=id_number'
        #[arg(long = "map")]
        map: Vec<String>,
        /// write the XLSX error report to this file
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Archive and remove expired library rows (bans ended, earlier graduates); a dry run unless --apply.
    LibraryCleanup {
        /// the exam year rows must still be valid for
        #[arg(long)]
        year: i32,
        #[arg(long)]
        apply: bool,
    },
    /// Re-run verification: every open registration (after a rule or policy change), or a random sample one
    /// at a time with latency percentiles.
    Verify {
        /// re-verify every open (submitted, resubmitted, returned) registration
        #[arg(long)]
        open: bool,
        /// verify this many random open registrations one by one and print p50/p99
        #[arg(long)]
        sample: Option<usize>,
    },
    /// Reconcile a day's payments against the payment center's statement; exits 1 when discrepancies remain.
    Reconcile {
        /// the statement day (Asia/Shanghai), default yesterday
        #[arg(long)]
        day: Option<chrono::NaiveDate>,
    },
    /// Back up the database (pg_dump of one snapshot) and copy new attachments to the backup location, with a
    /// manifest of row counts and checksums; keeps the newest WEIKAO_BACKUP_KEEP backups.
    Backup,
    /// Restore drill: restore a backup into a fresh database and object location and prove it (exit 1 on a
    /// failed check).
    Restore {
        /// verify the backup by restoring it (the only mode: a drill never touches the live system)
        #[arg(long)]
        verify: bool,
        /// the backup directory (default: the newest under WEIKAO_BACKUP_DIR)
        backup: Option<PathBuf>,
        /// keep the restored database and files for inspection
        #[arg(long)]
        keep: bool,
    },
    /// Inspections: `weikao inspect preseason` (configuration, dependencies, capacity, indexes, secrets,
    /// backups and drills, each pass/warn/fail with advice) and `weikao inspect db` (the database's
    /// statistics compared with the previous inspection); exit 1 when an item failed.
    Inspect {
        #[command(subcommand)]
        what: InspectKind,
    },
    /// Patrols: `weikao patrol security` (accounts without TOTP, dormant and privileged accounts, failed-login
    /// bursts, lockouts, unusual exports, API clients' volume, the audit chain); exit 1 on a failed check.
    Patrol {
        #[command(subcommand)]
        what: PatrolKind,
    },
    /// Archiving: `weikao archive season <session id>` moves a closed session's versions, findings, review
    /// actions and files to the archive with a manifest (registrations stay queryable); resumes when rerun.
    Archive {
        #[command(subcommand)]
        what: ArchiveKind,
    },
    /// Cleanup: `weikao cleanup expired [--apply]` counts (dry run) or removes the data past its retention
    /// (WEIKAO_RETENTION_DAYS) and expired reference-library rows; --apply needs a dry run in the last 24 h.
    Cleanup {
        #[command(subcommand)]
        what: CleanupKind,
    },
    /// The national–provincial comparison of an exam session (docs/integration.md §5).
    Compare {
        #[command(subcommand)]
        action: CompareAction,
    },
    /// A season's exam catalog: `weikao catalog import <session id> <file>` reads levels, categories,
    /// specialties and subjects from CSV or XLSX (all or nothing; upserted by code; exit 2 when nothing landed).
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// API clients of third-party systems (docs/integration.md).
    Client {
        #[command(subcommand)]
        action: ClientAction,
    },
    /// Write the configuration reference (default: docs/configuration.md).
    ConfigDoc {
        #[arg(long, default_value = "docs/configuration.md")]
        out: PathBuf,
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditAction {
    /// Verify the hash chain against the anchor file; exits 1 when a problem is found.
    Verify,
    /// Seal settled rows now (the worker does this continuously).
    Seal,
}

#[derive(Subcommand, Debug)]
pub enum CatalogAction {
    /// Import a catalog file into an exam session.
    Import { session: uuid::Uuid, file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum ClientAction {
    /// Register a client; prints its secret once.
    Create {
        /// the client id it authenticates with, e.g. `national-network`
        client_id: String,
        #[arg(long)]
        name: String,
        /// repeatable: registrations:read, identity:read, materials:read, probation:write, institutions:write,
        /// talent:exchange
        #[arg(long = "scope")]
        scopes: Vec<String>,
        /// repeatable: a browser origin allowed to call the API cross-domain, e.g. https://wsks.example.cn
        #[arg(long = "origin")]
        origins: Vec<String>,
        /// calls per minute
        #[arg(long, default_value_t = 600)]
        rate_limit: i32,
    },
    /// List the clients with their scopes, origins and last use.
    List,
}

#[derive(Subcommand, Debug)]
pub enum CompareAction {
    /// Load the national system's export (CSV or XLSX) for an exam session.
    Import {
        #[arg(long)]
        session: uuid::Uuid,
        file: PathBuf,
    },
    /// Compare the session's newest national import with our registrations; prints the counts.
    Run {
        #[arg(long)]
        session: uuid::Uuid,
    },
}

#[derive(Subcommand, Debug)]
pub enum PatrolKind {
    /// The daily security patrol.
    Security,
}

#[derive(Subcommand, Debug)]
pub enum ArchiveKind {
    /// A closed exam session.
    Season {
        /// the exam session's id
        session: uuid::Uuid,
    },
}

#[derive(Subcommand, Debug)]
pub enum CleanupKind {
    /// Data past its retention, class by class.
    Expired {
        /// remove (default: count only)
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum InspectKind {
    /// Before the season opens (and after any change of configuration).
    Preseason,
    /// The database's statistics (top statements, cache, indexes, scans, transactions, locks, connections),
    /// compared with the previous inspection; weekly by the worker.
    Db,
}
