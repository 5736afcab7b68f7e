//! Organisations: the review hierarchy (region → sites → registration points) and institutions, as a tree
//! with a materialised path (`/410000/410100/`) so a data scope is a prefix match.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::orgs;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = orgs)]
pub struct Org {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<Uuid>,
    pub path: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// Inserts an org under `parent` (None for a root region); the path is derived here.
pub fn insert_org(
    conn: &mut PgConnection,
    code: &str,
    name: &str,
    kind: &str,
    parent: Option<&Org>,
) -> QueryResult<Org> {
    let path = match parent {
        Some(p) => format!("{}{}/", p.path, code),
        None => format!("/{code}/"),
    };
    diesel::insert_into(orgs::table)
        .values((
            orgs::code.eq(code),
            orgs::name.eq(name),
            orgs::kind.eq(kind),
            orgs::parent_id.eq(parent.map(|p| p.id)),
            orgs::path.eq(path),
        ))
        .returning(Org::as_returning())
        .get_result(conn)
}

pub fn find_org(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Org>> {
    orgs::table
        .find(id)
        .select(Org::as_select())
        .first(conn)
        .optional()
}

pub fn find_org_by_code(conn: &mut PgConnection, code: &str) -> QueryResult<Option<Org>> {
    orgs::table
        .filter(orgs::code.eq(code))
        .select(Org::as_select())
        .first(conn)
        .optional()
}

/// Escapes LIKE metacharacters so a path is matched literally as a prefix.
pub fn like_prefix(path: &str) -> String {
    let escaped = path
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("{escaped}%")
}

/// Every org in the subtree rooted at `scope_path` (inclusive), ordered by path.
pub fn list_subtree(
    conn: &mut PgConnection,
    scope_path: &str,
    kind: Option<&str>,
) -> QueryResult<Vec<Org>> {
    let mut q = orgs::table
        .filter(orgs::path.like(like_prefix(scope_path)))
        .select(Org::as_select())
        .order(orgs::path.asc())
        .into_boxed();
    if let Some(k) = kind {
        q = q.filter(orgs::kind.eq(k.to_string()));
    }
    q.load(conn)
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_prefix_escapes_wildcards() {
        assert_eq!(super::like_prefix("/41_00/"), "/41\\_00/%");
        assert_eq!(super::like_prefix("/4%/"), "/4\\%/%");
    }
}
