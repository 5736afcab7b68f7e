//! Verification findings: the current set per registration and its history (replaced sets are kept with
//! `superseded_at`), and the registrations a library import affects.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Text, Uuid as SqlUuid};
use uuid::Uuid;
use weikao_core::libraries::LibrarySpec;

use crate::schema::{candidates, exam_sessions, registrations, verification_findings};

/// Registrations whose findings follow the libraries: submitted and not yet decided for good.
pub const OPEN_STATUSES: &[&str] = &["submitted", "resubmitted", "returned"];

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = verification_findings)]
pub struct FindingRow {
    pub id: Uuid,
    pub registration_id: Uuid,
    pub rule_code: String,
    pub severity: String,
    pub reviewer_message: String,
    pub candidate_message: Option<String>,
    pub evidence: serde_json::Value,
    pub computed_at: DateTime<Utc>,
    pub superseded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewFinding {
    pub rule_code: String,
    pub severity: String,
    pub reviewer_message: String,
    pub candidate_message: Option<String>,
    pub evidence: serde_json::Value,
}

pub fn current(conn: &mut PgConnection, registration: Uuid) -> QueryResult<Vec<FindingRow>> {
    verification_findings::table
        .filter(verification_findings::registration_id.eq(registration))
        .filter(verification_findings::superseded_at.is_null())
        .order((
            verification_findings::severity.asc(),
            verification_findings::rule_code.asc(),
        ))
        .select(FindingRow::as_select())
        .load(conn)
}

pub fn all(conn: &mut PgConnection, registration: Uuid) -> QueryResult<Vec<FindingRow>> {
    verification_findings::table
        .filter(verification_findings::registration_id.eq(registration))
        .order((
            verification_findings::computed_at.desc(),
            verification_findings::rule_code.asc(),
        ))
        .select(FindingRow::as_select())
        .load(conn)
}

fn same(a: &[FindingRow], b: &[NewFinding]) -> bool {
    let key = |r: &str, s: &str, m: &str, c: &Option<String>, e: &serde_json::Value| {
        format!("{r}|{s}|{m}|{c:?}|{e}")
    };
    let mut x: Vec<String> = a
        .iter()
        .map(|f| {
            key(
                &f.rule_code,
                &f.severity,
                &f.reviewer_message,
                &f.candidate_message,
                &f.evidence,
            )
        })
        .collect();
    let mut y: Vec<String> = b
        .iter()
        .map(|f| {
            key(
                &f.rule_code,
                &f.severity,
                &f.reviewer_message,
                &f.candidate_message,
                &f.evidence,
            )
        })
        .collect();
    x.sort();
    y.sort();
    x == y
}

/// Makes each registration's findings its current set, for many registrations in four statements. A
/// registration whose set is identical is left alone (no history noise); otherwise its old set is superseded at
/// `now`. Returns how many registrations changed.
pub fn replace_current_many(
    conn: &mut PgConnection,
    results: &[(Uuid, Vec<NewFinding>)],
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let ids: Vec<Uuid> = results.iter().map(|(id, _)| *id).collect();
    let old: Vec<FindingRow> = verification_findings::table
        .filter(verification_findings::registration_id.eq_any(&ids))
        .filter(verification_findings::superseded_at.is_null())
        .select(FindingRow::as_select())
        .load(conn)?;
    let mut by_reg: std::collections::HashMap<Uuid, Vec<FindingRow>> =
        std::collections::HashMap::new();
    for f in old {
        by_reg.entry(f.registration_id).or_default().push(f);
    }
    let changed: Vec<&(Uuid, Vec<NewFinding>)> = results
        .iter()
        .filter(|(id, new)| !same(by_reg.get(id).map(Vec::as_slice).unwrap_or(&[]), new))
        .collect();
    if changed.is_empty() {
        return Ok(0);
    }
    let changed_ids: Vec<Uuid> = changed.iter().map(|(id, _)| *id).collect();
    diesel::update(
        verification_findings::table
            .filter(verification_findings::registration_id.eq_any(&changed_ids))
            .filter(verification_findings::superseded_at.is_null()),
    )
    .set(verification_findings::superseded_at.eq(Some(now)))
    .execute(conn)?;
    let rows: Vec<_> = changed
        .iter()
        .flat_map(|(id, fs)| {
            fs.iter().map(move |f| {
                (
                    verification_findings::registration_id.eq(*id),
                    verification_findings::rule_code.eq(&f.rule_code),
                    verification_findings::severity.eq(&f.severity),
                    verification_findings::reviewer_message.eq(&f.reviewer_message),
                    verification_findings::candidate_message.eq(&f.candidate_message),
                    verification_findings::evidence.eq(&f.evidence),
                    verification_findings::computed_at.eq(now),
                )
            })
        })
        .collect();
    // PostgreSQL takes at most 65 535 bind parameters per statement: 7 per row
    for chunk in rows.chunks(5000) {
        diesel::insert_into(verification_findings::table)
            .values(chunk)
            .execute(conn)?;
    }
    Ok(changed.len())
}

/// What verification needs about one registration besides its form.
#[derive(Debug, Clone, Queryable)]
pub struct VerifyTarget {
    pub id: Uuid,
    pub status: String,
    pub form: serde_json::Value,
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub id_bidx: Vec<u8>,
    pub exam_type: String,
    pub year: i32,
    pub settings: serde_json::Value,
}

pub fn targets(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<VerifyTarget>> {
    registrations::table
        .inner_join(candidates::table)
        .inner_join(exam_sessions::table)
        .filter(registrations::id.eq_any(ids))
        .select((
            registrations::id,
            registrations::status,
            registrations::form,
            candidates::id,
            candidates::name,
            candidates::id_number_bidx,
            exam_sessions::exam_type,
            exam_sessions::year,
            exam_sessions::settings,
        ))
        .order(registrations::id.asc())
        .load(conn)
}

/// Other live registrations of the same people in sessions of the given year (excluding `except`):
/// (candidate id, registration id, session name, exam type, status).
pub fn others_same_year(
    conn: &mut PgConnection,
    candidate_ids: &[Uuid],
    year: i32,
) -> QueryResult<Vec<(Uuid, Uuid, String, String, String)>> {
    registrations::table
        .inner_join(exam_sessions::table)
        .filter(registrations::candidate_id.eq_any(candidate_ids))
        .filter(exam_sessions::year.eq(year))
        .filter(registrations::status.ne_all(["draft", "rejected", "withdrawn"]))
        .select((
            registrations::candidate_id,
            registrations::id,
            exam_sessions::name,
            exam_sessions::exam_type,
            registrations::status,
        ))
        .load(conn)
}

/// Open registrations a batch can change, ordered by id: for ID-keyed libraries, those of people with a row in
/// the batch or with a row the batch archived; for the institution library, every open registration. One query
/// for the whole job (the caller pages through the ids), so the people set is computed once.
pub fn affected_by_batch(
    conn: &mut PgConnection,
    spec: &LibrarySpec,
    batch: Uuid,
) -> QueryResult<Vec<Uuid>> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let people = if spec.keyed_by_id {
        format!(
            "AND c.id_number_bidx IN (SELECT id_bidx FROM {} WHERE batch_id = $1 \
             UNION SELECT decode(substr(record->>'id_bidx', 3), 'hex') FROM library_archive WHERE archived_by = $1)",
            spec.table
        )
    } else {
        "AND $1 IS NOT NULL".to_string()
    };
    let ids: Vec<Id> = diesel::sql_query(format!(
        "SELECT r.id FROM registrations r JOIN candidates c ON c.id = r.candidate_id \
         WHERE r.status = ANY($2) {people} ORDER BY r.id"
    ))
    .bind::<SqlUuid, _>(batch)
    .bind::<Array<Text>, _>(OPEN_STATUSES)
    .load(conn)?;
    Ok(ids.into_iter().map(|i| i.id).collect())
}

/// Open registrations after `after` (by id), at most `limit`; `random` picks a random sample instead.
pub fn open_ids(
    conn: &mut PgConnection,
    after: Option<Uuid>,
    limit: i64,
    random: bool,
) -> QueryResult<Vec<Uuid>> {
    let mut q = registrations::table
        .filter(registrations::status.eq_any(OPEN_STATUSES))
        .select(registrations::id)
        .limit(limit)
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(registrations::id.gt(a));
    }
    if random {
        q = q.order(diesel::dsl::sql::<diesel::sql_types::Double>("random()"));
    } else {
        q = q.order(registrations::id.asc());
    }
    q.load(conn)
}
