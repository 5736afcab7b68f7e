//! Identity rules for candidates: ID document numbers (domain.md §10),
//! contact fields, personal names and the masking used in logs and lists.
//!
//! Everything here is pure: no I/O, no clock (callers pass `today`).

mod fields;
mod id_number;
mod mask;
mod regional;

use serde::{Deserialize, Serialize};

pub use fields::{validate_email, validate_mobile, validate_password, validate_person_name};
pub use id_number::{gb11643_check_char, normalize_id_input, validate_id_number};
pub use mask::{mask_email, mask_id_number, mask_phone};

/// The kinds of identity documents a candidate may register with.
///
/// The serde representation and [`IdType::as_str`] are the same stable
/// snake_case strings (e.g. `"resident_id"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// Mainland resident identity card (居民身份证, GB 11643-1999, 18 characters).
    ResidentId,
    /// Residence permit for Hong Kong and Macau residents (港澳居民居住证, prefix 810000 / 820000).
    HkMacauResidencePermit,
    /// Residence permit for Taiwan residents (台湾居民居住证, prefix 830000).
    TaiwanResidencePermit,
    /// Foreigners' permanent residence ID card, 2023 version (外国人永久居留身份证, starts with 9).
    ForeignPermanentResident,
    /// Taiwan identity card (a letter and 9 digits).
    TaiwanId,
    /// Hong Kong identity card (1–2 letters, 6 digits, check character; no brackets).
    HongKongId,
    /// Macau identity card (8 digits).
    MacauId,
    /// Passport (6–20 letters and digits).
    Passport,
}

const ALL_ID_TYPES: [IdType; 8] = [
    IdType::ResidentId,
    IdType::HkMacauResidencePermit,
    IdType::TaiwanResidencePermit,
    IdType::ForeignPermanentResident,
    IdType::TaiwanId,
    IdType::HongKongId,
    IdType::MacauId,
    IdType::Passport,
];

impl IdType {
    /// Stable snake_case identifier, identical to the serde representation.
    pub fn as_str(&self) -> &'static str {
        match self {
            IdType::ResidentId => "resident_id",
            IdType::HkMacauResidencePermit => "hk_macau_residence_permit",
            IdType::TaiwanResidencePermit => "taiwan_residence_permit",
            IdType::ForeignPermanentResident => "foreign_permanent_resident",
            IdType::TaiwanId => "taiwan_id",
            IdType::HongKongId => "hong_kong_id",
            IdType::MacauId => "macau_id",
            IdType::Passport => "passport",
        }
    }

    /// Parses the exact string produced by [`IdType::as_str`]; anything else is `None`.
    pub fn parse(s: &str) -> Option<IdType> {
        ALL_ID_TYPES.iter().copied().find(|t| t.as_str() == s)
    }

    /// Every ID type, in display order (resident ID first).
    pub fn all() -> &'static [IdType] {
        &ALL_ID_TYPES
    }

    /// Whether sex and birth date are derived from the number (the 18-character
    /// GB 11643 family); for the other types they are entered by hand.
    pub fn derives_sex_and_birth(&self) -> bool {
        matches!(
            self,
            IdType::ResidentId
                | IdType::HkMacauResidencePermit
                | IdType::TaiwanResidencePermit
                | IdType::ForeignPermanentResident
        )
    }
}

/// Sex as recorded on (or derived from) an identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Male (odd 17th character in the GB 11643 family).
    Male,
    /// Female (even 17th character in the GB 11643 family).
    Female,
}

/// A validated, normalised ID number with the data derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidId {
    /// The document type the number was validated against.
    pub id_type: IdType,
    /// Trimmed, half-width, upper-case number (e.g. lowercase `x` stored as `X`).
    pub normalized: String,
    /// Sex derived from the number; `None` when the type does not encode it.
    pub sex: Option<Sex>,
    /// Birth date derived from the number; `None` when the type does not encode it.
    pub birth_date: Option<chrono::NaiveDate>,
}

