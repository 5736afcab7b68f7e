//! Fee quotes from the fee table (domain.md §2, §8). Amounts are integer fen
//! (1 元 = 100 fen) with checked arithmetic; the amount is always computed
//! here from the table, never taken from the client.

use serde::{Deserialize, Serialize};

/// How a fee rule charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeUnit {
    /// Once per subject taken (health-tech, nurse).
    PerSubject,
    /// Once per stage registration, whatever the subjects (physician rounds).
    PerStage,
}

/// One row of a session's fee table. `None` for the level or specialty means
/// "any"; the most specific matching rule wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeRule {
    /// Stage (registration round) the rule applies to, e.g. `"main"`, `"skills"`, `"written"`.
    pub stage_code: String,
    /// Level the rule is restricted to, or any level.
    #[serde(default)]
    pub level_code: Option<String>,
    /// Specialty the rule is restricted to, or any specialty.
    #[serde(default)]
    pub specialty_code: Option<String>,
    /// Exam format: `"computer"` | `"paper"`.
    pub exam_format: String,
    /// Per subject or per stage.
    pub unit: FeeUnit,
    /// Amount in fen (must not be negative).
    pub amount_fen: i64,
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeLine {
    /// Translation key of the line: `"fee_per_subject"` or `"fee_per_stage"`.
    pub description_key: String,
    /// Number of units charged.
    pub quantity: i64,
    /// Price of one unit in fen.
    pub unit_fen: i64,
    /// `quantity × unit_fen`.
    pub total_fen: i64,
}

/// The amount to pay, with its breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeQuote {
    /// Sum of the lines in fen.
    pub total_fen: i64,
    /// Breakdown.
    pub lines: Vec<FeeLine>,
}

/// Why no quote could be made. [`FeeError::code`] gives the stable API code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    /// No rule matches the stage, format, level and specialty.
    #[error("no fee rule matches")]
    NoRule,
    /// Two or more equally specific rules match.
    #[error("several equally specific fee rules match")]
    Ambiguous,
    /// The amount does not fit in an i64 of fen.
    #[error("the fee amount overflows")]
    Overflow,
    /// A per-subject fee with no subjects chosen.
    #[error("nothing to charge")]
    NothingToCharge,
    /// The matching rule has a negative amount (a configuration error).
    #[error("the fee rule has a negative amount")]
    NegativeAmount,
}

impl FeeError {
    /// Stable snake_case error code.
    pub fn code(&self) -> &'static str {
        match self {
            FeeError::NoRule => "fee_no_rule",
            FeeError::Ambiguous => "fee_ambiguous",
            FeeError::Overflow => "fee_overflow",
            FeeError::NothingToCharge => "fee_nothing_to_charge",
            FeeError::NegativeAmount => "fee_negative_amount",
        }
    }
}

/// Specificity of a rule for the request, or `None` when it does not match:
/// specialty (2) outranks level (1), which outranks session-wide (0); a rule
/// naming both scores 3.
fn specificity(
    rule: &FeeRule,
    stage: &str,
    level: &str,
    specialty: &str,
    format: &str,
) -> Option<u8> {
    if rule.stage_code != stage || rule.exam_format != format {
        return None;
    }
    let mut score = 0;
    match &rule.level_code {
        Some(l) if l != level => return None,
        Some(_) => score += 1,
        None => {}
    }
    match &rule.specialty_code {
        Some(s) if s != specialty => return None,
        Some(_) => score += 2,
        None => {}
    }
    Some(score)
}

