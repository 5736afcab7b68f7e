//! Schools' graduating class lists (集体报名): one row per listed student and exam session, owned by the school's
//! registration point; the school's view joins each student to their registration of the session (if any).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::schema::class_list_students as cls;

/// A student to store (ID number already encrypted, indexed and masked by the caller).
pub struct NewStudent {
    pub id_bidx: Vec<u8>,
    pub id_enc: Vec<u8>,
    pub id_masked: String,
    pub name: String,
    pub major: Option<String>,
    pub education_level: Option<String>,
    pub expected_graduation_on: NaiveDate,
    pub row_no: i32,
}

/// What a replacement did: students new to the list, dropped from it, and listed before and again.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    pub added: usize,
    pub removed: usize,
    pub kept: usize,
}

/// The blind indexes among `bidxs` that another school lists for this session.
pub fn listed_elsewhere(
    conn: &mut PgConnection,
    session_id: Uuid,
    org_id: Uuid,
    bidxs: &[Vec<u8>],
) -> QueryResult<Vec<Vec<u8>>> {
    cls::table
        .filter(cls::session_id.eq(session_id))
        .filter(cls::org_id.ne(org_id))
        .filter(cls::id_bidx.eq_any(bidxs))
        .select(cls::id_bidx)
        .load(conn)
}

/// Replaces a school's list for a session with `students` (the caller holds a transaction and has checked
/// [`listed_elsewhere`]).
pub fn replace(
    conn: &mut PgConnection,
    session_id: Uuid,
    org_id: Uuid,
    students: &[NewStudent],
    uploaded_by: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Replaced> {
    let before: Vec<Vec<u8>> = diesel::delete(
        cls::table
            .filter(cls::session_id.eq(session_id))
            .filter(cls::org_id.eq(org_id)),
    )
    .returning(cls::id_bidx)
    .get_results(conn)?;
    for chunk in students.chunks(500) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|s| {
                (
                    cls::session_id.eq(session_id),
                    cls::org_id.eq(org_id),
                    cls::id_bidx.eq(&s.id_bidx),
                    cls::id_enc.eq(&s.id_enc),
                    cls::id_masked.eq(&s.id_masked),
                    cls::name.eq(&s.name),
                    cls::major.eq(&s.major),
                    cls::education_level.eq(&s.education_level),
                    cls::expected_graduation_on.eq(s.expected_graduation_on),
                    cls::row_no.eq(s.row_no),
                    cls::uploaded_by.eq(uploaded_by),
                    cls::uploaded_at.eq(now),
                )
            })
            .collect();
        diesel::insert_into(cls::table).values(rows).execute(conn)?;
    }
    let kept = students
        .iter()
        .filter(|s| before.contains(&s.id_bidx))
        .count();
    Ok(Replaced {
        added: students.len() - kept,
        removed: before.len() - kept,
        kept,
    })
}

/// A listed student with their registration of the session, as the school sees them.
#[derive(Debug, QueryableByName)]
pub struct StudentRow {
    #[diesel(sql_type = Text)]
    pub id_masked: String,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub major: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub education_level: Option<String>,
    #[diesel(sql_type = Date)]
    pub expected_graduation_on: NaiveDate,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub registration_id: Option<Uuid>,
    /// `not_started` when the student has no registration of the session
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub current_level: Option<String>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub submitted_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Text>)]
    pub supplement_status: Option<String>,
    /// whether the registration is routed to this school's point (or elsewhere)
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub at_school: bool,
}

/// The list joined to registrations: one row per student, with the derived status.
const LISTED: &str = "
  SELECT s.row_no, s.id_masked, s.name, s.major, s.education_level, s.expected_graduation_on,
         r.id AS registration_id, COALESCE(r.status, 'not_started') AS status, r.current_level,
         r.submitted_at, sp.status AS supplement_status, COALESCE(r.org_id = s.org_id, false) AS at_school
    FROM class_list_students s
    LEFT JOIN candidates c ON c.id_number_bidx = s.id_bidx
    LEFT JOIN LATERAL (
      SELECT r.id, r.status, r.current_level, r.submitted_at, r.org_id FROM registrations r
       WHERE r.candidate_id = c.id AND r.session_id = s.session_id
       ORDER BY r.created_at DESC LIMIT 1) r ON true
    LEFT JOIN supplements sp ON sp.registration_id = r.id
   WHERE s.session_id = $1 AND s.org_id = $2";

/// A page of a school's list in file order, optionally only the students in one status.
pub fn page(
    conn: &mut PgConnection,
    session_id: Uuid,
    org_id: Uuid,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<StudentRow>> {
    diesel::sql_query(format!(
        "SELECT * FROM ({LISTED}) l WHERE $3::text IS NULL OR l.status = $3 ORDER BY l.row_no LIMIT $4 OFFSET $5"
    ))
    .bind::<SqlUuid, _>(session_id)
    .bind::<SqlUuid, _>(org_id)
    .bind::<Nullable<Text>, _>(status)
    .bind::<BigInt, _>(limit)
    .bind::<BigInt, _>(offset)
    .load(conn)
}

#[derive(Debug, QueryableByName)]
pub struct StatusCount {
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// How many of a school's listed students are in each status (`not_started` included).
pub fn counts(
    conn: &mut PgConnection,
    session_id: Uuid,
    org_id: Uuid,
) -> QueryResult<Vec<StatusCount>> {
    diesel::sql_query(format!(
        "SELECT l.status, count(*) AS n FROM ({LISTED}) l GROUP BY l.status ORDER BY l.status"
    ))
    .bind::<SqlUuid, _>(session_id)
    .bind::<SqlUuid, _>(org_id)
    .load(conn)
}

/// A person's entry on a class list of a session: (school org id, major, education level, expected graduation).
#[derive(Debug, Queryable)]
pub struct Entry {
    pub org_id: Uuid,
    pub major: Option<String>,
    pub education_level: Option<String>,
    pub expected_graduation_on: NaiveDate,
}

pub fn entry_for(
    conn: &mut PgConnection,
    session_id: Uuid,
    id_bidx: &[u8],
) -> QueryResult<Option<Entry>> {
    cls::table
        .filter(cls::session_id.eq(session_id))
        .filter(cls::id_bidx.eq(id_bidx))
        .select((
            cls::org_id,
            cls::major,
            cls::education_level,
            cls::expected_graduation_on,
        ))
        .first(conn)
        .optional()
}
