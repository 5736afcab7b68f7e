//! Registration services: one transaction per call, rules from `weikao_core::registration`.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use diesel::{Connection, PgConnection};
use serde_json::Value;
use uuid::Uuid;
use weikao_core::registration::history::{pass_records, prefill};
use weikao_core::registration::{
    check_subject_choice, default_rules, facts_of, quote, required_materials, rolling_state,
    validate_complete, validate_partial, ExamKind, FeeRule, FeeUnit, Form, MaterialRule,
};
use weikao_core::verification::{History, Record};
use weikao_store::catalog::{self, Catalog, ExamSession};
use weikao_store::registrations::{self as regs, NewAction, Registration, Submission};

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::http::auth::CandidateUser;
use crate::http::context::ReqCtx;
use crate::http::state::AppState;
use crate::registration::dto::*;

/// RFC 7396 JSON merge patch: objects merge recursively, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match (target.as_object_mut(), patch.as_object()) {
        (Some(t), Some(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        _ => *target = patch.clone(),
    }
}

pub(crate) fn parse_form(v: &Value) -> ApiResult<Form> {
    serde_json::from_value(v.clone()).map_err(|e| {
        let mut m = BTreeMap::new();
        m.insert("form".to_string(), vec!["invalid_value".to_string()]);
        let mut err = ApiError::validation(m);
        err.detail = Some(e.to_string());
        err
    })
}

fn today(state: &AppState) -> NaiveDate {
    crate::clock::local_date(state.clock.now())
}

fn kind_of(exam_type: &str) -> ApiResult<ExamKind> {
    ExamKind::parse(exam_type).ok_or_else(ApiError::internal)
}

pub(crate) fn window_open(state: &AppState, s: &ExamSession) -> ApiResult<()> {
    let now = state.clock.now();
    if s.status != "published" || now < s.registration_opens_at || now >= s.registration_closes_at {
        return Err(ApiError::conflict("registration_window_closed")
            .detail("registration for this exam session is not open"));
    }
    Ok(())
}

fn material_rules(session: &ExamSession, kind: ExamKind) -> Vec<MaterialRule> {
    session
        .settings
        .get("material_rules")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_else(|| default_rules(kind))
}

/// The specialty a form chooses: by code (health-tech), by category × level (physician), the only one (nurse).
pub(crate) fn chosen_specialty<'a>(
    kind: ExamKind,
    cat: &'a Catalog,
    form: &Form,
) -> Option<&'a catalog::Specialty> {
    let exam = form.exam.as_ref()?;
    match kind {
        ExamKind::HealthTech => {
            let code = exam.specialty_code.as_deref()?;
            cat.specialties.iter().find(|s| s.code == code)
        }
        ExamKind::Physician => {
            let level = cat
                .levels
                .iter()
                .find(|l| Some(l.code.as_str()) == exam.level_code.as_deref())?;
            let category = cat
                .categories
                .iter()
                .find(|c| Some(c.code.as_str()) == exam.category_code.as_deref())?;
            cat.specialties
                .iter()
                .find(|s| s.level_id == level.id && s.category_id == Some(category.id))
        }
        ExamKind::Nurse => cat.specialties.first(),
    }
}

/// The fee of the first payment stage, from the fee table (integer fen).
pub fn fee_quote(kind: ExamKind, cat: &Catalog, form: &Form) -> Option<FeeQuoteView> {
    fee_quote_for(kind, cat, form, &cat.stages.first()?.code)
}

