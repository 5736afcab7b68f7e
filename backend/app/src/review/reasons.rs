//! The reason catalog: reviewers read it to return or reject; region administrators edit it (audited).

use actix_web::{get, put, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use weikao_core::authz::Permission;
use weikao_store::reasons::{self, Reason};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonView {
    /// stable code stored on decisions, e.g. `photo_blurred`
    pub code: String,
    /// the text reviewers and candidates see
    pub label: String,
    /// `field`, `material` or `general`
    pub target: String,
    /// for `field`: the form section (`work`); for `material`: the material kind (`photo`)
    pub subject: Option<String>,
    pub active: bool,
    pub sort: i32,
}

fn view(r: Reason) -> ReasonView {
    ReasonView {
        code: r.code,
        label: r.label,
        target: r.target,
        subject: r.subject,
        active: r.active,
        sort: r.sort,
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReasonsQuery {
    /// include retired reasons (for administrators editing the catalog)
    pub include_inactive: Option<bool>,
}

/// The reason catalog, in display order.
#[utoipa::path(tag = "review", operation_id = "listReviewReasons", params(ReasonsQuery), security(("bearer" = [])), responses(
    (status = 200, body = Vec<ReasonView>),
    (status = 400, body = Problem, description = "`invalid_query`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`")
))]
#[get("/api/v1/review/reasons")]
pub async fn list(
    state: web::Data<AppState>,
    staff: StaffUser,
    q: web::Query<ReasonsQuery>,
) -> ApiResult<web::Json<Vec<ReasonView>>> {
    if staff.require(Permission::ReadRegistrations).is_err() {
        staff.require(Permission::ManageCatalog)?;
    }
    let all = q.include_inactive.unwrap_or(false);
    let rows = state.db(move |c| Ok(reasons::list(c, all)?)).await?;
    Ok(web::Json(rows.into_iter().map(view).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    /// 1–100 characters
    pub label: String,
    /// `field`, `material` or `general`
    pub target: String,
    /// form section for `field`, material kind for `material`, absent for `general`
    pub subject: Option<String>,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub sort: i32,
}

fn yes() -> bool {
    true
}

/// The form sections a field reason may point at (the same as a return's `returned_fields`).
pub const FORM_SECTIONS: &[&str] = &[
    "identity",
    "education",
    "second_degree",
    "work",
    "exam",
    "physician",
    "nurse",
];

fn validate(code: &str, input: &ReasonInput) -> ApiResult<()> {
    let code_ok = code.len() >= 2
        && code.len() <= 64
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        return Err(ApiError::field("code", "reason_code_invalid"));
    }
    let n = input.label.trim().chars().count();
    if !(1..=100).contains(&n) {
        return Err(ApiError::field("label", "label_length"));
    }
    let subject = input.subject.as_deref();
    let subject_ok = match input.target.as_str() {
        "field" => subject.is_some_and(|s| FORM_SECTIONS.contains(&s)),
        "material" => {
            subject.is_some_and(|s| weikao_core::registration::MATERIAL_KINDS.contains(&s))
        }
        "general" => subject.is_none(),
        _ => return Err(ApiError::field("target", "target_unknown")),
    };
    if !subject_ok {
        return Err(ApiError::field("subject", "subject_invalid"));
    }
    Ok(())
}

/// Adds or edits one reason (region administrators; audited). Codes are never deleted: retire them with
/// `active: false`, so past decisions keep their meaning.
#[utoipa::path(tag = "review", operation_id = "putReviewReason", params(("code" = String, Path)), request_body = ReasonInput, security(("bearer" = [])), responses(
    (status = 200, body = ReasonView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `code` (`reason_code_invalid`), `label` (`label_length`), `target` (`target_unknown`), `subject` (`subject_invalid`)")
))]
#[put("/api/v1/admin/review-reasons/{code}")]
pub async fn put(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    code: web::Path<String>,
    body: web::Json<ReasonInput>,
) -> ApiResult<web::Json<ReasonView>> {
    staff.require(Permission::ManageCatalog)?;
    let code = code.into_inner();
    let input = body.into_inner();
    validate(&code, &input)?;
    let row = Reason {
        code,
        label: input.label.trim().to_string(),
        target: input.target,
        subject: input.subject,
        active: input.active,
        sort: input.sort,
        updated_at: state.clock.now(),
    };
    let out = state
        .db(move |c| {
            use diesel::Connection;
            c.transaction::<_, ApiError, _>(|c| {
                let before = reasons::upsert(c, &row)?;
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "review.reason_put")
                        .object("review_reason", &row.code)
                        .details(serde_json::json!({
                            "before": before.map(|b| serde_json::json!({"label": b.label, "target": b.target, "subject": b.subject, "active": b.active})),
                            "after": {"label": row.label, "target": row.target, "subject": row.subject, "active": row.active},
                        })),
                )?;
                Ok(row)
            })
        })
        .await?;
    Ok(web::Json(view(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(target: &str, subject: Option<&str>) -> ReasonInput {
        ReasonInput {
            label: "照片模糊".into(),
            target: target.into(),
            subject: subject.map(str::to_string),
            active: true,
            sort: 0,
        }
    }

    #[test]
    fn subjects_must_match_their_target() {
        assert!(validate("photo_blurred", &input("material", Some("photo"))).is_ok());
        assert!(validate("work_unit", &input("field", Some("work"))).is_ok());
        assert!(validate("other", &input("general", None)).is_ok());
        assert!(validate("x_y", &input("material", Some("selfie"))).is_err());
        assert!(validate("x_y", &input("field", Some("photo"))).is_err());
        assert!(validate("x_y", &input("general", Some("work"))).is_err());
        assert!(validate("x_y", &input("anything", None)).is_err());
    }

    #[test]
    fn codes_are_lowercase_identifiers() {
        let ok = input("general", None);
        for bad in ["", "A_b", "1abc", "a-b", "照片", &"a".repeat(65)] {
            assert!(validate(bad, &ok).is_err(), "{bad}");
        }
    }
}
