//! The one stop signal of every long command (run, bench, audit, serve, demo, replay): SIGINT
//! or SIGTERM ends the work early; the command prints what it did so far, says it was
//! stopped by a signal, and exits 130 (SIGINT) or 143 (SIGTERM), as a shell reports a
//! process a signal ended.

use crate::app::status::ExitStatus;
use crate::error::Result;
use serde::Serialize;
use strum::IntoStaticStr;
use tokio::sync::watch;

/// Which signal stopped a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "lowercase")]
pub enum Signal {
    /// SIGINT (Ctrl-C).
    #[strum(serialize = "SIGINT")]
    Interrupt,
    /// SIGTERM.
    #[strum(serialize = "SIGTERM")]
    Terminate,
}

impl Signal {
    /// 128 + the signal number, the status a shell gives a process the signal ended.
    pub fn status(self) -> ExitStatus {
        match self {
            Signal::Interrupt => ExitStatus::Interrupted,
            Signal::Terminate => ExitStatus::Terminated,
        }
    }

    /// `SIGINT` or `SIGTERM`, for messages.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// A handle on the stop signal; cheap to clone, one per task that must stop.
#[derive(Clone, Debug)]
pub struct Stop {
    seen: watch::Receiver<Option<Signal>>,
}

impl Stop {
    /// Installs the SIGINT and SIGTERM handlers in the current tokio runtime. They are in
    /// place when this returns, so a signal right after (a test that kills the process as
    /// soon as it prints) is caught.
    pub fn install() -> Result<Stop> {
        let (tell, seen) = watch::channel(None);
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let mut interrupt = signal(SignalKind::interrupt()).map_err(anyhow::Error::from)?;
            let mut terminate = signal(SignalKind::terminate()).map_err(anyhow::Error::from)?;
            tokio::spawn(async move {
                let which = tokio::select! {
                    _ = interrupt.recv() => Signal::Interrupt,
                    _ = terminate.recv() => Signal::Terminate,
                };
                let _ = tell.send(Some(which));
            });
        }
        #[cfg(not(unix))]
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                let _ = tell.send(Some(Signal::Interrupt));
            }
        });
        Ok(Stop { seen })
    }

    /// A stop that never fires (for engines run without a terminal, e.g. in tests or demo's
    /// own requests).
    pub fn never() -> Stop {
        let (tell, seen) = watch::channel(None);
        // The sender lives as long as the process: dropping it would end `wait`.
        std::mem::forget(tell);
        Stop { seen }
    }

    /// The signal seen so far, if any.
    pub fn signal(&self) -> Option<Signal> {
        *self.seen.borrow()
    }

    /// Resolves when a signal arrives (at once if one already did).
    pub async fn wait(&mut self) -> Signal {
        loop {
            if let Some(signal) = *self.seen.borrow_and_update() {
                return signal;
            }
            if self.seen.changed().await.is_err() {
                // The handler task is gone (the runtime is shutting down): never stop.
                std::future::pending::<()>().await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_128_plus_the_signal_number() {
        assert_eq!(Signal::Interrupt.status().code(), 128 + 2);
        assert_eq!(Signal::Terminate.status().code(), 128 + 15);
    }

    #[tokio::test]
    async fn a_never_stop_has_no_signal() {
        let mut stop = Stop::never();
        assert_eq!(stop.signal(), None);
        let waited = tokio::time::timeout(std::time::Duration::from_millis(20), stop.wait()).await;
        assert!(waited.is_err());
    }
}
