//! What changed: a registration's form against the candidate's history (the quick-fill values of the
//! historical-candidate library) or against its previous version, field by field; and whether a returning
//! health-tech candidate is auto-confirmed (domain.md §2.1, §3: unchanged details, no warnings, straight to
//! payment when the session says so).

use serde::Serialize;
use serde_json::Value;

use crate::registration::ExamKind;

/// One field that differs (`section.field`, dotted for nested objects).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

fn walk(prefix: &str, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<Change>) {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                walk(&path, b.get(k), a.get(k), out);
            }
        }
        (b, a) => {
            let norm = |v: Option<&Value>| v.filter(|v| !v.is_null()).cloned();
            let (b, a) = (norm(b), norm(a));
            if b != a {
                out.push(Change {
                    field: prefix.to_string(),
                    before: b,
                    after: a,
                });
            }
        }
    }
}

/// Every field that differs between two forms (missing and `null` are the same).
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", Some(before), Some(after), &mut out);
    out
}

/// The fields the history states (the quick-fill patch) that the form no longer matches: only what the
/// history holds is compared, the rest of the form is the candidate's own.
pub fn against_history(prefill: &Value, form: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    fn only_history(prefix: &str, h: &Value, f: Option<&Value>, out: &mut Vec<Change>) {
        match h {
            Value::Object(hm) => {
                for (k, hv) in hm {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    only_history(&path, hv, f.and_then(|f| f.get(k)), out);
                }
            }
            _ if h.is_null() => {}
            _ => {
                if f != Some(h) {
                    out.push(Change {
                        field: prefix.to_string(),
                        before: Some(h.clone()),
                        after: f.filter(|v| !v.is_null()).cloned(),
                    });
                }
            }
        }
    }
    only_history("", prefill, Some(form), &mut out);
    out
}

/// Whether a first submission is auto-confirmed: the session allows it, it is a health-tech registration of a
/// candidate returning from last year (the history carries the archive number over), nothing the history
/// states was changed, and verification found no warning and no block.
pub fn auto_confirms(
    enabled: bool,
    kind: ExamKind,
    prefill: Option<&Value>,
    form: &Value,
    severities: &[&str],
) -> bool {
    let Some(prefill) = prefill else { return false };
    enabled
        && kind == ExamKind::HealthTech
        && prefill
            .pointer("/exam/archive_number")
            .is_some_and(|a| !a.is_null())
        && against_history(prefill, form).is_empty()
        && !severities.iter().any(|s| matches!(*s, "warning" | "block"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn history() -> Value {
        json!({"education": {"level": "benke", "school": "郑州大学"}, "exam": {"archive_number": "A2026001", "specialty_code": "206", "level_code": "practitioner"}})
    }

    fn form() -> Value {
        json!({"identity": {"name": "王小明"}, "education": {"level": "benke", "school": "郑州大学", "major": "药学"},
               "exam": {"archive_number": "A2026001", "specialty_code": "206", "level_code": "practitioner", "subject_codes": ["basic"]}})
    }

    #[test]
    fn history_differences_cover_only_what_the_history_states() {
        assert!(
            against_history(&history(), &form()).is_empty(),
            "extra fields of the candidate are not changes"
        );
        let mut f = form();
        f["education"]["school"] = json!("河南大学");
        f["exam"].as_object_mut().unwrap().remove("archive_number");
        let c = against_history(&history(), &f);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0],
            Change {
                field: "education.school".into(),
                before: Some(json!("郑州大学")),
                after: Some(json!("河南大学"))
            }
        );
        assert_eq!(
            (c[1].field.as_str(), c[1].after.clone()),
            ("exam.archive_number", None)
        );
    }

    #[test]
    fn diffs_list_added_removed_and_changed_fields_with_null_as_missing() {
        let before = json!({"a": {"b": 1, "c": null}, "d": "x"});
        let after = json!({"a": {"b": 2}, "e": [1]});
        let c = diff(&before, &after);
        let fields: Vec<&str> = c.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["a.b", "d", "e"]);
        assert!(diff(&before, &before).is_empty());
    }

    #[test]
    fn only_unchanged_returning_health_tech_without_warnings_is_auto_confirmed() {
        let (h, f) = (history(), form());
        assert!(auto_confirms(
            true,
            ExamKind::HealthTech,
            Some(&h),
            &f,
            &["hint"]
        ));
        assert!(
            !auto_confirms(false, ExamKind::HealthTech, Some(&h), &f, &[]),
            "the session must allow it"
        );
        assert!(
            !auto_confirms(true, ExamKind::Nurse, Some(&h), &f, &[]),
            "health-tech only"
        );
        assert!(
            !auto_confirms(true, ExamKind::HealthTech, None, &f, &[]),
            "returning candidates only"
        );
        assert!(!auto_confirms(
            true,
            ExamKind::HealthTech,
            Some(&h),
            &f,
            &["warning"]
        ));
        assert!(!auto_confirms(
            true,
            ExamKind::HealthTech,
            Some(&h),
            &f,
            &["hint", "block"]
        ));
        let mut changed = f.clone();
        changed["education"]["level"] = json!("shuoshi");
        assert!(
            !auto_confirms(true, ExamKind::HealthTech, Some(&h), &changed, &[]),
            "changed details go to a reviewer"
        );
        let mut older = h.clone();
        older.as_object_mut().unwrap().remove("exam");
        assert!(
            !auto_confirms(true, ExamKind::HealthTech, Some(&older), &f, &[]),
            "no archive number carried over"
        );
    }
}
