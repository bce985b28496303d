//! Integration tests: the real grpcb binary against real HTTP servers on 127.0.0.1.

mod support;

mod audit;
mod bench;
mod catalog;
mod commands;
mod curl;
mod demo;
mod hostile;
mod output;
mod payload;
mod properties;
mod replay;
mod request;
mod secrets;
mod seeds;
mod semantics;
mod serve;
mod serve_limits;
mod suites;
mod verdicts;
