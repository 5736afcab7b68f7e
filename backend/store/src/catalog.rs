//! The exam catalog: sessions with their windows and review chains, levels, categories, specialties,
//! subjects and fees — all data, per session.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{
    exam_categories, exam_levels, exam_sessions, exam_stages, exam_types, fee_items,
    review_windows, specialties, subjects,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = exam_sessions)]
pub struct ExamSession {
    pub id: Uuid,
    pub exam_type: String,
    pub year: i32,
    pub name: String,
    pub region_org_id: Uuid,
    pub review_chain: Vec<String>,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    pub payment_opens_at: Option<DateTime<Utc>>,
    pub payment_closes_at: Option<DateTime<Utc>>,
    pub supplement_opens_at: Option<DateTime<Utc>>,
    pub supplement_closes_at: Option<DateTime<Utc>>,
    pub settings: serde_json::Value,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Published sessions whose registration window contains `now` (or all published ones when `open_only` is false).
pub fn list_published(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    open_only: bool,
) -> QueryResult<Vec<(ExamSession, String)>> {
    let mut q = exam_sessions::table
        .inner_join(exam_types::table)
        .filter(exam_sessions::status.eq("published"))
        .select((ExamSession::as_select(), exam_types::name))
        .order((
            exam_sessions::registration_closes_at.asc(),
            exam_sessions::exam_type.asc(),
        ))
        .into_boxed();
    if open_only {
        q = q
            .filter(exam_sessions::registration_opens_at.le(now))
            .filter(exam_sessions::registration_closes_at.gt(now));
    }
    q.load(conn)
}

/// One published session with its exam type's name.
pub fn find_published(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(ExamSession, String)>> {
    exam_sessions::table
        .inner_join(exam_types::table)
        .filter(exam_sessions::id.eq(id))
        .filter(exam_sessions::status.eq("published"))
        .select((ExamSession::as_select(), exam_types::name))
        .first(conn)
        .optional()
}

pub fn find_session(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ExamSession>> {
    exam_sessions::table
        .find(id)
        .select(ExamSession::as_select())
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Queryable)]
pub struct Level {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub seq: i32,
}

#[derive(Debug, Clone, Queryable)]
pub struct Category {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Queryable)]
pub struct Specialty {
    pub id: Uuid,
    pub level_id: Uuid,
    pub category_id: Option<Uuid>,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Queryable)]
pub struct Subject {
    pub id: Uuid,
    pub specialty_id: Uuid,
    pub code: String,
    pub name: String,
    pub seq: i32,
}

#[derive(Debug, Clone, Queryable)]
pub struct FeeItem {
    pub stage_code: String,
    pub level_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    pub exam_format: String,
    pub unit: String,
    pub amount_fen: i64,
}

#[derive(Debug, Clone, Queryable)]
pub struct Stage {
    pub code: String,
    pub name: String,
    pub seq: i32,
    pub payment_opens_at: Option<DateTime<Utc>>,
    pub payment_closes_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable)]
pub struct ReviewWindow {
    pub level: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

/// Everything a candidate needs to fill the exam choice of one session.
pub struct Catalog {
    pub levels: Vec<Level>,
    pub categories: Vec<Category>,
    pub specialties: Vec<Specialty>,
    pub subjects: Vec<Subject>,
    pub fees: Vec<FeeItem>,
    pub stages: Vec<Stage>,
    pub review_windows: Vec<ReviewWindow>,
}

/// When a stage's payment window closes (`None`: no such stage, or no window).
pub fn stage_closes_at(
    conn: &mut PgConnection,
    session_id: Uuid,
    code: &str,
) -> QueryResult<Option<DateTime<Utc>>> {
    Ok(exam_stages::table
        .filter(exam_stages::session_id.eq(session_id))
        .filter(exam_stages::code.eq(code))
        .select(exam_stages::payment_closes_at)
        .first::<Option<DateTime<Utc>>>(conn)
        .optional()?
        .flatten())
}

pub fn load_catalog(conn: &mut PgConnection, session_id: Uuid) -> QueryResult<Catalog> {
    let levels = exam_levels::table
        .filter(exam_levels::session_id.eq(session_id))
        .order(exam_levels::seq.asc())
        .select((
            exam_levels::id,
            exam_levels::code,
            exam_levels::name,
            exam_levels::seq,
        ))
        .load(conn)?;
    let categories = exam_categories::table
        .filter(exam_categories::session_id.eq(session_id))
        .order(exam_categories::code.asc())
        .select((
            exam_categories::id,
            exam_categories::code,
            exam_categories::name,
        ))
        .load(conn)?;
    let specs: Vec<Specialty> = specialties::table
        .filter(specialties::session_id.eq(session_id))
        .order(specialties::code.asc())
        .select((
            specialties::id,
            specialties::level_id,
            specialties::category_id,
            specialties::code,
            specialties::name,
        ))
        .load(conn)?;
    let spec_ids: Vec<Uuid> = specs.iter().map(|s| s.id).collect();
    let subjs = subjects::table
        .filter(subjects::specialty_id.eq_any(spec_ids))
        .order((subjects::specialty_id.asc(), subjects::seq.asc()))
        .select((
            subjects::id,
            subjects::specialty_id,
            subjects::code,
            subjects::name,
            subjects::seq,
        ))
        .load(conn)?;
    let fees = fee_items::table
        .filter(fee_items::session_id.eq(session_id))
        .select((
            fee_items::stage_code,
            fee_items::level_id,
            fee_items::specialty_id,
            fee_items::exam_format,
            fee_items::unit,
            fee_items::amount_fen,
        ))
        .load(conn)?;
    let stages = exam_stages::table
        .filter(exam_stages::session_id.eq(session_id))
        .order(exam_stages::seq.asc())
        .select((
            exam_stages::code,
            exam_stages::name,
            exam_stages::seq,
            exam_stages::payment_opens_at,
            exam_stages::payment_closes_at,
        ))
        .load(conn)?;
    let windows = review_windows::table
        .filter(review_windows::session_id.eq(session_id))
        .select((
            review_windows::level,
            review_windows::opens_at,
            review_windows::closes_at,
        ))
        .load(conn)?;
    Ok(Catalog {
        levels,
        categories,
        specialties: specs,
        subjects: subjs,
        fees,
        stages,
        review_windows: windows,
    })
}
