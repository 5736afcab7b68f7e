//! Runs the verification engine (`weikao_core::verification`) for registrations: gathers their facts and the
//! library rows of their holders in a few round trips per page (not one query per rule), stores the findings
//! (history kept), and re-verifies every open registration a library import touches (a background job).
pub mod api;
pub mod cli;

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::PgConnection;
use uuid::Uuid;
use weikao_core::registration::form::{ExamKind, Form};
use weikao_core::verification::{verify, Lookups, OtherRegistration, Policy, Subject};
use weikao_store::findings::{self, NewFinding, VerifyTarget};
use weikao_store::libraries as libs;

/// Job kind: re-verify the open registrations a library batch affects (payload `{batch_id, library}`).
pub const REVERIFY_JOB: &str = "reverify_batch";
/// Registrations verified per round trip group.
pub const PAGE: i64 = 500;

fn institution_codes(form: &Form) -> Vec<String> {
    let mut codes = Vec::new();
    if let Some(c) = form.work.as_ref().and_then(|w| w.unit_code.clone()) {
        codes.push(c.trim().to_string());
    }
    if let Some(c) = form
        .physician
        .as_ref()
        .and_then(|p| p.probation_institution_code.clone())
    {
        codes.push(c.trim().to_string());
    }
    codes
}

fn policy_of(settings: &serde_json::Value) -> Policy {
    settings
        .get("verification")
        .and_then(|v| match serde_json::from_value(v.clone()) {
            Ok(p) => Some(p),
            Err(e) => {
                tracing::warn!(error = %e, "invalid settings.verification; using defaults");
                None
            }
        })
        .unwrap_or_default()
}

/// Verifies the given registrations and stores their findings; returns how many changed.
pub fn verify_registrations(
    conn: &mut PgConnection,
    ids: &[Uuid],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> diesel::QueryResult<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    let targets = findings::targets(conn, ids)?;
    let forms: Vec<Option<Form>> = targets
        .iter()
        .map(|t| serde_json::from_value::<Form>(t.form.clone()).ok())
        .collect();
    let bidxs: Vec<Vec<u8>> = targets.iter().map(|t| t.id_bidx.clone()).collect();
    let codes: Vec<String> = forms
        .iter()
        .flatten()
        .flat_map(institution_codes)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let found = libs::lookup(conn, &bidxs, &codes)?;
    let mut by_person: HashMap<&[u8], Vec<&libs::FoundRow>> = HashMap::new();
    let mut institutions: Vec<&libs::FoundRow> = Vec::new();
    for row in &found {
        match &row.id_bidx {
            Some(b) => by_person.entry(b.as_slice()).or_default().push(row),
            None => institutions.push(row),
        }
    }
    let mut others: HashMap<Uuid, Vec<(Uuid, String, String, String)>> = HashMap::new();
    let years: BTreeSet<i32> = targets.iter().map(|t| t.year).collect();
    let people: Vec<Uuid> = targets.iter().map(|t| t.candidate_id).collect();
    for year in years {
        for (cand, reg, name, exam, status) in findings::others_same_year(conn, &people, year)? {
            others
                .entry(cand)
                .or_default()
                .push((reg, name, exam, status));
        }
    }
    let mut materials: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (reg, kind) in weikao_store::materials::current_kinds(conn, ids)? {
        materials.entry(reg).or_default().push(kind);
    }
    let mut national: HashMap<Uuid, Vec<weikao_store::comparison::Anomaly>> = HashMap::new();
    for a in weikao_store::comparison::open_for(conn, ids)? {
        if let Some(r) = a.registration_id {
            national.entry(r).or_default().push(a);
        }
    }
    let mut results: Vec<(Uuid, Vec<NewFinding>)> = Vec::with_capacity(targets.len());
    for (t, form) in targets.iter().zip(forms) {
        let (Some(form), Some(kind)) = (form, ExamKind::parse(&t.exam_type)) else {
            tracing::warn!(registration = %t.id, "form or exam type not verifiable; skipped");
            continue;
        };
        let lookups = lookups_for(t, &form, &by_person, &institutions);
        let mine: Vec<OtherRegistration> = others
            .get(&t.candidate_id)
            .into_iter()
            .flatten()
            .filter(|(reg, ..)| *reg != t.id)
            .map(|(_, name, exam, status)| OtherRegistration {
                session_name: name.clone(),
                exam_type: exam.clone(),
                status: status.clone(),
            })
            .collect();
        let mats = materials.remove(&t.id).unwrap_or_default();
        let subject = Subject {
            kind,
            year: t.year,
            name: &t.candidate_name,
            form: &form,
            materials: &mats,
            others: &mine,
            today,
        };
        let mut result: Vec<NewFinding> = verify(&subject, &lookups, &policy_of(&t.settings))
            .into_iter()
            .map(|f| NewFinding {
                rule_code: f.rule_code,
                severity: f.severity.as_str().to_string(),
                reviewer_message: f.reviewer_message,
                candidate_message: f.candidate_message,
                evidence: serde_json::to_value(&f.evidence).unwrap_or_default(),
            })
            .collect();
        result.extend(
            national
                .remove(&t.id)
                .unwrap_or_default()
                .into_iter()
                .map(national_finding),
        );
        results.push((t.id, result));
    }
    findings::replace_current_many(conn, &results, now)
}

