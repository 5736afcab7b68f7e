//! Reference libraries: import batches, COPY into a per-import TEMP staging table, merge into the live `lib_*`
//! table (replace or append), archive of replaced rows, the batched person lookup of verification, listing and
//! cleanup.
//!
//! Table and column names come only from `weikao_core::libraries::LIBRARIES` (compile-time constants), never from
//! input, so the dynamic SQL here cannot be steered by a caller.

use std::io::Write;

use chrono::{DateTime, Utc};
use diesel::pg::CopyFormat;
use diesel::prelude::*;
use diesel::sql_types::{
    Array, BigInt, Bytea, Int4, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid,
};
use uuid::Uuid;
use weikao_core::libraries::{ColType, Expiry, LibrarySpec};

use crate::schema::{lib_staging, library_batches};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = library_batches)]
pub struct Batch {
    pub id: Uuid,
    pub library: String,
    pub mode: String,
    pub on_error: String,
    pub status: String,
    pub file_name: Option<String>,
    pub file_format: String,
    pub file_sha256: String,
    pub rows_total: i32,
    pub rows_loaded: i32,
    pub rows_rejected: i32,
    pub errors: serde_json::Value,
    pub error_count: i32,
    pub ignored_columns: Vec<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub superseded_at: Option<DateTime<Utc>>,
}

#[derive(Insertable)]
#[diesel(table_name = library_batches)]
pub struct NewBatch<'a> {
    pub id: Uuid,
    pub library: &'a str,
    pub mode: &'a str,
    pub on_error: &'a str,
    pub status: &'a str,
    pub file_name: Option<&'a str>,
    pub file_format: &'a str,
    pub file_sha256: &'a str,
    pub rows_total: i32,
    pub rows_loaded: i32,
    pub rows_rejected: i32,
    pub errors: serde_json::Value,
    pub error_count: i32,
    pub ignored_columns: Vec<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

pub fn insert_batch(conn: &mut PgConnection, b: &NewBatch) -> QueryResult<Batch> {
    diesel::insert_into(library_batches::table)
        .values(b)
        .returning(Batch::as_returning())
        .get_result(conn)
}

