//! Registrations as seen by the foundation: scoped listing and detail for staff, with the candidate's
//! masked identity. Later capabilities (registration, review) extend this module.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::orgs::like_prefix;
use crate::schema::{candidates, exam_sessions, registrations};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = registrations)]
pub struct Registration {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub session_id: Uuid,
    pub status: String,
    pub current_level: Option<String>,
    pub version: i32,
    pub org_id: Option<Uuid>,
    pub org_path: Option<String>,
    pub level_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    pub archive_number: Option<String>,
    pub form: serde_json::Value,
    pub submitted_at: Option<DateTime<Utc>>,
    pub final_decision_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of a staff listing: the registration with the candidate's name and masked ID number.
#[derive(Debug, Clone, Queryable)]
pub struct RegistrationRow {
    pub registration: Registration,
    pub candidate_name: String,
    pub id_number_masked: String,
    pub exam_type: String,
    pub session_name: String,
}

/// Filters of a scoped staff listing. `scope_path` is mandatory: there is no unscoped query.
#[derive(Default)]
pub struct ScopedFilter<'a> {
    pub scope_path: &'a str,
    pub session_id: Option<Uuid>,
    pub status: Option<&'a str>,
    pub id_number_bidx: Option<Vec<u8>>,
    pub name: Option<&'a str>,
    /// only registrations waiting for a decision at this level
    pub pending_at: Option<&'a str>,
    pub level_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    /// an org subtree inside the scope (materialised path)
    pub org_path: Option<&'a str>,
    /// with a current finding of this severity (`block`, `warning`, `hint`)
    pub severity: Option<&'a str>,
    /// with a current finding of one of these rules (empty: no condition)
    pub rule_codes: Vec<&'a str>,
    /// waiting at one of these (session, level) pairs, whose review windows have closed
    pub overdue_in: Option<Vec<(Uuid, String)>>,
    pub submitted_from: Option<DateTime<Utc>>,
    pub submitted_to: Option<DateTime<Utc>>,
    /// returning candidates (with an archive number from an earlier year) or new ones
    pub returning: Option<bool>,
}

/// Order of a staff listing; every order ends with the id so pages are stable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QueueSort {
    #[default]
    SubmittedDesc,
    SubmittedAsc,
    NameAsc,
    UpdatedDesc,
}

type Boxed<'a> = diesel::helper_types::IntoBoxed<
    'a,
    diesel::dsl::InnerJoin<
        diesel::dsl::InnerJoin<registrations::table, candidates::table>,
        exam_sessions::table,
    >,
    diesel::pg::Pg,
>;

/// The registration waits at a level whose review window closed before `$now`.
macro_rules! overdue_sql {
    ($now:expr) => {
        diesel::dsl::sql::<diesel::sql_types::Bool>(
            "EXISTS (SELECT 1 FROM review_windows w WHERE w.session_id = registrations.session_id \
             AND w.level = registrations.current_level AND w.closes_at <= ",
        )
        .bind::<diesel::sql_types::Timestamptz, _>($now)
        .sql(")")
    };
}

// candidates in filter subqueries (an alias: the listing itself joins candidates)
diesel::alias!(candidates as cand_filter: CandFilter);
const CAND: diesel::query_source::Alias<CandFilter> = cand_filter;

