//! Probation certificates filed by institutions (the provincial base-resource system's pushes), mirrored into
//! the probation library (`lib_probation_filings`) where verification reads them, and pushed institution
//! records of the institution library. Pushed library rows belong to one batch per library and client
//! (`file_format = 'api'`).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::findings::OPEN_STATUSES;
use crate::schema::{
    candidates, lib_institutions, lib_probation_filings, library_batches, probation_filings,
    registrations,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = probation_filings)]
pub struct Filing {
    pub id: Uuid,
    pub filing_no: String,
    pub client_id: Option<Uuid>,
    pub filed_by: String,
    pub institution_code: String,
    pub id_bidx: Vec<u8>,
    pub id_masked: String,
    pub name: String,
    pub category_code: String,
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub certificate_number: String,
    pub legal_representative: String,
    pub status: String,
    pub revoke_reason: Option<String>,
    pub library_row_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The certificate's content (what an update replaces).
pub struct Content<'a> {
    pub institution_code: &'a str,
    pub id_bidx: &'a [u8],
    pub id_enc: &'a [u8],
    pub id_masked: &'a str,
    pub name: &'a str,
    pub category_code: &'a str,
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub certificate_number: &'a str,
    pub legal_representative: &'a str,
}

/// The active push batch of `library` for `source` (e.g. `api:base-resource`), created when missing.
pub fn push_batch(
    conn: &mut PgConnection,
    library: &str,
    source: &str,
    now: DateTime<Utc>,
) -> QueryResult<Uuid> {
    let found: Option<Uuid> = library_batches::table
        .filter(library_batches::library.eq(library))
        .filter(library_batches::file_format.eq("api"))
        .filter(library_batches::file_name.eq(source))
        .filter(library_batches::status.eq("active"))
        .select(library_batches::id)
        .first(conn)
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    diesel::insert_into(library_batches::table)
        .values((
            library_batches::library.eq(library),
            library_batches::mode.eq("append"),
            library_batches::on_error.eq("all_or_nothing"),
            library_batches::status.eq("active"),
            library_batches::file_name.eq(source),
            library_batches::file_format.eq("api"),
            library_batches::file_sha256.eq(""),
            library_batches::created_by.eq(source),
            library_batches::created_at.eq(now),
        ))
        .returning(library_batches::id)
        .get_result(conn)
}

pub fn institution_exists(conn: &mut PgConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        lib_institutions::table.filter(lib_institutions::code.eq(code)),
    ))
    .get_result(conn)
}

pub fn find(conn: &mut PgConnection, filing_no: &str) -> QueryResult<Option<Filing>> {
    probation_filings::table
        .filter(probation_filings::filing_no.eq(filing_no))
        .select(Filing::as_select())
        .first(conn)
        .optional()
}

