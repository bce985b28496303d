//! How the process ends: the exit statuses of the command-line contract (`docs/cli.md`,
//! "Exit codes"). Scripts depend on these numbers; `code` is the only place they are written.

use grpcb_contract::verdict::Outcome;

/// What a command's exit code says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: every check passed (warnings allowed unless `--strict`); also help, version and a
    /// closed stdout.
    Pass,
    /// 1: an answer arrived and broke the contract, or an expectation or threshold failed.
    Broken,
    /// 2: a usage mistake: an unknown flag, a missing argument or value, conflicting flags.
    Usage,
    /// 3: no HTTP answer at all (refused, DNS, TLS, timeout).
    NoAnswer,
    /// 4: a value grpcb cannot use (a flag's, a fixture's, a suite's), whoever finds it.
    BadInput,
    /// 5: grpcb's own failure (a runtime that would not start, I/O on its own side).
    Internal,
    /// 130 = 128 + 2: stopped by SIGINT (Ctrl-C).
    Interrupted,
    /// 143 = 128 + 15: stopped by SIGTERM.
    Terminated,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Pass => 0,
            ExitStatus::Broken => 1,
            ExitStatus::Usage => 2,
            ExitStatus::NoAnswer => 3,
            ExitStatus::BadInput => 4,
            ExitStatus::Internal => 5,
            ExitStatus::Interrupted => 130,
            ExitStatus::Terminated => 143,
        }
    }
}

impl From<Outcome> for ExitStatus {
    /// The status of one judged exchange (or of a run, by its outcome).
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Pass => ExitStatus::Pass,
            Outcome::Fail => ExitStatus::Broken,
            Outcome::Error => ExitStatus::NoAnswer,
        }
    }
}
