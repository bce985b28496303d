//! One module per subcommand: each turns its checked arguments into work and returns the
//! exit code.

pub mod audit;
pub mod bench;
pub mod completions;
pub mod demo;
pub mod example;
pub mod export;
pub mod fuzz;
pub mod list;
pub mod listen;
pub mod man;
pub mod replay;
pub mod run;
pub mod schema;
pub mod send;
pub mod serve;
pub mod sign;
