// Test helpers unwrap what a test sets up itself; a failure there is a broken test.
#![allow(clippy::unwrap_used)]

//! Integration tests: the real grpcb binary against real HTTP servers on 127.0.0.1.

mod support;

mod audit;
mod bench;
mod catalog;
mod commands;
mod contract;
mod curl;
mod demo;
mod escaping;
mod export;
mod families;
mod fuzz;
mod golden;
mod hostile;
mod html;
mod listen;
mod man;
mod output;
mod parity;
mod payload;
mod properties;
mod replay;
mod request;
mod run_stop;
mod schema;
mod secrets;
mod seeds;
mod semantics;
mod serve;
mod serve_limits;
mod suites;
mod verdicts;