/// The fee of one payment stage (round), from the fee table (integer fen).
pub fn fee_quote_for(
    kind: ExamKind,
    cat: &Catalog,
    form: &Form,
    stage_code: &str,
) -> Option<FeeQuoteView> {
    let stage = cat.stages.iter().find(|s| s.code == stage_code)?;
    let spec = chosen_specialty(kind, cat, form)?;
    let level_code: HashMap<Uuid, &str> =
        cat.levels.iter().map(|l| (l.id, l.code.as_str())).collect();
    let spec_code: HashMap<Uuid, &str> = cat
        .specialties
        .iter()
        .map(|s| (s.id, s.code.as_str()))
        .collect();
    let rules: Vec<FeeRule> = cat
        .fees
        .iter()
        .map(|f| FeeRule {
            stage_code: f.stage_code.clone(),
            level_code: f
                .level_id
                .and_then(|l| level_code.get(&l).map(|s| s.to_string())),
            specialty_code: f
                .specialty_id
                .and_then(|s| spec_code.get(&s).map(|x| x.to_string())),
            exam_format: f.exam_format.clone(),
            unit: if f.unit == "per_stage" {
                FeeUnit::PerStage
            } else {
                FeeUnit::PerSubject
            },
            amount_fen: f.amount_fen,
        })
        .collect();
    let exam = form.exam.as_ref();
    let subjects = match kind {
        ExamKind::Nurse => cat
            .subjects
            .iter()
            .filter(|s| s.specialty_id == spec.id)
            .count(),
        _ => exam.map(|e| e.subject_codes.len()).unwrap_or(0),
    };
    let format = exam
        .and_then(|e| e.exam_format.clone())
        .unwrap_or_else(|| "computer".into());
    let lvl = level_code.get(&spec.level_id).copied().unwrap_or_default();
    let q = quote(&rules, &stage.code, lvl, &spec.code, &format, subjects).ok()?;
    Some(FeeQuoteView {
        stage_code: stage.code.clone(),
        total_fen: q.total_fen,
        lines: q
            .lines
            .into_iter()
            .map(|l| FeeLineView {
                description_key: l.description_key,
                quantity: l.quantity,
                unit_fen: l.unit_fen,
                total_fen: l.total_fen,
            })
            .collect(),
    })
}

pub(crate) fn view(
    state: &AppState,
    conn: &mut PgConnection,
    reg: Registration,
) -> ApiResult<RegistrationView> {
    let session = catalog::find_session(conn, reg.session_id)?.ok_or_else(ApiError::internal)?;
    let kind = kind_of(&session.exam_type)?;
    let form = parse_form(&reg.form).unwrap_or_default();
    let errors = validate_complete(kind, &form, today(state), session.year);
    let cat = catalog::load_catalog(conn, session.id)?;
    let required = required_materials(&material_rules(&session, kind), &facts_of(kind, &form));
    let timeline = regs::timeline(conn, reg.id)?
        .into_iter()
        .map(|t| TimelineItem {
            level: t.level,
            action: t.action,
            actor_kind: t.actor_kind,
            comment: if t.comment_public { t.comment } else { None },
            reason_codes: t.reason_codes,
            from_status: t.from_status,
            to_status: t.to_status,
            at: t.created_at,
            returned_fields: t.returned_fields,
            returned_materials: t.returned_materials,
        })
        .collect();
    let notices: Vec<String> = weikao_store::findings::current(conn, reg.id)?
        .into_iter()
        .filter_map(|f| f.candidate_message)
        .collect();
    Ok(RegistrationView {
        notices,
        id: reg.id,
        session_id: reg.session_id,
        exam_type: session.exam_type.clone(),
        session_name: session.name.clone(),
        status: reg.status,
        current_level: reg.current_level,
        version: reg.version,
        form: reg.form,
        completeness: Completeness {
            complete: errors.is_empty(),
            errors,
        },
        required_materials: required,
        fee: fee_quote(kind, &cat, &form),
        timeline,
        submitted_at: reg.submitted_at,
        created_at: reg.created_at,
        updated_at: reg.updated_at,
    })
}

