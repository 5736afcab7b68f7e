//! The review reason catalog: what reviewers pick when they return or reject a registration.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::schema::review_reasons;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = review_reasons)]
pub struct Reason {
    pub code: String,
    pub label: String,
    pub target: String,
    pub subject: Option<String>,
    pub active: bool,
    pub sort: i32,
    pub updated_at: DateTime<Utc>,
}

/// Every reason, active ones first, in catalog order.
pub fn list(conn: &mut PgConnection, include_inactive: bool) -> QueryResult<Vec<Reason>> {
    let mut q = review_reasons::table
        .select(Reason::as_select())
        .order((
            review_reasons::active.desc(),
            review_reasons::sort.asc(),
            review_reasons::code.asc(),
        ))
        .into_boxed();
    if !include_inactive {
        q = q.filter(review_reasons::active.eq(true));
    }
    q.load(conn)
}

/// The codes among `codes` that are not active reasons of the catalog.
pub fn unknown_codes(conn: &mut PgConnection, codes: &[String]) -> QueryResult<Vec<String>> {
    if codes.is_empty() {
        return Ok(vec![]);
    }
    let known: Vec<String> = review_reasons::table
        .filter(review_reasons::code.eq_any(codes))
        .filter(review_reasons::active.eq(true))
        .select(review_reasons::code)
        .load(conn)?;
    Ok(codes
        .iter()
        .filter(|c| !known.contains(c))
        .cloned()
        .collect())
}

/// Inserts or replaces one reason; returns the previous version when there was one.
pub fn upsert(conn: &mut PgConnection, r: &Reason) -> QueryResult<Option<Reason>> {
    let before = review_reasons::table
        .find(&r.code)
        .select(Reason::as_select())
        .for_update()
        .first(conn)
        .optional()?;
    diesel::insert_into(review_reasons::table)
        .values(r)
        .on_conflict(review_reasons::code)
        .do_update()
        .set(r)
        .execute(conn)?;
    Ok(before)
}
