//! Staff accounts as administrators see and change them: the accounts in a scope, edits, credential resets.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::accounts::StaffAccount;
use crate::orgs::like_prefix;
use crate::schema::{orgs, staff_accounts};

/// Staff accounts whose scope organisation lies inside `scope_path` (with the org's name and path),
/// optionally matching `q` in username or display name, by username.
pub fn list(
    conn: &mut PgConnection,
    scope_path: &str,
    q: Option<&str>,
) -> QueryResult<Vec<(StaffAccount, String, String)>> {
    let mut query = staff_accounts::table
        .inner_join(orgs::table.on(orgs::id.eq(staff_accounts::scope_org_id)))
        .filter(orgs::path.like(like_prefix(scope_path)))
        .select((StaffAccount::as_select(), orgs::name, orgs::path))
        .order(staff_accounts::username.asc())
        .limit(500)
        .into_boxed();
    if let Some(q) = q.filter(|q| !q.is_empty()) {
        let pattern = format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        query = query.filter(
            staff_accounts::username
                .ilike(pattern.clone())
                .or(staff_accounts::display_name.ilike(pattern)),
        );
    }
    query.load(conn)
}

pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<StaffAccount>> {
    staff_accounts::table
        .find(id)
        .select(StaffAccount::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub struct StaffChange<'a> {
    pub display_name: &'a str,
    pub role: &'a str,
    pub review_level: Option<&'a str>,
    pub scope_org_id: Uuid,
    pub can_reveal_pii: bool,
    pub active: bool,
}

pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    c: &StaffChange,
    now: DateTime<Utc>,
) -> QueryResult<StaffAccount> {
    diesel::update(staff_accounts::table.find(id))
        .set((
            staff_accounts::display_name.eq(c.display_name),
            staff_accounts::role.eq(c.role),
            staff_accounts::review_level.eq(c.review_level),
            staff_accounts::scope_org_id.eq(c.scope_org_id),
            staff_accounts::can_reveal_pii.eq(c.can_reveal_pii),
            staff_accounts::active.eq(c.active),
            staff_accounts::updated_at.eq(now),
        ))
        .returning(StaffAccount::as_returning())
        .get_result(conn)
}

/// A new password; the lockout lifted; with `reset_totp` the authenticator is forgotten (enrolled again at
/// the next login).
pub fn reset_credentials(
    conn: &mut PgConnection,
    id: Uuid,
    password_hash: &str,
    reset_totp: bool,
    now: DateTime<Utc>,
) -> QueryResult<StaffAccount> {
    let s = diesel::update(staff_accounts::table.find(id))
        .set((
            staff_accounts::password_hash.eq(password_hash),
            staff_accounts::failed_logins.eq(0),
            staff_accounts::locked_until.eq(None::<DateTime<Utc>>),
            staff_accounts::updated_at.eq(now),
        ))
        .returning(StaffAccount::as_returning())
        .get_result(conn)?;
    if !reset_totp {
        return Ok(s);
    }
    diesel::update(staff_accounts::table.find(id))
        .set((
            staff_accounts::totp_secret_enc.eq(None::<Vec<u8>>),
            staff_accounts::totp_enabled.eq(false),
            staff_accounts::totp_last_step.eq(None::<i64>),
        ))
        .returning(StaffAccount::as_returning())
        .get_result(conn)
}
