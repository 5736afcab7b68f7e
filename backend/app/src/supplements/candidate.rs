//! The candidate's side of the supplement: see what is owed and until when, upload the diploma, submit.

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::registration::supplement::{
    candidate_may_change, missing_kinds, window, Window, SUPPLEMENT_KINDS,
};
use weikao_store::catalog::ExamSession;
use weikao_store::registrations::{self as regs, Registration};
use weikao_store::supplements::{self as store, Supplement};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::CandidateUser;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::materials::api::{accept_upload, view as material_view, MaterialView};
use crate::supplements::service::on_timeline;

#[derive(Serialize, ToSchema)]
pub struct SupplementView {
    pub registration_id: Uuid,
    /// `pending` (owed), `submitted` (waiting for the exam region), `verified`, `returned` (upload again and
    /// submit before the deadline), `rejected`, `expired` (the deadline passed while owed)
    pub status: String,
    /// send it back when submitting
    pub version: i32,
    /// the session's supplement window (null until the exam region configures it)
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    /// `not_configured`, `not_open`, `open`, `closed`
    pub window: String,
    /// the material kinds to supply (`diploma`)
    pub required_kinds: Vec<String>,
    /// the current files of those kinds
    pub materials: Vec<MaterialView>,
    /// whether the candidate may upload and submit now
    pub can_submit: bool,
    /// the exam region's reason when returned or rejected
    pub reason: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
}

fn window_code(w: Window) -> &'static str {
    match w {
        Window::NotConfigured => "not_configured",
        Window::NotOpen => "not_open",
        Window::Open => "open",
        Window::Closed => "closed",
    }
}

pub(crate) fn no_supplement() -> ApiError {
    ApiError::new(actix_web::http::StatusCode::NOT_FOUND, "no_supplement")
        .detail("this registration owes no supplementary materials")
}

/// The candidate's own registration, its session and its supplement (locked when `lock`).
fn own(
    conn: &mut PgConnection,
    me: &CandidateUser,
    id: Uuid,
    lock: bool,
) -> ApiResult<(Registration, ExamSession, Supplement)> {
    let reg = regs::find_own(conn, id, me.id, false)?.ok_or_else(ApiError::not_found)?;
    let sup = if lock {
        store::lock(conn, id)?
    } else {
        store::find(conn, id)?
    }
    .ok_or_else(no_supplement)?;
    let session = weikao_store::catalog::find_session(conn, reg.session_id)?
        .ok_or_else(ApiError::internal)?;
    Ok((reg, session, sup))
}

fn may_change(st: &AppState, session: &ExamSession, sup: &Supplement) -> ApiResult<()> {
    let w = window(
        session.supplement_opens_at,
        session.supplement_closes_at,
        st.clock.now(),
    );
    candidate_may_change(&sup.status, w).map_err(|r| ApiError::conflict(r.code()))
}

pub(crate) fn supplement_view(
    conn: &mut PgConnection,
    session: &ExamSession,
    sup: Supplement,
    now: DateTime<Utc>,
) -> ApiResult<SupplementView> {
    let w = window(
        session.supplement_opens_at,
        session.supplement_closes_at,
        now,
    );
    let materials = weikao_store::materials::list_current(conn, sup.registration_id)?
        .into_iter()
        .filter(|m| SUPPLEMENT_KINDS.contains(&m.kind.as_str()))
        .map(material_view)
        .collect();
    Ok(SupplementView {
        registration_id: sup.registration_id,
        can_submit: candidate_may_change(&sup.status, w).is_ok(),
        status: sup.status,
        version: sup.version,
        opens_at: session.supplement_opens_at,
        closes_at: session.supplement_closes_at,
        window: window_code(w).into(),
        required_kinds: SUPPLEMENT_KINDS.iter().map(|k| k.to_string()).collect(),
        materials,
        reason: sup.reason,
        submitted_at: sup.submitted_at,
        decided_at: sup.decided_at,
    })
}

