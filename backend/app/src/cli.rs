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
