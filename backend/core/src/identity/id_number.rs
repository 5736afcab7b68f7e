//! ID number validation: the GB 11643-1999 family (resident ID, residence
//! permits, foreigners' permanent residence ID) plus dispatch to the
//! regional formats in [`super::regional`].

use super::{regional, IdNumberError, IdType, Sex, ValidId};
use chrono::NaiveDate;

/// ISO 7064 MOD 11-2 weights of GB 11643-1999 for the first 17 positions.
const GB11643_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character indexed by the weighted sum modulo 11.
const GB11643_CHECK: &[u8; 11] = b"10X98765432";
/// Prefixes reserved for the residence permits (not resident IDs).
const PERMIT_PREFIXES: [&str; 3] = ["810000", "820000", "830000"];

/// Computes the GB 11643-1999 check character (`0`–`9` or `X`) for the first
/// 17 characters of an 18-character number; `None` unless given exactly 17 ASCII digits.
pub fn gb11643_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(GB11643_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(char::from(GB11643_CHECK[(sum % 11) as usize]))
}

/// Validates an ID number of the given type and returns its normalised form.
///
/// Surrounding whitespace is trimmed, full-width ASCII (e.g. `１２３`) is folded
/// to half-width and letters are upper-cased. For the GB 11643 family the birth
/// date (1850-01-01 ..= `today`) and sex are derived; other types yield `None`.
pub fn validate_id_number(
    id_type: IdType,
    raw: &str,
    today: NaiveDate,
) -> Result<ValidId, IdNumberError> {
    let normalized = normalize_id_input(raw);
    if normalized.is_empty() {
        return Err(IdNumberError::Empty);
    }
    let (sex, birth_date) = match id_type {
        IdType::ResidentId
        | IdType::HkMacauResidencePermit
        | IdType::TaiwanResidencePermit
        | IdType::ForeignPermanentResident => {
            let (sex, birth) = check_gb11643_family(id_type, &normalized, today)?;
            (Some(sex), Some(birth))
        }
        IdType::TaiwanId => regional::check_taiwan_id(&normalized).map(|()| (None, None))?,
        IdType::HongKongId => regional::check_hong_kong_id(&normalized).map(|()| (None, None))?,
        IdType::MacauId => regional::check_macau_id(&normalized).map(|()| (None, None))?,
        IdType::Passport => regional::check_passport(&normalized).map(|()| (None, None))?,
    };
    Ok(ValidId {
        id_type,
        normalized,
        sex,
        birth_date,
    })
}

