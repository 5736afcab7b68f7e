//! Contact and account fields: mobile phone, password, person name, e-mail.

use super::FieldError;

const PHONE_INVALID: FieldError = FieldError::new("phone_invalid");
const PASSWORD_LENGTH: FieldError = FieldError::new("password_length");
const PASSWORD_COMPOSITION: FieldError = FieldError::new("password_needs_letter_and_digit");
const PASSWORD_CHARACTERS: FieldError = FieldError::new("password_invalid_characters");
const NAME_LENGTH: FieldError = FieldError::new("name_length");
const NAME_CHARACTERS: FieldError = FieldError::new("name_invalid_characters");
const NAME_SEPARATOR: FieldError = FieldError::new("name_separator");
const EMAIL_INVALID: FieldError = FieldError::new("email_invalid");

/// The canonical minority-name separator "·" (U+00B7 MIDDLE DOT).
const NAME_SEPARATOR_CHAR: char = '\u{00B7}';

/// Validates a mainland mobile number, `^1[3-9]\d{9}$` (ASCII digits only, no
/// trimming or country code) → `phone_invalid`.
pub fn validate_mobile(phone: &str) -> Result<(), FieldError> {
    let b = phone.as_bytes();
    let ok = b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit);
    if ok {
        Ok(())
    } else {
        Err(PHONE_INVALID)
    }
}

/// Validates a new password: printable ASCII only (U+0020–U+007E) →
/// `password_invalid_characters`; 8–20 characters → `password_length`; at
/// least one ASCII letter and one digit → `password_needs_letter_and_digit`.
pub fn validate_password(pw: &str) -> Result<(), FieldError> {
    if !pw.bytes().all(|b| (0x20..=0x7E).contains(&b)) {
        return Err(PASSWORD_CHARACTERS);
    }
    if !(8..=20).contains(&pw.len()) {
        return Err(PASSWORD_LENGTH);
    }
    let has_letter = pw.bytes().any(|b| b.is_ascii_alphabetic());
    let has_digit = pw.bytes().any(|b| b.is_ascii_digit());
    if has_letter && has_digit {
        Ok(())
    } else {
        Err(PASSWORD_COMPOSITION)
    }
}

/// Whether `c` is a Han ideograph: CJK Unified Ideographs with extensions A–I,
/// the compatibility ideographs (and supplement), and 〇 (U+3007).
fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x3007
        | 0x3400..=0x4DBF   // extension A
        | 0x4E00..=0x9FFF   // unified ideographs
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0x20000..=0x2A6DF // extension B
        | 0x2A700..=0x2EE5F // extensions C, D, E, F, I
        | 0x2F800..=0x2FA1F // compatibility ideographs supplement
        | 0x30000..=0x323AF // extensions G, H
    )
}

/// Whether `c` is a Latin letter (ASCII, Latin-1 Supplement, Latin Extended-A/B).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷')
}

/// Maps look-alike dots users type for the minority separator to U+00B7.
fn normalize_separator(c: char) -> char {
    match c {
        '\u{2022}' | '\u{30FB}' | '\u{FF0E}' => NAME_SEPARATOR_CHAR,
        _ => c,
    }
}

