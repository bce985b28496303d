//! fuzz's own options (`CALLBACK...`, `--cases`, `--duration`, `--seed`, `--jobs`, `--out`)
//! as given, and checked: which callbacks, how many cases of each, for how long, from which
//! seed, and where failures are written.

use crate::config::payload::unknown_callback;
use crate::config::{duration_flag, random_seed};
use crate::error::{Result, Subject};
use grpcb_contract::catalog::{self, CALLBACKS, Callback};
use std::path::PathBuf;
use std::time::Duration;

/// Cases per callback when neither `--cases` nor `--duration` is given.
pub const DEFAULT_CASES: u64 = 100;
/// The most cases per callback: what `--duration` alone allows.
pub const MAX_CASES: u64 = 1_000_000;
/// Where failures are written unless `--out` says otherwise.
pub const DEFAULT_OUT: &str = "fuzz-failures";

/// fuzz's options as given, before checking.
#[derive(Clone, Debug, Default)]
pub struct FuzzOptions {
    pub callbacks: Vec<String>,
    pub cases: Option<u64>,
    pub duration: Option<String>,
    pub seed: Option<u64>,
    pub jobs: usize,
    pub out: PathBuf,
    pub strict: bool,
}

/// Checked fuzz options.
#[derive(Clone, Debug)]
pub struct FuzzConfig {
    /// In the order named (every callback, in the catalog's order, when none is).
    pub callbacks: Vec<&'static Callback>,
    pub cases: u64,
    pub duration: Option<Duration>,
    pub seed: u64,
    pub jobs: usize,
    pub out: PathBuf,
    /// A warning fails a case as an error does.
    pub strict: bool,
}

impl FuzzOptions {
    /// Checks every option; the first bad one is an input error naming what to fix.
    pub fn validate(self) -> Result<FuzzConfig> {
        let mut callbacks: Vec<&'static Callback> = Vec::new();
        for name in &self.callbacks {
            let callback = catalog::find(name)
                .map_err(|err| unknown_callback(err, Subject::flag("CALLBACK"), ""))?;
            if !callbacks
                .iter()
                .any(|known| known.command == callback.command)
            {
                callbacks.push(callback);
            }
        }
        if callbacks.is_empty() {
            callbacks = CALLBACKS.iter().collect();
        }
        let duration = self
            .duration
            .map(|text| duration_flag("--duration", &text))
            .transpose()?;
        let cases = match (self.cases, duration) {
            (Some(cases), _) => cases,
            (None, Some(_)) => MAX_CASES,
            (None, None) => DEFAULT_CASES,
        };
        Ok(FuzzConfig {
            callbacks,
            cases,
            duration,
            seed: self.seed.unwrap_or_else(random_seed),
            jobs: self.jobs.max(1),
            out: self.out,
            strict: self.strict,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_unless_named_and_a_bound_on_cases() {
        let all = FuzzOptions::default().validate().expect("valid");
        assert_eq!(all.callbacks.len(), CALLBACKS.len());
        assert_eq!(all.cases, DEFAULT_CASES);
        let named = FuzzOptions {
            callbacks: vec![
                "before-create".into(),
                "Group.CallbackBeforeCreateGroup".into(),
            ],
            duration: Some("1m".into()),
            seed: Some(7),
            ..FuzzOptions::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(named.callbacks.len(), 1, "named twice, fuzzed once");
        assert_eq!((named.cases, named.seed), (MAX_CASES, 7));
        assert!(
            FuzzOptions {
                callbacks: vec!["befor-create".into()],
                ..FuzzOptions::default()
            }
            .validate()
            .is_err()
        );
        assert!(
            FuzzOptions {
                duration: Some("30".into()),
                ..FuzzOptions::default()
            }
            .validate()
            .is_err()
        );
    }
}
