//! The review state machine (domain.md §3): a submitted registration waits at one level of its session's
//! chain; that level approves (to the next level, or final approval at the last), returns it for correction
//! (it comes back to the same level when resubmitted) or rejects it (final).

pub mod changes;
pub mod correction;
pub mod spot_check;

/// What a reviewer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Return,
    Reject,
}

impl Decision {
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "approve" => Some(Decision::Approve),
            "return" => Some(Decision::Return),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Return => "return",
            Decision::Reject => "reject",
        }
    }
}

/// A reviewer's reason as typed: trimmed, 4–500 characters; `required` makes an empty one an error.
/// Errors are the codes `reason_required` and `reason_length`.
pub fn reason_text(text: Option<&str>, required: bool) -> Result<Option<String>, &'static str> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None if required => Err("reason_required"),
        None => Ok(None),
        Some(t) if !(4..=500).contains(&t.chars().count()) => Err("reason_length"),
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// Statuses in which a registration waits for a review decision.
pub const PENDING_STATUSES: &[&str] = &["submitted", "resubmitted"];

/// The outcome of a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub to_status: &'static str,
    /// the level the registration waits at afterwards (`None` once final)
    pub to_level: Option<String>,
    /// true for final approval and rejection
    pub final_decision: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionError {
    /// not waiting for review (draft, returned, decided)
    NotPending,
    /// waiting at another level than the reviewer's
    NotYourLevel,
    /// returns and rejections need at least one reason code
    ReasonRequired,
    /// the registration's level is not in its session's chain (configuration changed)
    LevelNotInChain,
}

impl DecisionError {
    pub fn code(&self) -> &'static str {
        match self {
            DecisionError::NotPending => "registration_not_pending",
            DecisionError::NotYourLevel => "not_at_your_level",
            DecisionError::ReasonRequired => "reason_required",
            DecisionError::LevelNotInChain => "level_not_in_chain",
        }
    }
}

/// Applies a decision by a reviewer of `reviewer_level` to a registration in `status` at `current_level`.
pub fn decide(
    chain: &[String],
    status: &str,
    current_level: Option<&str>,
    reviewer_level: &str,
    decision: Decision,
    reason_count: usize,
) -> Result<Transition, DecisionError> {
    if !PENDING_STATUSES.contains(&status) {
        return Err(DecisionError::NotPending);
    }
    let level = current_level.ok_or(DecisionError::NotPending)?;
    if level != reviewer_level {
        return Err(DecisionError::NotYourLevel);
    }
    let pos = chain
        .iter()
        .position(|l| l == level)
        .ok_or(DecisionError::LevelNotInChain)?;
    match decision {
        Decision::Approve => Ok(match chain.get(pos + 1) {
            Some(next) => Transition {
                to_status: "submitted",
                to_level: Some(next.clone()),
                final_decision: false,
            },
            None => Transition {
                to_status: "approved",
                to_level: None,
                final_decision: true,
            },
        }),
        Decision::Return if reason_count == 0 => Err(DecisionError::ReasonRequired),
        Decision::Return => Ok(Transition {
            to_status: "returned",
            to_level: Some(level.to_string()),
            final_decision: false,
        }),
        Decision::Reject if reason_count == 0 => Err(DecisionError::ReasonRequired),
        Decision::Reject => Ok(Transition {
            to_status: "rejected",
            to_level: None,
            final_decision: true,
        }),
    }
}

/// Whether a reviewer of `reviewer_level` takes over a registration waiting at `current_level` because that
/// level's deadline has passed: overdue work surfaces to every level above it in the chain (domain.md §3).
/// The taker decides as if the registration waited at their own level.
pub fn takes_over(
    chain: &[String],
    current_level: Option<&str>,
    reviewer_level: &str,
    current_overdue: bool,
) -> bool {
    let pos = |l: &str| chain.iter().position(|c| c == l);
    match (current_level.and_then(pos), pos(reviewer_level)) {
        (Some(cur), Some(me)) => current_overdue && me > cur,
        _ => false,
    }
}