/// Validates a person's name and returns it trimmed with separators
/// normalised to "·" (U+00B7).
///
/// 2–28 code points → `name_length`. Allowed: Han ideographs (rare characters
/// included), Latin letters, the separator "·" (U+2022, U+30FB and U+FF0E are
/// accepted as it) and single spaces between Latin letters (foreign names) →
/// `name_invalid_characters`. A separator may not lead, trail, repeat or touch
/// a space → `name_separator`.
pub fn validate_person_name(name: &str) -> Result<String, FieldError> {
    let chars: Vec<char> = name.trim().chars().map(normalize_separator).collect();
    if !(2..=28).contains(&chars.len()) {
        return Err(NAME_LENGTH);
    }
    let allowed = |c: char| is_han(c) || is_latin_letter(c) || c == NAME_SEPARATOR_CHAR || c == ' ';
    if !chars.iter().all(|&c| allowed(c)) {
        return Err(NAME_CHARACTERS);
    }
    let last = chars.len() - 1;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if c == NAME_SEPARATOR_CHAR {
            let bad_neighbour = |n: Option<char>| matches!(n, Some(NAME_SEPARATOR_CHAR | ' '));
            if i == 0 || i == last || bad_neighbour(prev) || bad_neighbour(next) {
                return Err(NAME_SEPARATOR);
            }
        }
    }
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let latin = |n: Option<&char>| n.is_some_and(|&n| is_latin_letter(n));
            if !latin(i.checked_sub(1).and_then(|p| chars.get(p))) || !latin(chars.get(i + 1)) {
                return Err(NAME_CHARACTERS);
            }
        }
    }
    Ok(chars.into_iter().collect())
}

/// Whether `b` may appear in an unquoted local part (RFC 5322 atext or '.').
fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// Pragmatic local-part check: 1–64 atext characters, dots not leading,
/// trailing or doubled.
fn valid_local_part(local: &str) -> bool {
    (1..=64).contains(&local.len())
        && local.bytes().all(is_local_char)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

/// Pragmatic domain check: at least two dot-separated labels of 1–63 ASCII
/// letters, digits or inner hyphens; the last label is not all digits.
fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| !tld.bytes().all(|b| b.is_ascii_digit()))
}

