//! Review statistics inside a data scope: counts by status × level, org, specialty and day, reviewer
//! throughput and pending work per review deadline. Every query has the same scope and session filter, so
//! the parts add up to the queue's totals.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::orgs::like_prefix;

/// The WHERE clause every statistic shares ($1 = scope LIKE pattern, $2 = session or NULL).
const SCOPE: &str =
    "r.org_path LIKE $1 AND r.status <> 'draft' AND ($2::uuid IS NULL OR r.session_id = $2)";

#[derive(Debug, QueryableByName)]
pub struct StatusCount {
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub current_level: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
}

#[derive(Debug, QueryableByName)]
pub struct OrgCount {
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub org_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub org_name: Option<String>,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
}

#[derive(Debug, QueryableByName)]
pub struct SpecialtyCount {
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub specialty_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub name: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
    #[diesel(sql_type = BigInt)]
    pub approved: i64,
}

#[derive(Debug, QueryableByName)]
pub struct DayCount {
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub submitted: i64,
}

#[derive(Debug, QueryableByName)]
pub struct ReviewerCount {
    #[diesel(sql_type = SqlUuid)]
    pub reviewer_id: Uuid,
    #[diesel(sql_type = Text)]
    pub reviewer_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub level: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub approved: i64,
    #[diesel(sql_type = BigInt)]
    pub returned: i64,
    #[diesel(sql_type = BigInt)]
    pub rejected: i64,
}

#[derive(Debug, QueryableByName)]
pub struct DeadlineCount {
    #[diesel(sql_type = SqlUuid)]
    pub session_id: Uuid,
    #[diesel(sql_type = Text)]
    pub level: String,
    #[diesel(sql_type = Timestamptz)]
    pub closes_at: DateTime<Utc>,
    #[diesel(sql_type = BigInt)]
    pub pending: i64,
}

pub struct Stats {
    pub by_status: Vec<StatusCount>,
    pub by_org: Vec<OrgCount>,
    pub by_specialty: Vec<SpecialtyCount>,
    pub by_day: Vec<DayCount>,
    pub reviewers: Vec<ReviewerCount>,
    pub deadlines: Vec<DeadlineCount>,
}

pub fn compute(
    conn: &mut PgConnection,
    scope_path: &str,
    session: Option<Uuid>,
) -> QueryResult<Stats> {
    let pattern = like_prefix(scope_path);
    macro_rules! q {
        ($sql:expr) => {
            diesel::sql_query($sql)
                .bind::<Text, _>(&pattern)
                .bind::<Nullable<SqlUuid>, _>(session)
        };
    }
    let by_status = q!(format!(
        "SELECT r.status, r.current_level, count(*) AS count FROM registrations r WHERE {SCOPE}
         GROUP BY 1, 2 ORDER BY 1, 2"
    ))
    .load(conn)?;
    let by_org = q!(format!(
        "SELECT r.org_id, o.name AS org_name, r.status, count(*) AS count
         FROM registrations r LEFT JOIN orgs o ON o.id = r.org_id WHERE {SCOPE}
         GROUP BY 1, 2, 3 ORDER BY 2, 3"
    ))
    .load(conn)?;
    let by_specialty = q!(format!(
        "SELECT r.specialty_id, s.code, s.name, count(*) AS count,
                count(*) FILTER (WHERE r.final_decision_at IS NOT NULL AND r.status NOT IN ('rejected')) AS approved
         FROM registrations r LEFT JOIN specialties s ON s.id = r.specialty_id WHERE {SCOPE}
         GROUP BY 1, 2, 3 ORDER BY 2"
    ))
    .load(conn)?;
    let by_day = q!(format!(
        "SELECT (r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*) AS submitted
         FROM registrations r WHERE {SCOPE} AND r.submitted_at IS NOT NULL GROUP BY 1 ORDER BY 1"
    ))
    .load(conn)?;
    let reviewers = q!(format!(
        "SELECT a.actor_id AS reviewer_id, sa.display_name AS reviewer_name, a.level,
                count(*) FILTER (WHERE a.action = 'approve') AS approved,
                count(*) FILTER (WHERE a.action = 'return') AS returned,
                count(*) FILTER (WHERE a.action = 'reject') AS rejected
         FROM review_actions a
         JOIN registrations r ON r.id = a.registration_id
         JOIN staff_accounts sa ON sa.id = a.actor_id
         WHERE a.actor_kind = 'staff' AND a.action IN ('approve', 'return', 'reject') AND {SCOPE}
         GROUP BY 1, 2, 3 ORDER BY 2, 3"
    ))
    .load(conn)?;
    let deadlines = q!(format!(
        "SELECT w.session_id, w.level, w.closes_at,
                (SELECT count(*) FROM registrations r
                  WHERE {SCOPE} AND r.session_id = w.session_id AND r.current_level = w.level
                    AND r.status IN ('submitted', 'resubmitted')) AS pending
         FROM review_windows w
         WHERE ($2::uuid IS NULL OR w.session_id = $2)
           AND w.session_id IN (SELECT DISTINCT r.session_id FROM registrations r WHERE {SCOPE})
         ORDER BY w.closes_at, w.level"
    ))
    .load(conn)?;
    Ok(Stats {
        by_status,
        by_org,
        by_specialty,
        by_day,
        reviewers,
        deadlines,
    })
}
