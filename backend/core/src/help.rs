//! Help content as data: the candidates' help centre (per-exam guides and FAQ) and the reviewers' manual and
//! in-console tips, one JSON document per audience and language that the exam region edits. Pure: the shape
//! each audience's document must have, with every problem named by its path (`exams[0].topics[2].title`) and
//! a stable code. Text only: the apps render strings as text, never as markup.

use serde_json::{Map, Value};

/// Who reads a help document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// the H5 help centre
    Candidate,
    /// the console's reviewer manual and tips
    Reviewer,
}

impl Audience {
    pub fn parse(s: &str) -> Option<Audience> {
        match s {
            "candidate" => Some(Audience::Candidate),
            "reviewer" => Some(Audience::Reviewer),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Audience::Candidate => "candidate",
            Audience::Reviewer => "reviewer",
        }
    }
}

/// The languages help is kept in.
pub const LOCALES: [&str; 2] = ["zh-CN", "en-US"];

/// Topics every exam guide of the help centre must have.
pub const REQUIRED_TOPICS: [&str; 5] =
    ["register", "photo", "payment", "corrections", "supplements"];

/// The longest string a document may hold (a paragraph), in characters.
pub const MAX_TEXT: usize = 2_000;

/// A problem with a document: where (`exams[0].name`, empty for the document itself) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub code: &'static str,
}

struct Walker {
    problems: Vec<Problem>,
}

impl Walker {
    fn bad(&mut self, path: &str, code: &'static str) {
        self.problems.push(Problem {
            path: path.to_string(),
            code,
        });
    }