pub fn create(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    me: &CandidateUser,
    req: CreateRegistration,
) -> ApiResult<RegistrationView> {
    let session = catalog::find_session(conn, req.session_id)?
        .filter(|s| s.status == "published")
        .ok_or_else(|| ApiError::field("session_id", "session_unknown"))?;
    window_open(state, &session)?;
    conn.transaction::<_, ApiError, _>(|conn| {
        if let Some(withdrawn) =
            regs::lock_for_session(conn, me.id, session.id)?.filter(|r| r.status == "withdrawn")
        {
            return crate::registration::withdrawal::register_again(
                state, conn, ctx, me, withdrawn,
            );
        }
        let reg = regs::create_draft(conn, me.id, session.id, &serde_json::json!({})).map_err(
            |e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => ApiError::conflict("registration_exists")
                    .detail("you already have a registration for this exam session"),
                other => other.into(),
            },
        )?;
        regs::insert_action(
            conn,
            &NewAction {
                registration_id: reg.id,
                level: None,
                action: "create",
                actor_kind: "candidate",
                actor_id: Some(me.id),
                reason_codes: vec![],
                comment: None,
                comment_public: false,
                from_status: "draft",
                to_status: "draft",
                registration_version: reg.version,
                returned_fields: vec![],
                returned_materials: vec![],
                override_reason: None,
            },
        )?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor("candidate", Some(me.id.to_string()), "registration.create")
                .object("registration", reg.id),
        )?;
        view(state, conn, reg)
    })
}

pub fn list(conn: &mut PgConnection, me: &CandidateUser) -> ApiResult<Vec<RegistrationListItem>> {
    Ok(regs::list_for_candidate(conn, me.id)?
        .into_iter()
        .map(|(r, exam_type, session_name)| RegistrationListItem {
            id: r.id,
            session_id: r.session_id,
            exam_type,
            session_name,
            status: r.status,
            current_level: r.current_level,
            version: r.version,
            submitted_at: r.submitted_at,
            updated_at: r.updated_at,
        })
        .collect())
}

pub fn get(
    state: &AppState,
    conn: &mut PgConnection,
    me: &CandidateUser,
    id: Uuid,
) -> ApiResult<RegistrationView> {
    let reg = regs::find_own(conn, id, me.id, false)?.ok_or_else(ApiError::not_found)?;
    view(state, conn, reg)
}

/// The candidate's history-library rows for one exam, newest first (bad rows are logged and skipped).
pub(crate) fn history_rows(
    conn: &mut PgConnection,
    candidate: Uuid,
    kind: ExamKind,
) -> ApiResult<Vec<History>> {
    let bidx = regs::candidate_bidx(conn, candidate)?;
    Ok(
        weikao_store::libraries::history_of(conn, &bidx, kind.as_str())?
            .into_iter()
            .filter_map(|row| match serde_json::from_value::<Record<History>>(row) {
                Ok(r) => Some(r.data),
                Err(e) => {
                    tracing::error!(error = %e, "history row does not fit its record type");
                    None
                }
            })
            .collect(),
    )
}

/// Quick-fill for a returning candidate: a form patch from the latest history record and last year's passes.
pub fn quick_fill(conn: &mut PgConnection, me: &CandidateUser, id: Uuid) -> ApiResult<QuickFill> {
    let reg = regs::find_own(conn, id, me.id, false)?.ok_or_else(ApiError::not_found)?;
    let session = catalog::find_session(conn, reg.session_id)?.ok_or_else(ApiError::not_found)?;
    let kind = kind_of(&session.exam_type)?;
    let rows = history_rows(conn, me.id, kind)?;
    let mut patch = prefill(kind, session.year, &rows);
    let found = patch.is_some();
    // a student on a school's class list: the school's data and its registration point (over the history)
    let bidx = weikao_store::accounts::find_candidate(conn, me.id)?
        .ok_or_else(ApiError::not_found)?
        .id_number_bidx;
    let class_list = crate::class_lists::service::quick_fill_patch(conn, &session, &bidx)?;
    if let Some((school, _)) = &class_list {
        let mut merged = patch.unwrap_or_else(|| serde_json::json!({}));
        merge_patch(&mut merged, school);
        patch = Some(merged);
    }
    let specialty = patch
        .as_ref()
        .and_then(|p| p["exam"]["specialty_code"].as_str().map(str::to_string));
    let carried_over: Vec<String> = pass_records(kind, &rows)
        .into_iter()
        .filter(|p| p.year == session.year - 1 && Some(&p.specialty_code) == specialty.as_ref())
        .flat_map(|p| p.subject_codes)
        .collect();
    Ok(QuickFill {
        found,
        school: class_list.map(|(_, name)| name),
        year: rows.iter().map(|h| h.year).max(),
        patch: patch.unwrap_or_else(|| serde_json::json!({})),
        carried_over,
    })
}

