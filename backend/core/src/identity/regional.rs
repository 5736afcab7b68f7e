//! Formats of the non-mainland documents: Taiwan ID, Hong Kong ID, Macau ID
//! and passports. Inputs are already trimmed, half-width and upper-cased.

use super::IdNumberError;

/// Two-digit codes of the Taiwan ID's leading letter, indexed by `letter - 'A'`.
const TAIWAN_LETTER_CODES: [u32; 26] = [
    10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30,
    31, 33,
];
/// Weights of the Taiwan ID checksum over the 11 digits (letter code expanded to two digits).
const TAIWAN_WEIGHTS: [u32; 11] = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

/// Taiwan ID: a letter and 9 digits; second character 1/2 (or 8/9 for newer
/// numbers); weighted digit sum divisible by 10.
pub(super) fn check_taiwan_id(number: &str) -> Result<(), IdNumberError> {
    if number.chars().count() != 10 {
        return Err(IdNumberError::WrongLength);
    }
    let bytes = number.as_bytes();
    if bytes.len() != 10
        || !bytes[0].is_ascii_uppercase()
        || !bytes[1..].iter().all(u8::is_ascii_digit)
    {
        return Err(IdNumberError::InvalidCharacters);
    }
    if !matches!(bytes[1], b'1' | b'2' | b'8' | b'9') {
        return Err(IdNumberError::WrongPrefix);
    }
    let code = TAIWAN_LETTER_CODES[usize::from(bytes[0] - b'A')];
    let digits = [code / 10, code % 10]
        .into_iter()
        .chain(bytes[1..].iter().map(|b| u32::from(b - b'0')));
    let sum: u32 = digits.zip(TAIWAN_WEIGHTS).map(|(d, w)| d * w).sum();
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err(IdNumberError::ChecksumMismatch)
    }
}

/// Hong Kong ID without brackets: 1–2 letters, 6 digits and a check character
/// (`0`–`9` or `A`) by the official mod-11 scheme.
pub(super) fn check_hong_kong_id(number: &str) -> Result<(), IdNumberError> {
    let len = number.chars().count();
    if !(8..=9).contains(&len) {
        return Err(IdNumberError::WrongLength);
    }
    let bytes = number.as_bytes();
    let letters = len - 7;
    let well_formed = bytes.len() == len
        && bytes[..letters].iter().all(u8::is_ascii_uppercase)
        && bytes[letters..len - 1].iter().all(u8::is_ascii_digit)
        && (bytes[len - 1].is_ascii_digit() || bytes[len - 1] == b'A');
    if !well_formed {
        return Err(IdNumberError::InvalidCharacters);
    }
    if Some(bytes[len - 1]) == hong_kong_check_char(&bytes[..len - 1]) {
        Ok(())
    } else {
        Err(IdNumberError::ChecksumMismatch)
    }
}

/// Check character for a Hong Kong ID body (1–2 upper-case letters + 6 digits).
/// A single letter is padded with a leading space valued 36; letters are
/// A=10..Z=35; weights 9..2; check = 11 - sum mod 11 (10 → `A`, 11 → `0`).
fn hong_kong_check_char(body: &[u8]) -> Option<u8> {
    let padding = match body.len() {
        7 => Some(36),
        8 => None,
        _ => return None,
    };
    let values = padding.into_iter().chain(body.iter().map(|&b| {
        if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        }
    }));
    let sum: u32 = values.zip((2..=9).rev()).map(|(v, w)| v * w).sum();
    match 11 - sum % 11 {
        10 => Some(b'A'),
        11 => Some(b'0'),
        // `check` is 1..=9 here, so the narrowing is lossless.
        check => u8::try_from(check).ok().map(|c| b'0' + c),
    }
}

/// Macau ID: exactly 8 digits, the first being 1, 5 or 7.
pub(super) fn check_macau_id(number: &str) -> Result<(), IdNumberError> {
    if number.chars().count() != 8 {
        return Err(IdNumberError::WrongLength);
    }
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdNumberError::InvalidCharacters);
    }
    if matches!(number.as_bytes()[0], b'1' | b'5' | b'7') {
        Ok(())
    } else {
        Err(IdNumberError::WrongPrefix)
    }
}

/// Passport: 6–20 ASCII letters and digits.
pub(super) fn check_passport(number: &str) -> Result<(), IdNumberError> {
    if !(6..=20).contains(&number.chars().count()) {
        return Err(IdNumberError::WrongLength);
    }
    if number.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(IdNumberError::InvalidCharacters)
    }
}

