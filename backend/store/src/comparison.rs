//! The national–provincial comparison: imported national records, runs, and the anomalies they keep up to date
//! (one row per session, person, kind and field: a re-run updates rows in place and closes the ones it no
//! longer finds).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Bytea, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::findings::OPEN_STATUSES;
use crate::schema::{comparison_anomalies, comparison_runs, national_imports, national_records};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = national_imports)]
pub struct Import {
    pub id: Uuid,
    pub session_id: Uuid,
    pub file_name: Option<String>,
    pub file_sha256: String,
    pub rows_total: i32,
    pub rows_loaded: i32,
    pub errors: serde_json::Value,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Insertable)]
#[diesel(table_name = national_imports)]
pub struct NewImport<'a> {
    pub id: Uuid,
    pub session_id: Uuid,
    pub file_name: Option<&'a str>,
    pub file_sha256: &'a str,
    pub rows_total: i32,
    pub rows_loaded: i32,
    pub errors: serde_json::Value,
    pub created_by: &'a str,
    pub created_at: DateTime<Utc>,
}

#[derive(Insertable)]
#[diesel(table_name = national_records)]
pub struct NewRecord {
    pub import_id: Uuid,
    pub id_bidx: Vec<u8>,
    pub id_enc: Vec<u8>,
    pub id_masked: String,
    pub name: String,
    pub status: String,
    pub paid: bool,
    pub level_code: Option<String>,
    pub specialty_code: Option<String>,
    pub site_code: Option<String>,
}

pub fn insert_import(conn: &mut PgConnection, i: &NewImport) -> QueryResult<Import> {
    diesel::insert_into(national_imports::table)
        .values(i)
        .returning(Import::as_returning())
        .get_result(conn)
}

pub fn insert_records(conn: &mut PgConnection, rows: &[NewRecord]) -> QueryResult<usize> {
    let mut n = 0;
    // 10 parameters a row, at most 65 535 a statement
    for chunk in rows.chunks(6000) {
        n += diesel::insert_into(national_records::table)
            .values(chunk)
            .execute(conn)?;
    }
    Ok(n)
}

pub fn set_import_counts(
    conn: &mut PgConnection,
    id: Uuid,
    total: i32,
    loaded: i32,
    errors: &serde_json::Value,
) -> QueryResult<Import> {
    diesel::update(national_imports::table.find(id))
        .set((
            national_imports::rows_total.eq(total),
            national_imports::rows_loaded.eq(loaded),
            national_imports::errors.eq(errors),
        ))
        .returning(Import::as_returning())
        .get_result(conn)
}

pub fn latest_import(conn: &mut PgConnection, session: Uuid) -> QueryResult<Option<Import>> {
    national_imports::table
        .filter(national_imports::session_id.eq(session))
        .order(national_imports::created_at.desc())
        .select(Import::as_select())
        .first(conn)
        .optional()
}

// ---------------------------------------------------------------- the comparison itself

/// One person on either side (or both).
#[derive(Debug, Clone, QueryableByName)]
pub struct Pair {
    #[diesel(sql_type = Bytea)]
    pub id_bidx: Vec<u8>,
    #[diesel(sql_type = Text)]
    pub id_masked: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub registration_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub p_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub p_status: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub p_level: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub p_specialty: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub p_site: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub n_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub n_status: Option<String>,
    #[diesel(sql_type = Nullable<Bool>)]
    pub n_paid: Option<bool>,
    #[diesel(sql_type = Nullable<Text>)]
    pub n_level: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub n_specialty: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub n_site: Option<String>,
}