/// Statuses in which the candidate may change the registration.
const EDITABLE: &[&str] = &["draft", "returned"];

/// A draft may change while registration is open; a returned registration while the returning level's
/// review window is open (corrections happen during review).
fn edit_window_open(
    state: &AppState,
    conn: &mut PgConnection,
    reg: &Registration,
    session: &ExamSession,
) -> ApiResult<()> {
    if reg.status == "returned" {
        let now = state.clock.now();
        let cat = catalog::load_catalog(conn, session.id)?;
        let open = match cat
            .review_windows
            .iter()
            .find(|w| Some(w.level.as_str()) == reg.current_level.as_deref())
        {
            Some(w) => w.opens_at <= now && now < w.closes_at,
            None => true,
        };
        return if open {
            Ok(())
        } else {
            Err(ApiError::conflict("correction_window_closed")
                .detail("the review window of the level that returned it has closed"))
        };
    }
    window_open(state, session)
}

/// The candidate's own editable registration (no version check): for uploads, checked before the body is
/// read and again, locked, before the material is recorded.
pub fn editable(
    state: &AppState,
    conn: &mut PgConnection,
    me: &CandidateUser,
    id: Uuid,
    lock: bool,
) -> ApiResult<Registration> {
    let reg = regs::find_own(conn, id, me.id, lock)?.ok_or_else(ApiError::not_found)?;
    if !EDITABLE.contains(&reg.status.as_str()) {
        return Err(ApiError::conflict("registration_locked")
            .detail("only drafts and returned registrations can be edited"));
    }
    let session = catalog::find_session(conn, reg.session_id)?.ok_or_else(ApiError::internal)?;
    edit_window_open(state, conn, &reg, &session)?;
    Ok(reg)
}

/// Material kinds a returned registration may upload again (None = any kind).
pub fn returned_materials(
    conn: &mut PgConnection,
    reg: &Registration,
) -> ApiResult<Option<Vec<String>>> {
    if reg.status != "returned" {
        return Ok(None);
    }
    Ok(regs::last_return(conn, reg.id)?
        .map(|r| r.materials)
        .filter(|m| !m.is_empty()))
}

/// Locks an editable registration at the expected version inside its edit window.
fn lock_editable(
    state: &AppState,
    conn: &mut PgConnection,
    me: &CandidateUser,
    id: Uuid,
    version: i32,
) -> ApiResult<(Registration, ExamSession)> {
    let reg = regs::find_own(conn, id, me.id, true)?.ok_or_else(ApiError::not_found)?;
    if !EDITABLE.contains(&reg.status.as_str()) {
        return Err(ApiError::conflict("registration_locked")
            .detail("only drafts and returned registrations can be edited"));
    }
    if reg.version != version {
        return Err(ApiError::conflict("version_conflict").detail(format!(
            "the registration is at version {}; reload it",
            reg.version
        )));
    }
    let session = catalog::find_session(conn, reg.session_id)?.ok_or_else(ApiError::internal)?;
    edit_window_open(state, conn, &reg, &session)?;
    Ok((reg, session))
}

/// The `section.field` keys (or `section` for a whole section) a merge patch touches.
pub(crate) fn touched_keys(patch: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(obj) = patch.as_object() {
        for (section, v) in obj {
            match v.as_object() {
                Some(fields) => out.extend(fields.keys().map(|f| format!("{section}.{f}"))),
                None => out.push(section.clone()),
            }
        }
    }
    out
}

