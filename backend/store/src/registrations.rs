//! Registrations as seen by the foundation: scoped listing and detail for staff, with the candidate's
//! masked identity. Later capabilities (registration, review) extend this module.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::orgs::like_prefix;
use crate::schema::{candidates, exam_sessions, registrations};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = registrations)]
pub struct Registration {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub session_id: Uuid,
    pub status: String,
    pub current_level: Option<String>,
    pub version: i32,
    pub org_id: Option<Uuid>,
    pub org_path: Option<String>,
    pub level_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    pub archive_number: Option<String>,
    pub form: serde_json::Value,
    pub submitted_at: Option<DateTime<Utc>>,
    pub final_decision_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of a staff listing: the registration with the candidate's name and masked ID number.
#[derive(Debug, Clone, Queryable)]
pub struct RegistrationRow {
    pub registration: Registration,
    pub candidate_name: String,
    pub id_number_masked: String,
    pub exam_type: String,
    pub session_name: String,
}

/// Filters of a scoped staff listing. `scope_path` is mandatory: there is no unscoped query.
pub struct ScopedFilter<'a> {
    pub scope_path: &'a str,
    pub session_id: Option<Uuid>,
    pub status: Option<&'a str>,
    pub id_number_bidx: Option<Vec<u8>>,
    pub name: Option<&'a str>,
}

pub fn list_scoped(
    conn: &mut PgConnection,
    f: &ScopedFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(i64, Vec<RegistrationRow>)> {
    macro_rules! filtered {
        () => {{
            let mut q = registrations::table
                .inner_join(candidates::table)
                .inner_join(exam_sessions::table)
                .filter(registrations::org_path.like(like_prefix(f.scope_path)))
                .filter(registrations::status.ne("draft"))
                .into_boxed();
            if let Some(s) = f.session_id {
                q = q.filter(registrations::session_id.eq(s));
            }
            if let Some(s) = f.status {
                q = q.filter(registrations::status.eq(s.to_string()));
            }
            if let Some(b) = &f.id_number_bidx {
                q = q.filter(candidates::id_number_bidx.eq(b.clone()));
            }
            if let Some(n) = f.name {
                q = q.filter(candidates::name.like(like_prefix(n)));
            }
            q
        }};
    }
    let total: i64 = filtered!().count().get_result(conn)?;
    let rows = filtered!()
        .select((
            Registration::as_select(),
            candidates::name,
            candidates::id_number_masked,
            exam_sessions::exam_type,
            exam_sessions::name,
        ))
        .order((registrations::submitted_at.desc(), registrations::id.asc()))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((total, rows))
}

/// A registration inside the scope, or None (another scope's registration is indistinguishable from a missing one).
pub fn find_scoped(
    conn: &mut PgConnection,
    id: Uuid,
    scope_path: &str,
) -> QueryResult<Option<RegistrationRow>> {
    registrations::table
        .inner_join(candidates::table)
        .inner_join(exam_sessions::table)
        .filter(registrations::id.eq(id))
        .filter(registrations::org_path.like(like_prefix(scope_path)))
        .filter(registrations::status.ne("draft"))
        .select((
            Registration::as_select(),
            candidates::name,
            candidates::id_number_masked,
            exam_sessions::exam_type,
            exam_sessions::name,
        ))
        .first(conn)
        .optional()
}

pub fn candidate_id_ciphertext(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> QueryResult<Vec<u8>> {
    candidates::table
        .find(candidate_id)
        .select(candidates::id_number_enc)
        .first(conn)
}