/// Trims, folds full-width ASCII forms (U+FF01–U+FF5E) to ASCII and upper-cases ASCII letters.
pub fn normalize_id_input(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match u32::from(c) {
            cp @ 0xFF01..=0xFF5E => char::from_u32(cp - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks an 18-character GB 11643 number and returns (sex, birth date).
fn check_gb11643_family(
    id_type: IdType,
    number: &str,
    today: NaiveDate,
) -> Result<(Sex, NaiveDate), IdNumberError> {
    let len = number.chars().count();
    if id_type == IdType::ResidentId && len == 15 && number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdNumberError::FifteenDigitNotAccepted);
    }
    if len != 18 {
        return Err(IdNumberError::WrongLength);
    }
    let bytes = number.as_bytes();
    let well_formed = bytes.len() == 18
        && bytes[..17].iter().all(u8::is_ascii_digit)
        && (bytes[17].is_ascii_digit() || bytes[17] == b'X');
    if !well_formed {
        return Err(IdNumberError::InvalidCharacters);
    }
    if !prefix_matches(id_type, number) {
        return Err(IdNumberError::WrongPrefix);
    }
    let birth = embedded_birth_date(&number[6..14])?;
    if birth > today {
        return Err(IdNumberError::BirthDateInFuture);
    }
    if gb11643_check_char(&number[..17]) != Some(char::from(bytes[17])) {
        return Err(IdNumberError::ChecksumMismatch);
    }
    let sex = if (bytes[16] - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok((sex, birth))
}

/// Whether the number's prefix fits the type. Resident IDs may not use the
/// residence-permit prefixes or the leading 9 of permanent residence IDs
/// (a hint that the wrong type was picked); area codes are not otherwise checked.
fn prefix_matches(id_type: IdType, number: &str) -> bool {
    match id_type {
        IdType::ResidentId => {
            !number.starts_with('9') && !PERMIT_PREFIXES.iter().any(|p| number.starts_with(p))
        }
        IdType::HkMacauResidencePermit => {
            number.starts_with(PERMIT_PREFIXES[0]) || number.starts_with(PERMIT_PREFIXES[1])
        }
        IdType::TaiwanResidencePermit => number.starts_with(PERMIT_PREFIXES[2]),
        IdType::ForeignPermanentResident => number.starts_with('9'),
        _ => false,
    }
}

/// Parses an embedded `YYYYMMDD` birth date (8 ASCII digits) no earlier than 1850-01-01.
fn embedded_birth_date(yyyymmdd: &str) -> Result<NaiveDate, IdNumberError> {
    let year: i32 = yyyymmdd[..4]
        .parse()
        .map_err(|_| IdNumberError::InvalidBirthDate)?;
    let month: u32 = yyyymmdd[4..6]
        .parse()
        .map_err(|_| IdNumberError::InvalidBirthDate)?;
    let day: u32 = yyyymmdd[6..]
        .parse()
        .map_err(|_| IdNumberError::InvalidBirthDate)?;
    let earliest = NaiveDate::from_ymd_opt(1850, 1, 1).ok_or(IdNumberError::InvalidBirthDate)?;
    NaiveDate::from_ymd_opt(year, month, day)
        .filter(|d| *d >= earliest)
        .ok_or(IdNumberError::InvalidBirthDate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Appends the correct check character to 17 digits.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", gb11643_check_char(first17).unwrap())
    }

    fn err(t: IdType, raw: &str) -> IdNumberError {
        validate_id_number(t, raw, today()).unwrap_err()
    }

    #[test]
    fn check_char_matches_known_vectors() {
        assert_eq!(gb11643_check_char("11010519491231002"), Some('X'));
        assert_eq!(gb11643_check_char("44052418800101001"), Some('4'));
        assert_eq!(gb11643_check_char("11010119900307447"), Some('7'));
        assert_eq!(gb11643_check_char("1101011990030744"), None);
        assert_eq!(gb11643_check_char("1101011990030744A"), None);
    }

    #[test]
    fn resident_id_valid_vectors() {
        let v = validate_id_number(IdType::ResidentId, "11010519491231002X", today()).unwrap();
        assert_eq!(v.normalized, "11010519491231002X");
        assert_eq!(v.sex, Some(Sex::Female));
        assert_eq!(v.birth_date, Some(date(1949, 12, 31)));
        let v = validate_id_number(IdType::ResidentId, "440524188001010014", today()).unwrap();
        assert_eq!(v.sex, Some(Sex::Male));
        assert_eq!(v.birth_date, Some(date(1880, 1, 1)));
        let v = validate_id_number(IdType::ResidentId, "110105200002290013", today()).unwrap();
        assert_eq!(v.birth_date, Some(date(2000, 2, 29)));
        assert_eq!(v.sex, Some(Sex::Male));
    }

    #[test]
    fn resident_id_normalises_lowercase_x_whitespace_and_full_width() {
        let v = validate_id_number(IdType::ResidentId, "  11010519491231002x\t", today()).unwrap();
        assert_eq!(v.normalized, "11010519491231002X");
        let v = validate_id_number(
            IdType::ResidentId,
            "\u{3000}１１０１０５１９４９１２３１００２ｘ",
            today(),
        )
        .unwrap();
        assert_eq!(v.normalized, "11010519491231002X");
    }

    #[test]
    fn resident_id_errors() {
        let t = IdType::ResidentId;
        assert_eq!(
            err(t, "11010119900307447X"),
            IdNumberError::ChecksumMismatch
        );
        assert_eq!(err(t, ""), IdNumberError::Empty);
        assert_eq!(err(t, "   \t"), IdNumberError::Empty);
        assert_eq!(
            err(t, "110105491231002"),
            IdNumberError::FifteenDigitNotAccepted
        );
        assert_eq!(err(t, "11010549123100X"), IdNumberError::WrongLength);
        assert_eq!(err(t, "11010519491231002"), IdNumberError::WrongLength);
        assert_eq!(err(t, "11010519491231002XX"), IdNumberError::WrongLength);
        assert_eq!(
            err(t, "1101051949123100X2"),
            IdNumberError::InvalidCharacters
        );
        assert_eq!(
            err(t, "11010519491231002Y"),
            IdNumberError::InvalidCharacters
        );
        assert_eq!(
            err(t, "11010519491231002中"),
            IdNumberError::InvalidCharacters
        );
        assert_eq!(
            err(t, "110105-9491231002X"),
            IdNumberError::InvalidCharacters
        );
    }

    #[test]
    fn resident_id_birth_date_rules() {
        let t = IdType::ResidentId;
        let feb30 = with_check("11010519900230001");
        assert_eq!(err(t, &feb30), IdNumberError::InvalidBirthDate);
        let feb29_1900 = with_check("11010519000229001");
        assert_eq!(err(t, &feb29_1900), IdNumberError::InvalidBirthDate);
        let month13 = with_check("11010519901301001");
        assert_eq!(err(t, &month13), IdNumberError::InvalidBirthDate);
        let too_old = with_check("11010518491231001");
        assert_eq!(err(t, &too_old), IdNumberError::InvalidBirthDate);
        let earliest = with_check("11010518500101001");
        assert!(validate_id_number(t, &earliest, today()).is_ok());
        let future = with_check("11010520250602001");
        assert_eq!(err(t, &future), IdNumberError::BirthDateInFuture);
        let born_today = with_check("11010520250601001");
        assert!(validate_id_number(t, &born_today, today()).is_ok());
    }

    #[test]
    fn resident_id_rejects_permit_and_foreign_prefixes() {
        let t = IdType::ResidentId;
        assert_eq!(err(t, "810000199001011230"), IdNumberError::WrongPrefix);
        assert_eq!(err(t, "830000198512314566"), IdNumberError::WrongPrefix);
        assert_eq!(err(t, "911840198506150011"), IdNumberError::WrongPrefix);
    }

    #[test]
    fn hk_macau_residence_permit() {
        let t = IdType::HkMacauResidencePermit;
        let v = validate_id_number(t, "810000199001011230", today()).unwrap();
        assert_eq!(
            (v.sex, v.birth_date),
            (Some(Sex::Male), Some(date(1990, 1, 1)))
        );
        let v = validate_id_number(t, "820000200002292342", today()).unwrap();
        assert_eq!(
            (v.sex, v.birth_date),
            (Some(Sex::Female), Some(date(2000, 2, 29)))
        );
        let female = with_check("81000019900101124");
        assert_eq!(
            validate_id_number(t, &female, today()).unwrap().sex,
            Some(Sex::Female)
        );
        assert_eq!(err(t, "830000198512314566"), IdNumberError::WrongPrefix);
        assert_eq!(err(t, "11010519491231002X"), IdNumberError::WrongPrefix);
        assert_eq!(
            err(t, "810000199001011231"),
            IdNumberError::ChecksumMismatch
        );
        assert_eq!(err(t, "81000019900101123"), IdNumberError::WrongLength);
        assert_eq!(err(t, "810000199001011"), IdNumberError::WrongLength);
        assert_eq!(
            err(t, &with_check("81000020300101123")),
            IdNumberError::BirthDateInFuture
        );
    }

    #[test]
    fn taiwan_residence_permit() {
        let t = IdType::TaiwanResidencePermit;
        let v = validate_id_number(t, "830000198512314566", today()).unwrap();
        assert_eq!(
            (v.sex, v.birth_date),
            (Some(Sex::Female), Some(date(1985, 12, 31)))
        );
        assert_eq!(err(t, "810000199001011230"), IdNumberError::WrongPrefix);
        assert_eq!(
            err(t, "830000198512314567"),
            IdNumberError::ChecksumMismatch
        );
        assert_eq!(
            err(t, &with_check("83000019850231456")),
            IdNumberError::InvalidBirthDate
        );
    }

    #[test]
    fn foreign_permanent_resident() {
        let t = IdType::ForeignPermanentResident;
        let v = validate_id_number(t, "911840198506150011", today()).unwrap();
        assert_eq!(
            (v.sex, v.birth_date),
            (Some(Sex::Male), Some(date(1985, 6, 15)))
        );
        assert_eq!(err(t, "11010519491231002X"), IdNumberError::WrongPrefix);
        assert_eq!(
            err(t, "911840198506150012"),
            IdNumberError::ChecksumMismatch
        );
        assert_eq!(err(t, "9118401985061500"), IdNumberError::WrongLength);
        assert_eq!(
            err(t, "9118401985061500AB"),
            IdNumberError::InvalidCharacters
        );
        assert_eq!(
            err(t, &with_check("91184020991231001")),
            IdNumberError::BirthDateInFuture
        );
    }

    #[test]
    fn fifteen_digit_error_only_for_resident_id() {
        let raw = "110105491231002";
        assert_eq!(
            err(IdType::ResidentId, raw),
            IdNumberError::FifteenDigitNotAccepted
        );
        assert_eq!(
            err(IdType::HkMacauResidencePermit, raw),
            IdNumberError::WrongLength
        );
    }

    #[test]
    fn empty_for_every_type() {
        for &t in IdType::all() {
            assert_eq!(err(t, " "), IdNumberError::Empty, "{t:?}");
        }
    }
}
