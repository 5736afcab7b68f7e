//! Material endpoints: upload (raw body, streamed), list, withdraw, signed links, and the file download.

use actix_web::http::header;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_core::registration::MATERIAL_KINDS;
use weikao_store::materials::{self, Material, NewMaterial};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{CandidateUser, Principal};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::materials::links;
use crate::materials::upload::{inspect, receive, too_large};
use crate::registration::service::editable;

#[derive(Serialize, ToSchema)]
pub struct MaterialView {
    pub id: Uuid,
    /// material kind, e.g. `photo`, `diploma`
    pub kind: String,
    /// `image/jpeg`, `image/png` or `application/pdf` (by content, never by name)
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the stored file (metadata removed)
    pub sha256: String,
    /// `uploaded`, `accepted`, `rejected`
    pub status: String,
    pub reject_reason: Option<String>,
    pub uploaded_at: DateTime<Utc>,
}

pub(crate) fn view(m: Material) -> MaterialView {
    MaterialView {
        id: m.id,
        kind: m.kind,
        content_type: m.content_type,
        size_bytes: m.size_bytes,
        sha256: m.sha256,
        status: m.status,
        reject_reason: m.reject_reason,
        uploaded_at: m.uploaded_at,
    }
}

/// A returned registration may only re-upload the kinds the reviewer returned.
fn check_returned_kind(
    conn: &mut diesel::PgConnection,
    reg: &weikao_store::registrations::Registration,
    kind: &str,
) -> ApiResult<()> {
    match crate::registration::service::returned_materials(conn, reg)? {
        Some(kinds) if !kinds.iter().any(|k| k == kind) => {
            Err(ApiError::conflict("material_not_returned")
                .detail("only the returned materials can be uploaded again"))
        }
        _ => Ok(()),
    }
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "pdf",
    }
}

/// Uploads one material of a kind (the raw file as the request body); it replaces the previous file of
/// that kind. Images lose their metadata (EXIF/GPS) without re-encoding; photos are checked against the spec.
#[utoipa::path(tag = "materials", operation_id = "uploadMaterial",
    params(("id" = Uuid, Path), ("kind" = String, Path, description = "material kind, e.g. `photo`")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file (JPEG, PNG or PDF)"),
    security(("bearer" = [])), responses(
    (status = 201, body = MaterialView),
    (status = 400, body = Problem, description = "`invalid_path`, `upload_interrupted`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`registration_locked`, `registration_window_closed`, `correction_window_closed`, `material_not_returned`"),
    (status = 413, body = Problem, description = "`file_too_large`"),
    (status = 415, body = Problem, description = "`file_type_not_allowed`, `file_active_content`"),
    (status = 422, body = Problem, description = "`validation_failed`: `kind` (`material_kind_unknown`) or `file` (`file_empty`, `file_corrupt`, `image_too_many_pixels`, `photo_not_jpeg`, `photo_too_small`, `photo_wrong_aspect`, `photo_file_too_small`, `photo_file_too_large`, `photo_background_not_white`, `photo_undecodable`)")
))]
#[put("/api/v1/registrations/{id}/materials/{kind}")]
pub async fn upload(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    req: HttpRequest,
    path: web::Path<(Uuid, String)>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    if !MATERIAL_KINDS.contains(&kind.as_str()) {
        return Err(ApiError::field("kind", "material_kind_unknown"));
    }
    let (who, kind2) = (me.clone(), kind.clone());
    let gate = move |st: &AppState, c: &mut diesel::PgConnection, lock: bool| {
        let reg = editable(st, c, &who, id, lock)?;
        if lock {
            check_returned_kind(c, &reg, &kind2)?;
        }
        Ok(())
    };
    let m = accept_upload(
        &state,
        ctx,
        me,
        &req,
        payload,
        id,
        kind,
        "material.upload",
        gate,
    )
    .await?;
    Ok(HttpResponse::Created().json(view(m)))
}

