//! Supplementary materials of nurse fresh graduates (材料补充填报, domain.md §2 and §3): after paying, a fresh
//! graduate uploads the diploma within the session's supplement window; the exam region re-checks it.
//!
//! ```text
//! paid → pending ─upload+submit→ submitted ─accept→ verified
//!                                          ─return→ returned ─upload+submit (before the deadline)→ submitted
//!                                          ─reject→ rejected
//! pending | returned ─deadline passes→ expired
//! ```

use chrono::{DateTime, Duration, Utc};

use super::materials::Facts;
use super::ExamKind;

/// The material kinds a supplement collects: the diploma that fresh graduates could not have at registration.
pub const SUPPLEMENT_KINDS: &[&str] = &["diploma"];

/// Whether a paid registration with these facts owes a supplement.
pub fn owes_supplement(facts: &Facts) -> bool {
    facts.exam == ExamKind::Nurse && facts.fresh_graduate
}

/// Where the session's supplement window stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// the session has no supplement window configured yet
    NotConfigured,
    NotOpen,
    Open,
    Closed,
}

pub fn window(
    opens: Option<DateTime<Utc>>,
    closes: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Window {
    match (opens, closes) {
        (Some(o), _) if now < o => Window::NotOpen,
        (Some(_), Some(c)) if now >= c => Window::Closed,
        (Some(_), Some(_)) => Window::Open,
        _ => Window::NotConfigured,
    }
}

/// Why a candidate's supplement action is refused (all 409 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    WindowNotOpen,
    WindowClosed,
    /// submitted, verified, rejected or expired: nothing to change
    NotEditable,
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::WindowNotOpen => "supplement_window_not_open",
            Refusal::WindowClosed => "supplement_window_closed",
            Refusal::NotEditable => "supplement_not_editable",
        }
    }
}

/// The candidate may upload or submit while the supplement is pending or returned and the window is open.
pub fn candidate_may_change(status: &str, w: Window) -> Result<(), Refusal> {
    if !matches!(status, "pending" | "returned") {
        return Err(Refusal::NotEditable);
    }
    match w {
        Window::Open => Ok(()),
        Window::NotOpen | Window::NotConfigured => Err(Refusal::WindowNotOpen),
        Window::Closed => Err(Refusal::WindowClosed),
    }
}

/// The kinds still missing before a submit.
pub fn missing_kinds(uploaded: &[String]) -> Vec<&'static str> {
    SUPPLEMENT_KINDS
        .iter()
        .copied()
        .filter(|k| !uploaded.iter().any(|u| u == k))
        .collect()
}

/// The exam region's decision on a submitted supplement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    Return,
    Reject,
}

impl Verdict {
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "accept" => Some(Verdict::Accept),
            "return" => Some(Verdict::Return),
            "reject" => Some(Verdict::Reject),
            _ => None,
        }
    }

    /// The supplement's status afterwards.
    pub fn to_status(&self) -> &'static str {
        match self {
            Verdict::Accept => "verified",
            Verdict::Return => "returned",
            Verdict::Reject => "rejected",
        }
    }

    /// Returning and rejecting need a reason the candidate reads.
    pub fn needs_reason(&self) -> bool {
        !matches!(self, Verdict::Accept)
    }

    /// The status of the supplement's materials afterwards.
    pub fn material_status(&self) -> &'static str {
        match self {
            Verdict::Accept => "accepted",
            Verdict::Return | Verdict::Reject => "rejected",
        }
    }
}

/// Only a submitted supplement can be decided (409 `supplement_not_submitted` otherwise).
pub fn may_decide(status: &str) -> bool {
    status == "submitted"
}

/// Whether a supplement still owed is due a reminder: pending or returned, the window open, the deadline
/// within `before`, and no reminder sent since it last became owed (`reminded_at` is cleared on return).
pub fn due_reminder(
    status: &str,
    closes: Option<DateTime<Utc>>,
    reminded_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    before: Duration,
) -> bool {
    matches!(status, "pending" | "returned")
        && reminded_at.is_none()
        && closes.is_some_and(|c| now < c && c - now <= before)
}

