//! The national–provincial comparison (国网/省网比对): a person's registration in our system against the
//! national system's record for the same exam session, both keyed by ID number. Statuses are compared in a
//! shared coarse vocabulary: `in_review`, `approved`, `rejected`, `withdrawn`.

use crate::libraries::{ColType, ColumnSpec, LibrarySpec};

/// The kinds of anomaly, in the order reviewers usually work them.
pub const KINDS: [&str; 6] = [
    "only_national",
    "only_provincial",
    "identity_mismatch",
    "status_mismatch",
    "payment_mismatch",
    "field_difference",
];

/// Statuses a national record may carry.
pub const NATIONAL_STATUSES: [&str; 4] = ["in_review", "approved", "rejected", "withdrawn"];

/// Fields compared for `field_difference`.
pub const FIELDS: [&str; 3] = ["level_code", "specialty_code", "site_code"];

/// The national system's export as an import file: the ID number, name and these columns (headers in
/// Chinese or as named). Read with the reference libraries' file reader and row parser.
pub const NATIONAL_FILE: LibrarySpec = LibrarySpec {
    code: "national_records",
    table: "national_records",
    name_zh: "国网报名数据",
    keyed_by_id: true,
    columns: &[
        ColumnSpec {
            name: "status",
            aliases: &["报名状态", "审核状态", "状态"],
            ty: ColType::Enum(&NATIONAL_STATUSES),
            required: true,
        },
        ColumnSpec {
            name: "paid",
            aliases: &["是否缴费", "缴费状态", "已缴费"],
            ty: ColType::Bool,
            required: true,
        },
        ColumnSpec {
            name: "level_code",
            aliases: &["报考级别", "级别代码"],
            ty: ColType::Code,
            required: false,
        },
        ColumnSpec {
            name: "specialty_code",
            aliases: &["报考专业", "专业代码"],
            ty: ColType::Code,
            required: false,
        },
        ColumnSpec {
            name: "site_code",
            aliases: &["考点代码", "考点"],
            ty: ColType::Code,
            required: false,
        },
    ],
    unique: &[],
    expiry: None,
};

/// Our registration status in the shared vocabulary (`None` for a draft, which is not compared).
pub fn coarse_status(ours: &str) -> Option<&'static str> {
    match ours {
        "submitted" | "resubmitted" | "returned" => Some("in_review"),
        "approved" | "paid" => Some("approved"),
        "rejected" => Some("rejected"),
        "withdrawn" => Some("withdrawn"),
        _ => None,
    }
}

/// One side of the comparison for one person.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub name: String,
    /// coarse status
    pub status: String,
    pub paid: bool,
    pub level_code: Option<String>,
    pub specialty_code: Option<String>,
    pub site_code: Option<String>,
}

