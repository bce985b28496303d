//! bench's load options (`-c`, `-n`, `--duration`, `--rate`, `--seed`, `--max-p99`,
//! `--max-error-rate`) as given, and checked: how many connections, when a run ends, at what
//! rate, and the thresholds CI fails on.

use crate::config::duration_flag;
use crate::error::{BadValue, Result, Subject};
use std::time::Duration;

/// Connections when `-c` is not given.
pub const DEFAULT_CONCURRENCY: usize = 16;
/// More connections than this is a mistake on one machine (and file descriptors run out).
pub const MAX_CONCURRENCY: usize = 10_000;
/// How long a run lasts when neither `-n` nor `--duration` is given.
pub const DEFAULT_DURATION: Duration = Duration::from_secs(10);
/// The most `--rate` accepts, in requests per second.
pub const MAX_RATE: f64 = 1_000_000.0;

/// Load options as given, before checking.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub concurrency: Option<usize>,
    pub requests: Option<u64>,
    pub duration: Option<String>,
    pub rate: Option<f64>,
    pub seed: Option<u64>,
    pub max_p99: Option<String>,
    pub max_error_rate: Option<String>,
}

/// When a run ends (besides SIGINT and SIGTERM).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Until {
    /// After this many requests, or `MAX_RUN`, whichever comes first.
    Requests(u64),
    Duration(Duration),
}

/// CI thresholds: breaking one exits 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Thresholds {
    pub max_p99: Option<Duration>,
    /// Percent of requests that may error or fail: 0 unless `--max-error-rate` is given.
    pub max_error_rate: f64,
}

/// Checked load options.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Load {
    pub concurrency: usize,
    pub until: Until,
    /// Open loop: requests per second.
    pub rate: Option<f64>,
    pub seed: u64,
    pub thresholds: Thresholds,
}

impl LoadOptions {
    /// Checks every option; the first bad one is an input error naming the flag.
    pub fn validate(self) -> Result<Load> {
        let concurrency = self.concurrency.unwrap_or(DEFAULT_CONCURRENCY);
        if !(1..=MAX_CONCURRENCY).contains(&concurrency) {
            return Err(BadValue::flag(
                "-c/--concurrency",
                &concurrency.to_string(),
                format!("give 1 to {MAX_CONCURRENCY} connections"),
            )
            .into());
        }
        let until = match (self.requests, self.duration) {
            (Some(_), Some(_)) => {
                return Err(BadValue::new(
                    Subject::flag("-n/--requests and --duration"),
                    "both end a run",
                )
                .hint("give one of them")
                .into());
            }
            (Some(0), None) => {
                return Err(BadValue::flag("-n/--requests", "0", "send at least 1").into());
            }
            (Some(requests), None) => Until::Requests(requests),
            (None, Some(text)) => Until::Duration(duration_flag("--duration", &text)?),
            (None, None) => Until::Duration(DEFAULT_DURATION),
        };
        if let Some(rate) = self.rate
            && !(rate.is_finite() && rate > 0.0 && rate <= MAX_RATE)
        {
            return Err(BadValue::flag(
                "--rate",
                &rate.to_string(),
                format!("give requests per second, more than 0 and at most {MAX_RATE}"),
            )
            .into());
        }
        let max_p99 = self
            .max_p99
            .map(|text| duration_flag("--max-p99", &text))
            .transpose()?;
        // No rate given is a rate of 0: a load run whose answers break the contract must not
        // pass a CI gate by default; `--max-error-rate 1` tolerates some.
        let max_error_rate = self
            .max_error_rate
            .map(|text| percent(&text))
            .transpose()?
            .unwrap_or(0.0);
        Ok(Load {
            concurrency,
            until,
            rate: self.rate,
            seed: self.seed.unwrap_or_else(super::random_seed),
            thresholds: Thresholds {
                max_p99,
                max_error_rate,
            },
        })
    }
}

/// `1`, `0.5`, `2%`: a share of requests in percent.
fn percent(text: &str) -> Result<f64> {
    let number = text.trim().trim_end_matches('%').trim();
    match number.parse::<f64>() {
        Ok(value) if (0.0..=100.0).contains(&value) => Ok(value),
        _ => Err(BadValue::flag(
            "--max-error-rate",
            text,
            "is not a percentage from 0 to 100",
        )
        .hint("e.g. 1 or 0.5%")
        .into()),
    }
}
