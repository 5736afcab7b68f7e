//! Login throttling policy (pure): staff accounts lock after N consecutive failures; candidate accounts get
//! progressive delays instead of a hard lock, so a stranger who knows an ID number cannot lock a candidate
//! out before a deadline.

/// Seconds a candidate must wait after `failures` consecutive failures: none for the first `free`, then
/// 30 s doubling per further failure, capped at `max_secs`.
pub fn candidate_delay_secs(failures: i32, free: i32, max_secs: i64) -> i64 {
    if failures <= free {
        return 0;
    }
    let exp = (failures - free - 1).clamp(0, 20) as u32;
    (30i64 << exp).min(max_secs)
}

/// Fixed-window start (unix seconds) of a rate-limit window of `window_secs`.
pub fn window_start(unix_secs: i64, window_secs: i64) -> i64 {
    unix_secs - unix_secs.rem_euclid(window_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_after_the_free_attempts_and_cap() {
        assert_eq!(candidate_delay_secs(0, 3, 900), 0);
        assert_eq!(candidate_delay_secs(3, 3, 900), 0);
        assert_eq!(candidate_delay_secs(4, 3, 900), 30);
        assert_eq!(candidate_delay_secs(5, 3, 900), 60);
        assert_eq!(candidate_delay_secs(8, 3, 900), 480);
        assert_eq!(candidate_delay_secs(9, 3, 900), 900);
        assert_eq!(candidate_delay_secs(500, 3, 900), 900);
    }

    #[test]
    fn windows_align() {
        assert_eq!(window_start(125, 60), 120);
        assert_eq!(window_start(120, 60), 120);
    }
}
