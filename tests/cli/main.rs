//! Integration tests: the real grpcb binary against real HTTP servers on 127.0.0.1.

mod support;

mod commands;
mod hostile;
mod output;
mod payload;
mod request;
mod secrets;
mod suites;
mod verdicts;