/// Applies a scoped filter to a boxed query over `registrations` (alone or joined): every condition is on
/// `registrations` columns or an uncorrelated subquery, so counting needs no join.
macro_rules! apply_filter {
    ($q:expr, $f:expr) => {{
        use crate::schema::verification_findings as vf;
        let f = $f;
        let mut q = $q
            .filter(registrations::org_path.like(like_prefix(f.scope_path)))
            .filter(registrations::status.ne("draft"));
        if let Some(s) = f.session_id {
            q = q.filter(registrations::session_id.eq(s));
        }
        if let Some(s) = f.status {
            q = q.filter(registrations::status.eq(s.to_string()));
        }
        if let Some(b) = &f.id_number_bidx {
            q = q.filter(
                registrations::candidate_id.eq_any(
                    CAND.filter(CAND.field(candidates::id_number_bidx).eq(b.clone()))
                        .select(CAND.field(candidates::id)),
                ),
            );
        }
        if let Some(n) = f.name {
            q = q.filter(
                registrations::candidate_id.eq_any(
                    CAND.filter(CAND.field(candidates::name).like(like_prefix(n)))
                        .select(CAND.field(candidates::id)),
                ),
            );
        }
        if let Some(level) = f.pending_at {
            q = q
                .filter(registrations::status.eq_any(["submitted", "resubmitted"]))
                .filter(registrations::current_level.eq(level.to_string()));
        }
        if let Some(x) = f.level_id {
            q = q.filter(registrations::level_id.eq(x));
        }
        if let Some(x) = f.category_id {
            q = q.filter(registrations::category_id.eq(x));
        }
        if let Some(x) = f.specialty_id {
            q = q.filter(registrations::specialty_id.eq(x));
        }
        if let Some(p) = f.org_path {
            q = q.filter(registrations::org_path.like(like_prefix(p)));
        }
        if f.severity.is_some() || !f.rule_codes.is_empty() {
            // not correlated (a correlated subquery cannot be boxed): the set of registrations with such findings
            let mut sub = vf::table
                .filter(vf::superseded_at.is_null())
                .select(vf::registration_id)
                .into_boxed::<diesel::pg::Pg>();
            if let Some(s) = f.severity {
                sub = sub.filter(vf::severity.eq(s.to_string()));
            }
            if !f.rule_codes.is_empty() {
                let codes: Vec<String> = f.rule_codes.iter().map(|c| c.to_string()).collect();
                sub = sub.filter(vf::rule_code.eq_any(codes));
            }
            q = q.filter(registrations::id.eq_any(sub));
        }
        if let Some(t) = f.submitted_from {
            q = q.filter(registrations::submitted_at.ge(t));
        }
        if let Some(t) = f.submitted_to {
            q = q.filter(registrations::submitted_at.lt(t));
        }
        if f.overdue_in.as_ref().is_some_and(|c| c.is_empty()) {
            q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>("false"));
        } else if let Some(closed) = &f.overdue_in {
            // the (session, level) pairs whose review window has closed, known up front: nothing closed, nothing overdue
            let (sessions, levels): (Vec<Uuid>, Vec<String>) = closed.iter().cloned().unzip();
            q = q
                .filter(registrations::status.eq_any(["submitted", "resubmitted"]))
                .filter(
                    diesel::dsl::sql::<diesel::sql_types::Bool>(
                        "(registrations.session_id, registrations.current_level) IN (SELECT * FROM unnest(",
                    )
                    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(sessions)
                    .sql(", ")
                    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(levels)
                    .sql("))"),
                );
        }
        match f.returning {
            Some(true) => q = q.filter(registrations::archive_number.is_not_null()),
            Some(false) => q = q.filter(registrations::archive_number.is_null()),
            None => {}
        }
        q
    }};
}

fn filtered<'a>(f: &ScopedFilter<'a>) -> Boxed<'a> {
    apply_filter!(
        registrations::table
            .inner_join(candidates::table)
            .inner_join(exam_sessions::table)
            .into_boxed(),
        f
    )
}

/// The (session, level) pairs whose review window closed before `now`.
pub fn closed_windows(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
) -> QueryResult<Vec<(Uuid, String)>> {
    use crate::schema::review_windows as w;
    w::table
        .filter(w::closes_at.le(now))
        .select((w::session_id, w::level))
        .load(conn)
}