/// Why an ID number was rejected. [`IdNumberError::code`] gives the stable API code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    /// Nothing but whitespace was entered.
    #[error("the ID number is empty")]
    Empty,
    /// The number has the wrong length for its type.
    #[error("the ID number has the wrong length for its type")]
    WrongLength,
    /// The number contains characters not allowed at their position.
    #[error("the ID number contains invalid characters")]
    InvalidCharacters,
    /// The embedded birth date does not exist or is before 1850-01-01.
    #[error("the birth date in the ID number is invalid")]
    InvalidBirthDate,
    /// The embedded birth date is after `today`.
    #[error("the birth date in the ID number is in the future")]
    BirthDateInFuture,
    /// The check character does not match the rest of the number.
    #[error("the ID number check character does not match")]
    ChecksumMismatch,
    /// The number does not start with a prefix allowed for its type.
    #[error("the ID number prefix does not match the selected ID type")]
    WrongPrefix,
    /// An old 15-digit resident ID number was entered.
    #[error("15-digit resident ID numbers are not accepted; enter the 18-character number")]
    FifteenDigitNotAccepted,
}

impl IdNumberError {
    /// Stable snake_case error code returned by the API.
    pub fn code(&self) -> &'static str {
        match self {
            IdNumberError::Empty => "id_number_empty",
            IdNumberError::WrongLength => "id_number_wrong_length",
            IdNumberError::InvalidCharacters => "id_number_invalid_characters",
            IdNumberError::InvalidBirthDate => "id_number_birth_date_invalid",
            IdNumberError::BirthDateInFuture => "id_number_birth_date_future",
            IdNumberError::ChecksumMismatch => "id_number_checksum",
            IdNumberError::WrongPrefix => "id_number_prefix",
            IdNumberError::FifteenDigitNotAccepted => "id_number_15_digit",
        }
    }
}

/// A field-level validation failure carrying a stable snake_case code
/// (e.g. `"phone_invalid"`) that the API returns to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{code}")]
pub struct FieldError {
    /// Stable machine-readable error code.
    pub code: &'static str,
}

impl FieldError {
    /// Builds a field error from its stable code.
    pub(crate) const fn new(code: &'static str) -> Self {
        FieldError { code }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::Error as DeError, IntoDeserializer};

    #[test]
    fn id_type_strings_round_trip() {
        assert_eq!(IdType::all().len(), 8);
        for &t in IdType::all() {
            assert_eq!(IdType::parse(t.as_str()), Some(t));
        }
        assert_eq!(IdType::parse("Resident_Id"), None);
        assert_eq!(IdType::parse(""), None);
        assert_eq!(IdType::all()[0], IdType::ResidentId);
    }

    #[test]
    fn id_type_serde_name_matches_as_str() {
        for &t in IdType::all() {
            let de: serde::de::value::StrDeserializer<'_, DeError> = t.as_str().into_deserializer();
            assert_eq!(IdType::deserialize(de).unwrap(), t);
        }
        let de: serde::de::value::StrDeserializer<'_, DeError> = "female".into_deserializer();
        assert_eq!(Sex::deserialize(de).unwrap(), Sex::Female);
    }

    #[test]
    fn derivation_only_for_gb11643_family() {
        let derived: Vec<IdType> = IdType::all()
            .iter()
            .copied()
            .filter(IdType::derives_sex_and_birth)
            .collect();
        assert_eq!(
            derived,
            [
                IdType::ResidentId,
                IdType::HkMacauResidencePermit,
                IdType::TaiwanResidencePermit,
                IdType::ForeignPermanentResident
            ]
        );
    }

    #[test]
    fn field_error_displays_code() {
        assert_eq!(
            FieldError::new("phone_invalid").to_string(),
            "phone_invalid"
        );
    }

    #[test]
    fn error_codes_are_stable() {
        let codes: Vec<&str> = [
            IdNumberError::Empty,
            IdNumberError::WrongLength,
            IdNumberError::InvalidCharacters,
            IdNumberError::InvalidBirthDate,
            IdNumberError::BirthDateInFuture,
            IdNumberError::ChecksumMismatch,
            IdNumberError::WrongPrefix,
            IdNumberError::FifteenDigitNotAccepted,
        ]
        .iter()
        .map(IdNumberError::code)
        .collect();
        assert_eq!(
            codes,
            [
                "id_number_empty",
                "id_number_wrong_length",
                "id_number_invalid_characters",
                "id_number_birth_date_invalid",
                "id_number_birth_date_future",
                "id_number_checksum",
                "id_number_prefix",
                "id_number_15_digit"
            ]
        );
        assert!(!IdNumberError::ChecksumMismatch.to_string().is_empty());
    }
}