/// Reopening a finally approved registration (exam region, before payment): it waits again at the last level
/// of the chain. Only `approved` registrations reopen; payment state is checked by the caller.
pub fn reopen(chain: &[String], status: &str) -> Result<Transition, DecisionError> {
    if status != "approved" {
        return Err(DecisionError::NotPending);
    }
    let last = chain.last().ok_or(DecisionError::LevelNotInChain)?;
    Ok(Transition {
        to_status: "submitted",
        to_level: Some(last.clone()),
        final_decision: false,
    })
}

/// The touched keys (`section.field`, or `section` for a whole section) that a return did not open for
/// correction. An empty `returned` list opens the whole form (a return without field detail).
pub fn outside_returned(returned: &[String], touched: &[String]) -> Vec<String> {
    if returned.is_empty() {
        return vec![];
    }
    touched
        .iter()
        .filter(|key| {
            let section = key.split('.').next().unwrap_or(key);
            !returned.iter().any(|r| r == *key || r == section)
        })
        .cloned()
        .collect()
}

/// The returned material kinds that have no file uploaded after the return: a resubmission must
/// replace each material the reviewer sent back. `current` holds (kind, uploaded at) of the current files.
pub fn unreplaced_materials<T: PartialOrd>(
    returned: &[String],
    returned_at: &T,
    current: &[(String, T)],
) -> Vec<String> {
    returned
        .iter()
        .filter(|kind| !current.iter().any(|(k, at)| k == *kind && at > returned_at))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returned_materials_must_be_replaced_after_the_return() {
        let returned = chain(&["photo", "diploma"]);
        let current = vec![("photo".to_string(), 5), ("diploma".to_string(), 2)];
        assert_eq!(
            unreplaced_materials(&returned, &3, &current),
            chain(&["diploma"]),
            "the diploma is the one sent back, uploaded before the return"
        );
        assert!(unreplaced_materials(&returned, &1, &current).is_empty());
        assert_eq!(
            unreplaced_materials(&returned, &3, &[]),
            chain(&["photo", "diploma"]),
            "withdrawn and not uploaded again"
        );
        assert!(
            unreplaced_materials(&[], &9, &current).is_empty(),
            "a return without materials asks for none"
        );
        assert_eq!(
            unreplaced_materials(&chain(&["photo"]), &5, &current),
            chain(&["photo"]),
            "uploaded at the very moment of the return is not after it"
        );
    }

    #[test]
    fn reasons_are_trimmed_and_bounded() {
        assert_eq!(reason_text(None, false), Ok(None));
        assert_eq!(reason_text(Some("   "), true), Err("reason_required"));
        assert_eq!(reason_text(Some(" 不清晰 "), true), Err("reason_length"));
        assert_eq!(
            reason_text(Some(" 照片不清晰 "), true),
            Ok(Some("照片不清晰".into()))
        );
        assert_eq!(
            reason_text(Some(&"很".repeat(501)), false),
            Err("reason_length")
        );
    }

    fn chain(levels: &[&str]) -> Vec<String> {
        levels.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn approvals_walk_the_chain_to_final_approval() {
        let c = chain(&["point", "site", "region"]);
        let t = decide(
            &c,
            "submitted",
            Some("point"),
            "point",
            Decision::Approve,
            0,
        )
        .unwrap();
        assert_eq!(
            (t.to_status, t.to_level.as_deref(), t.final_decision),
            ("submitted", Some("site"), false)
        );
        let t = decide(
            &c,
            "submitted",
            Some("region"),
            "region",
            Decision::Approve,
            0,
        )
        .unwrap();
        assert_eq!(
            (t.to_status, t.to_level, t.final_decision),
            ("approved", None, true)
        );
        let nurse = chain(&["site", "region"]);
        let t = decide(
            &nurse,
            "resubmitted",
            Some("site"),
            "site",
            Decision::Approve,
            0,
        )
        .unwrap();
        assert_eq!(t.to_level.as_deref(), Some("region"));
    }

    #[test]
    fn returns_stay_at_the_level_and_rejections_are_final() {
        let c = chain(&["point", "site", "region"]);
        let t = decide(&c, "submitted", Some("site"), "site", Decision::Return, 1).unwrap();
        assert_eq!(
            (t.to_status, t.to_level.as_deref()),
            ("returned", Some("site"))
        );
        let t = decide(&c, "submitted", Some("site"), "site", Decision::Reject, 2).unwrap();
        assert_eq!((t.to_status, t.final_decision), ("rejected", true));
    }

    #[test]
    fn only_returned_fields_may_change() {
        let returned = chain(&["education.school", "work"]);
        assert!(outside_returned(
            &returned,
            &chain(&["education.school", "work.title", "work"])
        )
        .is_empty());
        assert_eq!(
            outside_returned(&returned, &chain(&["education.major", "identity.address"])),
            chain(&["education.major", "identity.address"])
        );
        assert_eq!(
            outside_returned(&returned, &chain(&["education"])),
            chain(&["education"]),
            "a whole section needs the section returned"
        );
        assert!(
            outside_returned(&[], &chain(&["identity.address"])).is_empty(),
            "no detail: the whole form is open"
        );
    }

    #[test]
    fn refusals_have_codes() {
        let c = chain(&["point", "site", "region"]);
        assert_eq!(
            decide(&c, "draft", None, "point", Decision::Approve, 0),
            Err(DecisionError::NotPending)
        );
        assert_eq!(
            decide(&c, "approved", None, "region", Decision::Approve, 0),
            Err(DecisionError::NotPending)
        );
        assert_eq!(
            decide(&c, "returned", Some("site"), "site", Decision::Approve, 0),
            Err(DecisionError::NotPending)
        );
        assert_eq!(
            decide(&c, "submitted", Some("point"), "site", Decision::Approve, 0),
            Err(DecisionError::NotYourLevel)
        );
        assert_eq!(
            decide(&c, "submitted", Some("site"), "site", Decision::Return, 0),
            Err(DecisionError::ReasonRequired)
        );
        assert_eq!(
            decide(&c, "submitted", Some("site"), "site", Decision::Reject, 0),
            Err(DecisionError::ReasonRequired)
        );
        assert_eq!(
            decide(
                &chain(&["site", "region"]),
                "submitted",
                Some("point"),
                "point",
                Decision::Approve,
                0
            ),
            Err(DecisionError::LevelNotInChain)
        );
        assert_eq!(DecisionError::NotYourLevel.code(), "not_at_your_level");
        assert_eq!(Decision::parse("approve"), Some(Decision::Approve));
        assert_eq!(Decision::parse("maybe"), None);
    }

    #[test]
    fn overdue_work_surfaces_to_the_levels_above() {
        let chain = chain(&["point", "site", "region"]);
        assert!(takes_over(&chain, Some("point"), "site", true));
        assert!(takes_over(&chain, Some("point"), "region", true));
        assert!(
            !takes_over(&chain, Some("point"), "site", false),
            "not before the deadline"
        );
        assert!(
            !takes_over(&chain, Some("site"), "point", true),
            "never downwards"
        );
        assert!(
            !takes_over(&chain, Some("site"), "site", true),
            "the own level is not a take-over"
        );
        assert!(!takes_over(&chain, None, "region", true));
        let two: Vec<String> = vec!["site".into(), "region".into()];
        assert!(
            !takes_over(&two, Some("point"), "region", true),
            "a level outside the chain"
        );
    }

    #[test]
    fn only_final_approvals_reopen_and_they_wait_at_the_last_level() {
        let chain = chain(&["point", "site", "region"]);
        let t = reopen(&chain, "approved").unwrap();
        assert_eq!(
            (t.to_status, t.to_level.as_deref(), t.final_decision),
            ("submitted", Some("region"), false)
        );
        for s in ["submitted", "returned", "rejected", "paid", "draft"] {
            assert_eq!(reopen(&chain, s), Err(DecisionError::NotPending), "{s}");
        }
        assert_eq!(reopen(&[], "approved"), Err(DecisionError::LevelNotInChain));
    }
}
