//! Accounts: staff, candidates, API clients, login sessions, refresh tokens, verification codes, counters.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{
    api_clients, auth_sessions, candidates, rate_counters, refresh_tokens, staff_accounts,
    verification_codes,
};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = staff_accounts)]
pub struct StaffAccount {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub review_level: Option<String>,
    pub scope_org_id: Uuid,
    pub totp_secret_enc: Option<Vec<u8>>,
    pub totp_enabled: bool,
    pub totp_last_step: Option<i64>,
    pub can_reveal_pii: bool,
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// the institution of an `institution` user
    pub institution_code: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = staff_accounts)]
pub struct NewStaffAccount<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub review_level: Option<&'a str>,
    pub scope_org_id: Uuid,
    pub totp_secret_enc: Option<Vec<u8>>,
    pub totp_enabled: bool,
    pub can_reveal_pii: bool,
}

/// An institution portal user (role `institution`) of the institution `code`.
pub fn insert_institution_staff(
    conn: &mut PgConnection,
    new: &NewStaffAccount,
    code: &str,
) -> QueryResult<StaffAccount> {
    diesel::insert_into(staff_accounts::table)
        .values((new, staff_accounts::institution_code.eq(code)))
        .returning(StaffAccount::as_returning())
        .get_result(conn)
}

pub fn insert_staff(conn: &mut PgConnection, new: &NewStaffAccount) -> QueryResult<StaffAccount> {
    diesel::insert_into(staff_accounts::table)
        .values(new)
        .returning(StaffAccount::as_returning())
        .get_result(conn)
}

pub fn find_staff_by_username(
    conn: &mut PgConnection,
    username: &str,
) -> QueryResult<Option<StaffAccount>> {
    staff_accounts::table
        .filter(staff_accounts::username.eq(username))
        .select(StaffAccount::as_select())
        .first(conn)
        .optional()
}