/// The supplementary materials a registration owes (nurse fresh graduates after payment), their window and
/// status.
#[utoipa::path(tag = "supplements", operation_id = "getSupplement", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = SupplementView),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`, `no_supplement` (nothing owed)")
))]
#[get("/api/v1/registrations/{id}/supplement")]
pub async fn get_supplement(
    state: web::Data<AppState>,
    me: CandidateUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<SupplementView>> {
    let id = id.into_inner();
    let out = state
        .run(move |st, c| {
            let (_, session, sup) = own(c, &me, id, false)?;
            supplement_view(c, &session, sup, st.clock.now())
        })
        .await?;
    Ok(web::Json(out))
}

/// Uploads a supplementary material (the raw file as the body), replacing the previous file of that kind;
/// checked like every material upload.
#[utoipa::path(tag = "supplements", operation_id = "uploadSupplementMaterial",
    params(("id" = Uuid, Path), ("kind" = String, Path, description = "a supplementary kind: `diploma`")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file (JPEG, PNG or PDF)"),
    security(("bearer" = [])), responses(
    (status = 201, body = MaterialView),
    (status = 400, body = Problem, description = "`invalid_path`, `upload_interrupted`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`, `no_supplement`"),
    (status = 409, body = Problem, description = "`supplement_window_not_open`, `supplement_window_closed`, `supplement_not_editable` (submitted or decided)"),
    (status = 413, body = Problem, description = "`file_too_large`"),
    (status = 415, body = Problem, description = "`file_type_not_allowed`, `file_active_content`"),
    (status = 422, body = Problem, description = "`validation_failed`: `kind` (`material_kind_not_supplementary`) or `file` (`file_empty`, `file_corrupt`, `image_too_many_pixels`)")
))]
#[put("/api/v1/registrations/{id}/supplement/materials/{kind}")]
pub async fn upload_supplement(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    req: HttpRequest,
    path: web::Path<(Uuid, String)>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    if !SUPPLEMENT_KINDS.contains(&kind.as_str()) {
        return Err(ApiError::field("kind", "material_kind_not_supplementary"));
    }
    let who = me.clone();
    let gate = move |st: &AppState, c: &mut PgConnection, lock: bool| {
        let (_, session, sup) = own(c, &who, id, lock)?;
        may_change(st, &session, &sup)
    };
    let m = accept_upload(
        &state,
        ctx,
        me,
        &req,
        payload,
        id,
        kind,
        "supplement.upload",
        gate,
    )
    .await?;
    Ok(HttpResponse::Created().json(material_view(m)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitSupplementRequest {
    /// the supplement version the candidate saw
    pub version: i32,
}

/// Submits the supplementary materials to the exam region's re-check.
#[utoipa::path(tag = "supplements", operation_id = "submitSupplement", params(("id" = Uuid, Path)), request_body = SubmitSupplementRequest, security(("bearer" = [])), responses(
    (status = 200, body = SupplementView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`, `no_supplement`"),
    (status = 409, body = Problem, description = "`version_conflict`, `supplement_window_not_open`, `supplement_window_closed`, `supplement_not_editable`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `materials.<kind>` (`material_missing`)")
))]
#[post("/api/v1/registrations/{id}/supplement/submit")]
pub async fn submit_supplement(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    id: web::Path<Uuid>,
    body: web::Json<SubmitSupplementRequest>,
) -> ApiResult<web::Json<SupplementView>> {
    let id = id.into_inner();
    let seen = body.into_inner().version;
    let out = state
        .run(move |st, conn| {
            let now = st.clock.now();
            conn.transaction::<_, ApiError, _>(|conn| {
                let (reg, session, sup) = own(conn, &me, id, true)?;
                if sup.version != seen {
                    return Err(ApiError::conflict("version_conflict").detail(format!(
                        "the supplement changed (now version {}); reload it",
                        sup.version
                    )));
                }
                may_change(st, &session, &sup)?;
                let uploaded: Vec<String> = weikao_store::materials::list_current(conn, id)?
                    .into_iter()
                    .map(|m| m.kind)
                    .collect();
                let missing = missing_kinds(&uploaded);
                if !missing.is_empty() {
                    return Err(ApiError::validation(
                        missing
                            .iter()
                            .map(|k| {
                                (
                                    format!("materials.{k}"),
                                    vec!["material_missing".to_string()],
                                )
                            })
                            .collect(),
                    ));
                }
                // a returned supplement's files are looked at afresh
                store::mark_materials(conn, id, SUPPLEMENT_KINDS, "uploaded", None)?;
                let sup = store::mark_submitted(conn, id, now)?;
                on_timeline(conn, &reg, "supplement_submit", None, None)?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::actor("candidate", Some(me.id.to_string()), "supplement.submit")
                        .object("registration", id),
                )?;
                supplement_view(conn, &session, sup, now)
            })
        })
        .await?;
    Ok(web::Json(out))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(get_supplement)
        .service(upload_supplement)
        .service(submit_supplement);
}
