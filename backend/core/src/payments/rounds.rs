//! Which payment round a registration may pay next (domain.md §2.2): health-tech and nurse have one round;
//! the physician exam has three — skills, written (first sitting), second sitting — where round 2 needs this
//! year's skills pass (or a skills exemption) and round 3 a failed first sitting at a level the year's policy
//! admits to the second sitting. Results come from imported result lists (the history library).

use crate::registration::ExamKind;

/// What the result lists say about the candidate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundFacts {
    /// this year's skills result, when imported
    pub skills_passed: Option<bool>,
    /// skills passed last year and the written exam not: exempt from this year's skills exam
    pub skills_exempt: bool,
    /// this year's first-sitting written result, when imported
    pub written_passed: Option<bool>,
    /// the registered level is admitted to the second sitting this year
    pub second_sitting_level: bool,
}

/// The stage code to pay next, from the session's stages in order and the stages already paid.
/// Errors: `already_paid` (nothing left to pay), `round_not_eligible` (the results do not admit the next round).
pub fn next_round(
    kind: ExamKind,
    stages: &[String],
    paid: &[String],
    f: &RoundFacts,
) -> Result<String, &'static str> {
    let unpaid = |i: usize| stages.get(i).is_some_and(|s| !paid.contains(s));
    if kind != ExamKind::Physician || stages.len() < 3 {
        return stages
            .iter()
            .find(|s| !paid.contains(s))
            .cloned()
            .ok_or("already_paid");
    }
    // an exempt candidate does not sit the skills exam: the first round to pay is the written one
    let first = if f.skills_exempt && unpaid(0) { 1 } else { 0 };
    let Some(i) = (first..stages.len()).find(|&i| unpaid(i)) else {
        return Err("already_paid");
    };
    let ok = match i {
        0 => true,
        1 => f.skills_passed == Some(true) || f.skills_exempt,
        _ => f.written_passed == Some(false) && f.second_sitting_level,
    };
    if ok {
        Ok(stages[i].clone())
    } else {
        Err("round_not_eligible")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages() -> Vec<String> {
        ["skills", "written", "second_sitting"]
            .map(String::from)
            .to_vec()
    }
    fn paid(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_round_exams_pay_once() {
        let s = vec!["main".to_string()];
        assert_eq!(
            next_round(ExamKind::HealthTech, &s, &[], &RoundFacts::default()),
            Ok("main".into())
        );
        assert_eq!(
            next_round(
                ExamKind::Nurse,
                &s,
                &paid(&["main"]),
                &RoundFacts::default()
            ),
            Err("already_paid")
        );
    }

    #[test]
    fn physicians_pay_skills_then_written_after_passing_skills() {
        let none = RoundFacts::default();
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &[], &none),
            Ok("skills".into())
        );
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &paid(&["skills"]), &none),
            Err("round_not_eligible")
        );
        let passed = RoundFacts {
            skills_passed: Some(true),
            ..Default::default()
        };
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &paid(&["skills"]), &passed),
            Ok("written".into())
        );
        let failed = RoundFacts {
            skills_passed: Some(false),
            ..Default::default()
        };
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &paid(&["skills"]), &failed),
            Err("round_not_eligible")
        );
    }

    #[test]
    fn exempt_candidates_start_at_the_written_round() {
        let exempt = RoundFacts {
            skills_exempt: true,
            ..Default::default()
        };
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &[], &exempt),
            Ok("written".into())
        );
    }

    #[test]
    fn the_second_sitting_needs_a_failed_first_sitting_at_an_admitted_level() {
        let p = paid(&["skills", "written"]);
        let f = |written, level| RoundFacts {
            skills_passed: Some(true),
            written_passed: written,
            second_sitting_level: level,
            ..Default::default()
        };
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &p, &f(Some(false), true)),
            Ok("second_sitting".into())
        );
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &p, &f(Some(false), false)),
            Err("round_not_eligible")
        );
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &p, &f(Some(true), true)),
            Err("round_not_eligible")
        );
        assert_eq!(
            next_round(ExamKind::Physician, &stages(), &p, &f(None, true)),
            Err("round_not_eligible")
        );
        assert_eq!(
            next_round(
                ExamKind::Physician,
                &stages(),
                &paid(&["skills", "written", "second_sitting"]),
                &f(Some(false), true)
            ),
            Err("already_paid")
        );
    }
}