pub fn find_staff(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<StaffAccount>> {
    staff_accounts::table
        .find(id)
        .select(StaffAccount::as_select())
        .first(conn)
        .optional()
}

/// Locks the row for the duration of the transaction (login attempts of one account are serialised).
pub fn lock_staff_by_username(
    conn: &mut PgConnection,
    username: &str,
) -> QueryResult<Option<StaffAccount>> {
    staff_accounts::table
        .filter(staff_accounts::username.eq(username))
        .select(StaffAccount::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Records a failed login; locks the account once `max_failures` consecutive failures are reached.
pub fn staff_login_failed(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
    max_failures: i32,
    lock_for: Duration,
) -> QueryResult<StaffAccount> {
    let current: i32 = staff_accounts::table
        .find(id)
        .select(staff_accounts::failed_logins)
        .first(conn)?;
    let failures = current + 1;
    let locked_until = (failures >= max_failures).then(|| now + lock_for);
    diesel::update(staff_accounts::table.find(id))
        .set((
            staff_accounts::failed_logins.eq(failures),
            staff_accounts::locked_until.eq(locked_until),
            staff_accounts::updated_at.eq(now),
        ))
        .returning(StaffAccount::as_returning())
        .get_result(conn)
}

pub fn staff_login_succeeded(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(staff_accounts::table.find(id))
        .set((
            staff_accounts::failed_logins.eq(0),
            staff_accounts::locked_until.eq(None::<DateTime<Utc>>),
            staff_accounts::last_login_at.eq(Some(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_staff_totp(
    conn: &mut PgConnection,
    id: Uuid,
    secret_enc: Option<Vec<u8>>,
    enabled: bool,
    last_step: Option<i64>,
) -> QueryResult<()> {
    diesel::update(staff_accounts::table.find(id))
        .set((
            staff_accounts::totp_secret_enc.eq(secret_enc),
            staff_accounts::totp_enabled.eq(enabled),
            staff_accounts::totp_last_step.eq(last_step),
            staff_accounts::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_staff_totp_step(conn: &mut PgConnection, id: Uuid, step: i64) -> QueryResult<()> {
    diesel::update(staff_accounts::table.find(id))
        .set(staff_accounts::totp_last_step.eq(Some(step)))
        .execute(conn)
        .map(|_| ())
}

// ---------------------------------------------------------------- candidates

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = candidates)]
pub struct Candidate {
    pub id: Uuid,
    pub id_type: String,
    pub id_number_bidx: Vec<u8>,
    pub id_number_enc: Vec<u8>,
    pub id_number_masked: String,
    pub name: String,
    pub sex: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub phone: String,
    pub email: Option<String>,
    pub phone_verified_at: Option<DateTime<Utc>>,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub password_hash: String,
    pub privacy_version: String,
    pub privacy_accepted_at: DateTime<Utc>,
    pub failed_logins: i32,
    pub throttled_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = candidates)]
pub struct NewCandidate<'a> {
    pub id_type: &'a str,
    pub id_number_bidx: Vec<u8>,
    pub id_number_enc: Vec<u8>,
    pub id_number_masked: &'a str,
    pub name: &'a str,
    pub sex: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub phone: &'a str,
    pub email: Option<&'a str>,
    pub phone_verified_at: Option<DateTime<Utc>>,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub password_hash: &'a str,
    pub privacy_version: &'a str,
    pub privacy_accepted_at: DateTime<Utc>,
}

pub fn insert_candidate(conn: &mut PgConnection, new: &NewCandidate) -> QueryResult<Candidate> {
    diesel::insert_into(candidates::table)
        .values(new)
        .returning(Candidate::as_returning())
        .get_result(conn)
}

pub fn find_candidate(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Candidate>> {
    candidates::table
        .find(id)
        .select(Candidate::as_select())
        .first(conn)
        .optional()
}

pub fn candidate_bidx_exists(conn: &mut PgConnection, bidx: &[u8]) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        candidates::table.filter(candidates::id_number_bidx.eq(bidx)),
    ))
    .get_result(conn)
}

pub fn candidate_phone_exists(conn: &mut PgConnection, phone: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        candidates::table.filter(candidates::phone.eq(phone)),
    ))
    .get_result(conn)
}

/// Finds and locks a candidate by blind index or phone (login accepts either).
pub fn lock_candidate_for_login(
    conn: &mut PgConnection,
    bidx: Option<&[u8]>,
    phone: Option<&str>,
) -> QueryResult<Option<Candidate>> {
    let base = candidates::table
        .select(Candidate::as_select())
        .for_update();
    match (bidx, phone) {
        (Some(b), _) => base
            .filter(candidates::id_number_bidx.eq(b))
            .first(conn)
            .optional(),
        (None, Some(p)) => base.filter(candidates::phone.eq(p)).first(conn).optional(),
        (None, None) => Ok(None),
    }
}

pub fn find_candidate_by_contact(
    conn: &mut PgConnection,
    target: &str,
) -> QueryResult<Option<Candidate>> {
    candidates::table
        .filter(
            candidates::phone
                .eq(target)
                .or(candidates::email.eq(target)),
        )
        .select(Candidate::as_select())
        .first(conn)
        .optional()
}

pub fn candidate_login_failed(
    conn: &mut PgConnection,
    id: Uuid,
    failures: i32,
    throttled_until: Option<DateTime<Utc>>,
) -> QueryResult<()> {
    diesel::update(candidates::table.find(id))
        .set((
            candidates::failed_logins.eq(failures),
            candidates::throttled_until.eq(throttled_until),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn candidate_reset_throttle(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(candidates::table.find(id))
        .set((
            candidates::failed_logins.eq(0),
            candidates::throttled_until.eq(None::<DateTime<Utc>>),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_candidate_password(
    conn: &mut PgConnection,
    id: Uuid,
    hash: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(candidates::table.find(id))
        .set((
            candidates::password_hash.eq(hash),
            candidates::failed_logins.eq(0),
            candidates::throttled_until.eq(None::<DateTime<Utc>>),
            candidates::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

// ---------------------------------------------------------------- API clients

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_clients)]
pub struct ApiClient {
    pub id: Uuid,
    pub client_id: String,
    pub name: String,
    pub secret_hash: String,
    pub scopes: Vec<String>,
    pub allowed_origins: Vec<String>,
    pub rate_limit_per_minute: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = api_clients)]
pub struct NewApiClient<'a> {
    pub client_id: &'a str,
    pub name: &'a str,
    pub secret_hash: &'a str,
    pub scopes: Vec<String>,
    pub allowed_origins: Vec<String>,
    pub rate_limit_per_minute: i32,
}

pub fn insert_api_client(conn: &mut PgConnection, new: &NewApiClient) -> QueryResult<ApiClient> {
    diesel::insert_into(api_clients::table)
        .values(new)
        .returning(ApiClient::as_returning())
        .get_result(conn)
}

pub fn find_api_client(conn: &mut PgConnection, client_id: &str) -> QueryResult<Option<ApiClient>> {
    api_clients::table
        .filter(api_clients::client_id.eq(client_id))
        .select(ApiClient::as_select())
        .first(conn)
        .optional()
}

pub fn find_api_client_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ApiClient>> {
    api_clients::table
        .find(id)
        .select(ApiClient::as_select())
        .first(conn)
        .optional()
}

pub fn list_api_clients(conn: &mut PgConnection) -> QueryResult<Vec<ApiClient>> {
    api_clients::table
        .order(api_clients::client_id)
        .select(ApiClient::as_select())
        .load(conn)
}

pub struct ApiClientChange<'a> {
    pub name: &'a str,
    pub scopes: &'a [String],
    pub allowed_origins: &'a [String],
    pub rate_limit_per_minute: i32,
    pub active: bool,
}

pub fn update_api_client(
    conn: &mut PgConnection,
    id: Uuid,
    c: &ApiClientChange,
) -> QueryResult<ApiClient> {
    diesel::update(api_clients::table.find(id))
        .set((
            api_clients::name.eq(c.name),
            api_clients::scopes.eq(c.scopes),
            api_clients::allowed_origins.eq(c.allowed_origins),
            api_clients::rate_limit_per_minute.eq(c.rate_limit_per_minute),
            api_clients::active.eq(c.active),
        ))
        .returning(ApiClient::as_returning())
        .get_result(conn)
}

pub fn set_api_client_secret(
    conn: &mut PgConnection,
    id: Uuid,
    secret_hash: &str,
) -> QueryResult<ApiClient> {
    diesel::update(api_clients::table.find(id))
        .set(api_clients::secret_hash.eq(secret_hash))
        .returning(ApiClient::as_returning())
        .get_result(conn)
}

/// Whether an active API client lists `origin` among its allowed browser origins.
pub fn origin_allowed(conn: &mut PgConnection, origin: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        api_clients::table
            .filter(api_clients::active.eq(true))
            .filter(api_clients::allowed_origins.contains(vec![origin.to_string()])),
    ))
    .get_result(conn)
}

pub fn touch_api_client(conn: &mut PgConnection, id: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(api_clients::table.find(id))
        .set(api_clients::last_used_at.eq(Some(now)))
        .execute(conn)
        .map(|_| ())
}

// ---------------------------------------------------------------- sessions and refresh tokens

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = auth_sessions)]
pub struct AuthSession {
    pub id: Uuid,
    pub subject_kind: String,
    pub subject_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoke_reason: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

pub fn create_session(
    conn: &mut PgConnection,
    subject_kind: &str,
    subject_id: Uuid,
    expires_at: DateTime<Utc>,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> QueryResult<AuthSession> {
    diesel::insert_into(auth_sessions::table)
        .values((
            auth_sessions::subject_kind.eq(subject_kind),
            auth_sessions::subject_id.eq(subject_id),
            auth_sessions::expires_at.eq(expires_at),
            auth_sessions::ip.eq(ip),
            auth_sessions::user_agent.eq(user_agent),
        ))
        .returning(AuthSession::as_returning())
        .get_result(conn)
}

pub fn find_session(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<AuthSession>> {
    auth_sessions::table
        .find(id)
        .select(AuthSession::as_select())
        .first(conn)
        .optional()
}

/// Revokes a session; returns false when it was already revoked.
pub fn revoke_session(
    conn: &mut PgConnection,
    id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(
        auth_sessions::table
            .find(id)
            .filter(auth_sessions::revoked_at.is_null()),
    )
    .set((
        auth_sessions::revoked_at.eq(Some(now)),
        auth_sessions::revoke_reason.eq(Some(reason)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Revokes every open session of a subject (password reset, account disabled).
pub fn revoke_subject_sessions(
    conn: &mut PgConnection,
    subject_kind: &str,
    subject_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(
        auth_sessions::table
            .filter(auth_sessions::subject_kind.eq(subject_kind))
            .filter(auth_sessions::subject_id.eq(subject_id))
            .filter(auth_sessions::revoked_at.is_null()),
    )
    .set((
        auth_sessions::revoked_at.eq(Some(now)),
        auth_sessions::revoke_reason.eq(Some(reason)),
    ))
    .execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshToken {
    pub id: Uuid,
    pub session_id: Uuid,
    pub token_hash: Vec<u8>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
}

pub fn insert_refresh_token(
    conn: &mut PgConnection,
    session_id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn lock_refresh_token(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> QueryResult<Option<RefreshToken>> {
    refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(RefreshToken::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn mark_refresh_rotated(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(refresh_tokens::table.find(id))
        .set(refresh_tokens::rotated_at.eq(Some(now)))
        .execute(conn)
        .map(|_| ())
}

// ---------------------------------------------------------------- verification codes

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = verification_codes)]
pub struct VerificationCode {
    pub id: Uuid,
    pub channel: String,
    pub target: String,
    pub purpose: String,
    pub code_hash: Vec<u8>,
    pub attempts: i32,
    pub expires_at: DateTime<Utc>,
    pub consumed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub fn insert_verification_code(
    conn: &mut PgConnection,
    channel: &str,
    target: &str,
    purpose: &str,
    code_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(verification_codes::table)
        .values((
            verification_codes::channel.eq(channel),
            verification_codes::target.eq(target),
            verification_codes::purpose.eq(purpose),
            verification_codes::code_hash.eq(code_hash),
            verification_codes::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The newest unconsumed code for a target and purpose, locked.
pub fn lock_latest_code(
    conn: &mut PgConnection,
    target: &str,
    purpose: &str,
) -> QueryResult<Option<VerificationCode>> {
    verification_codes::table
        .filter(verification_codes::target.eq(target))
        .filter(verification_codes::purpose.eq(purpose))
        .filter(verification_codes::consumed_at.is_null())
        .order(verification_codes::created_at.desc())
        .select(VerificationCode::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn latest_code_created_at(
    conn: &mut PgConnection,
    target: &str,
    purpose: &str,
) -> QueryResult<Option<DateTime<Utc>>> {
    verification_codes::table
        .filter(verification_codes::target.eq(target))
        .filter(verification_codes::purpose.eq(purpose))
        .order(verification_codes::created_at.desc())
        .select(verification_codes::created_at)
        .first(conn)
        .optional()
}

pub fn code_attempt_failed(conn: &mut PgConnection, id: Uuid) -> QueryResult<i32> {
    diesel::update(verification_codes::table.find(id))
        .set(verification_codes::attempts.eq(verification_codes::attempts + 1))
        .returning(verification_codes::attempts)
        .get_result(conn)
}

pub fn consume_code(conn: &mut PgConnection, id: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(verification_codes::table.find(id))
        .set(verification_codes::consumed_at.eq(Some(now)))
        .execute(conn)
        .map(|_| ())
}

// ---------------------------------------------------------------- rate counters

/// Increments the fixed-window counter `key` for the window starting at `window_start`; returns the new count.
pub fn hit_counter(
    conn: &mut PgConnection,
    key: &str,
    window_start: DateTime<Utc>,
) -> QueryResult<i32> {
    diesel::insert_into(rate_counters::table)
        .values((
            rate_counters::key.eq(key),
            rate_counters::window_start.eq(window_start),
            rate_counters::count.eq(1),
        ))
        .on_conflict((rate_counters::key, rate_counters::window_start))
        .do_update()
        .set(rate_counters::count.eq(rate_counters::count + 1))
        .returning(rate_counters::count)
        .get_result(conn)
}

/// Drops counters of windows that ended before `before`.
pub fn purge_counters(conn: &mut PgConnection, before: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(rate_counters::table.filter(rate_counters::window_start.lt(before)))
        .execute(conn)
}

pub fn candidate_email_exists(conn: &mut PgConnection, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        candidates::table.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(email) = lower(")
                .bind::<diesel::sql_types::Text, _>(email)
                .sql(")"),
        ),
    ))
    .get_result(conn)
}
