//! Exam-session configuration rules (the exam region's calendar, domain.md §3 and §9): the review chain, the
//! windows of registration, review per level, payment and supplement, and the session's status.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

/// Review levels, lowest first. A chain is an ordered subset ending at the exam region.
pub const LEVELS: &[&str] = &["point", "site", "region"];

/// A window as configured: both ends or neither (`None` = not configured).
pub type Window = Option<(DateTime<Utc>, DateTime<Utc>)>;

/// Everything the schedule editor sets.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub review_chain: Vec<String>,
    pub registration: (DateTime<Utc>, DateTime<Utc>),
    /// the payment window of each payment stage (round), by stage code
    pub stages: Vec<(String, DateTime<Utc>, DateTime<Utc>)>,
    pub supplement: Window,
    /// one window per level of the chain
    pub review: BTreeMap<String, (DateTime<Utc>, DateTime<Utc>)>,
    pub status: String,
}

type Errors = BTreeMap<String, Vec<String>>;

fn push(errors: &mut Errors, field: &str, code: &str) {
    errors
        .entry(field.to_string())
        .or_default()
        .push(code.to_string());
}

/// Checks a review chain: not empty, known levels, lowest first, no repeats, ending at the exam region.
pub fn check_chain(chain: &[String]) -> Result<(), &'static str> {
    if chain.is_empty() {
        return Err("chain_empty");
    }
    let mut last: Option<usize> = None;
    for level in chain {
        let Some(pos) = LEVELS.iter().position(|l| l == level) else {
            return Err("level_unknown");
        };
        if last.is_some_and(|p| pos <= p) {
            return Err("chain_out_of_order");
        }
        last = Some(pos);
    }
    if chain.last().map(String::as_str) != Some("region") {
        return Err("chain_must_end_at_region");
    }
    Ok(())
}

/// Status changes the schedule editor allows: draft → published → closed, and back from published to draft
/// only while nobody has registered. Archiving is `weikao archive season`.
pub fn check_status(from: &str, to: &str, has_registrations: bool) -> Result<(), &'static str> {
    match (from, to) {
        (a, b) if a == b => Ok(()),
        ("draft", "published") | ("published", "closed") | ("closed", "published") => Ok(()),
        ("published", "draft") if !has_registrations => Ok(()),
        ("published", "draft") => Err("session_has_registrations"),
        ("archived", _) => Err("session_archived"),
        (_, "archived") => Err("archive_with_the_cli"),
        _ => Err("status_change_not_allowed"),
    }
}

/// Field errors of a schedule (empty when valid): every window opens before it closes, the review windows
/// match the chain, and neither review nor payment opens before registration does (`<field>`: code).
pub fn check_schedule(s: &Schedule) -> Errors {
    let mut errors = Errors::new();
    if let Err(code) = check_chain(&s.review_chain) {
        push(&mut errors, "review_chain", code);
    }
    if !["draft", "published", "closed", "archived"].contains(&s.status.as_str()) {
        push(&mut errors, "status", "status_unknown");
    }
    let (reg_open, reg_close) = s.registration;
    if reg_close <= reg_open {
        push(&mut errors, "registration_closes_at", "dates_out_of_order");
    }
    for (code, o, c) in &s.stages {
        if c <= o {
            push(&mut errors, &format!("stages.{code}"), "dates_out_of_order");
        }
        if *o < reg_open {
            push(
                &mut errors,
                &format!("stages.{code}"),
                "before_registration_opens",
            );
        }
    }
    if let Some((o, c)) = s.supplement {
        if c <= o {
            push(&mut errors, "supplement_closes_at", "dates_out_of_order");
        }
    }
    for level in &s.review_chain {
        match s.review.get(level) {
            None => push(
                &mut errors,
                &format!("review_windows.{level}"),
                "window_missing",
            ),
            Some((o, c)) => {
                if c <= o {
                    push(
                        &mut errors,
                        &format!("review_windows.{level}"),
                        "dates_out_of_order",
                    );
                }
                if *o < reg_open {
                    push(
                        &mut errors,
                        &format!("review_windows.{level}"),
                        "before_registration_opens",
                    );
                }
            }
        }
    }
    for level in s.review.keys() {
        if !s.review_chain.contains(level) {
            push(
                &mut errors,
                &format!("review_windows.{level}"),
                "level_not_in_chain",
            );
        }
    }
    errors
}

