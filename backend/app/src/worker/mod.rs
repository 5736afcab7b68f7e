//! The background worker: audit sealing (singleton under an advisory lock), outbox delivery (leases, at-least
//! once), counter cleanup, and the jobs queue. Runs as `weikao worker` or inside `weikao serve`.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use weikao_store::{accounts, jobs, outbox, DbPool};

use crate::clock::Clock;
use crate::config::Config;
use crate::messaging::delivery::Transports;

const MAX_DELIVERY_ATTEMPTS: i32 = 8;

pub struct Worker {
    pub cfg: Arc<Config>,
    pub pool: DbPool,
    pub clock: Clock,
    pub transports: Transports,
    pub name: String,
    pub center: crate::payments::gateway::PayCenter,
    pub http: reqwest::Client,
    /// the last statement day this process queued a reconciliation for
    reconciled_day: std::sync::Mutex<Option<chrono::NaiveDate>>,
    /// when this process last looked whether a backup is due
    backup_checked: std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>,
    /// when this process last looked whether a restore drill is due
    drill_checked: std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>,
    /// when this process last looked whether the database inspection is due
    db_inspect_checked: std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>,
    /// the last day this process queued the security patrol for
    patrolled_day: std::sync::Mutex<Option<chrono::NaiveDate>>,
}

/// Job kind: the daily security patrol (`weikao patrol security`), queued once a day after 07:00.
pub const PATROL_JOB: &str = "security_patrol";

/// Job kind: take a backup (`weikao backup`), queued when the newest is `WEIKAO_BACKUP_EVERY_DAYS` old.
pub const BACKUP_JOB: &str = "backup";

/// Job kind: the database inspection (`weikao inspect db`), queued when the newest report is
/// `WEIKAO_DB_INSPECT_EVERY_DAYS` old.
pub const DB_INSPECT_JOB: &str = "db_inspection";

/// Job kind: a restore drill of the newest backup (`weikao restore --verify`), queued when the newest drill
/// report is `WEIKAO_DRILL_EVERY_DAYS` old and a backup exists.
pub const DRILL_JOB: &str = "restore_drill";

/// Job kind: reconcile one statement day (payload `{day}`), queued once a day after 02:00 Asia/Shanghai.
pub const RECONCILE_JOB: &str = "reconcile_day";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct TickReport {
    pub sealed_rows: i64,
    pub delivered: usize,
    pub stored: usize,
    pub failed_attempts: usize,
    pub jobs_run: usize,
    pub payment_orders_checked: usize,
    pub refunds_sent: usize,
    pub sandbox_notifications_acked: usize,
    pub supplements_reminded: usize,
    pub supplements_expired: usize,
}

impl Worker {
    pub fn new(cfg: Arc<Config>, pool: DbPool, clock: Clock) -> Result<Worker, String> {
        let transports = Transports::from_config(&cfg)?;
        let name = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
        let center = crate::payments::gateway::PayCenter::from_config(&cfg);
        let http = reqwest::Client::builder()
            .timeout(StdDuration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Worker {
            cfg,
            pool,
            clock,
            transports,
            name,
            center,
            http,
            reconciled_day: std::sync::Mutex::new(None),
            backup_checked: std::sync::Mutex::new(None),
            db_inspect_checked: std::sync::Mutex::new(None),
            drill_checked: std::sync::Mutex::new(None),
            patrolled_day: std::sync::Mutex::new(None),
        })
    }