/// The upload pipeline shared by every material upload: `gate` says whether the candidate may upload now
/// (called before the body is read, then again under the registration's lock when recording); the body is
/// streamed to disk within the size limit, checked by content, cleaned of metadata, stored, and recorded as
/// the current file of its kind (the previous one superseded), audited as `action`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn accept_upload<G>(
    state: &web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    req: &HttpRequest,
    payload: web::Payload,
    id: Uuid,
    kind: String,
    action: &'static str,
    gate: G,
) -> ApiResult<Material>
where
    G: Fn(&AppState, &mut diesel::PgConnection, bool) -> ApiResult<()> + Clone + Send + 'static,
{
    let max = state.cfg.upload_max_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(too_large(max));
    }
    let early = gate.clone();
    state.run(move |st, c| early(st, c, false)).await?;
    let (raw, _) = receive(payload, &state.cfg.data_dir.join("uploads"), max).await?;
    let is_photo = kind == "photo";
    let max_pixels = state.cfg.upload_max_pixels;
    let raw_path = raw.0.clone();
    let inspected = web::block(move || inspect(&raw_path, is_photo, max_pixels)).await??;
    drop(raw);
    let material_id = Uuid::new_v4();
    let key = format!(
        "materials/{id}/{}.{}",
        material_id.simple(),
        extension(inspected.content_type)
    );
    state
        .store
        .put_file(&key, &inspected.clean.0, inspected.content_type)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "object store write failed");
            ApiError::unavailable("storage_unavailable")
        })?;
    let (ct, size, sha) = (
        inspected.content_type,
        inspected.size as i64,
        inspected.sha256.clone(),
    );
    let key2 = key.clone();
    let recorded = state
        .run(move |st, c| {
            use diesel::Connection;
            c.transaction::<_, ApiError, _>(|c| {
                gate(st, c, true)?;
                let (m, previous) = materials::insert_replacing(
                    c,
                    &NewMaterial {
                        id: material_id,
                        registration_id: id,
                        kind: &kind,
                        object_key: &key2,
                        content_type: ct,
                        size_bytes: size,
                        sha256: &sha,
                        original_name: None,
                    },
                )?;
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::actor("candidate", Some(me.id.to_string()), action)
                        .object("material", m.id)
                        .details(serde_json::json!({ "registration": id, "kind": kind, "replaced": previous.map(|p| p.id) })),
                )?;
                Ok(m)
            })
        })
        .await;
    if recorded.is_err() {
        // nothing recorded: do not leave an orphan object behind
        let _ = state.store.delete(&key).await;
    }
    recorded
}

