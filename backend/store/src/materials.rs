//! Proof materials: one current file per kind and registration; replaced files are kept as `superseded`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::materials;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = materials)]
pub struct Material {
    pub id: Uuid,
    pub registration_id: Uuid,
    pub kind: String,
    pub object_key: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub original_name: Option<String>,
    pub status: String,
    pub reject_reason: Option<String>,
    pub uploaded_at: DateTime<Utc>,
}

pub struct NewMaterial<'a> {
    pub id: Uuid,
    pub registration_id: Uuid,
    pub kind: &'a str,
    pub object_key: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub original_name: Option<&'a str>,
}

/// Inserts the new file and supersedes the previous current file of the same kind.
pub fn insert_replacing(
    conn: &mut PgConnection,
    m: &NewMaterial,
) -> QueryResult<(Material, Option<Material>)> {
    let previous: Option<Material> = diesel::update(
        materials::table
            .filter(materials::registration_id.eq(m.registration_id))
            .filter(materials::kind.eq(m.kind))
            .filter(materials::status.ne("superseded")),
    )
    .set(materials::status.eq("superseded"))
    .returning(Material::as_returning())
    .get_result(conn)
    .optional()?;
    let new = diesel::insert_into(materials::table)
        .values((
            materials::id.eq(m.id),
            materials::registration_id.eq(m.registration_id),
            materials::kind.eq(m.kind),
            materials::object_key.eq(m.object_key),
            materials::content_type.eq(m.content_type),
            materials::size_bytes.eq(m.size_bytes),
            materials::sha256.eq(m.sha256),
            materials::original_name.eq(m.original_name),
        ))
        .returning(Material::as_returning())
        .get_result(conn)?;
    Ok((new, previous))
}

pub fn list_current(conn: &mut PgConnection, registration_id: Uuid) -> QueryResult<Vec<Material>> {
    materials::table
        .filter(materials::registration_id.eq(registration_id))
        .filter(materials::status.ne("superseded"))
        .order((materials::kind.asc(), materials::uploaded_at.desc()))
        .select(Material::as_select())
        .load(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Material>> {
    materials::table
        .find(id)
        .select(Material::as_select())
        .first(conn)
        .optional()
}

/// Withdraws a current material (draft only; the caller checks).
pub fn withdraw(conn: &mut PgConnection, id: Uuid, registration_id: Uuid) -> QueryResult<bool> {
    let n = diesel::update(
        materials::table
            .filter(materials::id.eq(id))
            .filter(materials::registration_id.eq(registration_id))
            .filter(materials::status.ne("superseded")),
    )
    .set(materials::status.eq("superseded"))
    .execute(conn)?;
    Ok(n == 1)
}

/// (registration, kind) of the current (uploaded or accepted) materials of several registrations.
pub fn current_kinds(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String)>> {
    materials::table
        .filter(materials::registration_id.eq_any(ids))
        .filter(materials::status.eq_any(["uploaded", "accepted"]))
        .select((materials::registration_id, materials::kind))
        .load(conn)
}
