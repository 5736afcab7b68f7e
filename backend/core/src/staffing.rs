//! Staff accounts as administrators manage them (domain.md §1, §9): who may grant which role, how a role, a
//! review level and the scope organisation fit together, and what a username looks like.

use crate::authz::Role;

/// Roles an administrator of role `by` may grant. Region administrators staff the review (reviewers and
/// fellow region administrators); system administrators grant every role but institution portal users,
/// which belong to the institution filing flow.
pub fn may_grant(by: Role, role: Role) -> bool {
    match by {
        Role::RegionAdmin => matches!(role, Role::Reviewer | Role::RegionAdmin),
        Role::SystemAdmin => !matches!(role, Role::Institution),
        _ => false,
    }
}

/// Checks that a role, its review level and the kind of its scope organisation (`region`, `site`, `point`,
/// `hospital`…) fit: a reviewer reviews at the level of its organisation; other roles have no level and a
/// province-wide (region) scope. Errors are (field, code).
pub fn check_assignment(
    role: Role,
    level: Option<&str>,
    org_kind: &str,
) -> Result<(), (&'static str, &'static str)> {
    match role {
        Role::Reviewer => match level {
            None => Err(("review_level", "level_required")),
            Some(l) if !["point", "site", "region"].contains(&l) => {
                Err(("review_level", "level_unknown"))
            }
            Some(l) if l != org_kind => Err(("review_level", "level_does_not_match_org")),
            Some(_) => Ok(()),
        },
        Role::Institution => Err(("role", "role_not_assignable")),
        _ if level.is_some() => Err(("review_level", "level_not_for_role")),
        _ if org_kind != "region" => Err(("scope_org_id", "scope_must_be_region")),
        _ => Ok(()),
    }
}

/// 3–32 characters: lower-case letters, digits, `_`, `.` or `-`, starting with a letter.
pub fn username_ok(u: &str) -> bool {
    (3..=32).contains(&u.len())
        && u.starts_with(|c: char| c.is_ascii_lowercase())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_admins_staff_the_review_and_system_admins_the_rest() {
        assert!(may_grant(Role::RegionAdmin, Role::Reviewer));
        assert!(may_grant(Role::RegionAdmin, Role::RegionAdmin));
        assert!(!may_grant(Role::RegionAdmin, Role::SystemAdmin));
        assert!(!may_grant(Role::RegionAdmin, Role::Auditor));
        assert!(may_grant(Role::SystemAdmin, Role::Auditor));
        assert!(may_grant(Role::SystemAdmin, Role::SystemAdmin));
        assert!(!may_grant(Role::SystemAdmin, Role::Institution));
        assert!(!may_grant(Role::Reviewer, Role::Reviewer));
        assert!(!may_grant(Role::Auditor, Role::Reviewer));
    }

    #[test]
    fn reviewers_review_at_their_orgs_level() {
        assert_eq!(
            check_assignment(Role::Reviewer, Some("site"), "site"),
            Ok(())
        );
        assert_eq!(
            check_assignment(Role::Reviewer, Some("point"), "point"),
            Ok(())
        );
        assert_eq!(
            check_assignment(Role::Reviewer, Some("site"), "point"),
            Err(("review_level", "level_does_not_match_org"))
        );
        assert_eq!(
            check_assignment(Role::Reviewer, None, "site"),
            Err(("review_level", "level_required"))
        );
        assert_eq!(
            check_assignment(Role::Reviewer, Some("county"), "site"),
            Err(("review_level", "level_unknown"))
        );
    }

    #[test]
    fn other_roles_are_province_wide_without_a_level() {
        assert_eq!(check_assignment(Role::RegionAdmin, None, "region"), Ok(()));
        assert_eq!(check_assignment(Role::Auditor, None, "region"), Ok(()));
        assert_eq!(
            check_assignment(Role::RegionAdmin, Some("region"), "region"),
            Err(("review_level", "level_not_for_role"))
        );
        assert_eq!(
            check_assignment(Role::SystemAdmin, None, "site"),
            Err(("scope_org_id", "scope_must_be_region"))
        );
        assert_eq!(
            check_assignment(Role::Institution, None, "hospital"),
            Err(("role", "role_not_assignable"))
        );
    }

    #[test]
    fn usernames_are_plain() {
        assert!(username_ok("site_reviewer_ly"));
        assert!(username_ok("li.wei-2"));
        assert!(!username_ok("ab"));
        assert!(!username_ok("2fast"));
        assert!(!username_ok("Admin"));
        assert!(!username_ok("张三"));
        assert!(!username_ok(&"a".repeat(33)));
    }
}
