//! The school's side of group registration: which school and session a staff member works on, importing the
//! class list, and what quick-fill takes from it for a listed student.

use std::path::Path;

use diesel::{Connection, PgConnection};
use serde_json::{json, Value};
use uuid::Uuid;
use weikao_core::authz::ReviewLevel;
use weikao_core::catalog_sheet::SheetError;
use weikao_core::identity::mask_id_number;
use weikao_core::registration::class_list::parse;
use weikao_store::catalog::ExamSession;
use weikao_store::class_lists::{self as store, NewStudent, Replaced};
use weikao_store::orgs::Org;

use crate::catalog::import::sheet_errors;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::StaffUser;
use crate::http::state::AppState;
use crate::libraries::read::read_all;

/// The school (a registration point) a staff member uploads for, and the nurse session: 403 for anyone but a
/// registration point's reviewer, 404 for a session outside the point's region, 409 for other exams or a
/// session not open.
pub fn school_session(
    conn: &mut PgConnection,
    staff: &StaffUser,
    session_id: Uuid,
) -> ApiResult<(Org, ExamSession)> {
    if staff.level != Some(ReviewLevel::Point) {
        return Err(ApiError::forbidden().detail("class lists are kept by a registration point"));
    }
    let school = weikao_store::orgs::find_org(conn, staff.scope_org_id)?
        .filter(|o| o.kind == "point" && o.active)
        .ok_or_else(ApiError::forbidden)?;
    let session =
        weikao_store::catalog::find_session(conn, session_id)?.ok_or_else(ApiError::not_found)?;
    let region = weikao_store::orgs::find_org(conn, session.region_org_id)?
        .ok_or_else(ApiError::not_found)?;
    if !school.path.starts_with(&region.path) {
        return Err(ApiError::not_found());
    }
    if session.exam_type != "nurse" {
        return Err(ApiError::conflict("class_list_nurse_only")
            .detail("class lists are for the nurse exam's fresh graduates"));
    }
    Ok((school, session))
}

/// Replaces the school's class list of a session with the file's students: all or nothing. Row problems come
/// back as `rows[<n>].<field>` codes (also `listed_by_another_school`); a session not published is refused.
pub fn import(
    st: &AppState,
    conn: &mut PgConnection,
    staff: &StaffUser,
    session_id: Uuid,
    path: &Path,
) -> ApiResult<(Replaced, usize)> {
    let (school, session) = school_session(conn, staff, session_id)?;
    if session.status != "published" {
        return Err(ApiError::conflict("session_not_open")
            .detail("class lists are uploaded while the session is published"));
    }
    let rows = read_all(path).map_err(|e| ApiError::field("file", e.code()))?;
    let today = st.clock.now().date_naive();
    let students = parse(rows, session.year, today).map_err(sheet_errors)?;
    let new: Vec<NewStudent> = students
        .iter()
        .map(|s| NewStudent {
            id_bidx: st.keys.pii.blind_index(&s.id_number),
            id_enc: st.keys.pii.encrypt(&s.id_number),
            id_masked: mask_id_number(&s.id_number),
            name: s.name.clone(),
            major: s.major.clone(),
            education_level: s.education_level.clone(),
            expected_graduation_on: s.expected_graduation_on,
            row_no: s.row as i32,
        })
        .collect();
    let now = st.clock.now();
    conn.transaction::<_, ApiError, _>(|conn| {
        let bidxs: Vec<Vec<u8>> = new.iter().map(|s| s.id_bidx.clone()).collect();
        let elsewhere = store::listed_elsewhere(conn, session.id, school.id, &bidxs)?;
        if !elsewhere.is_empty() {
            return Err(sheet_errors(
                students
                    .iter()
                    .zip(&new)
                    .filter(|(_, n)| elsewhere.contains(&n.id_bidx))
                    .map(|(s, _)| SheetError {
                        row: s.row,
                        field: "id_number".into(),
                        code: "listed_by_another_school",
                    })
                    .collect(),
            ));
        }
        let r = store::replace(conn, session.id, school.id, &new, staff.id, now)?;
        Ok((r, new.len()))
    })
}

/// What quick-fill takes from a class list for a listed student of a nurse session: the fresh-graduate
/// section, the school and major, and the school's registration point (and its exam site) as where the
/// registration goes. `None` when the person is on no list of the session.
pub fn quick_fill_patch(
    conn: &mut PgConnection,
    session: &ExamSession,
    id_bidx: &[u8],
) -> ApiResult<Option<(Value, String)>> {
    if session.exam_type != "nurse" {
        return Ok(None);
    }
    let Some(entry) = store::entry_for(conn, session.id, id_bidx)? else {
        return Ok(None);
    };
    let Some(point) = weikao_store::orgs::find_org(conn, entry.org_id)? else {
        return Ok(None);
    };
    let site = match point.parent_id {
        Some(p) => weikao_store::orgs::find_org(conn, p)?.filter(|o| o.kind == "site"),
        None => None,
    };
    let graduation = entry.expected_graduation_on.to_string();
    let mut education = json!({ "school": point.name, "graduated_on": graduation });
    if let Some(m) = &entry.major {
        education["major"] = json!(m);
    }
    if let Some(l) = &entry.education_level {
        education["level"] = json!(l);
    }
    let mut exam = json!({ "point_code": point.code });
    if let Some(s) = &site {
        exam["site_code"] = json!(s.code);
    }
    let patch = json!({
        "education": education,
        "nurse": { "fresh_graduate": true, "school": point.name, "expected_graduation_on": graduation },
        "exam": exam,
    });
    Ok(Some((patch, point.name)))
}
