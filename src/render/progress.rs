//! Progress on stderr, through indicatif, for a person watching: run's bar of cases and
//! bench's live counts. Hidden unless stderr is a terminal (and the command is not quiet).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar of `cases` cases, when a person watches a long run.
pub fn cases(cases: usize, shown: bool) -> ProgressBar {
    if !shown || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(cases).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} cases, {elapsed} {msg}") {
        bar.set_style(style);
    }
    bar
}

/// A line of live counts (its text set with `set_message`), when a person watches.
pub fn counts(shown: bool) -> Option<ProgressBar> {
    if !shown || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg}") {
        bar.set_style(style);
    }
    Some(bar)
}