pub fn find_batch(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Batch>> {
    library_batches::table
        .find(id)
        .select(Batch::as_select())
        .first(conn)
        .optional()
}

pub fn list_batches(conn: &mut PgConnection, library: &str, limit: i64) -> QueryResult<Vec<Batch>> {
    library_batches::table
        .filter(library_batches::library.eq(library))
        .order(library_batches::created_at.desc())
        .limit(limit)
        .select(Batch::as_select())
        .load(conn)
}

/// One row for staging, values already normalised as PostgreSQL text input.
pub struct StagedRow {
    pub row_no: i32,
    pub id_bidx: Option<Vec<u8>>,
    pub id_enc: Option<Vec<u8>>,
    pub id_masked: Option<String>,
    pub name: Option<String>,
    pub values: Vec<Option<String>>,
}

const STAGING_COLUMNS: usize = 12;

/// Creates the per-import staging table; it disappears when the transaction ends.
pub fn create_staging(conn: &mut PgConnection) -> QueryResult<()> {
    let cols: String = (1..=STAGING_COLUMNS)
        .map(|i| format!(", c{i} text"))
        .collect();
    diesel::sql_query(format!(
        "CREATE TEMP TABLE lib_staging (row_no integer NOT NULL, id_bidx bytea, id_enc bytea, \
         id_masked text, name text{cols}) ON COMMIT DROP"
    ))
    .execute(conn)
    .map(|_| ())
}

fn escape_text(out: &mut Vec<u8>, v: &str) {
    for b in v.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

fn push_opt(out: &mut Vec<u8>, v: Option<&str>) {
    out.push(b'\t');
    match v {
        Some(v) => escape_text(out, v),
        None => out.extend_from_slice(b"\\N"),
    }
}

fn push_bytes(out: &mut Vec<u8>, v: Option<&[u8]>) {
    out.push(b'\t');
    match v {
        Some(v) => {
            out.extend_from_slice(b"\\\\x");
            for b in v {
                let _ = write!(out, "{b:02x}");
            }
        }
        None => out.extend_from_slice(b"\\N"),
    }
}

/// Encodes rows in COPY text format.
pub fn encode_rows(rows: &[StagedRow]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() * 160);
    for r in rows {
        let _ = write!(out, "{}", r.row_no);
        push_bytes(&mut out, r.id_bidx.as_deref());
        push_bytes(&mut out, r.id_enc.as_deref());
        push_opt(&mut out, r.id_masked.as_deref());
        push_opt(&mut out, r.name.as_deref());
        for i in 0..STAGING_COLUMNS {
            push_opt(&mut out, r.values.get(i).and_then(|v| v.as_deref()));
        }
        out.push(b'\n');
    }
    out
}

/// COPYs one chunk of rows (already encoded by [`encode_rows`]) into the staging table.
pub fn copy_encoded(conn: &mut PgConnection, data: &[u8]) -> QueryResult<usize> {
    diesel::copy_from(lib_staging::table)
        .from_raw_data(lib_staging::table, |w: &mut dyn Write| {
            w.write_all(data)
                .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
        })
        .with_format(CopyFormat::Text)
        .execute(conn)
}

fn cast(ty: ColType, expr: &str) -> String {
    match ty {
        ColType::CodeList => format!("string_to_array({expr}, ';')"),
        other => format!("{expr}::{}", other.sql_type()),
    }
}

/// Key expressions over the staging table (`s`) and the live table (`t`).
fn key_pairs(spec: &LibrarySpec) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if spec.keyed_by_id {
        pairs.push(("s.id_bidx".to_string(), "t.id_bidx".to_string()));
    }
    for k in spec.unique {
        let i = spec
            .columns
            .iter()
            .position(|c| c.name == *k)
            .expect("spec test");
        let c = &spec.columns[i];
        pairs.push((
            cast(c.ty, &format!("s.c{}", i + 1)),
            format!("t.{}", c.name),
        ));
    }
    pairs
}

#[derive(QueryableByName, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    #[diesel(sql_type = Int4)]
    pub row_no: i32,
    #[diesel(sql_type = Int4)]
    pub first_row: i32,
}

/// Rows of the staging table that repeat the natural key of an earlier row.
pub fn staged_duplicates(
    conn: &mut PgConnection,
    spec: &LibrarySpec,
) -> QueryResult<Vec<Duplicate>> {
    let keys: Vec<String> = key_pairs(spec).into_iter().map(|(s, _)| s).collect();
    diesel::sql_query(format!(
        "SELECT row_no, first_row FROM (SELECT s.row_no, min(s.row_no) OVER (PARTITION BY {}) AS first_row \
         FROM lib_staging s) d WHERE row_no <> first_row ORDER BY row_no",
        keys.join(", ")
    ))
    .load(conn)
}

pub fn delete_staged(conn: &mut PgConnection, rows: &[i32]) -> QueryResult<usize> {
    diesel::delete(lib_staging::table.filter(lib_staging::row_no.eq_any(rows))).execute(conn)
}

fn archive_sql(spec: &LibrarySpec, moved: &str) -> String {
    format!(
        "WITH moved AS ({moved} RETURNING t.*) \
         INSERT INTO library_archive (library, batch_id, record, archived_by, archived_at) \
         SELECT '{}', moved.batch_id, to_jsonb(moved), $1, $2 FROM moved",
        spec.code
    )
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub inserted: usize,
    pub archived: usize,
}

