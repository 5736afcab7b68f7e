//! Withdrawing a registration (撤销报名): the candidate may withdraw before final approval; a withdrawn
//! registration leaves every queue, and registering again for the same session while its registration window
//! is open turns it back into a draft (one registration per person and session, its history kept).

/// Statuses a candidate may withdraw from: anything before the final decision.
pub const WITHDRAWABLE: &[&str] = &["draft", "submitted", "resubmitted", "returned"];

pub fn may_withdraw(status: &str) -> bool {
    WITHDRAWABLE.contains(&status)
}

/// A withdrawal's optional reason: at most 200 characters after trimming (`None` when empty).
pub fn reason(text: Option<&str>) -> Result<Option<String>, &'static str> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > 200 => Err("reason_too_long"),
        Some(t) => Ok(Some(t.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withdrawal_is_possible_until_the_final_decision() {
        for s in ["draft", "submitted", "resubmitted", "returned"] {
            assert!(may_withdraw(s), "{s}");
        }
        for s in ["approved", "paid", "rejected", "withdrawn"] {
            assert!(!may_withdraw(s), "{s}");
        }
    }

    #[test]
    fn reasons_are_optional_and_short() {
        assert_eq!(reason(None), Ok(None));
        assert_eq!(reason(Some("  ")), Ok(None));
        assert_eq!(reason(Some(" 今年不考了 ")), Ok(Some("今年不考了".into())));
        assert_eq!(reason(Some(&"很".repeat(201))), Err("reason_too_long"));
    }
}