/// Quotes the fee for a registration: picks the most specific rule matching
/// the stage and format (specialty > level > session-wide; a tie between the
/// most specific ones is [`FeeError::Ambiguous`]), then charges it once per
/// subject (`subjects == 0` → [`FeeError::NothingToCharge`]) or once per stage
/// (`subjects` ignored).
pub fn quote(
    rules: &[FeeRule],
    stage_code: &str,
    level_code: &str,
    specialty_code: &str,
    exam_format: &str,
    subjects: usize,
) -> Result<FeeQuote, FeeError> {
    let scored: Vec<(u8, &FeeRule)> = rules
        .iter()
        .filter_map(|r| {
            specificity(r, stage_code, level_code, specialty_code, exam_format).map(|s| (s, r))
        })
        .collect();
    let best = scored
        .iter()
        .map(|(s, _)| *s)
        .max()
        .ok_or(FeeError::NoRule)?;
    let mut top = scored.iter().filter(|(s, _)| *s == best).map(|(_, r)| *r);
    let rule = top.next().ok_or(FeeError::NoRule)?;
    if top.next().is_some() {
        return Err(FeeError::Ambiguous);
    }
    if rule.amount_fen < 0 {
        return Err(FeeError::NegativeAmount);
    }
    let (key, quantity) = match rule.unit {
        FeeUnit::PerSubject => {
            if subjects == 0 {
                return Err(FeeError::NothingToCharge);
            }
            let n = i64::try_from(subjects).map_err(|_| FeeError::Overflow)?;
            ("fee_per_subject", n)
        }
        FeeUnit::PerStage => ("fee_per_stage", 1),
    };
    let total = rule
        .amount_fen
        .checked_mul(quantity)
        .ok_or(FeeError::Overflow)?;
    Ok(FeeQuote {
        total_fen: total,
        lines: vec![FeeLine {
            description_key: key.to_owned(),
            quantity,
            unit_fen: rule.amount_fen,
            total_fen: total,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(level: Option<&str>, specialty: Option<&str>, format: &str, amount: i64) -> FeeRule {
        FeeRule {
            stage_code: "main".into(),
            level_code: level.map(Into::into),
            specialty_code: specialty.map(Into::into),
            exam_format: format.into(),
            unit: FeeUnit::PerSubject,
            amount_fen: amount,
        }
    }

    #[test]
    fn per_subject_times_count_by_format() {
        let rules = [
            rule(None, None, "computer", 7000),
            rule(None, None, "paper", 6500),
        ];
        let q = quote(&rules, "main", "zhongji", "301", "computer", 3).unwrap();
        assert_eq!(q.total_fen, 21000);
        assert_eq!(
            q.lines,
            vec![FeeLine {
                description_key: "fee_per_subject".into(),
                quantity: 3,
                unit_fen: 7000,
                total_fen: 21000
            }]
        );
        assert_eq!(
            quote(&rules, "main", "zhongji", "301", "paper", 2)
                .unwrap()
                .total_fen,
            13000
        );
    }

    #[test]
    fn most_specific_rule_wins() {
        let rules = [
            rule(None, None, "computer", 7000),
            rule(Some("zhongji"), None, "computer", 8000),
            rule(None, Some("301"), "computer", 9000),
            rule(Some("zhongji"), Some("302"), "computer", 9500),
        ];
        let unit = |level: &str, spec: &str| {
            quote(&rules, "main", level, spec, "computer", 1)
                .unwrap()
                .total_fen
        };
        assert_eq!(unit("shi", "203"), 7000); // session-wide
        assert_eq!(unit("zhongji", "368"), 8000); // level beats session-wide
        assert_eq!(unit("zhongji", "301"), 9000); // specialty beats level
        assert_eq!(unit("shi", "301"), 9000);
        assert_eq!(unit("zhongji", "302"), 9500); // level + specialty beats all
        assert_eq!(unit("shi", "302"), 7000); // level mismatch: that rule does not apply
    }

    #[test]
    fn no_rule_for_other_stage_or_format() {
        let rules = [rule(None, None, "computer", 7000)];
        assert_eq!(
            quote(&rules, "main", "shi", "203", "paper", 1),
            Err(FeeError::NoRule)
        );
        assert_eq!(
            quote(&rules, "skills", "shi", "203", "computer", 1),
            Err(FeeError::NoRule)
        );
        assert_eq!(
            quote(&[], "main", "shi", "203", "computer", 1),
            Err(FeeError::NoRule)
        );
        assert_eq!(FeeError::NoRule.code(), "fee_no_rule");
    }

    #[test]
    fn equally_specific_rules_are_ambiguous() {
        let rules = [
            rule(Some("zhongji"), None, "computer", 8000),
            rule(Some("zhongji"), None, "computer", 8100),
            rule(None, None, "computer", 7000),
        ];
        let err = quote(&rules, "main", "zhongji", "301", "computer", 1).unwrap_err();
        assert_eq!(err, FeeError::Ambiguous);
        assert_eq!(err.code(), "fee_ambiguous");
        // A less specific tie does not matter when a more specific rule exists.
        let rules = [
            rule(None, None, "computer", 7000),
            rule(None, None, "computer", 7100),
            rule(None, Some("301"), "computer", 9000),
        ];
        assert_eq!(
            quote(&rules, "main", "zhongji", "301", "computer", 1)
                .unwrap()
                .total_fen,
            9000
        );
        assert_eq!(
            quote(&rules, "main", "zhongji", "302", "computer", 1),
            Err(FeeError::Ambiguous)
        );
    }

    #[test]
    fn overflow_is_an_error() {
        let rules = [rule(None, None, "computer", i64::MAX / 2 + 1)];
        let err = quote(&rules, "main", "shi", "203", "computer", 2).unwrap_err();
        assert_eq!(err, FeeError::Overflow);
        assert_eq!(err.code(), "fee_overflow");
        assert!(quote(&rules, "main", "shi", "203", "computer", 1).is_ok());
    }

    #[test]
    fn zero_subjects_is_nothing_to_charge() {
        let rules = [rule(None, None, "computer", 7000)];
        let err = quote(&rules, "main", "shi", "203", "computer", 0).unwrap_err();
        assert_eq!(err, FeeError::NothingToCharge);
        assert_eq!(err.code(), "fee_nothing_to_charge");
    }

    #[test]
    fn per_stage_charges_once() {
        let mut r = rule(Some("zhiye"), None, "computer", 30000);
        r.stage_code = "skills".into();
        r.unit = FeeUnit::PerStage;
        let q = quote(&[r.clone()], "skills", "zhiye", "", "computer", 0).unwrap();
        assert_eq!(q.total_fen, 30000);
        assert_eq!(q.lines[0].description_key, "fee_per_stage");
        assert_eq!(q.lines[0].quantity, 1);
        assert_eq!(
            quote(&[r], "skills", "zhiye", "", "computer", 5)
                .unwrap()
                .total_fen,
            30000
        );
    }

    #[test]
    fn negative_amount_and_free_rule() {
        let err = quote(
            &[rule(None, None, "paper", -1)],
            "main",
            "shi",
            "203",
            "paper",
            1,
        )
        .unwrap_err();
        assert_eq!(err.code(), "fee_negative_amount");
        let q = quote(
            &[rule(None, None, "paper", 0)],
            "main",
            "shi",
            "203",
            "paper",
            2,
        )
        .unwrap();
        assert_eq!(q.total_fen, 0);
    }
}