/// Merges the staging table into the live table as batch `batch`: in replace mode every live row is archived
/// first; in append mode live rows with the same natural key as an incoming row are. Batches left without live
/// rows become `superseded`.
pub fn merge(
    conn: &mut PgConnection,
    spec: &LibrarySpec,
    batch: Uuid,
    replace: bool,
    now: DateTime<Utc>,
) -> QueryResult<MergeCounts> {
    let table = spec.table;
    let moved = if replace {
        format!("DELETE FROM {table} t")
    } else {
        let cond: Vec<String> = key_pairs(spec)
            .into_iter()
            .map(|(s, t)| format!("{t} IS NOT DISTINCT FROM {s}"))
            .collect();
        format!(
            "DELETE FROM {table} t USING lib_staging s WHERE {}",
            cond.join(" AND ")
        )
    };
    let archived = diesel::sql_query(archive_sql(spec, &moved))
        .bind::<SqlUuid, _>(batch)
        .bind::<Timestamptz, _>(now)
        .execute(conn)?;
    let mut cols = vec!["batch_id".to_string()];
    let mut exprs = vec!["$1".to_string()];
    if spec.keyed_by_id {
        for c in ["id_bidx", "id_enc", "id_masked", "name"] {
            cols.push(c.to_string());
            exprs.push(format!("s.{c}"));
        }
    }
    for (i, c) in spec.columns.iter().enumerate() {
        cols.push(c.name.to_string());
        exprs.push(cast(c.ty, &format!("s.c{}", i + 1)));
    }
    let inserted = diesel::sql_query(format!(
        "INSERT INTO {table} ({}) SELECT {} FROM lib_staging s ORDER BY s.row_no",
        cols.join(", "),
        exprs.join(", ")
    ))
    .bind::<SqlUuid, _>(batch)
    .execute(conn)?;
    diesel::sql_query(format!(
        "UPDATE library_batches b SET status = 'superseded', superseded_at = $2 \
         WHERE b.library = $1 AND b.status = 'active' AND b.id <> $3 \
           AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.batch_id = b.id)"
    ))
    .bind::<Text, _>(spec.code)
    .bind::<Timestamptz, _>(now)
    .bind::<SqlUuid, _>(batch)
    .execute(conn)?;
    Ok(MergeCounts { inserted, archived })
}

/// One library row found for a person (or an institution code), as JSON without the key material.
#[derive(QueryableByName, Debug, Clone)]
pub struct FoundRow {
    #[diesel(sql_type = Nullable<Bytea>)]
    pub id_bidx: Option<Vec<u8>>,
    #[diesel(sql_type = Text)]
    pub library: String,
    #[diesel(sql_type = Jsonb)]
    pub row: serde_json::Value,
}

/// The batched lookup of verification: every ID-keyed library's rows for any of `bidxs`, and the institutions
/// with any of `codes`, in one round trip.
pub fn lookup(
    conn: &mut PgConnection,
    bidxs: &[Vec<u8>],
    codes: &[String],
) -> QueryResult<Vec<FoundRow>> {
    let mut parts = Vec::new();
    for spec in weikao_core::libraries::LIBRARIES {
        if spec.keyed_by_id {
            parts.push(format!(
                "SELECT t.id_bidx, '{}'::text AS library, \
                 to_jsonb(t) - 'id_bidx' - 'id_enc' - 'id_masked' AS row \
                 FROM {} t WHERE t.id_bidx = ANY($1)",
                spec.code, spec.table
            ));
        } else {
            parts.push(format!(
                "SELECT NULL::bytea AS id_bidx, '{}'::text AS library, to_jsonb(t) AS row \
                 FROM {} t WHERE t.code = ANY($2)",
                spec.code, spec.table
            ));
        }
    }
    diesel::sql_query(parts.join(" UNION ALL "))
        .bind::<Array<Bytea>, _>(bidxs)
        .bind::<Array<Text>, _>(codes)
        .load(conn)
}

