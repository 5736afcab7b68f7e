//! Spot checks of lower levels' decisions (审核结果核验): the exam region samples approvals made at a lower
//! level and confirms or overturns each with a reason. An overturned approval puts the registration in the
//! exam region's hands: wherever it waits in review (or finally approved and unpaid), it now waits at the last
//! level of the chain, where the region returns or rejects it through a normal decision.

/// Largest sample one spot check draws.
pub const MAX_SAMPLE: i64 = 500;

/// The levels whose approvals can be spot-checked: every level of the chain but the last (the region's own).
pub fn checkable_levels(chain: &[String]) -> Vec<&str> {
    match chain.split_last() {
        Some((_, lower)) => lower.iter().map(String::as_str).collect(),
        None => vec![],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Confirm,
    Overturn,
}

impl Verdict {
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Confirm => "confirmed",
            Verdict::Overturn => "overturned",
        }
    }
}

/// What overturning an approval does to the registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// it now waits at the region (`to_status`, `to_level`)
    ToRegion {
        to_status: &'static str,
        to_level: String,
    },
    /// it already waits at the region: nothing to move
    AlreadyAtRegion,
    /// left as it is, for this reason: `payment_in_progress`, `paid`, `returned` (the candidate is
    /// correcting it), `rejected`, `not_submitted`
    Untouched(&'static str),
}

impl Effect {
    pub fn code(&self) -> &'static str {
        match self {
            Effect::ToRegion { .. } => "moved_to_region",
            Effect::AlreadyAtRegion => "already_at_region",
            Effect::Untouched(_) => "recorded_only",
        }
    }
}

/// The effect of overturning an approval of a registration in `status` at `current_level`.
pub fn overturn_effect(
    chain: &[String],
    status: &str,
    current_level: Option<&str>,
    live_order: bool,
) -> Effect {
    let Some(last) = chain.last() else {
        return Effect::Untouched("not_submitted");
    };
    match status {
        "submitted" | "resubmitted" if current_level == Some(last.as_str()) => {
            Effect::AlreadyAtRegion
        }
        "submitted" => Effect::ToRegion {
            to_status: "submitted",
            to_level: last.clone(),
        },
        "resubmitted" => Effect::ToRegion {
            to_status: "resubmitted",
            to_level: last.clone(),
        },
        "approved" if live_order => Effect::Untouched("payment_in_progress"),
        "approved" => Effect::ToRegion {
            to_status: "submitted",
            to_level: last.clone(),
        },
        "paid" => Effect::Untouched("paid"),
        "returned" => Effect::Untouched("returned"),
        "rejected" => Effect::Untouched("rejected"),
        _ => Effect::Untouched("not_submitted"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(levels: &[&str]) -> Vec<String> {
        levels.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_regions_own_level_is_not_spot_checked() {
        assert_eq!(
            checkable_levels(&chain(&["point", "site", "region"])),
            ["point", "site"]
        );
        assert_eq!(checkable_levels(&chain(&["site", "region"])), ["site"]);
        assert!(checkable_levels(&chain(&["region"])).is_empty());
        assert!(checkable_levels(&[]).is_empty());
    }

    #[test]
    fn an_overturned_approval_moves_what_is_still_in_review_to_the_region() {
        let c = chain(&["point", "site", "region"]);
        assert_eq!(
            overturn_effect(&c, "submitted", Some("site"), false),
            Effect::ToRegion {
                to_status: "submitted",
                to_level: "region".into()
            }
        );
        assert_eq!(
            overturn_effect(&c, "resubmitted", Some("site"), false),
            Effect::ToRegion {
                to_status: "resubmitted",
                to_level: "region".into()
            }
        );
        assert_eq!(
            overturn_effect(&c, "submitted", Some("region"), false),
            Effect::AlreadyAtRegion
        );
        assert_eq!(
            overturn_effect(&c, "approved", None, false),
            Effect::ToRegion {
                to_status: "submitted",
                to_level: "region".into()
            }
        );
    }

    #[test]
    fn money_and_final_states_are_left_alone() {
        let c = chain(&["site", "region"]);
        assert_eq!(
            overturn_effect(&c, "approved", None, true),
            Effect::Untouched("payment_in_progress")
        );
        assert_eq!(
            overturn_effect(&c, "paid", None, false),
            Effect::Untouched("paid")
        );
        assert_eq!(
            overturn_effect(&c, "returned", None, false),
            Effect::Untouched("returned")
        );
        assert_eq!(
            overturn_effect(&c, "rejected", None, false),
            Effect::Untouched("rejected")
        );
        assert_eq!(
            overturn_effect(&c, "draft", None, false),
            Effect::Untouched("not_submitted")
        );
        assert_eq!(
            overturn_effect(&c, "paid", None, false).code(),
            "recorded_only"
        );
        assert_eq!(Verdict::Overturn.as_str(), "overturned");
    }
}
