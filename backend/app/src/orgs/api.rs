use actix_web::{get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use weikao_core::authz::Permission;

use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::StaffUser;
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct OrgView {
    pub id: uuid::Uuid,
    pub code: String,
    pub name: String,
    /// `region`, `site`, `point` or `institution`
    pub kind: String,
    pub parent_id: Option<uuid::Uuid>,
    /// materialised path of codes, e.g. `/410000/410100/`
    pub path: String,
    pub active: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrgQuery {
    /// only orgs of this kind: `region`, `site`, `point`, `institution`
    pub kind: Option<String>,
}

/// The organisations in the caller's data scope (its org and everything below it).
#[utoipa::path(tag = "orgs", operation_id = "listOrgs", params(OrgQuery), security(("bearer" = [])), responses(
    (status = 200, body = Vec<OrgView>),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 422, body = Problem, description = "`validation_failed`: `kind`")
))]
#[get("/api/v1/orgs")]
pub async fn list_orgs(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<OrgQuery>,
) -> ApiResult<web::Json<Vec<OrgView>>> {
    staff.require(Permission::ReadOrgs)?;
    let kind = q.into_inner().kind;
    if let Some(k) = &kind {
        if !["region", "site", "point", "institution"].contains(&k.as_str()) {
            return Err(ApiError::field("kind", "kind_invalid"));
        }
    }
    let scope = staff.scope_path.clone();
    let rows = state
        .db(move |c| {
            Ok(weikao_store::orgs::list_subtree(
                c,
                &scope,
                kind.as_deref(),
            )?)
        })
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|o| OrgView {
                id: o.id,
                code: o.code,
                name: o.name,
                kind: o.kind,
                parent_id: o.parent_id,
                path: o.path,
                active: o.active,
            })
            .collect(),
    ))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_orgs);
}