/// Opens the cursor `cmp` over both sides of a session joined by person (inside the caller's transaction);
/// read it with [`fetch_pairs`].
pub fn open_pairs(conn: &mut PgConnection, session: Uuid, import: Uuid) -> QueryResult<()> {
    // the ids are typed UUIDs, so formatting them into the statement is safe
    diesel::sql_query(format!(
        "DECLARE cmp NO SCROLL CURSOR FOR \
         WITH p AS ( \
           SELECT c.id_number_bidx AS bidx, c.id_number_masked AS masked, c.name, r.id AS reg, r.status, \
                  r.form->'exam'->>'level_code' AS level_code, r.form->'exam'->>'specialty_code' AS specialty_code, \
                  r.form->'exam'->>'site_code' AS site_code \
           FROM registrations r JOIN candidates c ON c.id = r.candidate_id \
           WHERE r.session_id = '{session}' AND r.status <> 'draft'), \
         n AS (SELECT * FROM national_records WHERE import_id = '{import}') \
         SELECT COALESCE(p.bidx, n.id_bidx) AS id_bidx, COALESCE(p.masked, n.id_masked) AS id_masked, \
                p.reg AS registration_id, p.name AS p_name, p.status AS p_status, p.level_code AS p_level, \
                p.specialty_code AS p_specialty, p.site_code AS p_site, n.name AS n_name, n.status AS n_status, \
                n.paid AS n_paid, n.level_code AS n_level, n.specialty_code AS n_specialty, n.site_code AS n_site \
         FROM p FULL JOIN n ON n.id_bidx = p.bidx"
    ))
    .execute(conn)
    .map(|_| ())
}

pub fn fetch_pairs(conn: &mut PgConnection, n: u32) -> QueryResult<Vec<Pair>> {
    diesel::sql_query(format!("FETCH {n} FROM cmp")).load(conn)
}

pub fn close_pairs(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query("CLOSE cmp").execute(conn).map(|_| ())
}

/// An anomaly a run found.
pub struct Found {
    pub id_bidx: Vec<u8>,
    pub id_masked: String,
    pub kind: &'static str,
    pub field: &'static str,
    pub registration_id: Option<Uuid>,
    pub name: String,
    pub provincial_value: Option<String>,
    pub national_value: Option<String>,
}

pub fn create_found_table(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query(
        "CREATE TEMP TABLE cmp_found (id_bidx bytea, id_masked text, kind text, field text, \
         registration_id uuid, name text, provincial_value text, national_value text) ON COMMIT DROP",
    )
    .execute(conn)
    .map(|_| ())
}

diesel::table! {
    cmp_found (id_bidx) {
        id_bidx -> Bytea,
        id_masked -> Text,
        kind -> Text,
        field -> Text,
        registration_id -> Nullable<Uuid>,
        name -> Text,
        provincial_value -> Nullable<Text>,
        national_value -> Nullable<Text>,
    }
}

pub fn stage_found(conn: &mut PgConnection, rows: &[Found]) -> QueryResult<()> {
    for chunk in rows.chunks(8000) {
        let values: Vec<_> = chunk
            .iter()
            .map(|f| {
                (
                    cmp_found::id_bidx.eq(&f.id_bidx),
                    cmp_found::id_masked.eq(&f.id_masked),
                    cmp_found::kind.eq(f.kind),
                    cmp_found::field.eq(f.field),
                    cmp_found::registration_id.eq(f.registration_id),
                    cmp_found::name.eq(&f.name),
                    cmp_found::provincial_value.eq(&f.provincial_value),
                    cmp_found::national_value.eq(&f.national_value),
                )
            })
            .collect();
        diesel::insert_into(cmp_found::table)
            .values(values)
            .execute(conn)?;
    }
    Ok(())
}

/// One comparison run at a time per session (until the caller's transaction ends).
pub fn lock_session(conn: &mut PgConnection, session: Uuid) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 11))")
        .bind::<Text, _>(format!("comparison/{session}"))
        .execute(conn)
        .map(|_| ())
}

