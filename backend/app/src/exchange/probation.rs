//! Filing, updating and revoking probation certificates (the provincial base-resource system's push API). A
//! change lands in the probation library at once and the person's open registrations are re-verified in the
//! same transaction, so a blocking `probation_not_filed` turns into `probation_verified` with the response.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::PgConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use weikao_core::exchange::probation::{validate, FilingInput, ValidFiling};
use weikao_core::identity::mask_id_number;
use weikao_store::probation::{self as store, Content, Filing};

use crate::clock::local_date;
use crate::error::{ApiError, ApiResult};
use crate::http::state::AppState;

const LIBRARY: &str = "probation_filings";

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilingRequest {
    /// the institution's code in the institution library
    pub institution_code: String,
    /// default `resident_id`
    pub id_type: Option<String>,
    pub id_number: String,
    pub name: String,
    /// `clinical`, `dental`, `public_health` or `tcm`
    pub category_code: String,
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    /// the day the certificate was signed (default today); valid one year from it
    pub issued_on: Option<NaiveDate>,
    pub certificate_number: String,
    /// the institution's legal representative who signed
    pub legal_representative: String,
    /// the certificate bears the legal representative's signature and the institution's seal
    pub signed_and_sealed: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FilingView {
    pub filing_no: String,
    pub institution_code: String,
    pub id_number_masked: String,
    pub name: String,
    pub category_code: String,
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub certificate_number: String,
    pub legal_representative: String,
    /// `filed` or `revoked`
    pub status: String,
    pub revoke_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// open registrations of this person re-verified by this change
    #[serde(default)]
    pub reverified_registrations: usize,
}

pub fn view(f: Filing, reverified: usize) -> FilingView {
    FilingView {
        filing_no: f.filing_no,
        institution_code: f.institution_code,
        id_number_masked: f.id_masked,
        name: f.name,
        category_code: f.category_code,
        started_on: f.started_on,
        ended_on: f.ended_on,
        valid_until: f.valid_until,
        certificate_number: f.certificate_number,
        legal_representative: f.legal_representative,
        status: f.status,
        revoke_reason: f.revoke_reason,
        created_at: f.created_at,
        updated_at: f.updated_at,
        reverified_registrations: reverified,
    }
}

/// Who files: an API client (the base-resource system, for any institution; it changes only what it filed) or
/// an institution portal user (for its own institution; it changes any certificate of that institution).
pub struct Filer {
    pub client: Option<Uuid>,
    /// `client:<client_id>` or `institution:<code>` — also names the push batch of the library rows
    pub label: String,
    /// the portal user's institution
    pub institution: Option<String>,
}

fn checked(st: &AppState, conn: &mut PgConnection, r: &FilingRequest) -> ApiResult<ValidFiling> {
    let input = FilingInput {
        id_type: r.id_type.as_deref(),
        id_number: &r.id_number,
        name: &r.name,
        category_code: &r.category_code,
        started_on: r.started_on,
        ended_on: r.ended_on,
        issued_on: r.issued_on,
        certificate_number: &r.certificate_number,
        legal_representative: &r.legal_representative,
        signed_and_sealed: r.signed_and_sealed,
    };
    let today = local_date(st.clock.now());
    let min_months = 12;
    let valid = validate(&input, today, min_months).map_err(|errs| {
        ApiError::validation(
            errs.into_iter()
                .map(|(f, c)| (f.to_string(), vec![c.to_string()]))
                .collect(),
        )
    })?;
    if !store::institution_exists(conn, r.institution_code.trim())? {
        return Err(ApiError::field("institution_code", "institution_unknown"));
    }
    Ok(valid)
}

fn reverify(st: &AppState, conn: &mut PgConnection, bidx: &[u8]) -> ApiResult<usize> {
    let ids = store::open_registrations_of(conn, bidx)?;
    let now = st.clock.now();
    crate::verification::verify_registrations(conn, &ids, local_date(now), now)?;
    Ok(ids.len())
}

fn new_filing_no(now: DateTime<Utc>) -> String {
    let tail = Uuid::new_v4().simple().to_string()[..8].to_uppercase();
    format!("PF{}{tail}", now.format("%Y%m%d"))
}

/// Files a certificate: one current certificate per person (`already_filed`, update it instead) and per
/// certificate number (`certificate_number_taken`).
pub fn file(
    st: &AppState,
    conn: &mut PgConnection,
    filer: &Filer,
    r: &FilingRequest,
) -> ApiResult<FilingView> {
    mine(filer, r)?;
    let v = checked(st, conn, r)?;
    let bidx = st.keys.pii.blind_index(&v.id_number);
    if let Some(cur) = store::current_of_person(conn, &bidx)? {
        return Err(ApiError::conflict("already_filed").detail(format!(
            "this person already has certificate {} filed; update or revoke it",
            cur.filing_no
        )));
    }
    if store::certificate_taken(conn, &v.certificate_number, None)? {
        return Err(ApiError::conflict("certificate_number_taken"));
    }
    let now = st.clock.now();
    let batch = store::push_batch(conn, LIBRARY, &filer.label, now)?;
    let enc = st.keys.pii.encrypt(&v.id_number);
    let f = store::insert(
        conn,
        &new_filing_no(now),
        filer.client,
        &filer.label,
        batch,
        &content(r, &v, &bidx, &enc, &mask_id_number(&v.id_number)),
        now,
    )?;
    let n = reverify(st, conn, &bidx)?;
    Ok(view(f, n))
}

fn content<'a>(
    r: &'a FilingRequest,
    v: &'a ValidFiling,
    bidx: &'a [u8],
    enc: &'a [u8],
    masked: &'a str,
) -> Content<'a> {
    Content {
        institution_code: r.institution_code.trim(),
        id_bidx: bidx,
        id_enc: enc,
        id_masked: masked,
        name: &v.name,
        category_code: &v.category_code,
        started_on: v.started_on,
        ended_on: v.ended_on,
        valid_until: v.valid_until,
        certificate_number: &v.certificate_number,
        legal_representative: &v.legal_representative,
    }
}

