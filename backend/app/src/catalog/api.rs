use std::collections::HashMap;

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use weikao_store::catalog::{self, ExamSession};

use crate::error::{ApiError, ApiResult, Problem};
use crate::http::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ExamSessionView {
    pub id: Uuid,
    /// `health_tech`, `physician` or `nurse`
    pub exam_type: String,
    pub exam_type_name: String,
    pub year: i32,
    pub name: String,
    /// review levels in order, e.g. `["point","site","region"]`
    pub review_chain: Vec<String>,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    pub payment_opens_at: Option<DateTime<Utc>>,
    pub payment_closes_at: Option<DateTime<Utc>>,
    pub supplement_opens_at: Option<DateTime<Utc>>,
    pub supplement_closes_at: Option<DateTime<Utc>>,
    /// true while the registration window is open
    pub registration_open: bool,
}

fn view(s: ExamSession, type_name: String, now: DateTime<Utc>) -> ExamSessionView {
    ExamSessionView {
        registration_open: s.registration_opens_at <= now && now < s.registration_closes_at,
        id: s.id,
        exam_type: s.exam_type,
        exam_type_name: type_name,
        year: s.year,
        name: s.name,
        review_chain: s.review_chain,
        registration_opens_at: s.registration_opens_at,
        registration_closes_at: s.registration_closes_at,
        payment_opens_at: s.payment_opens_at,
        payment_closes_at: s.payment_closes_at,
        supplement_opens_at: s.supplement_opens_at,
        supplement_closes_at: s.supplement_closes_at,
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SessionQuery {
    /// only sessions whose registration window is open now (default true)
    pub open: Option<bool>,
}

/// Published exam sessions (by default those open for registration now).
#[utoipa::path(tag = "catalog", operation_id = "listExamSessions", params(SessionQuery), responses(
    (status = 200, body = Vec<ExamSessionView>),
    (status = 400, body = Problem, description = "`invalid_query`")
))]
#[get("/api/v1/exam-sessions")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    q: web::Query<SessionQuery>,
) -> ApiResult<web::Json<Vec<ExamSessionView>>> {
    let now = state.clock.now();
    let open_only = q.open.unwrap_or(true);
    let rows = state
        .db(move |c| Ok(catalog::list_published(c, now, open_only)?))
        .await?;
    Ok(web::Json(
        rows.into_iter().map(|(s, n)| view(s, n, now)).collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct CodeName {
    pub code: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct SpecialtyView {
    /// three-digit code for health-tech (e.g. `203`, `368`)
    pub code: String,
    pub name: String,
    pub level_code: String,
    pub category_code: Option<String>,
    pub subjects: Vec<CodeName>,
}

#[derive(Serialize, ToSchema)]
pub struct FeeView {
    pub stage_code: String,
    pub level_code: Option<String>,
    pub specialty_code: Option<String>,
    /// `computer` or `paper`
    pub exam_format: String,
    /// `per_subject` or `per_stage`
    pub unit: String,
    /// integer fen (1 元 = 100 fen)
    pub amount_fen: i64,
}

#[derive(Serialize, ToSchema)]
pub struct StageView {
    pub code: String,
    pub name: String,
    pub payment_opens_at: Option<DateTime<Utc>>,
    pub payment_closes_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct WindowView {
    pub level: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct ExamSessionDetail {
    #[serde(flatten)]
    pub session: ExamSessionView,
    pub levels: Vec<CodeName>,
    pub categories: Vec<CodeName>,
    pub specialties: Vec<SpecialtyView>,
    pub fees: Vec<FeeView>,
    pub stages: Vec<StageView>,
    pub review_windows: Vec<WindowView>,
}

/// One published session with its whole catalog.
#[utoipa::path(tag = "catalog", operation_id = "getExamSession", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ExamSessionDetail),
    (status = 400, body = Problem, description = "`invalid_path`"),
    (status = 404, body = Problem, description = "`not_found`")
))]
#[get("/api/v1/exam-sessions/{id}")]
pub async fn get_session(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ExamSessionDetail>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (session, type_name, cat) = state
        .db(move |c| {
            let (s, n) = catalog::find_published(c, id)?.ok_or_else(ApiError::not_found)?;
            let cat = catalog::load_catalog(c, id)?;
            Ok((s, n, cat))
        })
        .await?;
    let level_code: HashMap<Uuid, String> =
        cat.levels.iter().map(|l| (l.id, l.code.clone())).collect();
    let category_code: HashMap<Uuid, String> = cat
        .categories
        .iter()
        .map(|c| (c.id, c.code.clone()))
        .collect();
    let specialty_code: HashMap<Uuid, String> = cat
        .specialties
        .iter()
        .map(|s| (s.id, s.code.clone()))
        .collect();
    let specialties = cat
        .specialties
        .iter()
        .map(|s| SpecialtyView {
            code: s.code.clone(),
            name: s.name.clone(),
            level_code: level_code.get(&s.level_id).cloned().unwrap_or_default(),
            category_code: s.category_id.and_then(|c| category_code.get(&c).cloned()),
            subjects: cat
                .subjects
                .iter()
                .filter(|x| x.specialty_id == s.id)
                .map(|x| CodeName {
                    code: x.code.clone(),
                    name: x.name.clone(),
                })
                .collect(),
        })
        .collect();
    let fees = cat
        .fees
        .iter()
        .map(|f| FeeView {
            stage_code: f.stage_code.clone(),
            level_code: f.level_id.and_then(|l| level_code.get(&l).cloned()),
            specialty_code: f.specialty_id.and_then(|s| specialty_code.get(&s).cloned()),
            exam_format: f.exam_format.clone(),
            unit: f.unit.clone(),
            amount_fen: f.amount_fen,
        })
        .collect();
    Ok(web::Json(ExamSessionDetail {
        session: view(session, type_name, now),
        levels: cat
            .levels
            .into_iter()
            .map(|l| CodeName {
                code: l.code,
                name: l.name,
            })
            .collect(),
        categories: cat
            .categories
            .into_iter()
            .map(|c| CodeName {
                code: c.code,
                name: c.name,
            })
            .collect(),
        specialties,
        fees,
        stages: cat
            .stages
            .into_iter()
            .map(|s| StageView {
                code: s.code,
                name: s.name,
                payment_opens_at: s.payment_opens_at,
                payment_closes_at: s.payment_closes_at,
            })
            .collect(),
        review_windows: cat
            .review_windows
            .into_iter()
            .map(|w| WindowView {
                level: w.level,
                opens_at: w.opens_at,
                closes_at: w.closes_at,
            })
            .collect(),
    }))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sessions)
        .service(get_session)
        .service(crate::catalog::admin::list_admin_sessions)
        .service(crate::catalog::admin::update_schedule)
        .service(crate::catalog::admin_fees::list_fees)
        .service(crate::catalog::admin_fees::set_fee)
        .service(crate::catalog::import::import_catalog);
}
