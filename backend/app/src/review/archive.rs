//! An archived registration's history (`weikao archive season`): the versions, findings and review actions
//! that moved out of the live tables, for reviewers within their scope.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::registrations;

use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::StaffUser;
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ArchivedRegistration {
    pub registration_id: Uuid,
    pub archived_at: DateTime<Utc>,
    /// every saved version, oldest first: `{version, status, form, change_kind, actor_kind, created_at}`
    #[schema(value_type = Vec<Object>)]
    pub versions: Vec<Value>,
    /// every verification finding ever computed, superseded ones included: `{rule_code, severity,
    /// reviewer_message, candidate_message, evidence, computed_at, superseded_at}`
    #[schema(value_type = Vec<Object>)]
    pub findings: Vec<Value>,
    /// the review timeline: `{level, action, actor_kind, reason_codes, comment, comment_public, from_status,
    /// to_status, registration_version, created_at}`
    #[schema(value_type = Vec<Object>)]
    pub actions: Vec<Value>,
}

/// Keeps only `keys` of each object of `doc[field]`.
fn pick(doc: &Value, field: &str, keys: &[&str]) -> Vec<Value> {
    doc[field]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    Value::Object(
                        keys.iter()
                            .map(|k| (k.to_string(), i.get(*k).cloned().unwrap_or(Value::Null)))
                            .collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The archived history of a registration in the caller's scope.
#[utoipa::path(tag = "review", operation_id = "getArchivedRegistration", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = ArchivedRegistration),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope), `not_archived` (its session is not archived)")
))]
#[get("/api/v1/review/registrations/{id}/archive")]
pub async fn archived(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ArchivedRegistration>> {
    staff.require(Permission::ReadRegistrations)?;
    let id = id.into_inner();
    let scope = staff.scope_path.clone();
    let (doc, at) = state
        .db(move |c| {
            registrations::find_scoped(c, id, &scope)?.ok_or_else(ApiError::not_found)?;
            weikao_store::archive::document(c, id)?.ok_or_else(|| {
                ApiError::new(actix_web::http::StatusCode::NOT_FOUND, "not_archived").detail(
                    "the registration's session is not archived: its history is in the live detail",
                )
            })
        })
        .await?;
    Ok(web::Json(ArchivedRegistration {
        registration_id: id,
        archived_at: at,
        versions: pick(
            &doc,
            "versions",
            &[
                "version",
                "status",
                "form",
                "change_kind",
                "actor_kind",
                "created_at",
            ],
        ),
        findings: pick(
            &doc,
            "findings",
            &[
                "rule_code",
                "severity",
                "reviewer_message",
                "candidate_message",
                "evidence",
                "computed_at",
                "superseded_at",
            ],
        ),
        actions: pick(
            &doc,
            "actions",
            &[
                "level",
                "action",
                "actor_kind",
                "reason_codes",
                "comment",
                "comment_public",
                "from_status",
                "to_status",
                "registration_version",
                "created_at",
            ],
        ),
    }))
}
