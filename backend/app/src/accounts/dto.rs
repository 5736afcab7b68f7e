//! Request and response bodies of the accounts endpoints.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(&self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CodePurpose {
    Signup,
    PasswordReset,
    Unlock,
}

impl CodePurpose {
    pub fn as_str(&self) -> &'static str {
        match self {
            CodePurpose::Signup => "signup",
            CodePurpose::PasswordReset => "password_reset",
            CodePurpose::Unlock => "unlock",
        }
    }
}

/// Ask for a one-time verification code by SMS or e-mail.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    pub channel: Channel,
    /// mobile number (sms) or e-mail address (email)
    #[schema(max_length = 254)]
    pub target: String,
    pub purpose: CodePurpose,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CodeSent {
    /// always true; for reset/unlock the code is only sent when an account has this contact
    pub accepted: bool,
    pub expires_in_secs: i64,
    pub resend_after_secs: i64,
}

/// Candidate sign-up.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    /// `resident_id`, `hk_macau_residence_permit`, `taiwan_residence_permit`, `foreign_permanent_resident`,
    /// `taiwan_id`, `hong_kong_id`, `macau_id` or `passport`
    #[schema(max_length = 64)]
    pub id_type: String,
    #[schema(max_length = 64)]
    pub id_number: String,
    #[schema(max_length = 64)]
    pub name: String,
    /// mainland mobile number
    #[schema(max_length = 32)]
    pub phone: String,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    /// 8–20 characters with letters and digits
    #[schema(max_length = 128)]
    pub password: String,
    /// which contact the code was sent to
    pub verification_channel: Channel,
    #[schema(max_length = 16)]
    pub verification_code: String,
    /// version of the privacy notice the candidate accepted; must be the current one
    #[schema(max_length = 32)]
    pub privacy_version: String,
    /// only for ID types that do not encode it: `male` or `female`
    pub sex: Option<String>,
    /// only for ID types that do not encode it
    pub birth_date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// `Bearer`
    pub token_type: String,
    pub expires_in: i64,
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateProfile {
    pub id: uuid::Uuid,
    pub name: String,
    pub id_type: String,
    /// masked, e.g. `110105********002X`
    pub id_number_masked: String,
    pub sex: Option<String>,
    pub birth_date: Option<chrono::NaiveDate>,
    /// masked, e.g. `138****5678`
    pub phone_masked: String,
    pub email_masked: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignupResponse {
    pub candidate: CandidateProfile,
    pub tokens: TokenPair,
}

/// Candidate login by ID number or mobile number.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateLoginRequest {
    /// ID number or mobile number
    #[schema(max_length = 64)]
    pub login: String,
    #[schema(max_length = 128)]
    pub password: String,
}

/// Reset a forgotten password with a code sent to the account's phone or e-mail.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[schema(max_length = 254)]
    pub target: String,
    #[schema(max_length = 16)]
    pub code: String,
    #[schema(max_length = 128)]
    pub new_password: String,
}

/// Lift login delays with a code sent to the account's phone or e-mail.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnlockRequest {
    #[schema(max_length = 254)]
    pub target: String,
    #[schema(max_length = 16)]
    pub code: String,
}

/// Staff login: password, then the TOTP code once enrolled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffLoginRequest {
    #[schema(max_length = 64)]
    pub username: String,
    #[schema(max_length = 128)]
    pub password: String,
    /// 6-digit code from the authenticator app (required once enrolled)
    #[schema(max_length = 16)]
    pub totp_code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TotpEnrolment {
    /// short-lived token proving the password step; send it back with the first code
    pub enrolment_token: String,
    /// base32 secret for manual entry
    pub secret: String,
    /// `otpauth://` URI to render as a QR code
    pub otpauth_uri: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffLoginResponse {
    /// `authenticated` or `totp_enrolment_required`
    pub status: String,
    pub tokens: Option<TokenPair>,
    pub enrolment: Option<TotpEnrolment>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpEnrolRequest {
    #[schema(max_length = 2048)]
    pub enrolment_token: String,
    #[schema(max_length = 16)]
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[schema(max_length = 512)]
    pub refresh_token: String,
}

/// OAuth2-style client-credentials grant for third-party systems.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientTokenRequest {
    /// `client_credentials`
    #[schema(max_length = 32)]
    pub grant_type: String,
    #[schema(max_length = 128)]
    pub client_id: String,
    #[schema(max_length = 256)]
    pub client_secret: String,
    /// space-separated subset of the client's scopes (default: all)
    #[schema(max_length = 1024)]
    pub scope: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientToken {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    /// granted scopes, space-separated
    pub scope: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffProfile {
    pub id: uuid::Uuid,
    pub username: String,
    pub display_name: String,
    /// `reviewer`, `region_admin`, `system_admin`, `auditor`, `institution`
    pub role: String,
    /// `point`, `site` or `region` for reviewers
    pub review_level: Option<String>,
    pub scope_org_id: uuid::Uuid,
    pub scope_org_name: String,
    pub can_reveal_pii: bool,
    pub totp_enabled: bool,
    /// the institution of an institution portal user (role `institution`)
    pub institution_code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientProfile {
    pub client_id: String,
    pub name: String,
    pub scopes: Vec<String>,
}

/// Who the bearer token belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// `candidate`, `staff` or `client`
    pub kind: String,
    pub candidate: Option<CandidateProfile>,
    pub staff: Option<StaffProfile>,
    pub client: Option<ClientProfile>,
}
