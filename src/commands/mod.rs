//! One module per subcommand: each turns its checked arguments into work and returns the
//! exit code.

pub mod completions;
pub mod example;
pub mod list;
pub mod run;
pub mod send;
pub mod sign;