/// Which of `ids` wait (pending) at a level whose review deadline passed before `now`.
pub fn overdue_among(
    conn: &mut PgConnection,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> QueryResult<Vec<Uuid>> {
    registrations::table
        .filter(registrations::id.eq_any(ids))
        .filter(registrations::status.eq_any(["submitted", "resubmitted"]))
        .filter(overdue_sql!(now))
        .select(registrations::id)
        .load(conn)
}

/// Counts stop here: beyond it a listing reports "at least this many" (exact counts per status come from
/// the statistics). Counting a million rows exactly would cost more than the page itself.
pub const COUNT_CAP: i64 = 1_000;

/// How many registrations match, up to [`COUNT_CAP`]; `true` when there are more.
pub fn count_capped(conn: &mut PgConnection, f: &ScopedFilter) -> QueryResult<(i64, bool)> {
    let ids: Vec<Uuid> = apply_filter!(registrations::table.into_boxed(), f)
        .select(registrations::id)
        .limit(COUNT_CAP + 1)
        .load(conn)?;
    let n = ids.len() as i64;
    Ok((n.min(COUNT_CAP), n > COUNT_CAP))
}

fn sorted(q: Boxed<'_>, sort: QueueSort) -> Boxed<'_> {
    match sort {
        QueueSort::SubmittedDesc => {
            q.order((registrations::submitted_at.desc(), registrations::id.asc()))
        }
        QueueSort::SubmittedAsc => {
            q.order((registrations::submitted_at.asc(), registrations::id.asc()))
        }
        QueueSort::NameAsc => q.order((candidates::name.asc(), registrations::id.asc())),
        QueueSort::UpdatedDesc => {
            q.order((registrations::updated_at.desc(), registrations::id.asc()))
        }
    }
}

/// One page of a scoped listing with the (capped) number of matches.
pub struct Page {
    pub total: i64,
    /// more than `total` match (see [`COUNT_CAP`])
    pub total_capped: bool,
    pub rows: Vec<RegistrationRow>,
}

pub fn list_scoped(
    conn: &mut PgConnection,
    f: &ScopedFilter,
    sort: QueueSort,
    offset: i64,
    limit: i64,
) -> QueryResult<Page> {
    let (total, total_capped) = count_capped(conn, f)?;
    let rows = sorted(filtered(f), sort)
        .select((
            Registration::as_select(),
            candidates::name,
            candidates::id_number_masked,
            exam_sessions::exam_type,
            exam_sessions::name,
        ))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok(Page {
        total,
        total_capped,
        rows,
    })
}

/// The ids of a scoped listing (oldest submission first), at most `limit`, and how many matched (capped).
pub fn scoped_ids(
    conn: &mut PgConnection,
    f: &ScopedFilter,
    limit: i64,
) -> QueryResult<(i64, Vec<Uuid>)> {
    let (total, _) = count_capped(conn, f)?;
    let ids = sorted(filtered(f), QueueSort::SubmittedAsc)
        .select(registrations::id)
        .limit(limit)
        .load(conn)?;
    Ok((total, ids))
}

/// One page of a scoped listing after the registration `after` (keyset on the id, ascending): exports
/// walk the whole listing this way without OFFSET and without holding everything in memory.
pub fn scoped_page_after(
    conn: &mut PgConnection,
    f: &ScopedFilter,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<RegistrationRow>> {
    let mut q = filtered(f);
    if let Some(a) = after {
        q = q.filter(registrations::id.gt(a));
    }
    q.select((
        Registration::as_select(),
        candidates::name,
        candidates::id_number_masked,
        exam_sessions::exam_type,
        exam_sessions::name,
    ))
    .order(registrations::id.asc())
    .limit(limit)
    .load(conn)
}

/// A registration inside the scope, or None (another scope's registration is indistinguishable from a missing one).
pub fn find_scoped(
    conn: &mut PgConnection,
    id: Uuid,
    scope_path: &str,
) -> QueryResult<Option<RegistrationRow>> {
    registrations::table
        .inner_join(candidates::table)
        .inner_join(exam_sessions::table)
        .filter(registrations::id.eq(id))
        .filter(registrations::org_path.like(like_prefix(scope_path)))
        .filter(registrations::status.ne("draft"))
        .select((
            Registration::as_select(),
            candidates::name,
            candidates::id_number_masked,
            exam_sessions::exam_type,
            exam_sessions::name,
        ))
        .first(conn)
        .optional()
}

pub fn candidate_id_ciphertext(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> QueryResult<Vec<u8>> {
    candidates::table
        .find(candidate_id)
        .select(candidates::id_number_enc)
        .first(conn)
}

/// The encrypted ID numbers of many candidates (one query for a page of an export).
pub fn candidate_id_ciphertexts(
    conn: &mut PgConnection,
    candidate_ids: &[Uuid],
) -> QueryResult<std::collections::HashMap<Uuid, Vec<u8>>> {
    let rows: Vec<(Uuid, Vec<u8>)> = candidates::table
        .filter(candidates::id.eq_any(candidate_ids))
        .select((candidates::id, candidates::id_number_enc))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The blind index of a candidate's ID number (to look the person up in the libraries).
pub fn candidate_bidx(conn: &mut PgConnection, candidate_id: Uuid) -> QueryResult<Vec<u8>> {
    candidates::table
        .find(candidate_id)
        .select(candidates::id_number_bidx)
        .first(conn)
}

// ---------------------------------------------------------------- candidate side

use crate::schema::{registration_versions, review_actions};

/// Creates a draft; a second registration for the same session is a unique violation (one per candidate).
pub fn create_draft(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    session_id: Uuid,
    form: &serde_json::Value,
) -> QueryResult<Registration> {
    let reg: Registration = diesel::insert_into(registrations::table)
        .values((
            registrations::candidate_id.eq(candidate_id),
            registrations::session_id.eq(session_id),
            registrations::status.eq("draft"),
            registrations::form.eq(form),
        ))
        .returning(Registration::as_returning())
        .get_result(conn)?;
    insert_version(conn, &reg, "create", "candidate", Some(candidate_id))?;
    Ok(reg)
}

/// The candidate's registration for a session, locked (whatever its status).
pub fn lock_for_session(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    session_id: Uuid,
) -> QueryResult<Option<Registration>> {
    registrations::table
        .filter(registrations::candidate_id.eq(candidate_id))
        .filter(registrations::session_id.eq(session_id))
        .select(Registration::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Sets a registration's status outside the review chain (withdrawn, or a draft again), leaving no level
/// waiting, and bumps the version.
pub fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> QueryResult<Registration> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::status.eq(status),
            registrations::current_level.eq(None::<String>),
            registrations::version.eq(registrations::version + 1),
            registrations::updated_at.eq(now),
        ))
        .returning(Registration::as_returning())
        .get_result(conn)
}

/// Appends the registration's current state to its immutable history.
pub fn insert_version(
    conn: &mut PgConnection,
    reg: &Registration,
    change_kind: &str,
    actor_kind: &str,
    actor_id: Option<Uuid>,
) -> QueryResult<()> {
    diesel::insert_into(registration_versions::table)
        .values((
            registration_versions::registration_id.eq(reg.id),
            registration_versions::version.eq(reg.version),
            registration_versions::status.eq(&reg.status),
            registration_versions::form.eq(&reg.form),
            registration_versions::change_kind.eq(change_kind),
            registration_versions::actor_kind.eq(actor_kind),
            registration_versions::actor_id.eq(actor_id),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn list_for_candidate(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> QueryResult<Vec<(Registration, String, String)>> {
    registrations::table
        .inner_join(exam_sessions::table)
        .filter(registrations::candidate_id.eq(candidate_id))
        .order(registrations::created_at.desc())
        .select((
            Registration::as_select(),
            exam_sessions::exam_type,
            exam_sessions::name,
        ))
        .load(conn)
}

/// The candidate's own registration, optionally locked for update; another candidate's is None.
pub fn find_own(
    conn: &mut PgConnection,
    id: Uuid,
    candidate_id: Uuid,
    lock: bool,
) -> QueryResult<Option<Registration>> {
    let q = registrations::table
        .filter(registrations::id.eq(id))
        .filter(registrations::candidate_id.eq(candidate_id))
        .select(Registration::as_select());
    if lock {
        q.for_update().first(conn).optional()
    } else {
        q.first(conn).optional()
    }
}

/// Stores a new form and bumps the version (the caller holds the row lock and checked the expected version).
pub fn save_form(
    conn: &mut PgConnection,
    id: Uuid,
    form: &serde_json::Value,
    now: DateTime<Utc>,
) -> QueryResult<Registration> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::form.eq(form),
            registrations::version.eq(registrations::version + 1),
            registrations::updated_at.eq(now),
        ))
        .returning(Registration::as_returning())
        .get_result(conn)
}

pub struct Submission<'a> {
    pub status: &'a str,
    pub current_level: Option<&'a str>,
    pub org_id: Uuid,
    pub org_path: &'a str,
    pub level_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub specialty_id: Option<Uuid>,
    pub archive_number: Option<&'a str>,
}

pub fn mark_submitted(
    conn: &mut PgConnection,
    id: Uuid,
    s: &Submission,
    now: DateTime<Utc>,
) -> QueryResult<Registration> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::status.eq(s.status),
            registrations::current_level.eq(s.current_level),
            registrations::org_id.eq(Some(s.org_id)),
            registrations::org_path.eq(Some(s.org_path)),
            registrations::level_id.eq(s.level_id),
            registrations::category_id.eq(s.category_id),
            registrations::specialty_id.eq(s.specialty_id),
            registrations::archive_number.eq(s.archive_number),
            registrations::submitted_at.eq(Some(now)),
            registrations::version.eq(registrations::version + 1),
            registrations::updated_at.eq(now),
        ))
        .returning(Registration::as_returning())
        .get_result(conn)
}

pub struct NewAction<'a> {
    pub registration_id: Uuid,
    pub level: Option<&'a str>,
    pub action: &'a str,
    pub actor_kind: &'a str,
    pub actor_id: Option<Uuid>,
    pub reason_codes: Vec<String>,
    pub comment: Option<&'a str>,
    pub comment_public: bool,
    pub from_status: &'a str,
    pub to_status: &'a str,
    pub registration_version: i32,
    pub returned_fields: Vec<String>,
    pub returned_materials: Vec<String>,
    /// why a batch decision went through despite blocking findings
    pub override_reason: Option<&'a str>,
}

