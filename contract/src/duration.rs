//! Durations as a person reads them; the one place that formats them.

use std::time::Duration;

/// `1.7 ms`, `2.00 s`: the unit a person reads at a glance (findings, reports, summaries).
pub fn human(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// A latency in milliseconds (as reports store it) as [`human`] writes it.
pub fn human_ms(ms: f64) -> String {
    human(Duration::from_secs_f64(ms.max(0.0) / 1000.0))
}

/// `0.912 ms`, `12.35 ms`, `123.4 ms`, `2.05 s`: about three significant digits, for the
/// latency percentiles of a load run.
pub fn precise(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.3} ms")
    } else if ms < 100.0 {
        format!("{ms:.2} ms")
    } else if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// `500 µs`, `20 ms`, `2 s`: a round value on a chart's axis, in its largest whole unit
/// (`1.5 ms` where it is not whole).
pub fn tick(duration: Duration) -> String {
    let us = duration.as_secs_f64() * 1e6;
    let (value, unit) = if us < 1000.0 {
        (us, "µs")
    } else if us < 1e6 {
        (us / 1000.0, "ms")
    } else {
        (us / 1e6, "s")
    };
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {unit}")
    } else {
        format!("{rounded:.1} {unit}")
    }
}

/// `10 s`, `1.50 s`: how long a run lasts or was asked to.
pub fn span(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds.fract() == 0.0 {
        format!("{seconds:.0} s")
    } else {
        format!("{seconds:.2} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(human(Duration::from_micros(1_700)), "1.7 ms");
        assert_eq!(human(Duration::from_secs(2)), "2.00 s");
        assert_eq!(human_ms(1.7), "1.7 ms");
        assert_eq!(precise(Duration::from_micros(912)), "0.912 ms");
        assert_eq!(precise(Duration::from_micros(12_345)), "12.35 ms");
        assert_eq!(precise(Duration::from_millis(2_050)), "2.05 s");
        assert_eq!(tick(Duration::from_micros(500)), "500 µs");
        assert_eq!(tick(Duration::from_millis(20)), "20 ms");
        assert_eq!(tick(Duration::from_micros(1_500)), "1.5 ms");
        assert_eq!(tick(Duration::from_secs(2)), "2 s");
        assert_eq!(span(Duration::from_secs(10)), "10 s");
        assert_eq!(span(Duration::from_millis(1_500)), "1.50 s");
    }
}
