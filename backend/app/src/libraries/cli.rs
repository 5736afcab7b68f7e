//! `weikao import` and `weikao library-cleanup`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::http::state::AppState;

use super::import::{import as run_import, ImportRequest, Mode, OnError};

pub struct ImportArgs {
    pub library: String,
    pub file: PathBuf,
    pub mode: String,
    pub on_error: String,
    pub map: Vec<String>,
    pub report: Option<PathBuf>,
}

/// The operating-system user running a command (the actor of its audit rows).
pub fn os_user() -> String {
    std::env::var("USER").unwrap_or_else(|_| "unknown".into())
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("weikao: {msg}");
    ExitCode::FAILURE
}

pub fn import(st: &AppState, a: ImportArgs) -> ExitCode {
    let Some(spec) = weikao_core::libraries::library(&a.library) else {
        return fail(format!(
            "unknown library {:?}; one of: {}",
            a.library,
            weikao_core::libraries::spec::codes().join(", ")
        ));
    };
    let Some(mode) = Mode::parse(&a.mode) else {
        return fail("--mode is replace or append");
    };
    let Some(on_error) = OnError::parse(&a.on_error) else {
        return fail("--on-error is accept_valid or all_or_nothing");
    };
    let mut mapping = BTreeMap::new();
    for m in &a.map {
        let Some((from, to)) = m.split_once('=') else {
            return fail(format!("--map {m:?}: expected HEADER=column"));
        };
        mapping.insert(from.trim().to_string(), to.trim().to_string());
    }
    let size = match std::fs::metadata(&a.file) {
        Ok(m) => m.len(),
        Err(e) => return fail(format!("{}: {e}", a.file.display())),
    };
    if size > st.cfg.import_max_bytes {
        return fail(format!(
            "{}: {size} bytes is over the import limit of {} bytes (WEIKAO_IMPORT_MAX_BYTES); nothing was read",
            a.file.display(),
            st.cfg.import_max_bytes
        ));
    }
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let file_name = a.file.file_name().map(|n| n.to_string_lossy().to_string());
    let user = os_user();
    let req = ImportRequest {
        spec,
        mode,
        on_error,
        mapping,
        file_name: file_name.as_deref(),
        actor_kind: "cli",
        actor_id: Some(user),
        ctx: None,
    };
    let started = Instant::now();
    let progress = |rows: u64| {
        let secs = started.elapsed().as_secs_f64().max(0.001);
        eprint!(
            "\r{}: {rows} rows read, {:.0} rows/s   ",
            spec.code,
            rows as f64 / secs
        );
        let _ = std::io::stderr().flush();
    };
    let now = st.clock.now();
    let outcome = run_import(
        &mut conn,
        &st.keys.pii,
        &a.file,
        &req,
        now,
        crate::clock::local_date(now),
        &progress,
    );
    eprintln!();
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let b = &outcome.batch;
    println!(
        "batch {} {}: {} rows, {} loaded, {} rejected, {} errors, {:.1} s",
        b.id,
        b.status,
        b.rows_total,
        b.rows_loaded,
        b.rows_rejected,
        b.error_count,
        started.elapsed().as_secs_f64()
    );
    if !b.ignored_columns.is_empty() {
        println!("ignored columns: {}", b.ignored_columns.join(", "));
    }
    for e in b.errors.as_array().into_iter().flatten().take(20) {
        println!(
            "  row {} {} {}: {}",
            e["row"],
            e["column"].as_str().unwrap_or(""),
            e["code"].as_str().unwrap_or(""),
            e["message"].as_str().unwrap_or("")
        );
    }
    if let Some(path) = &a.report {
        match super::report::error_report(b)
            .map_err(|e| e.to_string())
            .and_then(|bytes| std::fs::write(path, bytes).map_err(|e| e.to_string()))
        {
            Ok(()) => println!("report written to {}", path.display()),
            Err(e) => return fail(format!("report: {e}")),
        }
    }
    if b.status == "rejected" {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn cleanup(st: &AppState, year: i32, apply: bool) -> ExitCode {
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    match super::cleanup(
        &mut conn,
        year,
        apply,
        st.clock.now(),
        ("cli", Some(os_user())),
        None,
    ) {
        Ok(rows) => {
            for (lib, n) in rows {
                println!(
                    "{lib:<22} {n:>8} {}",
                    if apply {
                        "archived"
                    } else {
                        "expired (dry run)"
                    }
                );
            }
            if !apply {
                println!("dry run: nothing changed; run again with --apply");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