/// The current materials of one of the candidate's registrations.
#[utoipa::path(tag = "materials", operation_id = "listMaterials", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<MaterialView>),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`")
))]
#[get("/api/v1/registrations/{id}/materials")]
pub async fn list(
    state: web::Data<AppState>,
    me: CandidateUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<MaterialView>>> {
    let id = id.into_inner();
    let rows = state
        .db(move |c| {
            weikao_store::registrations::find_own(c, id, me.id, false)?
                .ok_or_else(ApiError::not_found)?;
            Ok(materials::list_current(c, id)?)
        })
        .await?;
    Ok(web::Json(rows.into_iter().map(view).collect()))
}

/// Withdraws a material from a draft.
#[utoipa::path(tag = "materials", operation_id = "withdrawMaterial", params(("id" = Uuid, Path), ("material_id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 204, description = "withdrawn"),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: candidates only"),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`registration_locked`, `registration_window_closed`")
))]
#[delete("/api/v1/registrations/{id}/materials/{material_id}")]
pub async fn withdraw(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    me: CandidateUser,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (id, material_id) = path.into_inner();
    state
        .run(move |st, c| {
            use diesel::Connection;
            c.transaction::<_, ApiError, _>(|c| {
                editable(st, c, &me, id, true)?;
                if !materials::withdraw(c, material_id, id)? {
                    return Err(ApiError::not_found());
                }
                record(
                    c,
                    Some(&ctx),
                    AuditEvent::actor("candidate", Some(me.id.to_string()), "material.withdraw")
                        .object("material", material_id),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Serialize, ToSchema)]
pub struct MaterialLink {
    /// absolute URL of the file, usable without a token until `expires_at` (also cross-domain)
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// A short-lived signed link to a material: for its candidate, staff whose scope holds the registration,
/// and API clients with the `materials:read` scope. Issuing a link is audited.
#[utoipa::path(tag = "materials", operation_id = "createMaterialLink", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = MaterialLink),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`"),
    (status = 404, body = Problem, description = "`not_found` (also outside the caller's scope)"),
    (status = 429, body = Problem, description = "`rate_limited` (API clients)")
))]
#[post("/api/v1/materials/{id}/link")]
pub async fn link(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    who: Principal,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MaterialLink>> {
    let id = id.into_inner();
    let out = state
        .run(move |st, c| {
            let m = materials::find(c, id)?
                .filter(|m| m.status != "superseded")
                .ok_or_else(ApiError::not_found)?;
            let allowed = match &who {
                Principal::Candidate(me) => {
                    weikao_store::registrations::find_own(c, m.registration_id, me.id, false)?
                        .is_some()
                }
                Principal::Staff(s) => {
                    s.require(Permission::ReadRegistrations)?;
                    weikao_store::registrations::find_scoped(c, m.registration_id, &s.scope_path)?
                        .is_some()
                }
                Principal::Client(cl) => {
                    cl.require_scope(crate::exchange::scopes::MATERIALS_READ)?;
                    // submitted registrations only: a draft is nobody's business yet
                    weikao_store::registrations::find_scoped(c, m.registration_id, "")?.is_some()
                }
            };
            if !allowed {
                return Err(ApiError::not_found());
            }
            let expires = st.clock.now() + Duration::seconds(st.cfg.link_ttl_secs);
            let token = links::sign(&st.keys.pii, m.id, expires);
            record(
                c,
                Some(&ctx),
                AuditEvent::by(&who, "material.link").object("material", m.id),
            )?;
            Ok(MaterialLink {
                url: format!("{}/api/v1/files/{token}", st.cfg.public_url),
                expires_at: expires,
            })
        })
        .await?;
    Ok(web::Json(out))
}

/// Downloads a material through a signed link (attachment, `nosniff`, no caching).
#[utoipa::path(tag = "materials", operation_id = "downloadFile", params(("token" = String, Path)), responses(
    (status = 200, description = "the file", content(
        (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "application/pdf")
    )),
    (status = 404, body = Problem, description = "`not_found`: unknown or tampered link"),
    (status = 410, body = Problem, description = "`link_expired`"),
    (status = 503, body = Problem, description = "`storage_unavailable`")
))]
#[get("/api/v1/files/{token}")]
pub async fn download(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = match links::verify(&state.keys.pii, &token, state.clock.now()) {
        Ok(id) => id,
        Err(links::LinkError::Expired) => {
            return Err(ApiError::new(
                actix_web::http::StatusCode::GONE,
                "link_expired",
            ))
        }
        Err(links::LinkError::Invalid) => return Err(ApiError::not_found()),
    };
    let m = state
        .db(move |c| materials::find(c, id)?.ok_or_else(ApiError::not_found))
        .await?;
    let stream = state.store.get(&m.object_key).await.map_err(|e| match e {
        crate::storage::StoreError::NotFound => ApiError::not_found(),
        other => {
            tracing::error!(error = %other, "object store read failed");
            ApiError::unavailable("storage_unavailable")
        }
    })?;
    Ok(HttpResponse::Ok()
        .content_type(m.content_type.clone())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}-{}.{}\"",
                m.kind,
                &m.sha256[..8],
                extension(&m.content_type)
            ),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
        .streaming(stream))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(upload)
        .service(list)
        .service(withdraw)
        .service(link)
        .service(download);
}