/// Levels a new chain drops that registrations still wait at (the change is refused while any do).
pub fn dropped_levels<'a>(old: &'a [String], new: &[String]) -> Vec<&'a str> {
    old.iter()
        .filter(|l| !new.contains(l))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, day, 0, 0, 0).unwrap()
    }

    fn chain(levels: &[&str]) -> Vec<String> {
        levels.iter().map(|s| s.to_string()).collect()
    }

    fn valid() -> Schedule {
        Schedule {
            review_chain: chain(&["site", "region"]),
            registration: (d(1), d(10)),
            stages: vec![("main".into(), d(12), d(20))],
            supplement: None,
            review: [
                ("site".to_string(), (d(1), d(12))),
                ("region".to_string(), (d(1), d(14))),
            ]
            .into(),
            status: "published".into(),
        }
    }

    #[test]
    fn chains_are_ordered_subsets_ending_at_the_region() {
        assert_eq!(check_chain(&chain(&["point", "site", "region"])), Ok(()));
        assert_eq!(check_chain(&chain(&["site", "region"])), Ok(()));
        assert_eq!(check_chain(&chain(&["region"])), Ok(()));
        assert_eq!(check_chain(&[]), Err("chain_empty"));
        assert_eq!(
            check_chain(&chain(&["site", "point", "region"])),
            Err("chain_out_of_order")
        );
        assert_eq!(
            check_chain(&chain(&["site", "site", "region"])),
            Err("chain_out_of_order")
        );
        assert_eq!(
            check_chain(&chain(&["point", "site"])),
            Err("chain_must_end_at_region")
        );
        assert_eq!(
            check_chain(&chain(&["county", "region"])),
            Err("level_unknown")
        );
    }

    #[test]
    fn a_valid_schedule_has_no_errors() {
        assert!(check_schedule(&valid()).is_empty());
    }

    #[test]
    fn windows_out_of_order_and_missing_are_named() {
        let mut s = valid();
        s.registration = (d(10), d(1));
        s.stages = vec![("main".into(), d(20), d(12))];
        s.supplement = Some((d(5), d(5)));
        s.review.remove("region");
        s.review.insert("point".into(), (d(2), d(3)));
        let e = check_schedule(&s);
        assert_eq!(e["registration_closes_at"], ["dates_out_of_order"]);
        assert_eq!(e["stages.main"], ["dates_out_of_order"]);
        assert_eq!(e["supplement_closes_at"], ["dates_out_of_order"]);
        assert_eq!(e["review_windows.region"], ["window_missing"]);
        assert_eq!(e["review_windows.point"], ["level_not_in_chain"]);
    }

    #[test]
    fn nothing_opens_before_registration() {
        let mut s = valid();
        s.stages = vec![("main".into(), d(1) - chrono::Duration::days(1), d(20))];
        s.review
            .insert("site".into(), (d(1) - chrono::Duration::days(1), d(12)));
        let e = check_schedule(&s);
        assert_eq!(e["stages.main"], ["before_registration_opens"]);
        assert_eq!(e["review_windows.site"], ["before_registration_opens"]);
    }

    #[test]
    fn status_moves_forward_and_back_only_where_safe() {
        assert_eq!(check_status("draft", "published", false), Ok(()));
        assert_eq!(check_status("published", "closed", true), Ok(()));
        assert_eq!(check_status("closed", "published", true), Ok(()));
        assert_eq!(check_status("published", "draft", false), Ok(()));
        assert_eq!(
            check_status("published", "draft", true),
            Err("session_has_registrations")
        );
        assert_eq!(
            check_status("closed", "archived", true),
            Err("archive_with_the_cli")
        );
        assert_eq!(
            check_status("archived", "published", true),
            Err("session_archived")
        );
        assert_eq!(
            check_status("draft", "closed", false),
            Err("status_change_not_allowed")
        );
        assert_eq!(check_status("closed", "closed", true), Ok(()));
    }

    #[test]
    fn dropped_levels_are_those_not_in_the_new_chain() {
        let old = chain(&["point", "site", "region"]);
        assert_eq!(dropped_levels(&old, &chain(&["site", "region"])), ["point"]);
        assert!(dropped_levels(&old, &old).is_empty());
    }
}
