//! The reference libraries (基础库, domain.md §6) as data: each library's columns, their types, the header
//! names accepted for them in import files, and the natural key that makes two rows duplicates.
//!
//! Every library except the institution library is keyed by the holder's ID number; those libraries get three
//! implicit leading columns (`id_type`, `id_number`, `name`) that are stored as blind index + ciphertext + name.

/// How a cell is parsed and normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// Free text, trimmed, at most 200 characters.
    Text,
    /// A code: 1–40 characters of `[0-9A-Za-z_.-]`.
    Code,
    /// A calendar date: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD` or an XLSX date.
    Date,
    /// An exam year, 1950–2100.
    Year,
    /// A whole number 0–1000.
    Int,
    /// `true`/`false`, also `是`/`否`, `1`/`0`, `Y`/`N`.
    Bool,
    /// One of a fixed set of codes.
    Enum(&'static [&'static str]),
    /// A `;`-separated list of codes (e.g. subjects passed), stored as `a;b;c`.
    CodeList,
}

impl ColType {
    /// The PostgreSQL type the column is stored as.
    pub fn sql_type(&self) -> &'static str {
        match self {
            ColType::Date => "date",
            ColType::Year | ColType::Int => "integer",
            ColType::Bool => "boolean",
            ColType::CodeList => "text[]",
            _ => "text",
        }
    }
}

/// One typed column of a library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Column name in the table and canonical header in files.
    pub name: &'static str,
    /// Other headers accepted for it (Chinese headers of the province's files).
    pub aliases: &'static [&'static str],
    pub ty: ColType,
    pub required: bool,
}

/// What the cleanup command may remove once it is out of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// Rows whose `column` (a year) is before the given year.
    YearBefore(&'static str),
    /// Rows whose `column` (a date) is before the first day of the given year.
    DateBefore(&'static str),
}

/// One library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibrarySpec {
    /// Stable code used in URLs, the CLI and evidence.
    pub code: &'static str,
    /// Table holding the live rows.
    pub table: &'static str,
    /// Display name.
    pub name_zh: &'static str,
    /// Whether rows are keyed by an ID number (all but the institution library).
    pub keyed_by_id: bool,
    pub columns: &'static [ColumnSpec],
    /// Columns that, with the ID number when keyed by it, identify a row: a second row with the same key in one
    /// file is a duplicate; in append mode a row with the same key replaces the live one.
    pub unique: &'static [&'static str],
    pub expiry: Option<Expiry>,
}

impl LibrarySpec {
    pub fn column(&self, name: &str) -> Option<&ColumnSpec> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// Implicit columns of ID-keyed libraries, in file order.
pub const ID_TYPE: ColumnSpec = ColumnSpec {
    name: "id_type",
    aliases: &["证件类型"],
    ty: ColType::Code,
    required: false,
};
pub const ID_NUMBER: ColumnSpec = ColumnSpec {
    name: "id_number",
    aliases: &["证件号码", "身份证号", "身份证号码", "证件号"],
    ty: ColType::Text,
    required: true,
};
pub const NAME: ColumnSpec = ColumnSpec {
    name: "name",
    aliases: &["姓名"],
    ty: ColType::Text,
    required: true,
};

const EXAMS: &[&str] = &["health_tech", "physician", "nurse"];
const EDUCATION: &[&str] = &["zhongzhuan", "dazhuan", "benke", "shuoshi", "boshi"];
const STUDY_FORMS: &[&str] = &["full_time", "adult", "self_study", "online"];

const fn col(
    name: &'static str,
    aliases: &'static [&'static str],
    ty: ColType,
    required: bool,
) -> ColumnSpec {
    ColumnSpec {
        name,
        aliases,
        ty,
        required,
    }
}

