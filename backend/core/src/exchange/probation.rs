//! Probation certificates (试用期考核证明) filed by institutions through the provincial base-resource system
//! (domain.md §2.2): one per person, signed by the institution's legal representative under the institution's
//! seal, covering at least a year of probation in one physician category, valid one year from issue.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::identity::{validate_id_number, validate_person_name, IdType};
use crate::verification::physician::months_between;

pub const CATEGORIES: [&str; 4] = ["clinical", "dental", "public_health", "tcm"];

/// What an institution files (already parsed; strings as sent).
#[derive(Debug, Clone)]
pub struct FilingInput<'a> {
    pub id_type: Option<&'a str>,
    pub id_number: &'a str,
    pub name: &'a str,
    pub category_code: &'a str,
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    /// the day the certificate was signed; today when absent
    pub issued_on: Option<NaiveDate>,
    pub certificate_number: &'a str,
    pub legal_representative: &'a str,
    /// the institution attests that the legal representative signed and the seal is affixed
    pub signed_and_sealed: bool,
}

/// A filing that passed every rule, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidFiling {
    pub id_number: String,
    pub name: String,
    pub category_code: String,
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub certificate_number: String,
    pub legal_representative: String,
}

/// field → stable error code
pub type FieldErrors = BTreeMap<&'static str, &'static str>;

fn is_code(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// One year after `d`, less a day (a certificate issued 2026-03-01 is valid through 2027-02-28).
pub fn one_year_from(d: NaiveDate) -> NaiveDate {
    let next = NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(d.year() + 1, 3, 1).expect("1 March exists"));
    next.pred_opt().expect("not the first day of time")
}

/// Checks a filing: `id_type_invalid`, the ID number's own codes, the name's codes, `category_invalid`,
/// `dates_out_of_order`, `ended_in_future`, `probation_too_short` (< `min_months`), `issued_before_end`,
/// `issued_in_future`, `certificate_number_invalid`, the legal representative's name codes, `seal_required`.
pub fn validate(
    f: &FilingInput,
    today: NaiveDate,
    min_months: u32,
) -> Result<ValidFiling, FieldErrors> {
    let mut errors = FieldErrors::new();
    let id_type = match f.id_type {
        None => Some(IdType::ResidentId),
        Some(t) => IdType::parse(t),
    };
    let id_number = match id_type {
        None => {
            errors.insert("id_type", "id_type_invalid");
            None
        }
        Some(t) => match validate_id_number(t, f.id_number, today) {
            Ok(v) => Some(v.normalized),
            Err(e) => {
                errors.insert("id_number", e.code());
                None
            }
        },
    };
    let name = validate_person_name(f.name)
        .map_err(|e| errors.insert("name", e.code))
        .ok();
    let legal = validate_person_name(f.legal_representative)
        .map_err(|e| errors.insert("legal_representative", e.code))
        .ok();
    if !CATEGORIES.contains(&f.category_code) {
        errors.insert("category_code", "category_invalid");
    }
    if f.ended_on <= f.started_on {
        errors.insert("ended_on", "dates_out_of_order");
    } else if f.ended_on > today {
        errors.insert("ended_on", "ended_in_future");
    } else if months_between(f.started_on, f.ended_on) < min_months as i32 {
        errors.insert("ended_on", "probation_too_short");
    }
    let issued_on = f.issued_on.unwrap_or(today);
    if issued_on > today {
        errors.insert("issued_on", "issued_in_future");
    } else if issued_on < f.ended_on && !errors.contains_key("ended_on") {
        errors.insert("issued_on", "issued_before_end");
    }
    let certificate = f.certificate_number.trim();
    if !is_code(certificate) {
        errors.insert("certificate_number", "certificate_number_invalid");
    }
    if !f.signed_and_sealed {
        errors.insert("signed_and_sealed", "seal_required");
    }
    match (id_number, name, legal) {
        (Some(id_number), Some(name), Some(legal)) if errors.is_empty() => Ok(ValidFiling {
            id_number,
            name,
            category_code: f.category_code.to_string(),
            started_on: f.started_on,
            ended_on: f.ended_on,
            valid_until: one_year_from(issued_on),
            certificate_number: certificate.to_string(),
            legal_representative: legal,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn input<'a>() -> FilingInput<'a> {
        FilingInput {
            id_type: None,
            id_number: "11010519491231002x",
            name: "王小明",
            category_code: "clinical",
            started_on: d("2025-07-01"),
            ended_on: d("2026-06-30"),
            issued_on: Some(d("2026-07-05")),
            certificate_number: "SY-2026-0001",
            legal_representative: "李院长",
            signed_and_sealed: true,
        }
    }

    const TODAY: &str = "2026-12-03";

    #[test]
    fn a_year_of_probation_signed_and_sealed_is_accepted_and_valid_a_year() {
        let v = validate(&input(), d(TODAY), 12).unwrap();
        assert_eq!(v.id_number, "11010519491231002X");
        assert_eq!(v.valid_until, d("2027-07-04"));
        assert_eq!(v.certificate_number, "SY-2026-0001");
    }

    #[test]
    fn each_rule_names_its_field_and_code() {
        let cases: Vec<(Box<dyn Fn(&mut FilingInput)>, &str, &str)> = vec![
            (
                Box::new(|f| f.id_number = "11010119900307447X"),
                "id_number",
                "id_number_checksum",
            ),
            (
                Box::new(|f| f.id_type = Some("card")),
                "id_type",
                "id_type_invalid",
            ),
            (
                Box::new(|f| f.name = "王1"),
                "name",
                "name_invalid_characters",
            ),
            (
                Box::new(|f| f.category_code = "nursing"),
                "category_code",
                "category_invalid",
            ),
            (
                Box::new(|f| f.ended_on = d("2025-06-30")),
                "ended_on",
                "dates_out_of_order",
            ),
            (
                Box::new(|f| f.ended_on = d("2026-12-31")),
                "ended_on",
                "ended_in_future",
            ),
            (
                Box::new(|f| f.ended_on = d("2026-05-31")),
                "ended_on",
                "probation_too_short",
            ),
            (
                Box::new(|f| f.issued_on = Some(d("2026-06-01"))),
                "issued_on",
                "issued_before_end",
            ),
            (
                Box::new(|f| f.issued_on = Some(d("2027-01-01"))),
                "issued_on",
                "issued_in_future",
            ),
            (
                Box::new(|f| f.certificate_number = "编号 1"),
                "certificate_number",
                "certificate_number_invalid",
            ),
            (
                Box::new(|f| f.legal_representative = ""),
                "legal_representative",
                "name_length",
            ),
            (
                Box::new(|f| f.signed_and_sealed = false),
                "signed_and_sealed",
                "seal_required",
            ),
        ];
        for (change, field, code) in cases {
            let mut f = input();
            change(&mut f);
            let errs = validate(&f, d(TODAY), 12).unwrap_err();
            assert_eq!(errs.get(field), Some(&code), "{field}: {errs:?}");
            assert_eq!(errs.len(), 1, "{errs:?}");
        }
    }

    #[test]
    fn a_leap_day_certificate_runs_to_the_end_of_february() {
        assert_eq!(one_year_from(d("2028-02-29")), d("2029-02-28"));
        assert_eq!(one_year_from(d("2026-01-01")), d("2026-12-31"));
    }
}