pub fn insert_action(conn: &mut PgConnection, a: &NewAction) -> QueryResult<()> {
    diesel::insert_into(review_actions::table)
        .values((
            review_actions::registration_id.eq(a.registration_id),
            review_actions::level.eq(a.level),
            review_actions::action.eq(a.action),
            review_actions::actor_kind.eq(a.actor_kind),
            review_actions::actor_id.eq(a.actor_id),
            review_actions::reason_codes.eq(&a.reason_codes),
            review_actions::comment.eq(a.comment),
            review_actions::comment_public.eq(a.comment_public),
            review_actions::from_status.eq(a.from_status),
            review_actions::to_status.eq(a.to_status),
            review_actions::registration_version.eq(a.registration_version),
            review_actions::returned_fields.eq(&a.returned_fields),
            review_actions::returned_materials.eq(&a.returned_materials),
            review_actions::override_reason.eq(a.override_reason),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Debug, Clone, Queryable)]
pub struct TimelineEntry {
    pub level: Option<String>,
    pub action: String,
    pub actor_kind: String,
    pub comment: Option<String>,
    pub comment_public: bool,
    pub reason_codes: Vec<String>,
    pub from_status: String,
    pub to_status: String,
    pub created_at: DateTime<Utc>,
    pub returned_fields: Vec<String>,
    pub returned_materials: Vec<String>,
    pub override_reason: Option<String>,
}

pub fn timeline(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<TimelineEntry>> {
    review_actions::table
        .filter(review_actions::registration_id.eq(id))
        .order(review_actions::created_at.asc())
        .select((
            review_actions::level,
            review_actions::action,
            review_actions::actor_kind,
            review_actions::comment,
            review_actions::comment_public,
            review_actions::reason_codes,
            review_actions::from_status,
            review_actions::to_status,
            review_actions::created_at,
            review_actions::returned_fields,
            review_actions::returned_materials,
            review_actions::override_reason,
        ))
        .load(conn)
}

/// A registration by id, unlocked (for internal callers that reached it through another row).
pub fn get(conn: &mut PgConnection, id: Uuid) -> QueryResult<Registration> {
    registrations::table
        .find(id)
        .select(Registration::as_select())
        .first(conn)
}

/// Locks a registration row by id (after the caller checked scope or ownership).
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Registration> {
    registrations::table
        .find(id)
        .select(Registration::as_select())
        .for_update()
        .first(conn)
}

/// Records a review decision's effect and bumps the version.
pub fn apply_decision(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    level: Option<&str>,
    final_decision: bool,
    now: DateTime<Utc>,
) -> QueryResult<Registration> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::status.eq(status),
            registrations::current_level.eq(level),
            registrations::final_decision_at.eq(final_decision.then_some(now)),
            registrations::version.eq(registrations::version + 1),
            registrations::updated_at.eq(now),
        ))
        .returning(Registration::as_returning())
        .get_result(conn)
}