impl Side {
    fn field(&self, f: &str) -> Option<&str> {
        match f {
            "level_code" => self.level_code.as_deref(),
            "specialty_code" => self.specialty_code.as_deref(),
            "site_code" => self.site_code.as_deref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Anomaly {
    pub kind: &'static str,
    /// the differing field for `field_difference`, else empty
    pub field: &'static str,
    pub provincial_value: Option<String>,
    pub national_value: Option<String>,
}

fn anomaly(kind: &'static str, field: &'static str, p: Option<&str>, n: Option<&str>) -> Anomaly {
    Anomaly {
        kind,
        field,
        provincial_value: p.map(str::to_string),
        national_value: n.map(str::to_string),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "paid"
    } else {
        "unpaid"
    }
}

/// Anomalies of one person. A national record without a registration here is `only_national`; a registration
/// we approved that the national system lacks is `only_provincial` (registrations still in review or refused
/// here are not expected there). With both present: a different name is `identity_mismatch`, then status,
/// payment and each compared field.
pub fn compare(provincial: Option<&Side>, national: Option<&Side>) -> Vec<Anomaly> {
    match (provincial, national) {
        (None, None) => vec![],
        (None, Some(n)) => vec![anomaly(
            "only_national",
            "",
            None,
            Some(&format!("{} {}", n.name, n.status)),
        )],
        (Some(p), None) => {
            if p.status == "approved" {
                vec![anomaly(
                    "only_provincial",
                    "",
                    Some(&format!("{} {}", p.name, p.status)),
                    None,
                )]
            } else {
                vec![]
            }
        }
        (Some(p), Some(n)) => {
            let mut out = Vec::new();
            if p.name.trim() != n.name.trim() {
                out.push(anomaly(
                    "identity_mismatch",
                    "name",
                    Some(&p.name),
                    Some(&n.name),
                ));
            }
            if p.status != n.status {
                out.push(anomaly(
                    "status_mismatch",
                    "",
                    Some(&p.status),
                    Some(&n.status),
                ));
            }
            if p.paid != n.paid {
                out.push(anomaly(
                    "payment_mismatch",
                    "",
                    Some(yes_no(p.paid)),
                    Some(yes_no(n.paid)),
                ));
            }
            for f in FIELDS {
                let (a, b) = (p.field(f), n.field(f));
                // a field the national export leaves empty is not compared
                if b.is_some() && a != b {
                    out.push(anomaly("field_difference", f, a, b));
                }
            }
            out
        }
    }
}

/// The finding a registration shows for an open anomaly: rule code `national_<kind>` and the reviewer's text.
pub fn finding_text(
    kind: &str,
    field: &str,
    provincial: Option<&str>,
    national: Option<&str>,
) -> (String, String) {
    let what = match kind {
        "only_national" => "国网有报名记录、省网无对应报名",
        "only_provincial" => "省网已审核通过、国网无对应记录",
        "identity_mismatch" => "同一证件号码姓名不一致",
        "status_mismatch" => "审核状态不一致",
        "payment_mismatch" => "缴费状态不一致",
        "field_difference" => "报考信息不一致",
        _ => "比对异常",
    };
    let field = match field {
        "" | "name" => String::new(),
        f => format!("（{f}）"),
    };
    let dash = "—";
    (
        format!("national_{kind}"),
        format!(
            "国网/省网比对：{what}{field}，省网 {}，国网 {}",
            provincial.unwrap_or(dash),
            national.unwrap_or(dash)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(name: &str, status: &str, paid: bool) -> Side {
        Side {
            name: name.into(),
            status: status.into(),
            paid,
            level_code: Some("physician".into()),
            specialty_code: Some("110".into()),
            site_code: Some("4101".into()),
        }
    }

    #[test]
    fn identical_records_have_no_anomaly() {
        let a = side("张三", "approved", true);
        assert!(compare(Some(&a), Some(&a.clone())).is_empty());
    }

    #[test]
    fn each_difference_is_one_anomaly_with_both_values() {
        let p = side("张三", "approved", true);
        let mut n = side("张叁", "rejected", false);
        n.site_code = Some("4102".into());
        let got = compare(Some(&p), Some(&n));
        let kinds: Vec<_> = got.iter().map(|a| (a.kind, a.field)).collect();
        assert_eq!(
            kinds,
            vec![
                ("identity_mismatch", "name"),
                ("status_mismatch", ""),
                ("payment_mismatch", ""),
                ("field_difference", "site_code"),
            ]
        );
        assert_eq!(got[0].provincial_value.as_deref(), Some("张三"));
        assert_eq!(got[0].national_value.as_deref(), Some("张叁"));
        assert_eq!(got[2].national_value.as_deref(), Some("unpaid"));
        assert_eq!(got[3].provincial_value.as_deref(), Some("4101"));
    }

    #[test]
    fn one_sided_records() {
        let n = side("李四", "approved", true);
        assert_eq!(compare(None, Some(&n))[0].kind, "only_national");
        assert_eq!(compare(Some(&n), None)[0].kind, "only_provincial");
        // still in review here: the national system is not expected to have it yet
        assert!(compare(Some(&side("李四", "in_review", false)), None).is_empty());
    }

    #[test]
    fn an_empty_national_field_is_not_a_difference() {
        let p = side("王五", "approved", true);
        let mut n = p.clone();
        n.site_code = None;
        assert!(compare(Some(&p), Some(&n)).is_empty());
    }

    #[test]
    fn a_finding_names_the_kind_field_and_both_values() {
        let (code, text) =
            finding_text("field_difference", "site_code", Some("4101"), Some("4102"));
        assert_eq!(code, "national_field_difference");
        assert!(
            text.contains("site_code") && text.contains("4101") && text.contains("4102"),
            "{text}"
        );
        let (_, text) = finding_text("only_provincial", "", Some("张三 approved"), None);
        assert!(text.contains("国网 —"), "{text}");
    }

    #[test]
    fn statuses_map_to_the_shared_vocabulary() {
        assert_eq!(coarse_status("paid"), Some("approved"));
        assert_eq!(coarse_status("returned"), Some("in_review"));
        assert_eq!(coarse_status("draft"), None);
        for s in ["in_review", "approved", "rejected", "withdrawn"] {
            assert!(NATIONAL_STATUSES.contains(&s));
        }
    }
}
