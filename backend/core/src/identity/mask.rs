//! Masking of personal identifiers for lists, logs and notifications.
//! All functions work on Unicode scalar values, never split a character and
//! never reveal a short value completely.

/// Keeps `head` leading and `tail` trailing characters and replaces the rest
/// with one `*` each. Callers guarantee `head + tail <= len`.
fn keep_ends(chars: &[char], head: usize, tail: usize) -> String {
    let len = chars.len();
    chars[..head]
        .iter()
        .copied()
        .chain(std::iter::repeat_n('*', len - head - tail))
        .chain(chars[len - tail..].iter().copied())
        .collect()
}

/// Masks a normalised ID number. Numbers of 18 or more characters keep the
/// first 6 and last 4 (`110105********1234`); shorter numbers keep at most
/// 2 + 2 and never more than half of their characters.
pub fn mask_id_number(normalized: &str) -> String {
    let chars: Vec<char> = normalized.chars().collect();
    let len = chars.len();
    if len >= 18 {
        keep_ends(&chars, 6, 4)
    } else {
        let keep = (len / 4).min(2);
        keep_ends(&chars, keep, keep)
    }
}

/// Masks a phone number: 11 or more characters keep the first 3 and last 4
/// (`138****5678`); 7–10 characters keep 2 + 2; shorter values become all `*`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    match chars.len() {
        len if len >= 11 => keep_ends(&chars, 3, 4),
        7..=10 => keep_ends(&chars, 2, 2),
        _ => keep_ends(&chars, 0, 0),
    }
}

/// Masks an e-mail address as `z***@example.com`: the first character of the
/// local part and a fixed `***` (hiding its length), then the domain. A local
/// part of one character is fully hidden; a value without `@` becomes `***`.
pub fn mask_email(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) => {
            let mut chars = local.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some(_)) => format!("{first}***@{domain}"),
                _ => format!("***@{domain}"),
            }
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_gb11643_family_resident_style() {
        assert_eq!(mask_id_number("110105194912311234"), "110105********1234");
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_id_number("810000199001011230"), "810000********1230");
        assert_eq!(mask_id_number("830000198512314566"), "830000********4566");
        assert_eq!(mask_id_number("911840198506150011"), "911840********0011");
    }

    #[test]
    fn masks_short_ids_revealing_at_most_half() {
        assert_eq!(mask_id_number("A123456789"), "A1******89"); // Taiwan
        assert_eq!(mask_id_number("A1234563"), "A1****63"); // Hong Kong
        assert_eq!(mask_id_number("AB9876543"), "AB*****43"); // Hong Kong, 2 letters
        assert_eq!(mask_id_number("12345678"), "12****78"); // Macau
        assert_eq!(mask_id_number("E12345678"), "E1*****78"); // passport
        assert_eq!(
            mask_id_number("A1234567890123456789"),
            "A12345**********6789"
        );
        assert_eq!(mask_id_number("AB1234"), "A****4");
        assert_eq!(mask_id_number("ABC"), "***");
        assert_eq!(mask_id_number(""), "");
        for len in 0..18 {
            let id = "9".repeat(len);
            let shown = mask_id_number(&id).chars().filter(|c| *c != '*').count();
            assert!(shown * 2 <= len, "len {len} reveals {shown}");
            assert_eq!(mask_id_number(&id).chars().count(), len);
        }
    }

    #[test]
    fn masks_phone() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("+8613812345678"), "+86*******5678");
        assert_eq!(mask_phone("1234567"), "12***67");
        assert_eq!(mask_phone("123456"), "******");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn masks_email() {
        assert_eq!(mask_email("zhang.san@example.com"), "z***@example.com");
        assert_eq!(mask_email("张三@example.com"), "张***@example.com");
        assert_eq!(mask_email("z@example.com"), "***@example.com");
        assert_eq!(mask_email("@example.com"), "***@example.com");
        assert_eq!(mask_email("not-an-email"), "***");
    }
}
