//! The exam region's calendar of a session: every session of a region, its review windows and payment stages,
//! and the one update that rewrites the schedule.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::catalog::ExamSession;
use crate::schema::{exam_sessions, exam_stages, registrations, review_windows};

/// Every session (any status) with its region's org path, newest year first.
pub fn all_sessions(conn: &mut PgConnection) -> QueryResult<Vec<(ExamSession, String)>> {
    use crate::schema::orgs;
    exam_sessions::table
        .inner_join(orgs::table.on(orgs::id.eq(exam_sessions::region_org_id)))
        .order((exam_sessions::year.desc(), exam_sessions::exam_type.asc()))
        .select((ExamSession::as_select(), orgs::path))
        .load(conn)
}

/// (level, opens, closes) of a session's review windows.
pub fn review_windows(
    conn: &mut PgConnection,
    session: Uuid,
) -> QueryResult<Vec<(String, DateTime<Utc>, DateTime<Utc>)>> {
    review_windows::table
        .filter(review_windows::session_id.eq(session))
        .select((
            review_windows::level,
            review_windows::opens_at,
            review_windows::closes_at,
        ))
        .load(conn)
}

/// (code, name, payment opens, payment closes) of a session's payment stages, in order.
#[allow(clippy::type_complexity)]
pub fn stages(
    conn: &mut PgConnection,
    session: Uuid,
) -> QueryResult<Vec<(String, String, Option<DateTime<Utc>>, Option<DateTime<Utc>>)>> {
    exam_stages::table
        .filter(exam_stages::session_id.eq(session))
        .order(exam_stages::seq.asc())
        .select((
            exam_stages::code,
            exam_stages::name,
            exam_stages::payment_opens_at,
            exam_stages::payment_closes_at,
        ))
        .load(conn)
}

pub fn lock_session(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ExamSession>> {
    exam_sessions::table
        .find(id)
        .select(ExamSession::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// How many non-draft registrations the session has, and how many wait at each of `levels`.
pub fn registrations_waiting_at(
    conn: &mut PgConnection,
    session: Uuid,
    levels: &[&str],
) -> QueryResult<i64> {
    registrations::table
        .filter(registrations::session_id.eq(session))
        .filter(registrations::status.eq_any(["submitted", "resubmitted"]))
        .filter(registrations::current_level.eq_any(levels))
        .count()
        .get_result(conn)
}

pub fn has_registrations(conn: &mut PgConnection, session: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        registrations::table.filter(registrations::session_id.eq(session)),
    ))
    .get_result(conn)
}

pub struct ScheduleUpdate<'a> {
    pub review_chain: &'a [String],
    pub registration: (DateTime<Utc>, DateTime<Utc>),
    pub payment: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub supplement: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub review: &'a [(String, DateTime<Utc>, DateTime<Utc>)],
    /// (stage code, payment opens, payment closes) of the stages to change
    pub stages: &'a [(String, DateTime<Utc>, DateTime<Utc>)],
    pub status: &'a str,
    pub settings: &'a serde_json::Value,
}

/// Rewrites a session's schedule: its windows, chain, status and settings, the review windows (replaced),
/// and the payment windows of the given stages.
pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    u: &ScheduleUpdate,
    now: DateTime<Utc>,
) -> QueryResult<ExamSession> {
    let s = diesel::update(exam_sessions::table.find(id))
        .set((
            exam_sessions::review_chain.eq(u.review_chain),
            exam_sessions::registration_opens_at.eq(u.registration.0),
            exam_sessions::registration_closes_at.eq(u.registration.1),
            exam_sessions::payment_opens_at.eq(u.payment.map(|p| p.0)),
            exam_sessions::payment_closes_at.eq(u.payment.map(|p| p.1)),
            exam_sessions::supplement_opens_at.eq(u.supplement.map(|p| p.0)),
            exam_sessions::supplement_closes_at.eq(u.supplement.map(|p| p.1)),
            exam_sessions::status.eq(u.status),
            exam_sessions::settings.eq(u.settings),
            exam_sessions::updated_at.eq(now),
        ))
        .returning(ExamSession::as_returning())
        .get_result(conn)?;
    diesel::delete(review_windows::table.filter(review_windows::session_id.eq(id)))
        .execute(conn)?;
    let rows: Vec<_> = u
        .review
        .iter()
        .map(|(level, o, c)| {
            (
                review_windows::session_id.eq(id),
                review_windows::level.eq(level),
                review_windows::opens_at.eq(*o),
                review_windows::closes_at.eq(*c),
            )
        })
        .collect();
    diesel::insert_into(review_windows::table)
        .values(rows)
        .execute(conn)?;
    for (code, o, c) in u.stages {
        diesel::update(
            exam_stages::table
                .filter(exam_stages::session_id.eq(id))
                .filter(exam_stages::code.eq(code)),
        )
        .set((
            exam_stages::payment_opens_at.eq(Some(*o)),
            exam_stages::payment_closes_at.eq(Some(*c)),
        ))
        .execute(conn)?;
    }
    Ok(s)
}