/// An open anomaly of the national comparison, shown among the registration's findings (a warning: the
/// reviewers at the exam region resolve it on the comparison list).
fn national_finding(a: weikao_store::comparison::Anomaly) -> NewFinding {
    let (code, message) = weikao_core::exchange::comparison::finding_text(
        &a.kind,
        &a.field,
        a.provincial_value.as_deref(),
        a.national_value.as_deref(),
    );
    NewFinding {
        rule_code: code,
        severity: "warning".to_string(),
        reviewer_message: message,
        candidate_message: None,
        evidence: serde_json::json!({
            "source": "national_comparison",
            "anomaly_id": a.id,
            "kind": a.kind,
            "field": a.field,
            "provincial_value": a.provincial_value,
            "national_value": a.national_value,
        }),
    }
}

fn lookups_for(
    t: &VerifyTarget,
    form: &Form,
    by_person: &HashMap<&[u8], Vec<&libs::FoundRow>>,
    institutions: &[&libs::FoundRow],
) -> Lookups {
    let mut l = Lookups::default();
    let codes = institution_codes(form);
    let rows = by_person
        .get(t.id_bidx.as_slice())
        .into_iter()
        .flatten()
        .chain(institutions.iter().filter(|r| {
            r.row
                .get("code")
                .and_then(|c| c.as_str())
                .is_some_and(|c| codes.iter().any(|x| x == c))
        }));
    for r in rows {
        if let Err(e) = l.push(&r.library, r.row.clone()) {
            tracing::error!(error = %e, "library row does not fit its record type");
        }
    }
    l
}

/// The job: pages through the open registrations a batch affects and verifies them.
pub fn run_reverify_job(
    conn: &mut PgConnection,
    payload: &serde_json::Value,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, String> {
    if let Some(session) = payload.get("comparison_session") {
        // after a national comparison: the registrations whose anomalies the run touched
        let session: Uuid = serde_json::from_value(session.clone()).map_err(|e| e.to_string())?;
        let at: DateTime<Utc> = payload
            .get("at")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .ok_or("payload without the run's instant")?;
        let ids = weikao_store::comparison::registrations_of_run(conn, session, at)
            .map_err(|e| e.to_string())?;
        let mut changed = 0;
        for page in ids.chunks(PAGE as usize) {
            changed += verify_registrations(conn, page, today, now).map_err(|e| e.to_string())?;
        }
        return Ok(changed);
    }
    let batch: Uuid = payload
        .get("batch_id")
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
        .ok_or("payload without batch_id")?;
    let library = payload
        .get("library")
        .and_then(|v| v.as_str())
        .and_then(weikao_core::libraries::library)
        .ok_or("payload without a known library")?;
    let ids = findings::affected_by_batch(conn, library, batch).map_err(|e| e.to_string())?;
    let mut changed = 0;
    for page in ids.chunks(PAGE as usize) {
        changed += verify_registrations(conn, page, today, now).map_err(|e| e.to_string())?;
    }
    Ok(changed)
}
