//! Library records as the verification rules see them. Each deserialises from a row of its `lib_*` table turned
//! into JSON (`to_jsonb(row)`), so the field names are the table's column names.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One row of a library with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<T> {
    pub id: i64,
    pub batch_id: String,
    /// Holder's name (ID-keyed libraries) or institution name.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(flatten)]
    pub data: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Institution {
    pub code: String,
    pub region_code: String,
    pub level: Option<String>,
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub year: i32,
    pub exam_type: String,
    pub archive_number: Option<String>,
    pub level_code: Option<String>,
    pub specialty_code: Option<String>,
    #[serde(default)]
    pub subjects_passed: Option<Vec<String>>,
    pub skills_passed: Option<bool>,
    pub written_passed: Option<bool>,
    pub education_level: Option<String>,
    pub school: Option<String>,
    pub major: Option<String>,
    pub unit_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qualification {
    pub title: String,
    pub level_code: String,
    pub specialty_code: Option<String>,
    pub obtained_on: NaiveDate,
    pub certificate_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    pub exam_type: String,
    pub sanction: String,
    pub legal_basis: Option<String>,
    pub from_year: i32,
    pub to_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvincialLine {
    pub year: i32,
    pub specialty_code: Option<String>,
    pub valid_region: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhysicianPractice {
    pub certificate_kind: String,
    pub level_code: String,
    pub category_code: String,
    pub scope: Option<String>,
    pub certificate_number: String,
    pub obtained_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NursePractice {
    pub registration_number: String,
    pub registered_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreshGraduate {
    pub school: String,
    pub graduation_year: i32,
    pub major: Option<String>,
    pub education_level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontLine {
    pub policy: String,
    pub unit: Option<String>,
    pub valid_year: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondaryEducation {
    pub school: String,
    pub major: String,
    pub enrolled_on: NaiveDate,
    pub graduated_on: NaiveDate,
    pub study_years: Option<i32>,
    pub study_form: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbationFiling {
    pub institution_code: String,
    pub category_code: String,
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub certificate_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Apprenticeship {
    pub certificate_kind: String,
    pub certificate_number: String,
    pub issued_on: Option<NaiveDate>,
    pub teacher: Option<String>,
}

/// Everything the libraries hold about one registration: the holder's rows in every ID-keyed library, and the
/// institutions the form names (work unit, probation institution).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lookups {
    pub institutions: Vec<Record<Institution>>,
    pub history: Vec<Record<History>>,
    pub qualifications: Vec<Record<Qualification>>,
    pub violations: Vec<Record<Violation>>,
    pub provincial_line: Vec<Record<ProvincialLine>>,
    pub physician_practice: Vec<Record<PhysicianPractice>>,
    pub nurse_practice: Vec<Record<NursePractice>>,
    pub fresh_graduates: Vec<Record<FreshGraduate>>,
    pub front_line: Vec<Record<FrontLine>>,
    pub secondary_education: Vec<Record<SecondaryEducation>>,
    pub probation_filings: Vec<Record<ProbationFiling>>,
    pub apprenticeship: Vec<Record<Apprenticeship>>,
}

impl Lookups {
    /// Adds one row as returned by the batched lookup: `library` is a library code, `row` its JSON.
    /// Unknown libraries or rows that do not fit are an error naming the library.
    pub fn push(&mut self, library: &str, row: serde_json::Value) -> Result<(), String> {
        fn add<T: serde::de::DeserializeOwned>(
            v: &mut Vec<Record<T>>,
            library: &str,
            row: serde_json::Value,
        ) -> Result<(), String> {
            let r = serde_json::from_value(row).map_err(|e| format!("{library}: {e}"))?;
            v.push(r);
            Ok(())
        }
        match library {
            "institutions" => add(&mut self.institutions, library, row),
            "history" => add(&mut self.history, library, row),
            "qualifications" => add(&mut self.qualifications, library, row),
            "violations" => add(&mut self.violations, library, row),
            "provincial_line" => add(&mut self.provincial_line, library, row),
            "physician_practice" => add(&mut self.physician_practice, library, row),
            "nurse_practice" => add(&mut self.nurse_practice, library, row),
            "fresh_graduates" => add(&mut self.fresh_graduates, library, row),
            "front_line" => add(&mut self.front_line, library, row),
            "secondary_education" => add(&mut self.secondary_education, library, row),
            "probation_filings" => add(&mut self.probation_filings, library, row),
            "apprenticeship" => add(&mut self.apprenticeship, library, row),
            other => Err(format!("unknown library {other}")),
        }
    }

    /// (library, record id, batch, name) of every ID-keyed row, for the name-consistency rule.
    pub(crate) fn named(&self) -> Vec<(&'static str, i64, &str, Option<&str>)> {
        fn each<'a, T>(
            lib: &'static str,
            v: &'a [Record<T>],
        ) -> impl Iterator<Item = (&'static str, i64, &'a str, Option<&'a str>)> {
            v.iter()
                .map(move |r| (lib, r.id, r.batch_id.as_str(), r.name.as_deref()))
        }
        each("history", &self.history)
            .chain(each("qualifications", &self.qualifications))
            .chain(each("violations", &self.violations))
            .chain(each("provincial_line", &self.provincial_line))
            .chain(each("physician_practice", &self.physician_practice))
            .chain(each("nurse_practice", &self.nurse_practice))
            .chain(each("fresh_graduates", &self.fresh_graduates))
            .chain(each("front_line", &self.front_line))
            .chain(each("secondary_education", &self.secondary_education))
            .chain(each("probation_filings", &self.probation_filings))
            .chain(each("apprenticeship", &self.apprenticeship))
            .collect()
    }
}
