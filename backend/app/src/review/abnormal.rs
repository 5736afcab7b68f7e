//! The abnormal-data list for the exam region and operators: registrations stuck in states the normal flow
//! never leaves them in (a level outside the chain, paid without a paid order, a paid order not applied, an
//! order open long past its time, approved and unpaid after the payment window), within the caller's scope.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::review_abnormal::{of_kind, KINDS};

use crate::error::{ApiResult, Problem};
use crate::http::auth::StaffUser;
use crate::http::state::AppState;

/// How many registrations of each kind are listed (the count covers all of them).
const SAMPLE: i64 = 20;

#[derive(Serialize, ToSchema)]
pub struct AbnormalRegistration {
    pub id: Uuid,
    pub candidate_name: String,
    pub status: String,
    pub current_level: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AbnormalKind {
    /// `level_not_in_chain`, `paid_without_paid_order`, `paid_order_not_applied`, `order_stuck_open`,
    /// `approved_unpaid_after_window`
    pub kind: String,
    pub count: i64,
    /// the first registrations of this kind (oldest submission first, at most 20)
    pub registrations: Vec<AbnormalRegistration>,
}

#[derive(Serialize, ToSchema)]
pub struct AbnormalReport {
    pub generated_at: chrono::DateTime<chrono::Utc>,
    /// every kind, also those with nothing found (count 0)
    pub kinds: Vec<AbnormalKind>,
}

/// Registrations in abnormal states, by kind, within the caller's data scope.
#[utoipa::path(tag = "review", operation_id = "listAbnormalRegistrations", security(("bearer" = [])), responses(
    (status = 200, body = AbnormalReport),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`")
))]
#[get("/api/v1/review/abnormal")]
pub async fn abnormal(
    state: web::Data<AppState>,
    staff: StaffUser,
) -> ApiResult<web::Json<AbnormalReport>> {
    staff.require(Permission::ReadRegistrations)?;
    let now = state.clock.now();
    let scope = staff.scope_path.clone();
    let kinds = state
        .db(move |c| {
            let mut out = Vec::with_capacity(KINDS.len());
            for (kind, condition) in KINDS {
                let rows = of_kind(c, condition, &scope, now, SAMPLE)?;
                out.push(AbnormalKind {
                    kind: kind.to_string(),
                    count: rows.first().map_or(0, |r| r.total),
                    registrations: rows
                        .into_iter()
                        .map(|r| AbnormalRegistration {
                            id: r.id,
                            candidate_name: r.candidate_name,
                            status: r.status,
                            current_level: r.current_level,
                        })
                        .collect(),
                });
            }
            Ok(out)
        })
        .await?;
    Ok(web::Json(AbnormalReport {
        generated_at: now,
        kinds,
    }))
}
