//! The national talent center's exchange: the candidates' basic information (read in pages for the export)
//! and the status records it returns.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{candidates, exam_sessions, registrations, talent_status_records};

#[derive(Debug, Clone, Queryable)]
pub struct CandidateRow {
    pub registration_id: Uuid,
    pub status: String,
    pub form: serde_json::Value,
    pub exam_type: String,
    pub id_type: String,
    pub id_enc: Vec<u8>,
    pub name: String,
    pub sex: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

/// Submitted registrations of a session with their candidates, by registration id after `after`.
pub fn candidates_page(
    conn: &mut PgConnection,
    session: Uuid,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<CandidateRow>> {
    let mut q = registrations::table
        .inner_join(candidates::table)
        .inner_join(exam_sessions::table)
        .filter(registrations::session_id.eq(session))
        .filter(registrations::status.ne("draft"))
        .order(registrations::id)
        .limit(limit)
        .select((
            registrations::id,
            registrations::status,
            registrations::form,
            exam_sessions::exam_type,
            candidates::id_type,
            candidates::id_number_enc,
            candidates::name,
            candidates::sex,
            candidates::birth_date,
        ))
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(registrations::id.gt(a));
    }
    q.load(conn)
}

#[derive(Insertable)]
#[diesel(table_name = talent_status_records)]
pub struct NewStatus {
    pub client_id: Uuid,
    pub session_id: Uuid,
    pub id_bidx: Vec<u8>,
    pub id_masked: String,
    pub status: String,
    pub note: Option<String>,
    pub recorded_on: NaiveDate,
    pub received_at: DateTime<Utc>,
}

pub fn insert_statuses(conn: &mut PgConnection, rows: &[NewStatus]) -> QueryResult<usize> {
    let mut n = 0;
    for chunk in rows.chunks(5000) {
        n += diesel::insert_into(talent_status_records::table)
            .values(chunk)
            .execute(conn)?;
    }
    Ok(n)
}

/// Which of these people have a submitted registration in the session.
pub fn registered_among(
    conn: &mut PgConnection,
    session: Uuid,
    bidxs: &[Vec<u8>],
) -> QueryResult<std::collections::HashSet<Vec<u8>>> {
    let found: Vec<Vec<u8>> = registrations::table
        .inner_join(candidates::table)
        .filter(registrations::session_id.eq(session))
        .filter(registrations::status.ne("draft"))
        .filter(candidates::id_number_bidx.eq_any(bidxs))
        .select(candidates::id_number_bidx)
        .load(conn)?;
    Ok(found.into_iter().collect())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = talent_status_records)]
pub struct Status {
    pub status: String,
    pub note: Option<String>,
    pub recorded_on: NaiveDate,
    pub received_at: DateTime<Utc>,
}

/// The latest status record of a person in a session.
pub fn latest_status(
    conn: &mut PgConnection,
    session: Uuid,
    bidx: &[u8],
) -> QueryResult<Option<Status>> {
    talent_status_records::table
        .filter(talent_status_records::session_id.eq(session))
        .filter(talent_status_records::id_bidx.eq(bidx))
        .order(talent_status_records::id.desc())
        .select(Status::as_select())
        .first(conn)
        .optional()
}