pub const LIBRARIES: &[LibrarySpec] = &[
    LibrarySpec {
        code: "institutions",
        table: "lib_institutions",
        name_zh: "机构库",
        keyed_by_id: false,
        columns: &[
            col("code", &["机构代码", "单位代码"], ColType::Code, true),
            col("name", &["机构名称", "单位名称"], ColType::Text, true),
            col(
                "region_code",
                &["所属地区", "地区代码"],
                ColType::Code,
                true,
            ),
            col("level", &["机构级别", "级别"], ColType::Text, false),
            col(
                "kind",
                &["机构类型", "类型"],
                ColType::Enum(&[
                    "hospital",
                    "township_health_centre",
                    "village_clinic",
                    "community_health_centre",
                    "public_health",
                    "other",
                ]),
                false,
            ),
        ],
        unique: &["code"],
        expiry: None,
    },
    LibrarySpec {
        code: "history",
        table: "lib_history",
        name_zh: "历史考生库",
        keyed_by_id: true,
        columns: &[
            col("year", &["考试年度", "年度"], ColType::Year, true),
            col("exam_type", &["考试类别"], ColType::Enum(EXAMS), true),
            col("archive_number", &["档案号"], ColType::Code, false),
            col("level_code", &["级别代码"], ColType::Code, false),
            col("specialty_code", &["专业代码"], ColType::Code, false),
            col("subjects_passed", &["通过科目"], ColType::CodeList, false),
            col("skills_passed", &["技能通过"], ColType::Bool, false),
            col("written_passed", &["笔试通过"], ColType::Bool, false),
            col(
                "education_level",
                &["学历"],
                ColType::Enum(EDUCATION),
                false,
            ),
            col("school", &["毕业学校"], ColType::Text, false),
            col("major", &["所学专业"], ColType::Text, false),
            col("unit_code", &["工作单位代码"], ColType::Code, false),
        ],
        unique: &["year", "exam_type", "specialty_code"],
        expiry: None,
    },
    LibrarySpec {
        code: "qualifications",
        table: "lib_qualifications",
        name_zh: "专技资格库",
        keyed_by_id: true,
        columns: &[
            col("title", &["资格名称", "职称"], ColType::Text, true),
            col(
                "level_code",
                &["资格级别"],
                ColType::Enum(&["assistant", "practitioner", "intermediate", "senior"]),
                true,
            ),
            col("specialty_code", &["专业代码"], ColType::Code, false),
            col(
                "obtained_on",
                &["取得时间", "取得日期"],
                ColType::Date,
                true,
            ),
            col("certificate_number", &["证书编号"], ColType::Code, false),
        ],
        unique: &["level_code", "specialty_code", "obtained_on"],
        expiry: None,
    },
    LibrarySpec {
        code: "violations",
        table: "lib_violations",
        name_zh: "违纪人员库",
        keyed_by_id: true,
        columns: &[
            col("exam_type", &["考试类别"], ColType::Enum(EXAMS), true),
            col(
                "sanction",
                &["处理类型", "处理结果"],
                ColType::Enum(&[
                    "ban_2y",
                    "ban_lifetime",
                    "integrity_5y",
                    "integrity_long_term",
                ]),
                true,
            ),
            col("legal_basis", &["处理依据"], ColType::Text, false),
            col("from_year", &["起始年度"], ColType::Year, true),
            col("to_year", &["截止年度"], ColType::Year, false),
        ],
        unique: &["exam_type", "from_year"],
        expiry: Some(Expiry::YearBefore("to_year")),
    },
    LibrarySpec {
        code: "provincial_line",
        table: "lib_provincial_line",
        name_zh: "省线库",
        keyed_by_id: true,
        columns: &[
            col("year", &["考试年度"], ColType::Year, true),
            col("specialty_code", &["专业代码"], ColType::Code, false),
            col("valid_region", &["有效区域"], ColType::Text, true),
        ],
        unique: &["year", "specialty_code"],
        expiry: None,
    },
    LibrarySpec {
        code: "physician_practice",
        table: "lib_physician_practice",
        name_zh: "医师执业库",
        keyed_by_id: true,
        columns: &[
            col(
                "certificate_kind",
                &["证书类型"],
                ColType::Enum(&["qualification", "practice"]),
                true,
            ),
            col(
                "level_code",
                &["医师级别"],
                ColType::Enum(&["practising", "assistant", "rural_assistant"]),
                true,
            ),
            col(
                "category_code",
                &["执业类别"],
                ColType::Enum(&["clinical", "dental", "public_health", "tcm"]),
                true,
            ),
            col("scope", &["执业范围"], ColType::Text, false),
            col(
                "certificate_number",
                &["证书编码", "证书编号"],
                ColType::Code,
                true,
            ),
            col(
                "obtained_on",
                &["取得时间", "发证日期"],
                ColType::Date,
                true,
            ),
        ],
        unique: &["certificate_number"],
        expiry: None,
    },
    LibrarySpec {
        code: "nurse_practice",
        table: "lib_nurse_practice",
        name_zh: "护士执业库",
        keyed_by_id: true,
        columns: &[
            col(
                "registration_number",
                &["执业证书编号", "注册证书编号"],
                ColType::Code,
                true,
            ),
            col("registered_on", &["注册日期"], ColType::Date, true),
            col("valid_until", &["有效期至"], ColType::Date, false),
        ],
        unique: &["registration_number"],
        expiry: None,
    },
    LibrarySpec {
        code: "fresh_graduates",
        table: "lib_fresh_graduates",
        name_zh: "应届毕业生库",
        keyed_by_id: true,
        columns: &[
            col("school", &["学校", "毕业学校"], ColType::Text, true),
            col("graduation_year", &["毕业年度"], ColType::Year, true),
            col("major", &["专业"], ColType::Text, false),
            col(
                "education_level",
                &["学历"],
                ColType::Enum(EDUCATION),
                false,
            ),
        ],
        unique: &["graduation_year"],
        expiry: Some(Expiry::YearBefore("graduation_year")),
    },
    LibrarySpec {
        code: "front_line",
        table: "lib_front_line",
        name_zh: "一线人员库",
        keyed_by_id: true,
        columns: &[
            col("policy", &["政策类别"], ColType::Text, true),
            col("unit", &["工作单位"], ColType::Text, false),
            col("valid_year", &["有效年度"], ColType::Year, true),
        ],
        unique: &["valid_year"],
        expiry: Some(Expiry::YearBefore("valid_year")),
    },
    LibrarySpec {
        code: "secondary_education",
        table: "lib_secondary_education",
        name_zh: "中专学历库",
        keyed_by_id: true,
        columns: &[
            col("school", &["学校"], ColType::Text, true),
            col("major", &["专业"], ColType::Text, true),
            col("enrolled_on", &["入学时间"], ColType::Date, true),
            col("graduated_on", &["毕业时间"], ColType::Date, true),
            col("study_years", &["学制"], ColType::Int, false),
            col(
                "study_form",
                &["学习形式"],
                ColType::Enum(STUDY_FORMS),
                false,
            ),
        ],
        unique: &["school", "major"],
        expiry: None,
    },
    LibrarySpec {
        code: "probation_filings",
        table: "lib_probation_filings",
        name_zh: "试用期考核备案库",
        keyed_by_id: true,
        columns: &[
            col("institution_code", &["试用机构代码"], ColType::Code, true),
            col(
                "category_code",
                &["试用类别"],
                ColType::Enum(&["clinical", "dental", "public_health", "tcm"]),
                true,
            ),
            col("started_on", &["试用开始时间"], ColType::Date, true),
            col("ended_on", &["试用结束时间"], ColType::Date, true),
            col("valid_until", &["有效期至"], ColType::Date, false),
            col("certificate_number", &["证明编号"], ColType::Code, false),
        ],
        unique: &["institution_code", "started_on"],
        expiry: None,
    },
    LibrarySpec {
        code: "apprenticeship",
        table: "lib_apprenticeship",
        name_zh: "师承确有专长库",
        keyed_by_id: true,
        columns: &[
            col(
                "certificate_kind",
                &["证书类型"],
                ColType::Enum(&["apprenticeship", "expertise"]),
                true,
            ),
            col("certificate_number", &["证书编号"], ColType::Code, true),
            col("issued_on", &["发证日期"], ColType::Date, false),
            col("teacher", &["指导老师"], ColType::Text, false),
        ],
        unique: &["certificate_number"],
        expiry: None,
    },
];

/// The library with this code.
pub fn library(code: &str) -> Option<&'static LibrarySpec> {
    LIBRARIES.iter().find(|l| l.code == code)
}

/// Every library code, in display order.
pub fn codes() -> Vec<&'static str> {
    LIBRARIES.iter().map(|l| l.code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_tables_and_columns_are_unique_and_keys_name_real_columns() {
        let mut codes = std::collections::HashSet::new();
        for l in LIBRARIES {
            assert!(codes.insert(l.code), "duplicate library {}", l.code);
            assert_eq!(l.table, format!("lib_{}", l.code));
            let mut names = std::collections::HashSet::new();
            for c in l.columns {
                assert!(
                    names.insert(c.name),
                    "{}: duplicate column {}",
                    l.code,
                    c.name
                );
                assert!(c
                    .name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_'));
            }
            for k in l.unique {
                assert!(l.column(k).is_some(), "{}: key {k} is not a column", l.code);
            }
            if let Some(Expiry::YearBefore(c) | Expiry::DateBefore(c)) = l.expiry {
                assert!(l.column(c).is_some());
            }
        }
        assert_eq!(LIBRARIES.len(), 12);
        assert!(library("violations").is_some());
        assert!(library("nope").is_none());
    }
}