pub fn insert_run(
    conn: &mut PgConnection,
    session: Uuid,
    import: Uuid,
    created_by: &str,
    started_at: DateTime<Utc>,
) -> QueryResult<Uuid> {
    diesel::insert_into(comparison_runs::table)
        .values((
            comparison_runs::session_id.eq(session),
            comparison_runs::import_id.eq(import),
            comparison_runs::counts.eq(serde_json::json!({})),
            comparison_runs::created_by.eq(created_by),
            comparison_runs::started_at.eq(started_at),
            comparison_runs::finished_at.eq(started_at),
        ))
        .returning(comparison_runs::id)
        .get_result(conn)
}

pub fn finish_run(
    conn: &mut PgConnection,
    run: Uuid,
    counts: &serde_json::Value,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(comparison_runs::table.find(run))
        .set((
            comparison_runs::counts.eq(counts),
            comparison_runs::finished_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct MergeCounts {
    /// anomalies seen for the first time
    pub new: usize,
    /// found again (open, or reopened because their values changed)
    pub again: usize,
    /// no longer found: closed as `gone`
    pub gone: usize,
}

/// Makes the staged findings the session's anomalies: new ones are added, existing ones updated (a resolved
/// one stays resolved unless its values changed), open ones not found any more become `gone`.
pub fn merge_found(
    conn: &mut PgConnection,
    session: Uuid,
    run: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<MergeCounts> {
    #[derive(QueryableByName)]
    struct Inserted {
        #[diesel(sql_type = Bool)]
        inserted: bool,
    }
    let rows: Vec<Inserted> = diesel::sql_query(
        "INSERT INTO comparison_anomalies AS a (session_id, id_bidx, id_masked, kind, field, registration_id, name, \
           provincial_value, national_value, state, first_run_id, last_run_id, updated_at) \
         SELECT $1, id_bidx, id_masked, kind, field, registration_id, name, provincial_value, national_value, \
                'open', $2, $2, $3 FROM cmp_found \
         ON CONFLICT (session_id, id_bidx, kind, field) DO UPDATE SET \
           registration_id = EXCLUDED.registration_id, name = EXCLUDED.name, id_masked = EXCLUDED.id_masked, \
           state = CASE WHEN a.state = 'resolved' \
                          AND a.provincial_value IS NOT DISTINCT FROM EXCLUDED.provincial_value \
                          AND a.national_value IS NOT DISTINCT FROM EXCLUDED.national_value \
                        THEN 'resolved' ELSE 'open' END, \
           provincial_value = EXCLUDED.provincial_value, national_value = EXCLUDED.national_value, \
           last_run_id = EXCLUDED.last_run_id, updated_at = EXCLUDED.updated_at \
         RETURNING (xmax = 0) AS inserted",
    )
    .bind::<SqlUuid, _>(session)
    .bind::<SqlUuid, _>(run)
    .bind::<diesel::sql_types::Timestamptz, _>(now)
    .load(conn)?;
    let new = rows.iter().filter(|r| r.inserted).count();
    let gone = diesel::update(
        comparison_anomalies::table
            .filter(comparison_anomalies::session_id.eq(session))
            .filter(comparison_anomalies::state.eq("open"))
            .filter(comparison_anomalies::last_run_id.ne(run)),
    )
    .set((
        comparison_anomalies::state.eq("gone"),
        comparison_anomalies::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(MergeCounts {
        new,
        again: rows.len() - new,
        gone,
    })
}

/// Open registrations whose anomalies this run touched (to re-verify: anomalies show as findings).
pub fn registrations_of_run(
    conn: &mut PgConnection,
    session: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<Vec<Uuid>> {
    use crate::schema::registrations;
    comparison_anomalies::table
        .inner_join(
            registrations::table.on(registrations::id
                .nullable()
                .eq(comparison_anomalies::registration_id)),
        )
        .filter(comparison_anomalies::session_id.eq(session))
        .filter(comparison_anomalies::updated_at.eq(at))
        .filter(registrations::status.eq_any(OPEN_STATUSES))
        .select(registrations::id)
        .distinct()
        .load(conn)
}

// ---------------------------------------------------------------- reviewers' list

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comparison_anomalies)]
pub struct Anomaly {
    pub id: Uuid,
    pub session_id: Uuid,
    pub id_masked: String,
    pub kind: String,
    pub field: String,
    pub registration_id: Option<Uuid>,
    pub name: String,
    pub provincial_value: Option<String>,
    pub national_value: Option<String>,
    pub state: String,
    pub resolution: Option<String>,
    pub note: Option<String>,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub first_run_id: Uuid,
    pub last_run_id: Uuid,
    pub updated_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct AnomalyFilter<'a> {
    pub session_id: Uuid,
    pub kind: Option<&'a str>,
    pub state: Option<&'a str>,
    /// name prefix
    pub name: Option<&'a str>,
    pub id_bidx: Option<Vec<u8>>,
}

fn filtered<'a>(f: &'a AnomalyFilter<'a>) -> comparison_anomalies::BoxedQuery<'a, diesel::pg::Pg> {
    let mut q = comparison_anomalies::table
        .filter(comparison_anomalies::session_id.eq(f.session_id))
        .into_boxed();
    if let Some(k) = f.kind {
        q = q.filter(comparison_anomalies::kind.eq(k));
    }
    if let Some(s) = f.state {
        q = q.filter(comparison_anomalies::state.eq(s));
    }
    if let Some(n) = f.name {
        q = q.filter(comparison_anomalies::name.like(crate::orgs::like_prefix(n)));
    }
    if let Some(b) = &f.id_bidx {
        q = q.filter(comparison_anomalies::id_bidx.eq(b.clone()));
    }
    q
}

pub fn list_anomalies(
    conn: &mut PgConnection,
    f: &AnomalyFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Anomaly>, i64)> {
    let total = filtered(f).count().get_result(conn)?;
    let items = filtered(f)
        .order((
            comparison_anomalies::kind,
            comparison_anomalies::name,
            comparison_anomalies::id,
        ))
        .offset(offset)
        .limit(limit)
        .select(Anomaly::as_select())
        .load(conn)?;
    Ok((items, total))
}

/// Counts per kind and state of a session.
pub fn counts(conn: &mut PgConnection, session: Uuid) -> QueryResult<Vec<(String, String, i64)>> {
    comparison_anomalies::table
        .filter(comparison_anomalies::session_id.eq(session))
        .group_by((comparison_anomalies::kind, comparison_anomalies::state))
        .select((
            comparison_anomalies::kind,
            comparison_anomalies::state,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Anomaly>> {
    comparison_anomalies::table
        .find(id)
        .for_update()
        .select(Anomaly::as_select())
        .first(conn)
        .optional()
}

pub fn resolve(
    conn: &mut PgConnection,
    id: Uuid,
    resolution: &str,
    note: Option<&str>,
    by: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Anomaly> {
    diesel::update(comparison_anomalies::table.find(id))
        .set((
            comparison_anomalies::state.eq("resolved"),
            comparison_anomalies::resolution.eq(Some(resolution)),
            comparison_anomalies::note.eq(note),
            comparison_anomalies::resolved_by.eq(Some(by)),
            comparison_anomalies::resolved_at.eq(Some(now)),
            comparison_anomalies::updated_at.eq(now),
        ))
        .returning(Anomaly::as_returning())
        .get_result(conn)
}

/// Open anomalies of these registrations, for verification (they show as findings).
pub fn open_for(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Anomaly>> {
    comparison_anomalies::table
        .filter(comparison_anomalies::registration_id.eq_any(ids))
        .filter(comparison_anomalies::state.eq("open"))
        .select(Anomaly::as_select())
        .load(conn)
}

pub fn registration_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Uuid>> {
    comparison_anomalies::table
        .find(id)
        .select(comparison_anomalies::registration_id)
        .first::<Option<Uuid>>(conn)
        .optional()
        .map(Option::flatten)
}
