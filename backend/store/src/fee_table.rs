//! A session's fee table as the exam region edits it: every row with its level and specialty codes, one
//! row set by its key, and whether money was already asked for a stage.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::schema::{
    exam_levels, exam_stages, fee_items, payment_orders, registrations, specialties,
};

#[derive(Debug, QueryableByName)]
pub struct FeeRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub stage_code: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub level_code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub level_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub specialty_code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub specialty_name: Option<String>,
    #[diesel(sql_type = Text)]
    pub exam_format: String,
    #[diesel(sql_type = Text)]
    pub unit: String,
    #[diesel(sql_type = BigInt)]
    pub amount_fen: i64,
}

/// The session's fee rows (`only` narrows to one), by stage, level, specialty.
pub fn rows(
    conn: &mut PgConnection,
    session: Uuid,
    only: Option<Uuid>,
) -> QueryResult<Vec<FeeRow>> {
    diesel::sql_query(
        "SELECT f.id, f.stage_code, l.code AS level_code, l.name AS level_name, s.code AS specialty_code,
                s.name AS specialty_name, f.exam_format, f.unit, f.amount_fen
         FROM fee_items f
         LEFT JOIN exam_levels l ON l.id = f.level_id
         LEFT JOIN specialties s ON s.id = f.specialty_id
         WHERE f.session_id = $1 AND ($2::uuid IS NULL OR f.id = $2)
         ORDER BY f.stage_code, l.seq NULLS FIRST, s.code NULLS FIRST, f.exam_format",
    )
    .bind::<SqlUuid, _>(session)
    .bind::<Nullable<SqlUuid>, _>(only)
    .load(conn)
}

pub fn stage_exists(conn: &mut PgConnection, session: Uuid, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        exam_stages::table
            .filter(exam_stages::session_id.eq(session))
            .filter(exam_stages::code.eq(code)),
    ))
    .get_result(conn)
}

pub fn level_id(conn: &mut PgConnection, session: Uuid, code: &str) -> QueryResult<Option<Uuid>> {
    exam_levels::table
        .filter(exam_levels::session_id.eq(session))
        .filter(exam_levels::code.eq(code))
        .select(exam_levels::id)
        .first(conn)
        .optional()
}

/// A specialty of the session by code, within a level when one is given.
pub fn specialty_id(
    conn: &mut PgConnection,
    session: Uuid,
    level: Option<Uuid>,
    code: &str,
) -> QueryResult<Option<Uuid>> {
    let mut q = specialties::table
        .filter(specialties::session_id.eq(session))
        .filter(specialties::code.eq(code))
        .select(specialties::id)
        .into_boxed();
    if let Some(l) = level {
        q = q.filter(specialties::level_id.eq(l));
    }
    q.first(conn).optional()
}

/// Whether candidates of the session were already asked to pay this stage (an order that is not closed).
pub fn stage_in_use(conn: &mut PgConnection, session: Uuid, stage: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        payment_orders::table
            .inner_join(
                registrations::table.on(registrations::id.eq(payment_orders::registration_id)),
            )
            .filter(registrations::session_id.eq(session))
            .filter(payment_orders::stage_code.eq(stage))
            .filter(payment_orders::status.ne("closed")),
    ))
    .get_result(conn)
}

pub struct FeeKey<'a> {
    pub stage_code: &'a str,
    pub level_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    pub exam_format: &'a str,
}

/// Sets the row with this key (inserting it when missing); returns its id.
pub fn upsert(
    conn: &mut PgConnection,
    session: Uuid,
    key: &FeeKey,
    unit: &str,
    amount_fen: i64,
) -> QueryResult<Uuid> {
    let existing: Option<Uuid> = fee_items::table
        .filter(fee_items::session_id.eq(session))
        .filter(fee_items::stage_code.eq(key.stage_code))
        .filter(fee_items::exam_format.eq(key.exam_format))
        .filter(fee_items::level_id.is_not_distinct_from(key.level_id))
        .filter(fee_items::specialty_id.is_not_distinct_from(key.specialty_id))
        .select(fee_items::id)
        .for_update()
        .first(conn)
        .optional()?;
    match existing {
        Some(id) => diesel::update(fee_items::table.find(id))
            .set((
                fee_items::unit.eq(unit),
                fee_items::amount_fen.eq(amount_fen),
            ))
            .returning(fee_items::id)
            .get_result(conn),
        None => diesel::insert_into(fee_items::table)
            .values((
                fee_items::session_id.eq(session),
                fee_items::stage_code.eq(key.stage_code),
                fee_items::level_id.eq(key.level_id),
                fee_items::specialty_id.eq(key.specialty_id),
                fee_items::exam_format.eq(key.exam_format),
                fee_items::unit.eq(unit),
                fee_items::amount_fen.eq(amount_fen),
            ))
            .returning(fee_items::id)
            .get_result(conn),
    }
}