/// Validates an e-mail address pragmatically (ASCII `local@domain.tld`, at
/// most 254 characters) and returns it trimmed with the domain lower-cased →
/// `email_invalid`.
pub fn validate_email(email: &str) -> Result<String, FieldError> {
    let email = email.trim();
    if email.len() > 254 {
        return Err(EMAIL_INVALID);
    }
    let (local, domain) = email.split_once('@').ok_or(EMAIL_INVALID)?;
    if !valid_local_part(local) || !valid_domain(domain) {
        return Err(EMAIL_INVALID);
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code<T: std::fmt::Debug>(r: Result<T, FieldError>) -> &'static str {
        r.unwrap_err().code
    }

    #[test]
    fn mobile() {
        assert_eq!(validate_mobile("13812345678"), Ok(()));
        assert_eq!(validate_mobile("19912345678"), Ok(()));
        for bad in [
            "12812345678",
            "1381234567",
            "138123456789",
            "23812345678",
            "1381234567a",
            " 13812345678",
            "１３８１２３４５６７８",
            "",
        ] {
            assert_eq!(code(validate_mobile(bad)), "phone_invalid", "{bad:?}");
        }
    }

    #[test]
    fn password() {
        assert_eq!(validate_password("abc12345"), Ok(()));
        assert_eq!(validate_password("A1!@#$%^&*()_+-=[]{}"), Ok(()));
        assert_eq!(validate_password("pass word 1"), Ok(()));
        assert_eq!(
            code(validate_password("abcdefgh")),
            "password_needs_letter_and_digit"
        );
        assert_eq!(
            code(validate_password("12345678")),
            "password_needs_letter_and_digit"
        );
        assert_eq!(code(validate_password("1234567")), "password_length");
        assert_eq!(
            code(validate_password("abcdefghij1234567890x")),
            "password_length"
        );
        assert_eq!(code(validate_password("")), "password_length");
        assert_eq!(
            code(validate_password("密码abc12345")),
            "password_invalid_characters"
        );
        assert_eq!(
            code(validate_password("abc\t12345")),
            "password_invalid_characters"
        );
    }

    #[test]
    fn names_valid() {
        assert_eq!(validate_person_name("欧阳娜娜").as_deref(), Ok("欧阳娜娜"));
        assert_eq!(
            validate_person_name(" 阿依古丽·买买提 ").as_deref(),
            Ok("阿依古丽·买买提")
        );
        assert_eq!(validate_person_name("𠀀𠀁").as_deref(), Ok("𠀀𠀁"));
        assert_eq!(validate_person_name("王𪚥").as_deref(), Ok("王𪚥")); // extension B, rare
        assert_eq!(validate_person_name("李䶮").as_deref(), Ok("李䶮")); // extension A
        assert_eq!(validate_person_name("张三").as_deref(), Ok("张三"));
        assert_eq!(
            validate_person_name("John Smith").as_deref(),
            Ok("John Smith")
        );
        assert_eq!(
            validate_person_name("José Müller").as_deref(),
            Ok("José Müller")
        );
        assert_eq!(validate_person_name("Li").as_deref(), Ok("Li"));
        let long = "阿".repeat(28);
        assert_eq!(validate_person_name(&long).as_deref(), Ok(long.as_str()));
    }

    #[test]
    fn name_separator_variants_are_normalised() {
        for sep in ['\u{2022}', '\u{30FB}', '\u{FF0E}', '\u{00B7}'] {
            let name = format!("阿依古丽{sep}买买提");
            assert_eq!(
                validate_person_name(&name).as_deref(),
                Ok("阿依古丽·买买提")
            );
        }
    }

    #[test]
    fn names_invalid() {
        assert_eq!(code(validate_person_name("张")), "name_length");
        assert_eq!(code(validate_person_name("  张  ")), "name_length");
        assert_eq!(code(validate_person_name("")), "name_length");
        assert_eq!(code(validate_person_name("·")), "name_length");
        assert_eq!(code(validate_person_name(&"阿".repeat(29))), "name_length");
        assert_eq!(code(validate_person_name("A·")), "name_separator");
        assert_eq!(code(validate_person_name("·A")), "name_separator");
        assert_eq!(code(validate_person_name("阿依··买买提")), "name_separator");
        assert_eq!(
            code(validate_person_name("阿依•・买买提")),
            "name_separator"
        );
        assert_eq!(code(validate_person_name("John ·Smith")), "name_separator");
        assert_eq!(
            code(validate_person_name("张三1")),
            "name_invalid_characters"
        );
        assert_eq!(
            code(validate_person_name("张-三")),
            "name_invalid_characters"
        );
        assert_eq!(
            code(validate_person_name("張三😀")),
            "name_invalid_characters"
        );
        assert_eq!(
            code(validate_person_name("김철수")),
            "name_invalid_characters"
        );
        assert_eq!(
            code(validate_person_name("张 三")),
            "name_invalid_characters"
        );
        assert_eq!(
            code(validate_person_name("John  Smith")),
            "name_invalid_characters"
        );
        assert_eq!(
            code(validate_person_name("John\tSmith")),
            "name_invalid_characters"
        );
    }

    #[test]
    fn email() {
        assert_eq!(
            validate_email(" Zhang.San@Example.COM ").as_deref(),
            Ok("Zhang.San@example.com")
        );
        assert_eq!(
            validate_email("a+tag@mail.example.cn").as_deref(),
            Ok("a+tag@mail.example.cn")
        );
        assert_eq!(
            validate_email("x@xn--fiqs8s.cn").as_deref(),
            Ok("x@xn--fiqs8s.cn")
        );
        let local = "a".repeat(64);
        let domain = format!(
            "{}.{}.{}.com",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(57)
        );
        let max = format!("{local}@{domain}");
        assert_eq!(max.len(), 254);
        assert!(validate_email(&max).is_ok());
        let too_long = format!(
            "{local}@{}.{}.{}.com",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(58)
        );
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b@example.com",
            "a@localhost",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a b@example.com",
            "a@-example.com",
            "a@example-.com",
            "a@example..com",
            "a@1.2.3.4",
            "张三@example.com",
            "a@例子.中国",
            too_long.as_str(),
            &format!("{}@example.com", "a".repeat(65)),
        ] {
            assert_eq!(code(validate_email(bad)), "email_invalid", "{bad:?}");
        }
    }
}
