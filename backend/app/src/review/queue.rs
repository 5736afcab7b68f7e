//! The filters of a review queue, shared by the listing, the export and batch decisions: one place that
//! turns what a reviewer asked for into a store filter that is always inside their data scope.

use chrono::{DateTime, Utc};
use diesel::PgConnection;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::identity::normalize_id_input;
use weikao_store::registrations::{QueueSort, ScopedFilter};

use crate::error::{ApiError, ApiResult};
use crate::http::auth::StaffUser;
use crate::security::keys::Keys;

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Block,
    Warning,
    Hint,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Block => "block",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }
}

/// The special-item queues of the exam region (专项信息审核): registrations with current findings of these rules.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Special {
    /// front-line personnel claims (listed or not in the front-line library)
    FrontLine,
    /// work units typed by hand or not found in the institution library
    ManualUnit,
    /// provincial-line (省线) candidates
    ProvincialLine,
}

impl Special {
    pub fn rule_codes(&self) -> &'static [&'static str] {
        match self {
            Special::FrontLine => &["front_line_listed", "front_line_not_listed"],
            Special::ManualUnit => &["work_unit_manual", "work_unit_unknown"],
            Special::ProvincialLine => &["provincial_line"],
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// newest submission first (default)
    #[default]
    SubmittedDesc,
    /// oldest submission first (work the queue in order)
    SubmittedAsc,
    /// by candidate name
    Name,
    /// most recently changed first
    UpdatedDesc,
}

impl From<Sort> for QueueSort {
    fn from(s: Sort) -> Self {
        match s {
            Sort::SubmittedDesc => QueueSort::SubmittedDesc,
            Sort::SubmittedAsc => QueueSort::SubmittedAsc,
            Sort::Name => QueueSort::NameAsc,
            Sort::UpdatedDesc => QueueSort::UpdatedDesc,
        }
    }
}

/// What to list: every field narrows the caller's data scope further.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QueueFilter {
    pub session_id: Option<Uuid>,
    /// `submitted`, `resubmitted`, `returned`, `approved`, `rejected`, `paid`, ...
    pub status: Option<String>,
    /// candidate name prefix, or a full ID number (matched through the blind index)
    pub q: Option<String>,
    /// only registrations waiting for a decision at the caller's review level
    pub pending: Option<bool>,
    pub level_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    /// an organisation inside the caller's scope: its whole subtree
    pub org_id: Option<Uuid>,
    /// with a current verification finding of this severity
    pub severity: Option<Severity>,
    /// with a current verification finding of this rule, e.g. `violation_ban`
    pub rule_code: Option<String>,
    /// submitted at or after
    pub submitted_from: Option<DateTime<Utc>>,
    /// submitted before
    pub submitted_to: Option<DateTime<Utc>>,
    /// returning candidates (archive number from an earlier year) or new ones
    pub returning: Option<bool>,
    /// a special-item queue
    pub special: Option<Special>,
    /// only registrations waiting at a level whose review deadline has passed (any level: the levels
    /// above take them over)
    pub overdue: Option<bool>,
}

/// The owned parts of a store filter (the store borrows them).
pub struct Resolved {
    scope_path: String,
    bidx: Option<Vec<u8>>,
    name: Option<String>,
    pending_at: Option<String>,
    org_path: Option<String>,
    closed: Option<Vec<(Uuid, String)>>,
    filter: QueueFilter,
}

impl Resolved {
    pub fn as_store(&self) -> ScopedFilter<'_> {
        let f = &self.filter;
        ScopedFilter {
            scope_path: &self.scope_path,
            session_id: f.session_id,
            status: f.status.as_deref(),
            id_number_bidx: self.bidx.clone(),
            name: self.name.as_deref(),
            pending_at: self.pending_at.as_deref(),
            level_id: f.level_id,
            category_id: f.category_id,
            specialty_id: f.specialty_id,
            org_path: self.org_path.as_deref(),
            severity: f.severity.map(|s| s.as_str()),
            rule_codes: f
                .rule_code
                .as_deref()
                .into_iter()
                .chain(
                    f.special
                        .map(|s| s.rule_codes())
                        .unwrap_or_default()
                        .iter()
                        .copied(),
                )
                .collect(),
            overdue_in: self.closed.clone(),
            submitted_from: f.submitted_from,
            submitted_to: f.submitted_to,
            returning: f.returning,
        }
    }
}

/// Resolves a filter for `staff`: the search term becomes a blind index or a name prefix, `pending` the
/// caller's level, `org_id` its path (an org outside the scope simply matches nothing).
pub fn resolve(
    conn: &mut PgConnection,
    keys: &Keys,
    now: chrono::DateTime<Utc>,
    staff: &StaffUser,
    filter: QueueFilter,
) -> ApiResult<Resolved> {
    if let (Some(a), Some(b)) = (filter.submitted_from, filter.submitted_to) {
        if a > b {
            return Err(ApiError::bad_request("invalid_query")
                .detail("submitted_from is after submitted_to"));
        }
    }
    if filter.rule_code.as_deref().is_some_and(|r| r.len() > 64) {
        return Err(ApiError::bad_request("invalid_query").detail("rule_code is too long"));
    }
    let search = filter
        .q
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    // a search term with digits is an ID number: look it up by blind index, never by plain text
    let (bidx, name) = match &search {
        Some(s) if s.chars().any(|c| c.is_ascii_digit()) => {
            (Some(keys.pii.blind_index(&normalize_id_input(s))), None)
        }
        Some(s) => (None, Some(s.clone())),
        None => (None, None),
    };
    // staff without a review level have nothing waiting at "their" level: an empty result, not an error
    let pending_at = filter.pending.unwrap_or(false).then(|| {
        staff
            .level
            .map(|l| l.as_str())
            .unwrap_or("none")
            .to_string()
    });
    let org_path = match filter.org_id {
        Some(id) => Some(
            weikao_store::orgs::find_org(conn, id)?
                .map(|o| o.path)
                .unwrap_or_else(|| "/nowhere/".to_string()),
        ),
        None => None,
    };
    let closed = match filter.overdue {
        Some(true) => Some(weikao_store::registrations::closed_windows(conn, now)?),
        _ => None,
    };
    Ok(Resolved {
        closed,
        scope_path: staff.scope_path.clone(),
        bidx,
        name,
        pending_at,
        org_path,
        filter,
    })
}
