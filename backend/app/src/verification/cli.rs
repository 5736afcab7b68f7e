//! `weikao verify`: re-verify every open registration, or time a random sample.

use std::process::ExitCode;
use std::time::Instant;

use weikao_store::findings;

use crate::http::state::AppState;

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("weikao: {msg}");
    ExitCode::FAILURE
}

/// Latency percentile (nearest rank) of sorted milliseconds.
pub fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted_ms.len() as f64).ceil() as usize;
    sorted_ms[rank.clamp(1, sorted_ms.len()) - 1]
}

pub fn run(st: &AppState, open: bool, sample: Option<usize>) -> ExitCode {
    if !open && sample.is_none() {
        return fail("say what to verify: --open and/or --sample N");
    }
    let mut conn = match st.pool.get() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let now = st.clock.now();
    let today = crate::clock::local_date(now);
    if open {
        let started = Instant::now();
        let (mut after, mut done, mut changed) = (None, 0usize, 0usize);
        loop {
            let ids = match findings::open_ids(&mut conn, after, super::PAGE, false) {
                Ok(ids) => ids,
                Err(e) => return fail(e),
            };
            let Some(last) = ids.last().copied() else {
                break;
            };
            match super::verify_registrations(&mut conn, &ids, today, now) {
                Ok(n) => changed += n,
                Err(e) => return fail(e),
            }
            done += ids.len();
            after = Some(last);
            eprint!("\rverified {done} registrations");
        }
        eprintln!();
        let secs = started.elapsed().as_secs_f64();
        println!(
            "verified {done} open registrations in {secs:.1} s ({:.0}/s), findings changed for {changed}",
            done as f64 / secs.max(0.001)
        );
    }
    if let Some(n) = sample {
        let ids = match findings::open_ids(&mut conn, None, n as i64, true) {
            Ok(ids) => ids,
            Err(e) => return fail(e),
        };
        let mut ms = Vec::with_capacity(ids.len());
        for id in &ids {
            let t = Instant::now();
            if let Err(e) = super::verify_registrations(&mut conn, &[*id], today, now) {
                return fail(e);
            }
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(|a, b| a.total_cmp(b));
        println!(
            "p50 {:.1} ms · p99 {:.1} ms · max {:.1} ms ({} registrations)",
            percentile(&ms, 50.0),
            percentile(&ms, 99.0),
            ms.last().copied().unwrap_or(0.0),
            ms.len()
        );
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&[7.0], 99.0), 7.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }
}
