//! A session's fee table for the exam region: every row (the most specific row wins when quoting:
//! specialty over level over session-wide), and setting one row's price in integer fen. A stage whose
//! payment has begun keeps its prices (409 `fee_in_use`): orders carry the amount they were created with,
//! and everyone of a stage pays the same. Audited.

use actix_web::{get, put, web};
use diesel::{Connection, PgConnection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::authz::Permission;
use weikao_store::fee_table::{self as store, FeeKey, FeeRow};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::auth::{Principal, StaffUser};
use crate::http::context::ReqCtx;
use crate::http::state::AppState;

/// Highest price of one unit: 10 000.00 元.
const MAX_FEN: i64 = 1_000_000;

#[derive(Serialize, ToSchema)]
pub struct FeeItemView {
    pub id: Uuid,
    /// the payment stage (round)
    pub stage_code: String,
    /// null: every level
    pub level_code: Option<String>,
    pub level_name: Option<String>,
    /// null: every specialty (of the level)
    pub specialty_code: Option<String>,
    pub specialty_name: Option<String>,
    /// `computer` or `paper`
    pub exam_format: String,
    /// `per_subject` or `per_stage`
    pub unit: String,
    /// price of one unit in fen (integer)
    pub amount_fen: i64,
}

fn view(r: FeeRow) -> FeeItemView {
    FeeItemView {
        id: r.id,
        stage_code: r.stage_code,
        level_code: r.level_code,
        level_name: r.level_name,
        specialty_code: r.specialty_code,
        specialty_name: r.specialty_name,
        exam_format: r.exam_format,
        unit: r.unit,
        amount_fen: r.amount_fen,
    }
}

/// The session when it lies in the administrator's region.
fn session_in_scope(conn: &mut PgConnection, staff: &StaffUser, id: Uuid) -> ApiResult<()> {
    crate::catalog::admin::region_session(conn, staff, id, false).map(|_| ())
}

/// The fee table of a session.
#[utoipa::path(tag = "admin", operation_id = "listSessionFees", params(("id" = Uuid, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<FeeItemView>),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found` (also another region's session)")
))]
#[get("/api/v1/admin/exam-sessions/{id}/fees")]
pub async fn list_fees(
    state: web::Data<AppState>,
    staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<FeeItemView>>> {
    staff.require(Permission::ManageCatalog)?;
    let id = id.into_inner();
    let rows = state
        .db(move |c| {
            session_in_scope(c, &staff, id)?;
            Ok(store::rows(c, id, None)?)
        })
        .await?;
    Ok(web::Json(rows.into_iter().map(view).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeInput {
    pub stage_code: String,
    /// a level code of the session; omit for every level
    pub level_code: Option<String>,
    /// a specialty code of the session (of the level when given); omit for every specialty
    pub specialty_code: Option<String>,
    /// `computer` (default) or `paper`
    pub exam_format: Option<String>,
    /// `per_subject` or `per_stage`
    pub unit: String,
    /// 0–1 000 000 fen
    pub amount_fen: i64,
}

/// Sets the price of one fee row (inserted when the key is new).
#[utoipa::path(tag = "admin", operation_id = "setSessionFee", params(("id" = Uuid, Path)), request_body = FeeInput, security(("bearer" = [])), responses(
    (status = 200, body = FeeItemView),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`, `invalid_path`"),
    (status = 401, body = Problem, description = "`unauthenticated`, `token_invalid`, `token_revoked`"),
    (status = 403, body = Problem, description = "`forbidden`: region administrators only"),
    (status = 404, body = Problem, description = "`not_found` (also another region's session)"),
    (status = 409, body = Problem, description = "`fee_in_use`: payment of this stage has begun"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 422, body = Problem, description = "`validation_failed`: `stage_code` (`stage_unknown`), `level_code` (`level_unknown`), `specialty_code` (`specialty_unknown`), `exam_format` (`exam_format_unknown`), `unit` (`unit_unknown`), `amount_fen` (`out_of_range`)")
))]
#[put("/api/v1/admin/exam-sessions/{id}/fees")]
pub async fn set_fee(
    state: web::Data<AppState>,
    ctx: ReqCtx,
    staff: StaffUser,
    id: web::Path<Uuid>,
    body: web::Json<FeeInput>,
) -> ApiResult<web::Json<FeeItemView>> {
    staff.require(Permission::ManageCatalog)?;
    let id = id.into_inner();
    let req = body.into_inner();
    if !(0..=MAX_FEN).contains(&req.amount_fen) {
        return Err(ApiError::field("amount_fen", "out_of_range"));
    }
    if !["per_subject", "per_stage"].contains(&req.unit.as_str()) {
        return Err(ApiError::field("unit", "unit_unknown"));
    }
    let format = req.exam_format.clone().unwrap_or_else(|| "computer".into());
    if !["computer", "paper"].contains(&format.as_str()) {
        return Err(ApiError::field("exam_format", "exam_format_unknown"));
    }
    let out = state
        .run(move |_, conn| {
            conn.transaction::<_, ApiError, _>(|conn| {
                session_in_scope(conn, &staff, id)?;
                if !store::stage_exists(conn, id, &req.stage_code)? {
                    return Err(ApiError::field("stage_code", "stage_unknown"));
                }
                let level = match &req.level_code {
                    Some(code) => Some(
                        store::level_id(conn, id, code)?
                            .ok_or_else(|| ApiError::field("level_code", "level_unknown"))?,
                    ),
                    None => None,
                };
                let specialty = match &req.specialty_code {
                    Some(code) => Some(
                        store::specialty_id(conn, id, level, code)?
                            .ok_or_else(|| ApiError::field("specialty_code", "specialty_unknown"))?,
                    ),
                    None => None,
                };
                if store::stage_in_use(conn, id, &req.stage_code)? {
                    return Err(ApiError::conflict("fee_in_use")
                        .detail("payment of this stage has begun; its prices stay as they are"));
                }
                let before: Vec<i64> = store::rows(conn, id, None)?
                    .into_iter()
                    .filter(|r| {
                        r.stage_code == req.stage_code
                            && r.level_code == req.level_code
                            && r.specialty_code == req.specialty_code
                            && r.exam_format == format
                    })
                    .map(|r| r.amount_fen)
                    .collect();
                let fee = store::upsert(
                    conn,
                    id,
                    &FeeKey {
                        stage_code: &req.stage_code,
                        level_id: level,
                        specialty_id: specialty,
                        exam_format: &format,
                    },
                    &req.unit,
                    req.amount_fen,
                )?;
                record(
                    conn,
                    Some(&ctx),
                    AuditEvent::by(&Principal::Staff(staff.clone()), "fee.set")
                        .object("exam_session", id)
                        .details(serde_json::json!({
                            "stage": req.stage_code, "level": req.level_code, "specialty": req.specialty_code,
                            "exam_format": format, "unit": req.unit,
                            "amount_fen": req.amount_fen, "before_fen": before.first(),
                        })),
                )?;
                let row = store::rows(conn, id, Some(fee))?.pop().ok_or_else(ApiError::internal)?;
                Ok(view(row))
            })
        })
        .await?;
    Ok(web::Json(out))
}