#[cfg(test)]
mod tests {
    use crate::identity::{validate_id_number, IdNumberError, IdType};
    use chrono::NaiveDate;

    fn check(t: IdType, raw: &str) -> Result<String, IdNumberError> {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        validate_id_number(t, raw, today).map(|v| {
            assert_eq!((v.sex, v.birth_date), (None, None));
            v.normalized
        })
    }

    #[test]
    fn taiwan_id_valid() {
        for ok in [
            "A123456789",
            "A223456781",
            "A800000014",
            "I123456781",
            "Z999999996",
            "B923456786",
        ] {
            assert_eq!(check(IdType::TaiwanId, ok).as_deref(), Ok(ok));
        }
        assert_eq!(
            check(IdType::TaiwanId, " a123456789 ").as_deref(),
            Ok("A123456789")
        );
    }

    #[test]
    fn taiwan_id_invalid() {
        let t = IdType::TaiwanId;
        assert_eq!(check(t, "A123456788"), Err(IdNumberError::ChecksumMismatch));
        assert_eq!(check(t, "B123456789"), Err(IdNumberError::ChecksumMismatch));
        assert_eq!(check(t, "A323456789"), Err(IdNumberError::WrongPrefix));
        assert_eq!(check(t, "A023456789"), Err(IdNumberError::WrongPrefix));
        assert_eq!(
            check(t, "1123456789"),
            Err(IdNumberError::InvalidCharacters)
        );
        assert_eq!(
            check(t, "AB23456789"),
            Err(IdNumberError::InvalidCharacters)
        );
        assert_eq!(check(t, "A12345678"), Err(IdNumberError::WrongLength));
        assert_eq!(check(t, "A1234567890"), Err(IdNumberError::WrongLength));
    }

    #[test]
    fn hong_kong_id_valid() {
        for ok in [
            "A1234563",
            "G123456A",
            "A1234520",
            "AB9876543",
            "XA0000016",
            "C6686689",
        ] {
            assert_eq!(check(IdType::HongKongId, ok).as_deref(), Ok(ok));
        }
        assert_eq!(
            check(IdType::HongKongId, "g123456a").as_deref(),
            Ok("G123456A")
        );
    }

    #[test]
    fn hong_kong_id_invalid() {
        let t = IdType::HongKongId;
        assert_eq!(check(t, "A1234564"), Err(IdNumberError::ChecksumMismatch));
        assert_eq!(check(t, "B1234563"), Err(IdNumberError::ChecksumMismatch));
        assert_eq!(check(t, "AB9876540"), Err(IdNumberError::ChecksumMismatch));
        assert_eq!(check(t, "A123456(3)"), Err(IdNumberError::WrongLength));
        assert_eq!(check(t, "A123456"), Err(IdNumberError::WrongLength));
        assert_eq!(check(t, "ABC1234563"), Err(IdNumberError::WrongLength));
        assert_eq!(check(t, "11234563"), Err(IdNumberError::InvalidCharacters));
        assert_eq!(check(t, "A123456B"), Err(IdNumberError::InvalidCharacters));
        assert_eq!(check(t, "A12345X3"), Err(IdNumberError::InvalidCharacters));
    }

    #[test]
    fn macau_id() {
        let t = IdType::MacauId;
        for ok in ["12345678", "51234567", "71234567"] {
            assert_eq!(check(t, ok).as_deref(), Ok(ok));
        }
        assert_eq!(check(t, "21234567"), Err(IdNumberError::WrongPrefix));
        assert_eq!(check(t, "1234567"), Err(IdNumberError::WrongLength));
        assert_eq!(check(t, "123456789"), Err(IdNumberError::WrongLength));
        assert_eq!(check(t, "1234567A"), Err(IdNumberError::InvalidCharacters));
    }

    #[test]
    fn passport() {
        let t = IdType::Passport;
        assert_eq!(check(t, " e12345678 ").as_deref(), Ok("E12345678"));
        assert_eq!(check(t, "AB1234").as_deref(), Ok("AB1234"));
        assert_eq!(
            check(t, "A1234567890123456789").as_deref(),
            Ok("A1234567890123456789")
        );
        assert_eq!(check(t, "AB123"), Err(IdNumberError::WrongLength));
        assert_eq!(
            check(t, "A12345678901234567890"),
            Err(IdNumberError::WrongLength)
        );
        assert_eq!(check(t, "E 1234567"), Err(IdNumberError::InvalidCharacters));
        assert_eq!(check(t, "E1234-567"), Err(IdNumberError::InvalidCharacters));
        assert_eq!(check(t, "É1234567"), Err(IdNumberError::InvalidCharacters));
    }
}
