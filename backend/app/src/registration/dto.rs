use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRegistration {
    pub session_id: Uuid,
}

/// A partial save: the given sections' fields are merged into the draft (JSON merge patch: `null` clears a
/// field). `version` must be the version the client last saw.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveRegistration {
    pub version: i32,
    /// sections: `identity`, `education`, `second_degree`, `work`, `exam`, `physician`, `nurse`
    pub form: serde_json::Value,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitRegistration {
    pub version: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Completeness {
    /// true when the form can be submitted
    pub complete: bool,
    /// what is still missing or wrong: `section.field` → codes (e.g. `required`)
    pub errors: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FeeLineView {
    /// i18n key of the line: `fee_per_subject` or `fee_per_stage`
    pub description_key: String,
    pub quantity: i64,
    pub unit_fen: i64,
    pub total_fen: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FeeQuoteView {
    pub stage_code: String,
    /// integer fen, computed on the server from the fee table
    pub total_fen: i64,
    pub lines: Vec<FeeLineView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineItem {
    pub level: Option<String>,
    /// `create`, `submit`, `approve`, `return`, `reject`, ...
    pub action: String,
    pub actor_kind: String,
    /// only comments meant for the candidate
    pub comment: Option<String>,
    pub reason_codes: Vec<String>,
    pub from_status: String,
    pub to_status: String,
    pub at: DateTime<Utc>,
    /// on a return: the fields (`section.field` or `section`) the candidate must correct
    pub returned_fields: Vec<String>,
    /// on a return: the material kinds to upload again
    pub returned_materials: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationView {
    pub id: Uuid,
    pub session_id: Uuid,
    pub exam_type: String,
    pub session_name: String,
    /// `draft`, `submitted`, ...
    pub status: String,
    pub current_level: Option<String>,
    /// optimistic-concurrency version: send it back with the next save or submit
    pub version: i32,
    /// the form sections saved so far
    pub form: serde_json::Value,
    pub completeness: Completeness,
    /// material kinds this registration needs (from the session's rules and the form)
    pub required_materials: Vec<String>,
    /// fee of the first payment stage when it can be computed
    pub fee: Option<FeeQuoteView>,
    pub timeline: Vec<TimelineItem>,
    /// what the automatic checks ask of the candidate (e.g. "请上传护士执业证书"), from the current findings
    pub notices: Vec<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationListItem {
    pub id: Uuid,
    pub session_id: Uuid,
    pub exam_type: String,
    pub session_name: String,
    pub status: String,
    pub current_level: Option<String>,
    pub version: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// What the historical-candidate library offers a returning candidate.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuickFill {
    /// whether the library holds earlier registrations of this exam for the candidate
    pub found: bool,
    /// exam year of the latest history record
    pub year: Option<i32>,
    /// JSON merge patch for the form (education, work unit; last year's archive number, level and specialty):
    /// send it as `form` in a save to apply it
    pub patch: serde_json::Value,
    /// subjects passed last year in that specialty: not selectable and not charged this year
    pub carried_over: Vec<String>,
    /// the school whose graduating class list names the candidate (group registration): the patch then
    /// carries the fresh-graduate section, the school and major, and the school's registration point
    pub school: Option<String>,
}
