//! The one error type that reaches `main`, and the one place that maps outcomes to exit codes
//! (`spec/cli.md`, "Exit codes").

/// Exit codes of the command-line contract. Scripts depend on these numbers.
pub mod exit {
    /// Every check passed (warnings allowed unless `--strict`).
    pub const OK: u8 = 0;
    /// An answer arrived and broke the contract, or an expectation or threshold failed.
    pub const CONTRACT: u8 = 1;
    /// Usage error: clap could not parse the command line.
    pub const USAGE: u8 = 2;
    /// No HTTP answer at all: refused, DNS, TLS, timeout.
    pub const TRANSPORT: u8 = 3;
    /// Bad fixture, suite or parameter value.
    pub const INPUT: u8 = 4;
    /// grpcb's own failure (a runtime that would not start, I/O on its own files): a bug
    /// or a broken machine, not the receiver's fault nor the user's input.
    pub const INTERNAL: u8 = 5;
    /// Stopped by SIGINT (Ctrl-C): 128 + 2.
    pub const INTERRUPTED: u8 = 130;
    /// Stopped by SIGTERM: 128 + 15.
    pub const TERMINATED: u8 = 143;
}

/// What stops a command before (or instead of) producing a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user gave a value we cannot use. The message says what to do.
    #[error("{0}")]
    Input(String),
    /// A required option is missing where clap could not tell (it may come from a suite).
    #[error("{0}")]
    Usage(String),
    /// Writing to stdout failed because the reader went away (`grpcb ... | head`).
    #[error("broken pipe")]
    BrokenPipe,
    /// Anything else: I/O on our own side, a runtime that would not start.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl Error {
    pub fn input(message: impl Into<String>) -> Self {
        Error::Input(message.into())
    }

    /// The exit code for this error; the only mapping from errors to codes.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) => exit::INPUT,
            Error::Usage(_) => exit::USAGE,
            Error::BrokenPipe => exit::OK,
            // Our own I/O failing is closest to a broken input/environment.
            Error::Other(_) => exit::INPUT,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Other(err.into())
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