/// A page of a library for admins: rows as JSON (ID numbers masked), newest first, optionally only those of a
/// person (`bidx`) or whose name / code starts with `q`.
pub fn list_rows(
    conn: &mut PgConnection,
    spec: &LibrarySpec,
    bidx: Option<&[u8]>,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<(i64, Vec<serde_json::Value>)> {
    let hide = if spec.keyed_by_id {
        " - 'id_bidx' - 'id_enc'"
    } else {
        ""
    };
    let key_col = if spec.keyed_by_id {
        "t.id_bidx"
    } else {
        "NULL::bytea"
    };
    let search_col = if spec.keyed_by_id {
        "t.name"
    } else {
        "t.code || ' ' || t.name"
    };
    let filter = format!(
        "($1::bytea IS NULL OR {key_col} = $1) AND ($2::text IS NULL OR starts_with({search_col}, $2) OR starts_with(t.name, $2))"
    );
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Jsonb)]
        row: serde_json::Value,
    }
    let total: Count = diesel::sql_query(format!(
        "SELECT count(*) AS n FROM {} t WHERE {filter}",
        spec.table
    ))
    .bind::<Nullable<Bytea>, _>(bidx)
    .bind::<Nullable<Text>, _>(q)
    .get_result(conn)?;
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT to_jsonb(t){hide} AS row FROM {} t WHERE {filter} ORDER BY t.id DESC LIMIT $3 OFFSET $4",
        spec.table
    ))
    .bind::<Nullable<Bytea>, _>(bidx)
    .bind::<Nullable<Text>, _>(q)
    .bind::<BigInt, _>(limit)
    .bind::<BigInt, _>(offset)
    .load(conn)?;
    Ok((total.n, rows.into_iter().map(|r| r.row).collect()))
}

/// Live rows with an id above `after`, in id order (keyset paging for exports), ID numbers masked only.
pub fn rows_after(
    conn: &mut PgConnection,
    spec: &LibrarySpec,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<(i64, serde_json::Value)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Jsonb)]
        row: serde_json::Value,
    }
    let hide = if spec.keyed_by_id {
        " - 'id_bidx' - 'id_enc'"
    } else {
        ""
    };
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT t.id, to_jsonb(t){hide} AS row FROM {} t WHERE t.id > $1 ORDER BY t.id LIMIT $2",
        spec.table
    ))
    .bind::<BigInt, _>(after)
    .bind::<BigInt, _>(limit)
    .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.id, r.row)).collect())
}

/// Live rows a cleanup would remove: expired by the library's expiry rule relative to `year`.
fn expired_filter(spec: &LibrarySpec, year: i32) -> Option<String> {
    match spec.expiry? {
        Expiry::YearBefore(c) => Some(format!("t.{c} IS NOT NULL AND t.{c} < {year}")),
        Expiry::DateBefore(c) => Some(format!(
            "t.{c} IS NOT NULL AND t.{c} < make_date({year}, 1, 1)"
        )),
    }
}

/// Counts (dry run) or archives and deletes the expired rows of a library. Libraries without an expiry rule
/// have nothing to clean.
pub fn cleanup_expired(
    conn: &mut PgConnection,
    spec: &LibrarySpec,
    year: i32,
    apply: bool,
    now: DateTime<Utc>,
) -> QueryResult<i64> {
    let Some(filter) = expired_filter(spec, year) else {
        return Ok(0);
    };
    if !apply {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        let c: Count = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM {} t WHERE {filter}",
            spec.table
        ))
        .get_result(conn)?;
        return Ok(c.n);
    }
    let moved = format!("DELETE FROM {} t WHERE {filter}", spec.table);
    let n = diesel::sql_query(archive_sql(spec, &moved))
        .bind::<Nullable<SqlUuid>, _>(None::<Uuid>)
        .bind::<Timestamptz, _>(now)
        .execute(conn)?;
    Ok(n as i64)
}

/// Number of live rows of a library.
pub fn live_rows(conn: &mut PgConnection, spec: &LibrarySpec) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let c: Count =
        diesel::sql_query(format!("SELECT count(*) AS n FROM {}", spec.table)).get_result(conn)?;
    Ok(c.n)
}

/// The history-library rows of one person and exam, newest first, as JSON without key material.
pub fn history_of(
    conn: &mut PgConnection,
    bidx: &[u8],
    exam_type: &str,
) -> QueryResult<Vec<serde_json::Value>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Jsonb)]
        row: serde_json::Value,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT to_jsonb(t) - 'id_bidx' - 'id_enc' - 'id_masked' AS row FROM lib_history t \
         WHERE t.id_bidx = $1 AND t.exam_type = $2 ORDER BY t.year DESC, t.id DESC",
    )
    .bind::<Bytea, _>(bidx)
    .bind::<Text, _>(exam_type)
    .load(conn)?;
    Ok(rows.into_iter().map(|r| r.row).collect())
}
