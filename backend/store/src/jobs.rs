//! The jobs table: enqueue, claim with `FOR UPDATE SKIP LOCKED` and a lease, finish, retry with backoff.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::schema::jobs;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub status: String,
    pub run_at: DateTime<Utc>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub dedup_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Enqueues a job; with a dedup key, an existing job with the same key is left as it is.
pub fn enqueue(
    conn: &mut PgConnection,
    kind: &str,
    payload: serde_json::Value,
    run_at: DateTime<Utc>,
    dedup_key: Option<&str>,
) -> QueryResult<Option<i64>> {
    diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(kind),
            jobs::payload.eq(payload),
            jobs::run_at.eq(run_at),
            jobs::dedup_key.eq(dedup_key),
        ))
        .on_conflict_do_nothing()
        .returning(jobs::id)
        .get_result(conn)
        .optional()
}

/// Claims one due job: queued, run_at passed, and not leased (or its lease expired after a crash).
pub fn claim(
    conn: &mut PgConnection,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> QueryResult<Option<Job>> {
    conn.transaction(|conn| {
        let job: Option<Job> = jobs::table
            .filter(jobs::status.eq("queued"))
            .filter(jobs::run_at.le(now))
            .filter(jobs::locked_until.is_null().or(jobs::locked_until.lt(now)))
            .order(jobs::run_at.asc())
            .select(Job::as_select())
            .for_update()
            .skip_locked()
            .first(conn)
            .optional()?;
        let Some(job) = job else { return Ok(None) };
        diesel::update(jobs::table.find(job.id))
            .set((
                jobs::locked_until.eq(Some(now + lease)),
                jobs::locked_by.eq(Some(worker)),
                jobs::attempts.eq(jobs::attempts + 1),
            ))
            .returning(Job::as_returning())
            .get_result(conn)
            .map(Some)
    })
}

pub fn complete(conn: &mut PgConnection, id: i64, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::status.eq("done"),
            jobs::finished_at.eq(Some(now)),
            jobs::locked_until.eq(None::<DateTime<Utc>>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Exponential backoff: 2^attempts seconds, capped at one hour.
pub fn backoff(attempts: i32) -> Duration {
    let secs = 1i64 << attempts.clamp(0, 12);
    Duration::seconds(secs.min(3600))
}

/// Records a failure: retried later with backoff, or failed for good after `max_attempts`.
pub fn fail(
    conn: &mut PgConnection,
    job: &Job,
    error: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let terminal = job.attempts >= job.max_attempts;
    diesel::update(jobs::table.find(job.id))
        .set((
            jobs::status.eq(if terminal { "failed" } else { "queued" }),
            jobs::run_at.eq(now + backoff(job.attempts)),
            jobs::last_error.eq(Some(error)),
            jobs::locked_until.eq(None::<DateTime<Utc>>),
            jobs::finished_at.eq(terminal.then_some(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn queue_depth(conn: &mut PgConnection) -> QueryResult<i64> {
    jobs::table
        .filter(jobs::status.eq("queued"))
        .count()
        .get_result(conn)
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(super::backoff(1).num_seconds(), 2);
        assert_eq!(super::backoff(5).num_seconds(), 32);
        assert_eq!(super::backoff(40).num_seconds(), 3600);
    }
}
