//! Roles, review levels and permissions: who may do what. Data scope (which org subtree) is applied
//! separately, on every staff query, by the store layer; this module only answers "may this role do X".

use serde::{Deserialize, Serialize};

/// A staff role. Separation of duties (MLPS): administrators, reviewers and auditors are distinct accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reviewer,
    RegionAdmin,
    SystemAdmin,
    Auditor,
    /// a medical institution's user (institution portal): files its probation certificates
    Institution,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Reviewer => "reviewer",
            Role::RegionAdmin => "region_admin",
            Role::SystemAdmin => "system_admin",
            Role::Auditor => "auditor",
            Role::Institution => "institution",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::all().iter().copied().find(|r| r.as_str() == s)
    }

    pub fn all() -> &'static [Role] {
        &[
            Role::Reviewer,
            Role::RegionAdmin,
            Role::SystemAdmin,
            Role::Auditor,
            Role::Institution,
        ]
    }
}

/// A review tier. The chain of an exam session is a subsequence of `Point → Site → Region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewLevel {
    Point,
    Site,
    Region,
}

impl ReviewLevel {
    pub fn as_str(&self) -> &'static str {
        match self {
            ReviewLevel::Point => "point",
            ReviewLevel::Site => "site",
            ReviewLevel::Region => "region",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewLevel> {
        match s {
            "point" => Some(ReviewLevel::Point),
            "site" => Some(ReviewLevel::Site),
            "region" => Some(ReviewLevel::Region),
            _ => None,
        }
    }

    /// The org kind whose staff review at this level.
    pub fn org_kind(&self) -> &'static str {
        self.as_str()
    }
}

/// Something a staff member may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// See registrations in one's scope (queues, detail with masked PII).
    ReadRegistrations,
    /// Decide on registrations at one's level.
    DecideRegistrations,
    /// See the org tree of one's scope.
    ReadOrgs,
    /// Manage orgs, staff accounts, API clients.
    ManageAccounts,
    /// Configure exam sessions, catalog, fees, reason catalog.
    ManageCatalog,
    /// Read the audit log and verify its chain.
    ReadAudit,
    /// Import, browse, export and clean the reference libraries.
    ManageLibraries,
    /// Reconcile payments and handle payment alerts.
    ManagePayments,
    /// File, update and revoke the probation certificates of one's own institution.
    FileProbation,
    /// Read the operations reports (backups, restore drills, patrols, inspections).
    ReadOpsReports,
    /// Upload a school's graduating class list and follow its students (a registration point's reviewers;
    /// the handler checks the level).
    ManageClassLists,
}

/// The pure role → permission table.
pub fn role_allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Reviewer => matches!(
            permission,
            ReadRegistrations | DecideRegistrations | ReadOrgs | ManageClassLists
        ),
        Role::RegionAdmin => matches!(
            permission,
            ReadRegistrations
                | ReadOrgs
                | ManageCatalog
                | ManageAccounts
                | ManageLibraries
                | ManagePayments
        ),
        Role::SystemAdmin => matches!(permission, ReadOrgs | ManageAccounts | ReadOpsReports),
        Role::Auditor => matches!(permission, ReadAudit | ReadOrgs | ReadOpsReports),
        Role::Institution => matches!(permission, FileProbation),
    }
}

/// True when `path` lies in the subtree rooted at `scope_path` (materialised paths like `/410000/410100/`).
pub fn in_scope(scope_path: &str, path: &str) -> bool {
    scope_path.ends_with('/') && path.starts_with(scope_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::all() {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn separation_of_duties() {
        assert!(role_allows(Role::Reviewer, Permission::DecideRegistrations));
        assert!(!role_allows(Role::Reviewer, Permission::ManageAccounts));
        assert!(!role_allows(
            Role::SystemAdmin,
            Permission::ReadRegistrations
        ));
        assert!(!role_allows(Role::Auditor, Permission::ReadRegistrations));
        assert!(role_allows(Role::Auditor, Permission::ReadAudit));
        assert!(!role_allows(Role::RegionAdmin, Permission::ReadAudit));
        assert!(role_allows(Role::RegionAdmin, Permission::ManageLibraries));
        assert!(!role_allows(Role::Reviewer, Permission::ManageLibraries));
        assert!(!role_allows(Role::SystemAdmin, Permission::ManageLibraries));
        assert!(!role_allows(
            Role::RegionAdmin,
            Permission::DecideRegistrations
        ));
        // an institution files its certificates and sees nothing else
        assert!(role_allows(Role::Institution, Permission::FileProbation));
        for p in [
            Permission::ReadRegistrations,
            Permission::ReadOrgs,
            Permission::ManageLibraries,
            Permission::ReadAudit,
        ] {
            assert!(!role_allows(Role::Institution, p));
        }
        assert!(!role_allows(Role::RegionAdmin, Permission::FileProbation));
        // class lists are a school's (registration point reviewers'), not an administrator's
        assert!(role_allows(Role::Reviewer, Permission::ManageClassLists));
        for r in [
            Role::RegionAdmin,
            Role::SystemAdmin,
            Role::Auditor,
            Role::Institution,
        ] {
            assert!(!role_allows(r, Permission::ManageClassLists));
        }
    }

    #[test]
    fn scope_is_a_path_prefix() {
        assert!(in_scope("/410000/", "/410000/410100/41010001/"));
        assert!(in_scope("/410000/410100/", "/410000/410100/"));
        assert!(!in_scope("/410000/410100/", "/410000/410101/"));
        assert!(!in_scope("/410000/4101", "/410000/410100/"));
    }
}
