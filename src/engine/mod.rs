//! The modes, without printing: one checked exchange, suite runs, audit, bench, serve, demo
//! and replay. Each returns data (reports, summaries, events) for `render` to show.

pub mod audit;
pub mod bench;
pub mod check;
pub mod demo;
pub mod export;
pub mod fuzz;
pub mod listen;
pub mod replay;
pub mod report;
pub mod serve;
pub mod suite;
