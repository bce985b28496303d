//! grpcb: tests the app backends that receive Tencent Cloud IM callbacks.
//!
//! The layers, from the outside in (ARCHITECTURE.md tells what may import what): `app` runs
//! the process, `cli` parses the command line (the only module that knows clap), `commands`
//! orchestrate one subcommand each, `config` checks options, `engine` runs the modes
//! without printing, `render` turns their results into text, `transport` carries requests;
//! the callback contract itself is the `grpcb-contract` crate.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod engine;
pub mod error;
pub mod render;
pub mod transport;

pub use app::run;
