//! Review statistics for the caller's data scope (the dashboard and the deadline overview).

use actix_web::{get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::review_stats;

use crate::error::{ApiResult, Problem};
use crate::http::auth::StaffUser;
use crate::http::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    /// one exam session (default: every session)
    pub session_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct StatusLevelCount {
    pub status: String,
    /// the level it waits at (for `submitted`/`resubmitted`) or was last handled by
    pub current_level: Option<String>,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OrgStatusCount {
    pub org_id: Option<Uuid>,
    pub org_name: Option<String>,
    pub status: String,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct SpecialtyStat {
    pub specialty_id: Option<Uuid>,
    /// three-digit specialty code (absent for exams without specialties)
    pub code: Option<String>,
    pub name: Option<String>,
    pub count: i64,
    /// finally approved (incl. paid)
    pub approved: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DayStat {
    /// Beijing time
    pub day: chrono::NaiveDate,
    pub submitted: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ReviewerStat {
    pub reviewer_id: Uuid,
    pub reviewer_name: String,
    pub level: Option<String>,
    pub approved: i64,
    pub returned: i64,
    pub rejected: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DeadlineStat {
    pub session_id: Uuid,
    pub level: String,
    pub closes_at: chrono::DateTime<chrono::Utc>,
    /// registrations still waiting at this level
    pub pending: i64,
    /// the deadline has passed with work still pending (surfaced to the level above)
    pub overdue: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ReviewStatistics {
    /// every registration in scope (drafts excluded): the sum of `by_status`
    pub total: i64,
    pub by_status: Vec<StatusLevelCount>,
    pub by_org: Vec<OrgStatusCount>,
    pub by_specialty: Vec<SpecialtyStat>,
    pub by_day: Vec<DayStat>,
    pub reviewers: Vec<ReviewerStat>,
    pub deadlines: Vec<DeadlineStat>,
}

/// Counts by status × level, organisation, specialty and day, reviewer throughput and pending work per
/// deadline, all within the caller's data scope.
#[utoipa::path(tag = "review", operation_id = "getReviewStatistics", params(StatsQuery), security(("bearer" = [])), responses(
    (status = 200, body = ReviewStatistics),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`")
))]
#[get("/api/v1/review/statistics")]
pub async fn statistics(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<StatsQuery>,
) -> ApiResult<web::Json<ReviewStatistics>> {
    staff.require(Permission::ReadRegistrations)?;
    let session = q.session_id;
    let scope = staff.scope_path.clone();
    let now = state.clock.now();
    let s = state
        .db(move |c| Ok(review_stats::compute(c, &scope, session)?))
        .await?;
    Ok(web::Json(ReviewStatistics {
        total: s.by_status.iter().map(|x| x.count).sum(),
        by_status: s
            .by_status
            .into_iter()
            .map(|x| StatusLevelCount {
                status: x.status,
                current_level: x.current_level,
                count: x.count,
            })
            .collect(),
        by_org: s
            .by_org
            .into_iter()
            .map(|x| OrgStatusCount {
                org_id: x.org_id,
                org_name: x.org_name,
                status: x.status,
                count: x.count,
            })
            .collect(),
        by_specialty: s
            .by_specialty
            .into_iter()
            .map(|x| SpecialtyStat {
                specialty_id: x.specialty_id,
                code: x.code,
                name: x.name,
                count: x.count,
                approved: x.approved,
            })
            .collect(),
        by_day: s
            .by_day
            .into_iter()
            .map(|x| DayStat {
                day: x.day,
                submitted: x.submitted,
            })
            .collect(),
        reviewers: s
            .reviewers
            .into_iter()
            .map(|x| ReviewerStat {
                reviewer_id: x.reviewer_id,
                reviewer_name: x.reviewer_name,
                level: x.level,
                approved: x.approved,
                returned: x.returned,
                rejected: x.rejected,
            })
            .collect(),
        deadlines: s
            .deadlines
            .into_iter()
            .map(|x| DeadlineStat {
                session_id: x.session_id,
                level: x.level,
                closes_at: x.closes_at,
                pending: x.pending,
                overdue: x.pending > 0 && now >= x.closes_at,
            })
            .collect(),
    }))
}
