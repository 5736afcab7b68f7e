//! Help content as data (help centre for candidates, manual and tips for reviewers): the shipped documents are
//! the apps' own JSON files; the exam region edits them through the admin API (checked by the core `help`
//! rules, versioned, audited) and can go back to the shipped text.
pub mod api;

use std::sync::OnceLock;

use serde_json::Value;
use weikao_core::help::Audience;

/// The shipped document of an audience and language (the files the SPAs bundle as their fallback), parsed once.
pub fn shipped(audience: Audience, locale: &str) -> Value {
    static PARSED: [OnceLock<Value>; 4] = [const { OnceLock::new() }; 4];
    let slot = match (audience, locale) {
        (Audience::Candidate, "en-US") => 0,
        (Audience::Candidate, _) => 1,
        (Audience::Reviewer, "en-US") => 2,
        (Audience::Reviewer, _) => 3,
    };
    PARSED[slot].get_or_init(|| parse(audience, locale)).clone()
}

fn parse(audience: Audience, locale: &str) -> Value {
    let text = match (audience, locale) {
        (Audience::Candidate, "en-US") => {
            include_str!("../../../../frontend-candidate/src/content/help/en-US.json")
        }
        (Audience::Candidate, _) => {
            include_str!("../../../../frontend-candidate/src/content/help/zh-CN.json")
        }
        (Audience::Reviewer, "en-US") => {
            include_str!("../../../../frontend-review/src/content/help/en-US.json")
        }
        (Audience::Reviewer, _) => {
            include_str!("../../../../frontend-review/src/content/help/zh-CN.json")
        }
    };
    serde_json::from_str(text).expect("the shipped help documents are JSON (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use weikao_core::help::{check, LOCALES};

    #[test]
    fn the_shipped_documents_pass_the_rules_they_are_edited_under() {
        for audience in [Audience::Candidate, Audience::Reviewer] {
            for locale in LOCALES {
                let problems = check(audience, &shipped(audience, locale));
                assert!(problems.is_empty(), "{audience:?} {locale}: {problems:?}");
            }
        }
    }
}