pub fn save(
    state: &AppState,
    conn: &mut PgConnection,
    me: &CandidateUser,
    id: Uuid,
    req: SaveRegistration,
) -> ApiResult<RegistrationView> {
    if !req.form.is_object() {
        return Err(ApiError::field("form", "invalid_value"));
    }
    conn.transaction::<_, ApiError, _>(|conn| {
        let (reg, session) = lock_editable(state, conn, me, id, req.version)?;
        let kind = kind_of(&session.exam_type)?;
        if reg.status == "returned" {
            // only what the reviewer returned may change
            let returned = regs::last_return(conn, reg.id)?
                .map(|r| r.fields)
                .unwrap_or_default();
            let outside =
                weikao_core::review::outside_returned(&returned, &touched_keys(&req.form));
            if !outside.is_empty() {
                let errors = outside
                    .into_iter()
                    .map(|k| (k, vec!["field_not_returned".to_string()]))
                    .collect();
                return Err(ApiError::validation(errors));
            }
        }
        let form = patched_form(state, kind, &reg.form, &req.form)?;
        let saved = regs::save_form(conn, reg.id, &form, state.clock.now())?;
        regs::insert_version(conn, &saved, "save", "candidate", Some(me.id))?;
        view(state, conn, saved)
    })
}

/// `form` with a merge patch applied, parsed and validated field by field (422 with the field codes), and
/// normalised: what is stored is what the rules parsed, never the raw patch. The candidate's save and the
/// staff correction both go through here.
pub(crate) fn patched_form(
    state: &AppState,
    kind: ExamKind,
    form: &Value,
    patch: &Value,
) -> ApiResult<Value> {
    let mut merged = form.clone();
    merge_patch(&mut merged, patch);
    let parsed = parse_form(&merged)?;
    let errors = validate_partial(kind, &parsed, today(state));
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let normalised = serde_json::to_value(&parsed).map_err(|_| ApiError::internal())?;
    Ok(strip_nulls(normalised))
}

/// The exam kind of a session (an unknown type is a server fault).
pub(crate) fn kind_of_session(session: &ExamSession) -> ApiResult<ExamKind> {
    kind_of(&session.exam_type)
}

/// Drops null members so stored forms only hold what was entered.
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Queues the status-change e-mail (transactional outbox: sent only if the change commits).
pub fn notify_status(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    session_name: &str,
    status: &str,
) -> ApiResult<()> {
    let Some(cand) = weikao_store::accounts::find_candidate(conn, candidate_id)? else {
        return Ok(());
    };
    if let Some(email) = cand.email.as_deref() {
        let (subject, body) =
            crate::messaging::templates::status_changed(&cand.name, session_name, status);
        crate::messaging::enqueue(
            conn,
            crate::accounts::dto::Channel::Email,
            email,
            &subject,
            &body,
        )?;
    }
    Ok(())
}

/// Adds `materials.<kind>: material_missing` for every material the form requires that has no
/// current (uploaded or accepted) file, and on a resubmission `materials.<kind>: material_not_replaced`
/// for every material the last return sent back that was not uploaded again after it.
fn check_materials(
    conn: &mut PgConnection,
    session: &ExamSession,
    kind: ExamKind,
    form: &Form,
    reg: &Registration,
    errors: &mut BTreeMap<String, Vec<String>>,
) -> ApiResult<()> {
    let current: Vec<(String, chrono::DateTime<chrono::Utc>)> =
        weikao_store::materials::list_current(conn, reg.id)?
            .into_iter()
            .filter(|m| m.status == "uploaded" || m.status == "accepted")
            .map(|m| (m.kind, m.uploaded_at))
            .collect();
    let required = required_materials(&material_rules(session, kind), &facts_of(kind, form));
    for missing in required
        .iter()
        .filter(|k| !current.iter().any(|(c, _)| c == *k))
    {
        field_error(errors, &format!("materials.{missing}"), "material_missing");
    }
    if reg.status == "returned" {
        if let Some(ret) = regs::last_return(conn, reg.id)? {
            for kind in weikao_core::review::unreplaced_materials(&ret.materials, &ret.at, &current)
            {
                let key = format!("materials.{kind}");
                if !errors.contains_key(&key) {
                    field_error(errors, &key, "material_not_replaced");
                }
            }
        }
    }
    Ok(())
}

fn field_error(errors: &mut BTreeMap<String, Vec<String>>, field: &str, code: &str) {
    errors
        .entry(field.to_string())
        .or_default()
        .push(code.to_string());
}

