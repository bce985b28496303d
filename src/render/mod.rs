//! Every rendering of every mode, for people (human text) and machines (JSON, JUnit). Render
//! functions return text; the one writer that does I/O besides the caller is JUnit's file.

pub mod audit;
pub mod bench;
pub mod curl;
pub mod demo;
pub mod export;
pub mod fuzz;
pub mod html;
pub mod junit;
pub mod list;
pub mod listen;
pub mod progress;
pub mod replay;
pub mod report;
pub mod run;
pub mod serve;
pub mod style;