    /// Runs forever, one tick at a time.
    pub async fn run(self) {
        tracing::info!(worker = %self.name, "worker started");
        let mut last_purge = self.clock.now() - Duration::hours(1);
        loop {
            // busy ticks follow each other at once; idle or failed ones wait for the poll interval
            let busy = match self.tick().await {
                Ok(r) if r != TickReport::default() => {
                    tracing::debug!(?r, "worker tick");
                    true
                }
                Ok(_) => false,
                Err(e) => {
                    tracing::error!(error = %e, "worker tick failed");
                    false
                }
            };
            if self.clock.now() - last_purge > Duration::minutes(10) {
                last_purge = self.clock.now();
                let pool = self.pool.clone();
                let before = self.clock.now() - Duration::hours(2);
                let _ = tokio::task::spawn_blocking(move || {
                    pool.get()
                        .ok()
                        .map(|mut c| accounts::purge_counters(&mut c, before))
                })
                .await;
            }
            if !busy {
                tokio::time::sleep(StdDuration::from_millis(self.cfg.worker_poll_ms)).await;
            }
        }
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut diesel::PgConnection) -> diesel::QueryResult<T> + Send + 'static,
    ) -> Result<T, String> {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut c = pool.get().map_err(|e| e.to_string())?;
            f(&mut c).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())?
    }

    /// One round of every duty; used by tests to drive the worker deterministically.
    pub async fn tick(&self) -> Result<TickReport, String> {
        let mut report = TickReport::default();
        let now = self.clock.now();
        let batch = self.cfg.audit_seal_batch;
        let anchor = self.cfg.audit_anchor_path();
        if let Some(seal) = self
            .blocking(move |c| crate::audit::chain::seal_pending(c, now, batch, Some(&anchor)))
            .await?
        {
            report.sealed_rows = seal.row_count;
        }
        self.deliver_outbox(&mut report).await?;
        self.run_jobs(&mut report).await?;
        // API clients' Idempotency-Key responses are kept for a day
        let cutoff = now - Duration::hours(24);
        self.blocking(move |c| weikao_store::exchange::forget_responses(c, cutoff))
            .await?;
        if self.cfg.payment_sandbox {
            report.sandbox_notifications_acked = crate::payments::sandbox::notifier::deliver(
                &self.pool,
                &self.http,
                self.clock.now(),
                50,
                self.cfg.payment_time_scale,
            )
            .await?;
        }
        let lead = Duration::days(self.cfg.supplement_remind_days.max(0));
        let pool = self.pool.clone();
        let swept = tokio::task::spawn_blocking(move || {
            let mut c = pool.get().map_err(|e| e.to_string())?;
            crate::supplements::service::sweep(&mut c, now, lead, 200).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())??;
        report.supplements_reminded = swept.reminded;
        report.supplements_expired = swept.expired;
        self.queue_reconciliation().await?;
        self.queue_backup().await?;
        self.queue_db_inspection().await?;
        self.queue_drill().await?;
        self.queue_patrol().await?;
        let (checked, refunds) = crate::payments::poller::tick(
            &self.pool,
            &self.center,
            &self.name,
            self.clock.now(),
            (self.cfg.paycenter_concurrency * 8) as i64,
            crate::payments::poller::Pace {
                concurrency: self.cfg.paycenter_concurrency,
                max_qps: self.cfg.paycenter_max_qps,
                scale: self.cfg.payment_time_scale,
            },
        )
        .await?;
        report.payment_orders_checked = checked;
        report.refunds_sent = refunds;
        Ok(report)
    }

    async fn deliver_outbox(&self, report: &mut TickReport) -> Result<(), String> {
        let now = self.clock.now();
        let msgs = self
            .blocking(move |c| outbox::claim_due(c, now, Duration::seconds(120), 50))
            .await?;
        for m in msgs {
            let result = match m.channel.as_str() {
                "email" => match &self.transports.mailer {
                    Some(mailer) => Some(mailer.send(&m.recipient, &m.subject, &m.body).await),
                    None => None,
                },
                _ => match &self.transports.sms {
                    Some(sms) => Some(sms.send(&m.recipient, &m.body).await),
                    None => None,
                },
            };
            let now = self.clock.now();
            let (status, error, retry_at) = match result {
                None => {
                    report.stored += 1;
                    ("stored", None, None)
                }
                Some(Ok(())) => {
                    report.delivered += 1;
                    ("sent", None, None)
                }
                Some(Err(e)) => {
                    report.failed_attempts += 1;
                    tracing::warn!(message = %m.id, channel = %m.channel, error = %e, "delivery failed");
                    if m.attempts + 1 >= MAX_DELIVERY_ATTEMPTS {
                        ("failed", Some(e), None)
                    } else {
                        (
                            "pending",
                            Some(e),
                            Some(now + jobs::backoff(m.attempts + 1)),
                        )
                    }
                }
            };
            let id = m.id;
            self.blocking(move |c| {
                outbox::record_attempt(c, id, status, error.as_deref(), retry_at, now)
            })
            .await?;
        }
        Ok(())
    }

    /// Queues yesterday's reconciliation once a day after 02:00 (the dedup key makes it once across workers).
    async fn queue_reconciliation(&self) -> Result<(), String> {
        let local = self.clock.now().with_timezone(&chrono_tz::Asia::Shanghai);
        if chrono::Timelike::hour(&local) < 2 {
            return Ok(());
        }
        let day = local.date_naive().pred_opt().ok_or("no previous day")?;
        if *self.reconciled_day.lock().map_err(|e| e.to_string())? == Some(day) {
            return Ok(());
        }
        let now = self.clock.now();
        self.blocking(move |c| {
            jobs::enqueue(
                c,
                RECONCILE_JOB,
                serde_json::json!({ "day": day }),
                now,
                Some(&format!("reconcile:{day}")),
            )
        })
        .await?;
        *self.reconciled_day.lock().map_err(|e| e.to_string())? = Some(day);
        Ok(())
    }

    /// Queues today's security patrol once a day after 07:00 Asia/Shanghai (when `WEIKAO_SECURITY_PATROL`).
    async fn queue_patrol(&self) -> Result<(), String> {
        if !self.cfg.security_patrol {
            return Ok(());
        }
        let now = self.clock.now();
        let local = now.with_timezone(&chrono_tz::Asia::Shanghai);
        let day = local.date_naive();
        if chrono::Timelike::hour(&local) < 7
            || *self.patrolled_day.lock().map_err(|e| e.to_string())? == Some(day)
        {
            return Ok(());
        }
        self.blocking(move |c| {
            jobs::enqueue(
                c,
                PATROL_JOB,
                serde_json::json!({ "day": day }),
                now,
                Some(&format!("patrol:{day}")),
            )
        })
        .await?;
        *self.patrolled_day.lock().map_err(|e| e.to_string())? = Some(day);
        Ok(())
    }

    /// Queues `job` (one per day across workers, by its key) when `newest` — the time of the duty's newest
    /// result — is `every_days` old or there is none; looked at every ten minutes (`checked`).
    async fn queue_periodic(
        &self,
        job: &'static str,
        every_days: i64,
        checked: &std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>,
        newest: impl FnOnce() -> Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<(), String> {
        if every_days <= 0 {
            return Ok(());
        }
        let now = self.clock.now();
        {
            let mut last = checked.lock().map_err(|e| e.to_string())?;
            if last.is_some_and(|t| now - t < Duration::minutes(10)) {
                return Ok(());
            }
            *last = Some(now);
        }
        if newest().is_none_or(|t| now - t >= Duration::days(every_days)) {
            let key = format!("{job}:{}", now.format("%Y-%m-%d"));
            self.blocking(move |c| jobs::enqueue(c, job, serde_json::json!({}), now, Some(&key)))
                .await?;
        }
        Ok(())
    }

    /// Queues a backup when the newest one is older than `WEIKAO_BACKUP_EVERY_DAYS`.
    async fn queue_backup(&self) -> Result<(), String> {
        let root = self.cfg.backup_root();
        self.queue_periodic(
            BACKUP_JOB,
            self.cfg.backup_every_days,
            &self.backup_checked,
            || crate::ops::backup::newest(&root),
        )
        .await
    }

    /// Queues a restore drill when the newest drill report is older than `WEIKAO_DRILL_EVERY_DAYS` (and there
    /// is a backup to drill).
    async fn queue_drill(&self) -> Result<(), String> {
        if crate::ops::backup::newest(&self.cfg.backup_root()).is_none() {
            return Ok(());
        }
        let cfg = self.cfg.clone();
        self.queue_periodic(
            DRILL_JOB,
            self.cfg.drill_every_days,
            &self.drill_checked,
            || {
                crate::ops::reports::list(&cfg, Some("restore-drill"), 1)
                    .first()
                    .map(|r| r.at)
            },
        )
        .await
    }

    /// Queues the database inspection when the newest report is older than `WEIKAO_DB_INSPECT_EVERY_DAYS`.
    async fn queue_db_inspection(&self) -> Result<(), String> {
        let cfg = self.cfg.clone();
        self.queue_periodic(
            DB_INSPECT_JOB,
            self.cfg.db_inspect_every_days,
            &self.db_inspect_checked,
            || {
                crate::ops::reports::list(&cfg, Some(crate::ops::dbinspect::KIND), 1)
                    .first()
                    .map(|r| r.at)
            },
        )
        .await
    }

    /// Runs one claimed job; handlers are idempotent (a crashed run is simply run again).
    async fn handle(&self, job: &jobs::Job) -> Result<(), String> {
        let now = self.clock.now();
        match job.kind.as_str() {
            crate::verification::REVERIFY_JOB => {
                let payload = job.payload.clone();
                let pool = self.pool.clone();
                tokio::task::spawn_blocking(move || {
                    let mut c = pool.get().map_err(|e| e.to_string())?;
                    crate::verification::run_reverify_job(
                        &mut c,
                        &payload,
                        crate::clock::local_date(now),
                        now,
                    )
                })
                .await
                .map_err(|e| e.to_string())?
                .map(|changed| tracing::info!(job = job.id, changed, "re-verification done"))
            }
            RECONCILE_JOB => {
                let day: chrono::NaiveDate = job
                    .payload
                    .get("day")
                    .and_then(|d| d.as_str())
                    .and_then(|d| d.parse().ok())
                    .ok_or("payload without a day")?;
                crate::payments::reconcile::run(&self.pool, &self.center, day, now, "worker")
                    .await
                    .map(|r| tracing::info!(%day, status = %r.status, "reconciliation done"))
            }
            PATROL_JOB => {
                let (cfg, pool, clock) = (self.cfg.clone(), self.pool.clone(), self.clock.clone());
                tokio::task::spawn_blocking(move || {
                    crate::ops::patrol::run_with(&cfg, &pool, clock.now()).and_then(|r| {
                        crate::ops::reports::write(&cfg, "security-patrol", r.at, &r).map(|p| (r, p))
                    })
                })
                .await
                .map_err(|e| e.to_string())?
                .map(|(r, p)| {
                    tracing::info!(failed = r.failed, warnings = r.warnings, report = %p.display(), "security patrol done")
                })
            }
            DB_INSPECT_JOB => {
                let cfg = self.cfg.clone();
                tokio::task::spawn_blocking(move || crate::ops::dbinspect::run(&cfg, now))
                    .await
                    .map_err(|e| e.to_string())?
                    .map(|(r, p)| {
                        tracing::info!(failed = r.failed, warnings = r.warnings, report = %p.display(), "database inspection done")
                    })
            }
            DRILL_JOB => {
                let Some(dir) = crate::ops::backup::list(&self.cfg.backup_root()).pop() else {
                    return Ok(());
                };
                let keys = crate::security::keys::Keys::resolve(&self.cfg)?;
                let store = crate::storage::from_config(&self.cfg)?;
                let st = crate::http::state::AppState::new(
                    (*self.cfg).clone(),
                    self.pool.clone(),
                    keys,
                    self.clock.clone(),
                    store,
                );
                let r = crate::ops::restore::drill(&st, &dir, false).await?;
                let path = crate::ops::reports::write(&self.cfg, "restore-drill", now, &r)?;
                tracing::info!(ok = r.ok, report = %path.display(), "restore drill done");
                if r.ok {
                    Ok(())
                } else {
                    // reported; not retried (a damaged backup stays damaged): the patrol and inspection show it
                    tracing::error!(backup = %dir.display(), "restore drill FAILED");
                    Ok(())
                }
            }
            BACKUP_JOB => {
                let store = crate::storage::from_config(&self.cfg)?;
                crate::ops::cli::backup_with_report(&self.cfg, store.as_ref(), now)
                    .await
                    .map(|(r, report)| {
                        tracing::info!(dir = %r.dir.display(), report = %report.display(), "backup done")
                    })
            }
            other => Err(format!("no handler for job kind {other:?}")),
        }
    }

    async fn run_jobs(&self, report: &mut TickReport) -> Result<(), String> {
        for _ in 0..20 {
            let now = self.clock.now();
            let name = self.name.clone();
            let Some(job) = self
                .blocking(move |c| jobs::claim(c, &name, now, Duration::minutes(5)))
                .await?
            else {
                break;
            };
            report.jobs_run += 1;
            let result = self.handle(&job).await;
            let now = self.clock.now();
            match result {
                Ok(()) => {
                    self.blocking(move |c| jobs::complete(c, job.id, now))
                        .await?
                }
                Err(e) => self.blocking(move |c| jobs::fail(c, &job, &e, now)).await?,
            }
        }
        Ok(())
    }
}