/// Auto-confirmation (configured per session: `settings.review.auto_confirm_returning`): a first submission of
/// a returning health-tech candidate whose details match their history and that verification found nothing to
/// warn about goes straight to final approval, recorded as a system decision.
fn auto_confirm(
    conn: &mut PgConnection,
    session: &catalog::ExamSession,
    kind: ExamKind,
    reg: &regs::Registration,
    resubmission: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<Option<regs::Registration>> {
    let enabled = session
        .settings
        .pointer("/review/auto_confirm_returning")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !enabled || resubmission || kind != ExamKind::HealthTech {
        return Ok(None);
    }
    let rows = history_rows(conn, reg.candidate_id, kind)?;
    let patch = prefill(kind, session.year, &rows);
    let findings = weikao_store::findings::current(conn, reg.id)?;
    let severities: Vec<&str> = findings.iter().map(|f| f.severity.as_str()).collect();
    if !weikao_core::review::changes::auto_confirms(
        enabled,
        kind,
        patch.as_ref(),
        &reg.form,
        &severities,
    ) {
        return Ok(None);
    }
    let confirmed = regs::apply_decision(conn, reg.id, "approved", None, true, now)?;
    regs::insert_version(conn, &confirmed, "auto_confirm", "system", None)?;
    regs::insert_action(
        conn,
        &NewAction {
            registration_id: reg.id,
            level: None,
            action: "auto_confirm",
            actor_kind: "system",
            actor_id: None,
            reason_codes: vec![],
            comment: Some("历史考生信息未变更，系统自动确认"),
            comment_public: true,
            from_status: &reg.status,
            to_status: "approved",
            registration_version: confirmed.version,
            returned_fields: vec![],
            returned_materials: vec![],
            override_reason: None,
        },
    )?;
    record(
        conn,
        None,
        AuditEvent::actor("system", None, "review.auto_confirm").object("registration", reg.id),
    )?;
    notify_status(conn, reg.candidate_id, &session.name, "approved")?;
    Ok(Some(confirmed))
}

pub fn submit(
    state: &AppState,
    conn: &mut PgConnection,
    ctx: &ReqCtx,
    me: &CandidateUser,
    id: Uuid,
    req: SubmitRegistration,
) -> ApiResult<RegistrationView> {
    conn.transaction::<_, ApiError, _>(|conn| {
        let (reg, session) = lock_editable(state, conn, me, id, req.version)?;
        let kind = kind_of(&session.exam_type)?;
        let form = parse_form(&reg.form)?;
        let mut errors = validate_complete(kind, &form, today(state), session.year);
        let mut missing = BTreeMap::new();
        check_materials(conn, &session, kind, &form, &reg, &mut missing)?;
        if !errors.is_empty() {
            errors.extend(missing);
            return Err(ApiError::validation(errors));
        }
        // the catalog and routing checks below add to what is missing: one answer lists everything
        errors = missing;
        let cat = catalog::load_catalog(conn, session.id)?;
        let exam = form.exam.clone().unwrap_or_default();
        // the chosen specialty and subjects must exist in this session's catalog
        let spec = chosen_specialty(kind, &cat, &form);
        match (kind, spec) {
            (ExamKind::HealthTech, None) => {
                field_error(&mut errors, "exam.specialty_code", "specialty_unknown")
            }
            (ExamKind::Physician, None) => {
                field_error(&mut errors, "exam.level_code", "level_not_offered")
            }
            (ExamKind::Nurse, None) => return Err(ApiError::internal()),
            (ExamKind::HealthTech, Some(s)) => {
                let level_ok = cat.levels.iter().any(|l| {
                    l.id == s.level_id && Some(l.code.as_str()) == exam.level_code.as_deref()
                });
                if !level_ok {
                    field_error(&mut errors, "exam.level_code", "level_mismatch");
                }
                let all: Vec<String> = cat
                    .subjects
                    .iter()
                    .filter(|x| x.specialty_id == s.id)
                    .map(|x| x.code.clone())
                    .collect();
                // subjects passed last year in this specialty (history library) are carried over
                let passes = pass_records(kind, &history_rows(conn, me.id, kind)?);
                let state_r = rolling_state(&all, session.year, &s.code, &passes);
                if let Err(code) = check_subject_choice(&exam.subject_codes, &state_r) {
                    field_error(&mut errors, "exam.subject_codes", code);
                }
            }
            _ => {}
        }
        // routing: the site (and point, when the chain starts there) inside this session's region
        let region = weikao_store::orgs::find_org(conn, session.region_org_id)?
            .ok_or_else(ApiError::internal)?;
        let site = exam
            .site_code
            .as_deref()
            .map(|c| weikao_store::orgs::find_org_by_code(conn, c))
            .transpose()?
            .flatten()
            .filter(|o| o.kind == "site" && o.active && o.path.starts_with(&region.path));
        let needs_point = session.review_chain.first().map(String::as_str) == Some("point");
        let point = match (&site, exam.point_code.as_deref()) {
            (Some(site), Some(code)) => weikao_store::orgs::find_org_by_code(conn, code)?
                .filter(|o| o.kind == "point" && o.active && o.path.starts_with(&site.path)),
            _ => None,
        };
        if site.is_none() {
            field_error(&mut errors, "exam.site_code", "site_unknown");
        } else if needs_point && exam.point_code.is_none() {
            field_error(&mut errors, "exam.point_code", "required");
        } else if exam.point_code.is_some() && point.is_none() {
            field_error(&mut errors, "exam.point_code", "point_unknown");
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let org = point.or(site).ok_or_else(ApiError::internal)?;
        // a first submission goes to the first level; a corrected one back to the level that returned it
        let resubmission = reg.status == "returned";
        let (first_level, new_status, action) = if resubmission {
            (reg.current_level.clone(), "resubmitted", "resubmit")
        } else {
            (session.review_chain.first().cloned(), "submitted", "submit")
        };
        let now = state.clock.now();
        let spec = spec.expect("checked above");
        let submitted = regs::mark_submitted(
            conn,
            reg.id,
            &Submission {
                status: new_status,
                current_level: first_level.as_deref(),
                org_id: org.id,
                org_path: &org.path,
                level_id: Some(spec.level_id),
                category_id: spec.category_id,
                specialty_id: Some(spec.id),
                archive_number: exam.archive_number.as_deref(),
            },
            now,
        )?;
        regs::insert_version(conn, &submitted, action, "candidate", Some(me.id))?;
        regs::insert_action(
            conn,
            &NewAction {
                registration_id: reg.id,
                level: first_level.as_deref(),
                action,
                actor_kind: "candidate",
                actor_id: Some(me.id),
                reason_codes: vec![],
                comment: None,
                comment_public: false,
                from_status: &reg.status,
                to_status: new_status,
                registration_version: submitted.version,
                returned_fields: vec![],
                returned_materials: vec![],
                override_reason: None,
            },
        )?;
        record(
            conn,
            Some(ctx),
            AuditEvent::actor("candidate", Some(me.id.to_string()), "registration.submit")
                .object("registration", reg.id),
        )?;
        crate::verification::verify_registrations(conn, &[reg.id], today(state), now)?;
        let submitted = match auto_confirm(conn, &session, kind, &submitted, resubmission, now)? {
            Some(confirmed) => confirmed,
            None => {
                notify_status(conn, me.id, &session.name, new_status)?;
                submitted
            }
        };
        view(state, conn, submitted)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc7396() {
        let mut t = json!({"a": {"b": 1, "c": 2}, "d": 3});
        super::merge_patch(&mut t, &json!({"a": {"b": null, "e": 4}, "d": [1]}));
        assert_eq!(t, json!({"a": {"c": 2, "e": 4}, "d": [1]}));
        let mut t = json!({});
        super::merge_patch(&mut t, &json!({"identity": {"ethnicity": "汉族"}}));
        assert_eq!(t, json!({"identity": {"ethnicity": "汉族"}}));
    }

    #[test]
    fn nulls_are_stripped_recursively() {
        assert_eq!(
            super::strip_nulls(json!({"a": null, "b": {"c": null, "d": 1}})),
            json!({"b": {"d": 1}})
        );
    }
}