    /// An object with exactly `keys` (all required).
    fn object<'a>(
        &mut self,
        v: &'a Value,
        path: &str,
        keys: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        let Some(o) = v.as_object() else {
            self.bad(path, "not_an_object");
            return None;
        };
        for k in o.keys().filter(|k| !keys.contains(&k.as_str())) {
            self.bad(&join(path, k), "unknown_field");
        }
        for k in keys.iter().filter(|k| !o.contains_key(**k)) {
            self.bad(&join(path, k), "required");
        }
        Some(o)
    }

    /// A non-empty string of at most [`MAX_TEXT`] characters.
    fn text(&mut self, v: Option<&Value>, path: &str) -> Option<String> {
        match v {
            None => None, // reported by `object`
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.bad(path, "required");
                None
            }
            Some(Value::String(s)) if s.chars().count() > MAX_TEXT => {
                self.bad(path, "too_long");
                None
            }
            Some(Value::String(s)) if s.chars().any(|c| c.is_control() && c != '\n') => {
                self.bad(path, "invalid_characters");
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.bad(path, "not_a_string");
                None
            }
        }
    }

    /// A non-empty array; each item checked by `each`.
    fn list(
        &mut self,
        v: Option<&Value>,
        path: &str,
        mut each: impl FnMut(&mut Self, &Value, &str),
    ) {
        match v {
            None => {}
            Some(Value::Array(items)) if items.is_empty() => self.bad(path, "empty"),
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    each(self, item, &format!("{path}[{i}]"));
                }
            }
            Some(_) => self.bad(path, "not_an_array"),
        }
    }

    /// An `id`: lower-case letters, digits and `_`, unique among its siblings.
    fn id(&mut self, v: Option<&Value>, path: &str, seen: &mut Vec<String>) -> Option<String> {
        let id = self.text(v, path)?;
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
            || id.len() > 40
        {
            self.bad(path, "id_invalid");
            return None;
        }
        if seen.contains(&id) {
            self.bad(path, "duplicate_id");
            return None;
        }
        seen.push(id.clone());
        Some(id)
    }

    /// A block of the help centre: exactly one of `p` (a paragraph), `list` or `steps` (lists of strings).
    fn block(&mut self, v: &Value, path: &str) {
        let Some(o) = v.as_object() else {
            self.bad(path, "not_an_object");
            return;
        };
        if o.len() != 1 {
            self.bad(path, "block_kind");
            return;
        }
        let (kind, value) = o.iter().next().expect("one entry");
        let at = join(path, kind);
        match kind.as_str() {
            "p" => {
                self.text(Some(value), &at);
            }
            "list" | "steps" => self.list(Some(value), &at, |w, s, p| {
                w.text(Some(s), p);
            }),
            _ => self.bad(&at, "block_kind"),
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Every problem of an audience's document (empty: it may be published).
pub fn check(audience: Audience, doc: &Value) -> Vec<Problem> {
    let mut w = Walker { problems: vec![] };
    match audience {
        Audience::Candidate => {
            if let Some(o) = w.object(doc, "", &["notice", "exams", "faq"]) {
                w.text(o.get("notice"), "notice");
                let mut exam_ids = vec![];
                w.list(o.get("exams"), "exams", |w, exam, path| {
                    let Some(e) = w.object(exam, path, &["id", "name", "summary", "topics"]) else {
                        return;
                    };
                    w.id(e.get("id"), &join(path, "id"), &mut exam_ids);
                    w.text(e.get("name"), &join(path, "name"));
                    w.text(e.get("summary"), &join(path, "summary"));
                    let mut topic_ids = vec![];
                    let topics = join(path, "topics");
                    w.list(e.get("topics"), &topics, |w, topic, tp| {
                        let Some(t) = w.object(topic, tp, &["id", "title", "blocks"]) else {
                            return;
                        };
                        w.id(t.get("id"), &join(tp, "id"), &mut topic_ids);
                        w.text(t.get("title"), &join(tp, "title"));
                        w.list(t.get("blocks"), &join(tp, "blocks"), |w, b, bp| {
                            w.block(b, bp)
                        });
                    });
                    if e.get("topics").is_some_and(Value::is_array) {
                        for missing in REQUIRED_TOPICS
                            .iter()
                            .filter(|t| !topic_ids.iter().any(|id| id == *t))
                        {
                            w.bad(&format!("{topics}.{missing}"), "topic_missing");
                        }
                    }
                });
                w.list(o.get("faq"), "faq", |w, item, path| {
                    let Some(f) = w.object(item, path, &["q", "blocks"]) else {
                        return;
                    };
                    w.text(f.get("q"), &join(path, "q"));
                    w.list(f.get("blocks"), &join(path, "blocks"), |w, b, bp| {
                        w.block(b, bp)
                    });
                });
            }
        }
        Audience::Reviewer => {
            if let Some(o) = w.object(doc, "", &["manual", "tips"]) {
                let mut section_ids = vec![];
                w.list(o.get("manual"), "manual", |w, s, path| {
                    let Some(s) = w.object(s, path, &["id", "title", "paragraphs"]) else {
                        return;
                    };
                    w.id(s.get("id"), &join(path, "id"), &mut section_ids);
                    w.text(s.get("title"), &join(path, "title"));
                    w.list(
                        s.get("paragraphs"),
                        &join(path, "paragraphs"),
                        |w, p, pp| {
                            w.text(Some(p), pp);
                        },
                    );
                });
                let mut tip_ids = vec![];
                w.list(o.get("tips"), "tips", |w, t, path| {
                    let Some(t) = w.object(t, path, &["id", "screen", "text"]) else {
                        return;
                    };
                    w.id(t.get("id"), &join(path, "id"), &mut tip_ids);
                    w.id(t.get("screen"), &join(path, "screen"), &mut vec![]);
                    w.text(t.get("text"), &join(path, "text"));
                });
            }
        }
    }
    w.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn topics() -> Value {
        Value::Array(
            REQUIRED_TOPICS
                .iter()
                .map(|id| json!({"id": id, "title": "标题", "blocks": [{"p": "说明"}, {"steps": ["一", "二"]}]}))
                .collect(),
        )
    }

    fn candidate() -> Value {
        json!({
            "notice": "以当年公告为准",
            "exams": [{"id": "nurse", "name": "护士执业资格考试", "summary": "一年一次", "topics": topics()}],
            "faq": [{"q": "忘记密码？", "blocks": [{"list": ["找回密码"]}]}],
        })
    }

    fn codes(p: &[Problem]) -> Vec<(&str, &str)> {
        p.iter().map(|p| (p.path.as_str(), p.code)).collect()
    }

    #[test]
    fn a_complete_document_passes() {
        assert!(check(Audience::Candidate, &candidate()).is_empty());
        let reviewer = json!({
            "manual": [{"id": "login", "title": "登录", "paragraphs": ["用户名、密码和动态码。"]}],
            "tips": [{"id": "queue_keys", "screen": "queue", "text": "↑ / ↓ 选择"}],
        });
        assert!(check(Audience::Reviewer, &reviewer).is_empty());
    }

    #[test]
    fn every_problem_is_named_by_its_path() {
        let mut doc = candidate();
        doc["exams"][0]["topics"][0]["blocks"][0] = json!({"p": "a", "list": ["b"]});
        doc["exams"][0]["topics"][1]["title"] = json!("  ");
        doc["exams"][0]["topics"][4]["id"] = json!("payment");
        doc["exams"][0]["summary"] = json!("长".repeat(MAX_TEXT + 1));
        doc["faq"][0]["blocks"] = json!([]);
        doc["extra"] = json!(1);
        assert_eq!(
            codes(&check(Audience::Candidate, &doc)),
            vec![
                ("extra", "unknown_field"),
                ("exams[0].summary", "too_long"),
                ("exams[0].topics[0].blocks[0]", "block_kind"),
                ("exams[0].topics[1].title", "required"),
                ("exams[0].topics[4].id", "duplicate_id"),
                ("exams[0].topics.supplements", "topic_missing"),
                ("faq[0].blocks", "empty"),
            ]
        );
    }

    #[test]
    fn the_shape_is_the_audiences() {
        assert_eq!(
            codes(&check(Audience::Reviewer, &candidate())),
            vec![
                ("exams", "unknown_field"),
                ("faq", "unknown_field"),
                ("notice", "unknown_field"),
                ("manual", "required"),
                ("tips", "required"),
            ]
        );
        assert_eq!(
            codes(&check(Audience::Candidate, &json!([]))),
            vec![("", "not_an_object")]
        );
        let doc = json!({"manual": [{"id": "Bad Id", "title": 1, "paragraphs": "x"}], "tips": [{"id": "t", "screen": "queue", "text": "a\u{0007}"}]});
        assert_eq!(
            codes(&check(Audience::Reviewer, &doc)),
            vec![
                ("manual[0].id", "id_invalid"),
                ("manual[0].title", "not_a_string"),
                ("manual[0].paragraphs", "not_an_array"),
                ("tips[0].text", "invalid_characters"),
            ]
        );
    }
}