/// A portal user files for its own institution only.
fn mine(filer: &Filer, r: &FilingRequest) -> ApiResult<()> {
    match &filer.institution {
        Some(code) if code != r.institution_code.trim() => {
            Err(ApiError::field("institution_code", "not_your_institution"))
        }
        _ => Ok(()),
    }
}

/// A filing this filer may change, or 404 (anyone else's filing is indistinguishable from a missing one).
fn own(conn: &mut PgConnection, filer: &Filer, filing_no: &str) -> ApiResult<Filing> {
    store::find(conn, filing_no)?
        .filter(|f| match &filer.institution {
            Some(code) => &f.institution_code == code,
            None => f.client_id == filer.client && f.filed_by == filer.label,
        })
        .ok_or_else(ApiError::not_found)
}

/// Replaces a filed certificate's content; the person cannot change (`person_changed`: revoke and file anew).
pub fn update(
    st: &AppState,
    conn: &mut PgConnection,
    filer: &Filer,
    filing_no: &str,
    r: &FilingRequest,
) -> ApiResult<FilingView> {
    let f = own(conn, filer, filing_no)?;
    if f.status != "filed" {
        return Err(ApiError::conflict("filing_revoked"));
    }
    mine(filer, r)?;
    let v = checked(st, conn, r)?;
    let bidx = st.keys.pii.blind_index(&v.id_number);
    if bidx != f.id_bidx {
        return Err(ApiError::field("id_number", "person_changed"));
    }
    if store::certificate_taken(conn, &v.certificate_number, Some(f.id))? {
        return Err(ApiError::conflict("certificate_number_taken"));
    }
    let now = st.clock.now();
    let batch = store::push_batch(conn, LIBRARY, &filer.label, now)?;
    let enc = st.keys.pii.encrypt(&v.id_number);
    let f = store::update(
        conn,
        &f,
        batch,
        &content(r, &v, &bidx, &enc, &mask_id_number(&v.id_number)),
        now,
    )?;
    let n = reverify(st, conn, &bidx)?;
    Ok(view(f, n))
}

/// Revokes a certificate (it leaves the library; the person's open registrations are re-verified).
pub fn revoke(
    st: &AppState,
    conn: &mut PgConnection,
    filer: &Filer,
    filing_no: &str,
    reason: &str,
) -> ApiResult<FilingView> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::field("reason", "reason_required"));
    }
    let f = own(conn, filer, filing_no)?;
    if f.status != "filed" {
        return Err(ApiError::conflict("filing_revoked"));
    }
    let now = st.clock.now();
    let batch = store::push_batch(conn, LIBRARY, &filer.label, now)?;
    let f = store::revoke(conn, &f, batch, reason, now)?;
    let n = reverify(st, conn, &f.id_bidx)?;
    Ok(view(f, n))
}
