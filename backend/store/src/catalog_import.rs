//! Writing an imported catalog: levels, categories, specialties and subjects of a session, upserted by code
//! (names follow the file; nothing is deleted, since registrations refer to what exists).

use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{exam_categories, exam_levels, specialties, subjects};

/// Whether a row was added or already there (and possibly renamed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Added(Uuid),
    Kept(Uuid),
}

impl Upserted {
    pub fn id(&self) -> Uuid {
        match self {
            Upserted::Added(id) | Upserted::Kept(id) => *id,
        }
    }
}

pub fn upsert_level(
    conn: &mut PgConnection,
    session: Uuid,
    code: &str,
    name: &str,
    seq: i32,
) -> QueryResult<Upserted> {
    let found: Option<Uuid> = exam_levels::table
        .filter(exam_levels::session_id.eq(session))
        .filter(exam_levels::code.eq(code))
        .select(exam_levels::id)
        .first(conn)
        .optional()?;
    Ok(match found {
        Some(id) => {
            diesel::update(exam_levels::table.find(id))
                .set(exam_levels::name.eq(name))
                .execute(conn)?;
            Upserted::Kept(id)
        }
        None => Upserted::Added(
            diesel::insert_into(exam_levels::table)
                .values((
                    exam_levels::session_id.eq(session),
                    exam_levels::code.eq(code),
                    exam_levels::name.eq(name),
                    exam_levels::seq.eq(seq),
                ))
                .returning(exam_levels::id)
                .get_result(conn)?,
        ),
    })
}

pub fn upsert_category(
    conn: &mut PgConnection,
    session: Uuid,
    code: &str,
    name: &str,
) -> QueryResult<Upserted> {
    let found: Option<Uuid> = exam_categories::table
        .filter(exam_categories::session_id.eq(session))
        .filter(exam_categories::code.eq(code))
        .select(exam_categories::id)
        .first(conn)
        .optional()?;
    Ok(match found {
        Some(id) => {
            diesel::update(exam_categories::table.find(id))
                .set(exam_categories::name.eq(name))
                .execute(conn)?;
            Upserted::Kept(id)
        }
        None => Upserted::Added(
            diesel::insert_into(exam_categories::table)
                .values((
                    exam_categories::session_id.eq(session),
                    exam_categories::code.eq(code),
                    exam_categories::name.eq(name),
                ))
                .returning(exam_categories::id)
                .get_result(conn)?,
        ),
    })
}

/// A specialty of the session by code: (id, level id, category id).
pub fn find_specialty(
    conn: &mut PgConnection,
    session: Uuid,
    code: &str,
) -> QueryResult<Option<(Uuid, Uuid, Option<Uuid>)>> {
    specialties::table
        .filter(specialties::session_id.eq(session))
        .filter(specialties::code.eq(code))
        .select((
            specialties::id,
            specialties::level_id,
            specialties::category_id,
        ))
        .first(conn)
        .optional()
}

pub fn insert_specialty(
    conn: &mut PgConnection,
    session: Uuid,
    level: Uuid,
    category: Option<Uuid>,
    code: &str,
    name: &str,
) -> QueryResult<Uuid> {
    diesel::insert_into(specialties::table)
        .values((
            specialties::session_id.eq(session),
            specialties::level_id.eq(level),
            specialties::category_id.eq(category),
            specialties::code.eq(code),
            specialties::name.eq(name),
        ))
        .returning(specialties::id)
        .get_result(conn)
}

pub fn rename_specialty(conn: &mut PgConnection, id: Uuid, name: &str) -> QueryResult<()> {
    diesel::update(specialties::table.find(id))
        .set(specialties::name.eq(name))
        .execute(conn)
        .map(|_| ())
}

pub fn upsert_subject(
    conn: &mut PgConnection,
    specialty: Uuid,
    code: &str,
    name: &str,
    seq: i32,
) -> QueryResult<Upserted> {
    let found: Option<Uuid> = subjects::table
        .filter(subjects::specialty_id.eq(specialty))
        .filter(subjects::code.eq(code))
        .select(subjects::id)
        .first(conn)
        .optional()?;
    Ok(match found {
        Some(id) => {
            diesel::update(subjects::table.find(id))
                .set((subjects::name.eq(name), subjects::seq.eq(seq)))
                .execute(conn)?;
            Upserted::Kept(id)
        }
        None => Upserted::Added(
            diesel::insert_into(subjects::table)
                .values((
                    subjects::specialty_id.eq(specialty),
                    subjects::code.eq(code),
                    subjects::name.eq(name),
                    subjects::seq.eq(seq),
                ))
                .returning(subjects::id)
                .get_result(conn)?,
        ),
    })
}

/// Codes of the session's specialties.
pub fn specialty_codes(conn: &mut PgConnection, session: Uuid) -> QueryResult<Vec<String>> {
    specialties::table
        .filter(specialties::session_id.eq(session))
        .order(specialties::code.asc())
        .select(specialties::code)
        .load(conn)
}