/// What the last "return" asked to correct, and when (None: never returned).
pub fn last_return(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<LastReturn>> {
    review_actions::table
        .filter(review_actions::registration_id.eq(id))
        .filter(review_actions::action.eq("return"))
        .order(review_actions::created_at.desc())
        .select((
            review_actions::returned_fields,
            review_actions::returned_materials,
            review_actions::created_at,
        ))
        .first::<(Vec<String>, Vec<String>, DateTime<Utc>)>(conn)
        .optional()
        .map(|r| {
            r.map(|(fields, materials, at)| LastReturn {
                fields,
                materials,
                at,
            })
        })
}

/// What the latest return sent back, and when.
pub struct LastReturn {
    pub fields: Vec<String>,
    pub materials: Vec<String>,
    pub at: DateTime<Utc>,
}

/// Marks a registration paid (its first payment round) and bumps the version.
pub fn mark_paid(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Registration> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::status.eq("paid"),
            registrations::version.eq(registrations::version + 1),
            registrations::updated_at.eq(now),
        ))
        .returning(Registration::as_returning())
        .get_result(conn)
}

/// Display labels for a page of registrations: specialty (code, name) and org name by id.
pub fn labels(
    conn: &mut PgConnection,
    specialty_ids: &[Uuid],
    org_ids: &[Uuid],
) -> QueryResult<(
    std::collections::HashMap<Uuid, (String, String)>,
    std::collections::HashMap<Uuid, String>,
)> {
    use crate::schema::{orgs, specialties};
    let specs: Vec<(Uuid, String, String)> = specialties::table
        .filter(specialties::id.eq_any(specialty_ids))
        .select((specialties::id, specialties::code, specialties::name))
        .load(conn)?;
    let orgs_: Vec<(Uuid, String)> = orgs::table
        .filter(orgs::id.eq_any(org_ids))
        .select((orgs::id, orgs::name))
        .load(conn)?;
    Ok((
        specs.into_iter().map(|(i, c, n)| (i, (c, n))).collect(),
        orgs_.into_iter().collect(),
    ))
}

/// The forms of the latest `limit` submissions (first submission and resubmissions), newest first.
pub fn submitted_forms(
    conn: &mut PgConnection,
    id: Uuid,
    limit: i64,
) -> QueryResult<Vec<serde_json::Value>> {
    use crate::schema::registration_versions as v;
    v::table
        .filter(v::registration_id.eq(id))
        .filter(v::change_kind.eq_any(["submit", "resubmit"]))
        .order(v::version.desc())
        .limit(limit)
        .select(v::form)
        .load(conn)
}
