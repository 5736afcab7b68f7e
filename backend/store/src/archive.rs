//! Season archiving: registrations' versions, findings and review actions folded into one archived document
//! per registration (with its SHA-256), their files' keys moved to the archive prefix, and the season's record.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::schema::{archived_registrations, season_archives};

#[derive(Debug, Clone, Queryable)]
pub struct SeasonArchive {
    pub session_id: Uuid,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub manifest_key: Option<String>,
    pub manifest_sha256: Option<String>,
    pub counts: serde_json::Value,
    pub archived_by: String,
}

pub fn find(conn: &mut PgConnection, session: Uuid) -> QueryResult<Option<SeasonArchive>> {
    season_archives::table.find(session).first(conn).optional()
}

/// Records the start (idempotent: a resumed run keeps the first start).
pub fn start(
    conn: &mut PgConnection,
    session: Uuid,
    at: DateTime<Utc>,
    by: &str,
) -> QueryResult<()> {
    diesel::insert_into(season_archives::table)
        .values((
            season_archives::session_id.eq(session),
            season_archives::started_at.eq(at),
            season_archives::archived_by.eq(by),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|_| ())
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Payment orders of the session still open (created or pending): a season with open orders is not closed.
pub fn open_orders(conn: &mut PgConnection, session: Uuid) -> QueryResult<i64> {
    diesel::sql_query(
        "SELECT count(*) AS n FROM payment_orders p JOIN registrations r ON r.id = p.registration_id
          WHERE r.session_id = $1 AND p.status IN ('created', 'pending', 'refunding')",
    )
    .bind::<SqlUuid, _>(session)
    .get_result::<N>(conn)
    .map(|r| r.n)
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Up to `limit` registrations of the session not archived yet.
pub fn pending(conn: &mut PgConnection, session: Uuid, limit: i64) -> QueryResult<Vec<Uuid>> {
    let rows: Vec<IdRow> = diesel::sql_query(
        "SELECT r.id FROM registrations r
          WHERE r.session_id = $1
            AND NOT EXISTS (SELECT 1 FROM archived_registrations a WHERE a.registration_id = r.id)
          ORDER BY r.id LIMIT $2",
    )
    .bind::<SqlUuid, _>(session)
    .bind::<BigInt, _>(limit)
    .load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

#[derive(Debug, Clone, QueryableByName)]
pub struct FileRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub registration_id: Uuid,
    #[diesel(sql_type = Text)]
    pub object_key: String,
    #[diesel(sql_type = Text)]
    pub content_type: String,
    #[diesel(sql_type = Text)]
    pub sha256: String,
    #[diesel(sql_type = BigInt)]
    pub size_bytes: i64,
}

/// The files of these registrations.
pub fn files(conn: &mut PgConnection, registrations: &[Uuid]) -> QueryResult<Vec<FileRow>> {
    diesel::sql_query(
        "SELECT id, registration_id, object_key, content_type, sha256, size_bytes FROM materials
          WHERE registration_id = ANY($1) ORDER BY id",
    )
    .bind::<Array<SqlUuid>, _>(registrations)
    .load(conn)
}

/// Points files at their archived copies, (material, key) pairs, in one statement.
pub fn move_keys(conn: &mut PgConnection, moves: &[(Uuid, String)]) -> QueryResult<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = moves.iter().map(|(id, _)| *id).collect();
    let keys: Vec<String> = moves.iter().map(|(_, k)| k.clone()).collect();
    diesel::sql_query(
        "UPDATE materials m SET object_key = x.key FROM unnest($1::uuid[], $2::text[]) AS x(id, key) WHERE m.id = x.id",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .bind::<Array<Text>, _>(keys)
    .execute(conn)
    .map(|_| ())
}

/// Folds the registrations' versions, findings, review actions and file list into archived documents and
/// removes those rows from the live tables, in one transaction. Returns (registrations, versions, findings,
/// actions) moved.
pub fn fold(
    conn: &mut PgConnection,
    registrations: &[Uuid],
    at: DateTime<Utc>,
) -> QueryResult<(i64, i64, i64, i64)> {
    conn.transaction(|conn| {
        let n = diesel::sql_query(
            "WITH docs AS (
               SELECT r.id, r.session_id, jsonb_build_object(
                 'registration', to_jsonb(r),
                 'versions', (SELECT coalesce(jsonb_agg(to_jsonb(v) ORDER BY v.version), '[]'::jsonb)
                                FROM registration_versions v WHERE v.registration_id = r.id),
                 'findings', (SELECT coalesce(jsonb_agg(to_jsonb(f) ORDER BY f.computed_at, f.id), '[]'::jsonb)
                                FROM verification_findings f WHERE f.registration_id = r.id),
                 'actions', (SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.created_at, a.id), '[]'::jsonb)
                               FROM review_actions a WHERE a.registration_id = r.id),
                 'materials', (SELECT coalesce(jsonb_agg(to_jsonb(m) ORDER BY m.uploaded_at, m.id), '[]'::jsonb)
                                 FROM materials m WHERE m.registration_id = r.id)) AS document
                 FROM registrations r WHERE r.id = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM archived_registrations x WHERE x.registration_id = r.id)
             )
             INSERT INTO archived_registrations (registration_id, session_id, document, sha256, archived_at)
             SELECT id, session_id, document, encode(sha256(convert_to(document::text, 'UTF8')), 'hex'), $2 FROM docs",
        )
        .bind::<Array<SqlUuid>, _>(registrations)
        .bind::<Timestamptz, _>(at)
        .execute(conn)? as i64;
        let mut moved = [0i64; 3];
        for (i, table) in ["registration_versions", "verification_findings", "review_actions"]
            .iter()
            .enumerate()
        {
            moved[i] = diesel::sql_query(format!(
                "DELETE FROM {table} WHERE registration_id = ANY($1)"
            ))
            .bind::<Array<SqlUuid>, _>(registrations)
            .execute(conn)? as i64;
        }
        Ok((n, moved[0], moved[1], moved[2]))
    })
}