/// The person's current (filed) certificate, locked for the caller's transaction.
pub fn current_of_person(conn: &mut PgConnection, bidx: &[u8]) -> QueryResult<Option<Filing>> {
    probation_filings::table
        .filter(probation_filings::id_bidx.eq(bidx))
        .filter(probation_filings::status.eq("filed"))
        .select(Filing::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn certificate_taken(
    conn: &mut PgConnection,
    certificate_number: &str,
    except: Option<Uuid>,
) -> QueryResult<bool> {
    let mut q = probation_filings::table
        .filter(probation_filings::certificate_number.eq(certificate_number))
        .filter(probation_filings::status.eq("filed"))
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(probation_filings::id.ne(id));
    }
    diesel::select(diesel::dsl::exists(q)).get_result(conn)
}

fn mirror(conn: &mut PgConnection, batch: Uuid, c: &Content) -> QueryResult<i64> {
    diesel::insert_into(lib_probation_filings::table)
        .values((
            lib_probation_filings::batch_id.eq(batch),
            lib_probation_filings::id_bidx.eq(c.id_bidx),
            lib_probation_filings::id_enc.eq(c.id_enc),
            lib_probation_filings::id_masked.eq(c.id_masked),
            lib_probation_filings::name.eq(c.name),
            lib_probation_filings::institution_code.eq(c.institution_code),
            lib_probation_filings::category_code.eq(c.category_code),
            lib_probation_filings::started_on.eq(c.started_on),
            lib_probation_filings::ended_on.eq(c.ended_on),
            lib_probation_filings::valid_until.eq(Some(c.valid_until)),
            lib_probation_filings::certificate_number.eq(Some(c.certificate_number)),
        ))
        .returning(lib_probation_filings::id)
        .get_result(conn)
}

/// Moves the library row of a filing to the archive (an update or revocation replaces it).
fn unmirror(conn: &mut PgConnection, row: Option<i64>, by_batch: Uuid) -> QueryResult<()> {
    let Some(row) = row else { return Ok(()) };
    diesel::sql_query(
        "WITH moved AS (DELETE FROM lib_probation_filings WHERE id = $1 RETURNING *) \
         INSERT INTO library_archive (library, batch_id, record, archived_by, archived_at) \
         SELECT 'probation_filings', moved.batch_id, to_jsonb(moved), $2, now() FROM moved",
    )
    .bind::<diesel::sql_types::BigInt, _>(row)
    .bind::<diesel::sql_types::Uuid, _>(by_batch)
    .execute(conn)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &mut PgConnection,
    filing_no: &str,
    client: Option<Uuid>,
    filed_by: &str,
    batch: Uuid,
    c: &Content,
    now: DateTime<Utc>,
) -> QueryResult<Filing> {
    let row = mirror(conn, batch, c)?;
    diesel::insert_into(probation_filings::table)
        .values((
            probation_filings::filing_no.eq(filing_no),
            probation_filings::client_id.eq(client),
            probation_filings::filed_by.eq(filed_by),
            probation_filings::institution_code.eq(c.institution_code),
            probation_filings::id_bidx.eq(c.id_bidx),
            probation_filings::id_enc.eq(c.id_enc),
            probation_filings::id_masked.eq(c.id_masked),
            probation_filings::name.eq(c.name),
            probation_filings::category_code.eq(c.category_code),
            probation_filings::started_on.eq(c.started_on),
            probation_filings::ended_on.eq(c.ended_on),
            probation_filings::valid_until.eq(c.valid_until),
            probation_filings::certificate_number.eq(c.certificate_number),
            probation_filings::legal_representative.eq(c.legal_representative),
            probation_filings::status.eq("filed"),
            probation_filings::library_row_id.eq(Some(row)),
            probation_filings::created_at.eq(now),
            probation_filings::updated_at.eq(now),
        ))
        .returning(Filing::as_returning())
        .get_result(conn)
}

/// Replaces the content of a filed certificate (and its library row).
pub fn update(
    conn: &mut PgConnection,
    f: &Filing,
    batch: Uuid,
    c: &Content,
    now: DateTime<Utc>,
) -> QueryResult<Filing> {
    unmirror(conn, f.library_row_id, batch)?;
    let row = mirror(conn, batch, c)?;
    diesel::update(probation_filings::table.find(f.id))
        .set((
            probation_filings::institution_code.eq(c.institution_code),
            probation_filings::name.eq(c.name),
            probation_filings::category_code.eq(c.category_code),
            probation_filings::started_on.eq(c.started_on),
            probation_filings::ended_on.eq(c.ended_on),
            probation_filings::valid_until.eq(c.valid_until),
            probation_filings::certificate_number.eq(c.certificate_number),
            probation_filings::legal_representative.eq(c.legal_representative),
            probation_filings::library_row_id.eq(Some(row)),
            probation_filings::updated_at.eq(now),
        ))
        .returning(Filing::as_returning())
        .get_result(conn)
}

pub fn revoke(
    conn: &mut PgConnection,
    f: &Filing,
    batch: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> QueryResult<Filing> {
    unmirror(conn, f.library_row_id, batch)?;
    diesel::update(probation_filings::table.find(f.id))
        .set((
            probation_filings::status.eq("revoked"),
            probation_filings::revoke_reason.eq(Some(reason)),
            probation_filings::library_row_id.eq(None::<i64>),
            probation_filings::updated_at.eq(now),
        ))
        .returning(Filing::as_returning())
        .get_result(conn)
}

/// A client's filings, newest change first, optionally of one institution.
pub fn list_by_client(
    conn: &mut PgConnection,
    client: Uuid,
    institution: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Filing>> {
    let mut q = probation_filings::table
        .filter(probation_filings::client_id.eq(client))
        .select(Filing::as_select())
        .order((probation_filings::updated_at.desc(), probation_filings::id))
        .offset(offset)
        .limit(limit)
        .into_boxed();
    if let Some(i) = institution {
        q = q.filter(probation_filings::institution_code.eq(i));
    }
    q.load(conn)
}

/// Every filing of an institution (whoever filed it), newest change first.
pub fn list_by_institution(
    conn: &mut PgConnection,
    institution: &str,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Filing>> {
    probation_filings::table
        .filter(probation_filings::institution_code.eq(institution))
        .select(Filing::as_select())
        .order((probation_filings::updated_at.desc(), probation_filings::id))
        .offset(offset)
        .limit(limit)
        .load(conn)
}

/// Open registrations of the person with this blind index (to re-verify after a filing changes).
pub fn open_registrations_of(conn: &mut PgConnection, bidx: &[u8]) -> QueryResult<Vec<Uuid>> {
    registrations::table
        .inner_join(candidates::table)
        .filter(candidates::id_number_bidx.eq(bidx))
        .filter(registrations::status.eq_any(OPEN_STATUSES))
        .select(registrations::id)
        .load(conn)
}

// ---------------------------------------------------------------- institutions pushed by the base-resource system

pub struct InstitutionContent<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub region_code: &'a str,
    pub level: Option<&'a str>,
    pub kind: Option<&'a str>,
}

/// Creates or replaces an institution (the previous row goes to the archive). Returns whether it was new.
pub fn upsert_institution(
    conn: &mut PgConnection,
    batch: Uuid,
    i: &InstitutionContent,
) -> QueryResult<bool> {
    let removed = remove_institution(conn, i.code, batch)?;
    diesel::insert_into(lib_institutions::table)
        .values((
            lib_institutions::batch_id.eq(batch),
            lib_institutions::code.eq(i.code),
            lib_institutions::name.eq(i.name),
            lib_institutions::region_code.eq(i.region_code),
            lib_institutions::level.eq(i.level),
            lib_institutions::kind.eq(i.kind),
        ))
        .execute(conn)?;
    Ok(!removed)
}

/// Archives and removes an institution; false when there was none.
pub fn remove_institution(
    conn: &mut PgConnection,
    code: &str,
    by_batch: Uuid,
) -> QueryResult<bool> {
    let n = diesel::sql_query(
        "WITH moved AS (DELETE FROM lib_institutions WHERE code = $1 RETURNING *) \
         INSERT INTO library_archive (library, batch_id, record, archived_by, archived_at) \
         SELECT 'institutions', moved.batch_id, to_jsonb(moved), $2, now() FROM moved",
    )
    .bind::<diesel::sql_types::Text, _>(code)
    .bind::<diesel::sql_types::Uuid, _>(by_batch)
    .execute(conn)?;
    Ok(n > 0)
}
