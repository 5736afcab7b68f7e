//! Help documents as the exam region edited them (one per audience and language); no row means the shipped
//! document applies.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::schema::help_documents as h;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = h)]
pub struct HelpDocument {
    pub audience: String,
    pub locale: String,
    pub content: Value,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Uuid,
}

pub fn find(
    conn: &mut PgConnection,
    audience: &str,
    locale: &str,
) -> QueryResult<Option<HelpDocument>> {
    h::table
        .find((audience, locale))
        .select(HelpDocument::as_select())
        .first(conn)
        .optional()
}

/// Stores a new version if the stored one is still `expected` (0: none stored yet); `None` when someone else
/// saved in between.
pub fn save(
    conn: &mut PgConnection,
    audience: &str,
    locale: &str,
    expected: i32,
    content: &Value,
    by: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Option<HelpDocument>> {
    if expected == 0 {
        return diesel::insert_into(h::table)
            .values((
                h::audience.eq(audience),
                h::locale.eq(locale),
                h::content.eq(content),
                h::version.eq(1),
                h::updated_at.eq(now),
                h::updated_by.eq(by),
            ))
            .on_conflict_do_nothing()
            .returning(HelpDocument::as_returning())
            .get_result(conn)
            .optional();
    }
    diesel::update(
        h::table
            .find((audience, locale))
            .filter(h::version.eq(expected)),
    )
    .set((
        h::content.eq(content),
        h::version.eq(expected + 1),
        h::updated_at.eq(now),
        h::updated_by.eq(by),
    ))
    .returning(HelpDocument::as_returning())
    .get_result(conn)
    .optional()
}

/// Drops the edited document (the shipped one applies again) if it is still at `expected`; false otherwise.
pub fn reset(
    conn: &mut PgConnection,
    audience: &str,
    locale: &str,
    expected: i32,
) -> QueryResult<bool> {
    diesel::delete(
        h::table
            .find((audience, locale))
            .filter(h::version.eq(expected)),
    )
    .execute(conn)
    .map(|n| n == 1)
}