#[derive(Debug, Clone, QueryableByName, serde::Serialize)]
pub struct DocDigest {
    #[diesel(sql_type = BigInt)]
    pub registrations: i64,
    #[diesel(sql_type = BigInt)]
    pub versions: i64,
    #[diesel(sql_type = BigInt)]
    pub findings: i64,
    #[diesel(sql_type = BigInt)]
    pub actions: i64,
    /// SHA-256 over the documents' SHA-256s in registration order
    #[diesel(sql_type = Nullable<Text>)]
    pub documents_sha256: Option<String>,
}

/// What the session's archive holds, recomputed from the stored documents (each document's hash checked).
pub fn digest(conn: &mut PgConnection, session: Uuid) -> QueryResult<DocDigest> {
    diesel::sql_query(
        "SELECT count(*)::bigint AS registrations,
                coalesce(sum(jsonb_array_length(document->'versions')), 0)::bigint AS versions,
                coalesce(sum(jsonb_array_length(document->'findings')), 0)::bigint AS findings,
                coalesce(sum(jsonb_array_length(document->'actions')), 0)::bigint AS actions,
                encode(sha256(convert_to(string_agg(sha256, '' ORDER BY registration_id), 'UTF8')), 'hex')
                  AS documents_sha256
           FROM archived_registrations WHERE session_id = $1",
    )
    .bind::<SqlUuid, _>(session)
    .get_result(conn)
}

/// Records the finished archive and marks the session archived.
pub fn finish(
    conn: &mut PgConnection,
    session: Uuid,
    at: DateTime<Utc>,
    manifest_key: &str,
    manifest_sha256: &str,
    counts: serde_json::Value,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        diesel::sql_query(
            "UPDATE season_archives SET finished_at = $2, manifest_key = $3, manifest_sha256 = $4, counts = $5
              WHERE session_id = $1",
        )
        .bind::<SqlUuid, _>(session)
        .bind::<Timestamptz, _>(at)
        .bind::<Text, _>(manifest_key)
        .bind::<Text, _>(manifest_sha256)
        .bind::<Jsonb, _>(counts)
        .execute(conn)?;
        diesel::sql_query("UPDATE exam_sessions SET status = 'archived', updated_at = $2 WHERE id = $1")
            .bind::<SqlUuid, _>(session)
            .bind::<Timestamptz, _>(at)
            .execute(conn)
            .map(|_| ())
    })
}

/// One registration's archived document.
pub fn document(
    conn: &mut PgConnection,
    registration: Uuid,
) -> QueryResult<Option<(serde_json::Value, DateTime<Utc>)>> {
    archived_registrations::table
        .find(registration)
        .select((
            archived_registrations::document,
            archived_registrations::archived_at,
        ))
        .first(conn)
        .optional()
}
