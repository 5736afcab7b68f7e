//! When the worker asks the payment center about an order it has not heard of: soon at first (most
//! candidates pay within a minute), then every five minutes until the order's expiry plus a grace period.

/// Seconds to wait before query number `attempt` (0-based): 5, 15, 30, 60, 120, 300, then every 300.
pub fn next_poll_delay(attempt: u32) -> i64 {
    const STEPS: [i64; 6] = [5, 15, 30, 60, 120, 300];
    STEPS.get(attempt as usize).copied().unwrap_or(300)
}

/// Adds up to ±10 % jitter from a random value in `0.0..1.0`, so many orders created together spread out.
pub fn with_jitter(delay_secs: i64, random: f64) -> i64 {
    let spread = (delay_secs as f64 * 0.1 * (random.clamp(0.0, 1.0) * 2.0 - 1.0)).round() as i64;
    (delay_secs + spread).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_backs_off_then_stays_at_five_minutes() {
        let d: Vec<i64> = (0..9).map(next_poll_delay).collect();
        assert_eq!(d, vec![5, 15, 30, 60, 120, 300, 300, 300, 300]);
    }

    #[test]
    fn jitter_stays_within_ten_percent_and_positive() {
        assert_eq!(with_jitter(300, 0.5), 300);
        assert_eq!(with_jitter(300, 0.0), 270);
        assert_eq!(with_jitter(300, 1.0), 330);
        assert_eq!(with_jitter(5, 0.0), 4);
        assert_eq!(with_jitter(1, 0.0), 1);
    }
}