/// Whether a supplement still owed has run out of time.
pub fn expired(status: &str, closes: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    matches!(status, "pending" | "returned") && closes.is_some_and(|c| now >= c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, day, 0, 0, 0).unwrap()
    }

    fn facts(exam: ExamKind, fresh: bool) -> Facts {
        Facts {
            exam,
            specialty_code: None,
            fresh_graduate: fresh,
            manual_unit: false,
            front_line: false,
            physician_route: None,
        }
    }

    #[test]
    fn only_nurse_fresh_graduates_owe_a_supplement() {
        assert!(owes_supplement(&facts(ExamKind::Nurse, true)));
        assert!(!owes_supplement(&facts(ExamKind::Nurse, false)));
        assert!(!owes_supplement(&facts(ExamKind::HealthTech, true)));
    }

    #[test]
    fn the_window_is_half_open() {
        let (o, c) = (Some(t(10)), Some(t(20)));
        assert_eq!(window(o, c, t(9)), Window::NotOpen);
        assert_eq!(window(o, c, t(10)), Window::Open);
        assert_eq!(window(o, c, t(19)), Window::Open);
        assert_eq!(window(o, c, t(20)), Window::Closed);
        assert_eq!(window(None, c, t(15)), Window::NotConfigured);
        assert_eq!(window(o, None, t(15)), Window::NotConfigured);
    }

    #[test]
    fn candidates_change_owed_supplements_in_the_window_only() {
        assert_eq!(candidate_may_change("pending", Window::Open), Ok(()));
        assert_eq!(candidate_may_change("returned", Window::Open), Ok(()));
        assert_eq!(
            candidate_may_change("pending", Window::NotOpen),
            Err(Refusal::WindowNotOpen)
        );
        assert_eq!(
            candidate_may_change("pending", Window::NotConfigured),
            Err(Refusal::WindowNotOpen)
        );
        assert_eq!(
            candidate_may_change("returned", Window::Closed),
            Err(Refusal::WindowClosed)
        );
        for done in ["submitted", "verified", "rejected", "expired"] {
            assert_eq!(
                candidate_may_change(done, Window::Open),
                Err(Refusal::NotEditable),
                "{done}"
            );
        }
        assert_eq!(Refusal::WindowClosed.code(), "supplement_window_closed");
    }

    #[test]
    fn missing_kinds_are_the_supplement_kinds_not_uploaded() {
        assert_eq!(missing_kinds(&[]), vec!["diploma"]);
        assert!(missing_kinds(&["diploma".into()]).is_empty());
        assert_eq!(missing_kinds(&["photo".into()]), vec!["diploma"]);
    }

    #[test]
    fn verdicts_map_to_statuses_and_reasons() {
        assert_eq!(Verdict::parse("accept"), Some(Verdict::Accept));
        assert_eq!(Verdict::parse("approve"), None);
        assert_eq!(Verdict::Accept.to_status(), "verified");
        assert_eq!(Verdict::Return.to_status(), "returned");
        assert_eq!(Verdict::Reject.to_status(), "rejected");
        assert!(!Verdict::Accept.needs_reason());
        assert!(Verdict::Return.needs_reason() && Verdict::Reject.needs_reason());
        assert_eq!(Verdict::Return.material_status(), "rejected");
        assert!(may_decide("submitted"));
        assert!(!may_decide("pending") && !may_decide("verified"));
    }

    #[test]
    fn reminders_go_once_inside_the_lead_time() {
        let days3 = Duration::days(3);
        let c = Some(t(20));
        assert!(due_reminder("pending", c, None, t(18), days3));
        assert!(due_reminder("returned", c, None, t(17), days3));
        assert!(!due_reminder("pending", c, None, t(16), days3), "too early");
        assert!(
            !due_reminder("pending", c, Some(t(18)), t(19), days3),
            "already sent"
        );
        assert!(!due_reminder("submitted", c, None, t(18), days3));
        assert!(
            !due_reminder("pending", c, None, t(20), days3),
            "past the deadline"
        );
        assert!(!due_reminder("pending", None, None, t(18), days3));
    }

    #[test]
    fn owed_supplements_expire_at_the_deadline() {
        let c = Some(t(20));
        assert!(expired("pending", c, t(20)));
        assert!(expired("returned", c, t(21)));
        assert!(!expired("pending", c, t(19)));
        assert!(
            !expired("submitted", c, t(21)),
            "a submitted one waits for the region"
        );
        assert!(!expired("pending", None, t(21)));
    }
}
