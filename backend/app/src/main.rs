use std::process::ExitCode;

use actix_web::{web, HttpServer};
use clap::Parser;
use weikao_app::cli::{
    ArchiveKind, AuditAction, CatalogAction, CleanupKind, Cli, ClientAction, Command,
    CompareAction, InspectKind, PatrolKind,
};
use weikao_app::clock::Clock;
use weikao_app::config::{reference_markdown, Config};
use weikao_app::http::server::{build_app, openapi_document};
use weikao_app::http::state::AppState;
use weikao_app::security::keys::Keys;
use weikao_app::{audit, libraries, openapi, security, seed, verification, worker};
use weikao_store::db;

fn init_tracing(cfg: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_new(&cfg.log_filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if cfg.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("weikao: {msg}");
    ExitCode::FAILURE
}

fn migrate(cfg: &Config) -> Result<(), String> {
    if db::ensure_database(&cfg.database_owner_url).map_err(|e| e.to_string())? {
        tracing::info!(
            "created database {}",
            db::database_name(&cfg.database_owner_url).unwrap_or_default()
        );
    }
    let applied = db::run_migrations(&cfg.database_owner_url).map_err(|e| e.to_string())?;
    for m in &applied {
        tracing::info!(migration = %m, "applied");
    }
    db::sync_app_role_password(&cfg.database_owner_url, &cfg.database_url)
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// One connection as the application role, for the short-lived CLI commands.
fn connect(cfg: &Config) -> Result<diesel::PgConnection, String> {
    use diesel::Connection;
    diesel::PgConnection::establish(&cfg.database_url).map_err(|e| e.to_string())
}

fn state(cfg: Config) -> Result<AppState, String> {
    let keys = Keys::resolve(&cfg)?;
    let pool = db::build_pool(&cfg.database_url, cfg.db_pool_size).map_err(|e| e.to_string())?;
    {
        let mut conn = connect(&cfg)?;
        weikao_app::security::keys::verify_against_database(&keys, &mut conn)?;
    }
    let store = weikao_app::storage::from_config(&cfg)?;
    Ok(AppState::new(cfg, pool, keys, Clock::default(), store))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cfg = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("weikao: configuration error: {e}");
            return ExitCode::from(3);
        }
    };
    if cli.check_config {
        println!("configuration accepted for {:?}", cli.command);
        return ExitCode::SUCCESS;
    }
    init_tracing(&cfg);
    match cli.command {
        Command::Openapi { out, check } => {
            let text = openapi::to_pretty_json(&openapi_document());
            write_or_check(&out, &text, check)
        }
        Command::ConfigDoc { out, check } => write_or_check(&out, &reference_markdown(), check),
        Command::TotpCode { secret } => match security::totp::base32_decode(&secret) {
            Some(s) => {
                let now = chrono::Utc::now().timestamp();
                println!(
                    "{}",
                    security::totp::code_at_step(&s, security::totp::step_of(now))
                );
                ExitCode::SUCCESS
            }
            None => fail("the secret is not base32"),
        },
        Command::Migrate => match migrate(&cfg) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        Command::SeedDemo => {
            if let Err(e) = migrate(&cfg) {
                return fail(e);
            }
            match state(cfg).and_then(|s| seed::seed_demo(&s).map_err(|e| e.to_string())) {
                Ok(report) => {
                    println!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Outbox { limit } => {
            let mut conn = match connect(&cfg) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            match weikao_store::outbox::recent(&mut conn, limit) {
                Ok(rows) => {
                    for m in rows {
                        println!(
                            "{}  {:6} {:8} {}  {}",
                            m.created_at.format("%F %T"),
                            m.channel,
                            m.status,
                            m.recipient,
                            m.body
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Audit { action } => {
            let mut conn = match connect(&cfg) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let anchor = cfg.audit_anchor_path();
            match action {
                AuditAction::Seal => match audit::chain::seal_pending(
                    &mut conn,
                    chrono::Utc::now(),
                    cfg.audit_seal_batch,
                    Some(&anchor),
                ) {
                    Ok(Some(s)) => {
                        println!(
                            "sealed {} rows (ids {}..={}) as seal {}",
                            s.row_count, s.first_id, s.last_id, s.id
                        );
                        ExitCode::SUCCESS
                    }
                    Ok(None) => {
                        println!("nothing to seal");
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(e),
                },
                AuditAction::Verify => match audit::chain::verify(&mut conn, Some(&anchor)) {
                    Ok(r) => {
                        println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
                        if r.ok {
                            println!(
                                "audit chain OK: {} seals, {} rows, {} unsealed",
                                r.seals_checked, r.rows_checked, r.unsealed_rows
                            );
                            ExitCode::SUCCESS
                        } else {
                            eprintln!("audit chain BROKEN");
                            ExitCode::FAILURE
                        }
                    }
                    Err(e) => fail(e),
                },
            }
        }
        Command::Import {
            library,
            file,
            mode,
            on_error,
            map,
            report,
        } => match state(cfg) {
            Ok(st) => libraries::cli::import(
                &st,
                libraries::cli::ImportArgs {
                    library,
                    file,
                    mode,
                    on_error,
                    map,
                    report,
                },
            ),
            Err(e) => fail(e),
        },
        Command::LibraryCleanup { year, apply } => match state(cfg) {
            Ok(st) => libraries::cli::cleanup(&st, year, apply),
            Err(e) => fail(e),
        },
        Command::Inspect {
            what: InspectKind::Preseason,
        } => match state(cfg) {
            Ok(st) => runtime().block_on(weikao_app::ops::inspect::cli(&st)),
            Err(e) => fail(e),
        },
        Command::Archive {
            what: ArchiveKind::Season { session },
        } => match state(cfg) {
            Ok(st) => runtime().block_on(weikao_app::ops::archive::cli(
                &st,
                session,
                weikao_app::libraries::cli::os_user(),
            )),
            Err(e) => fail(e),
        },
        Command::Cleanup {
            what: CleanupKind::Expired { apply },
        } => match state(cfg) {
            Ok(st) => runtime().block_on(weikao_app::ops::cleanup::cli(
                &st,
                apply,
                weikao_app::libraries::cli::os_user(),
            )),
            Err(e) => fail(e),
        },
        Command::Inspect {
            what: InspectKind::Db,
        } => match state(cfg) {
            Ok(st) => weikao_app::ops::dbinspect::cli(&st),
            Err(e) => fail(e),
        },
        Command::Patrol {
            what: PatrolKind::Security,
        } => match state(cfg) {
            Ok(st) => weikao_app::ops::patrol::cli(&st),
            Err(e) => fail(e),
        },
        Command::Backup => match state(cfg) {
            Ok(st) => runtime().block_on(weikao_app::ops::cli::backup(&st)),
            Err(e) => fail(e),
        },
        Command::Restore {
            verify,
            backup,
            keep,
        } => {
            if !verify {
                eprintln!("weikao: restore runs as a drill only: add --verify");
                return ExitCode::from(2);
            }
            match state(cfg) {
                Ok(st) => {
                    let dir = backup
                        .or_else(|| weikao_app::ops::backup::list(&st.cfg.backup_root()).pop());
                    match dir {
                        Some(d) => {
                            runtime().block_on(weikao_app::ops::cli::restore_verify(&st, &d, keep))
                        }
                        None => fail(format!(
                            "no backup under {}",
                            st.cfg.backup_root().display()
                        )),
                    }
                }
                Err(e) => fail(e),
            }
        }
        Command::Compare { action } => match state(cfg) {
            Ok(st) => match action {
                CompareAction::Import { session, file } => {
                    weikao_app::exchange::comparison::cli_import(&st, session, &file)
                }
                CompareAction::Run { session } => {
                    weikao_app::exchange::comparison::cli_run(&st, session)
                }
            },
            Err(e) => fail(e),
        },
        Command::Catalog { action } => match state(cfg) {
            Ok(st) => match action {
                CatalogAction::Import { session, file } => {
                    weikao_app::catalog::import::cli_import(&st, session, &file)
                }
            },
            Err(e) => fail(e),
        },
        Command::Client { action } => match state(cfg) {
            Ok(st) => match action {
                ClientAction::Create {
                    client_id,
                    name,
                    scopes,
                    origins,
                    rate_limit,
                } => weikao_app::exchange::clients_cli::create(
                    &st, &client_id, &name, scopes, origins, rate_limit,
                ),
                ClientAction::List => weikao_app::exchange::clients_cli::list(&st),
            },
            Err(e) => fail(e),
        },
        Command::Verify { open, sample } => match state(cfg) {
            Ok(st) => verification::cli::run(&st, open, sample),
            Err(e) => fail(e),
        },
        Command::Reconcile { day } => {
            let st = match state(cfg) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let now = st.clock.now();
            let day = day.unwrap_or_else(|| {
                weikao_app::clock::local_date(now)
                    .pred_opt()
                    .expect("a previous day")
            });
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("tokio runtime");
            let center = weikao_app::payments::gateway::PayCenter::from_config(&st.cfg);
            let user = format!(
                "cli:{}",
                std::env::var("USER").unwrap_or_else(|_| "unknown".into())
            );
            match rt.block_on(weikao_app::payments::reconcile::run(
                &st.pool, &center, day, now, &user,
            )) {
                Ok(r) => {
                    println!(
                        "{}: {} (matched {}, discrepancies {}, healed {}; ours {} fen, center {} fen)",
                        r.day, r.status, r.matched, r.discrepancies, r.healed, r.ours_total_fen, r.theirs_total_fen
                    );
                    for item in r.items.as_array().into_iter().flatten() {
                        println!("  {item}");
                    }
                    if r.status == "clean" {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(e) => fail(e),
            }
        }
        Command::Worker => {
            let st = match state(cfg) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("tokio runtime");
            rt.block_on(async move {
                match worker::Worker::new(st.cfg.clone(), st.pool.clone(), st.clock.clone()) {
                    Ok(w) => {
                        w.run().await;
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(e),
                }
            })
        }
        Command::Serve { no_worker } => {
            if let Err(e) = migrate(&cfg) {
                return fail(e);
            }
            let st = match state(cfg) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            match serve(st, !no_worker) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e),
            }
        }
    }
}

fn write_or_check(out: &std::path::Path, text: &str, check: bool) -> ExitCode {
    if check {
        match std::fs::read_to_string(out) {
            Ok(existing) if existing == text => ExitCode::SUCCESS,
            _ => fail(format!(
                "{} is out of date: regenerate it (make generate)",
                out.display()
            )),
        }
    } else {
        if let Some(dir) = out.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match std::fs::write(out, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("{}: {e}", out.display())),
        }
    }
}

fn serve(st: AppState, with_worker: bool) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async move {
        if with_worker {
            let w = worker::Worker::new(st.cfg.clone(), st.pool.clone(), st.clock.clone())?;
            tokio::spawn(w.run());
        }
        let bind = st.cfg.bind.clone();
        let max_json = st.cfg.max_json_bytes;
        let data = web::Data::new(st);
        tracing::info!(%bind, "serving");
        HttpServer::new(move || build_app(Some(data.clone()), max_json).0)
            .bind(&bind)
            .map_err(|e| format!("cannot bind {bind}: {e}"))?
            .run()
            .await
            .map_err(|e| e.to_string())
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}
