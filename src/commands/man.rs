//! `grpcb man`: the man pages, generated from the same clap command that parses the flags.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::{ManArgs, man};
use crate::error::{BadValue, Result, Subject};
use std::path::Path;

pub fn run(args: &ManArgs) -> Result<ExitStatus> {
    if let Some(dir) = &args.dir {
        return write_all(dir);
    }
    let name = args.command.as_deref();
    let text = man::page(name).ok_or_else(|| {
        let names: Vec<String> = man::pages().into_iter().flatten().collect();
        BadValue::flag(
            "COMMAND",
            name.unwrap_or_default(),
            "is not a grpcb command",
        )
        .hint(format!("the commands are {}", names.join(", ")))
    })?;
    output::stdout(&text)?;
    Ok(ExitStatus::Pass)
}

/// Every page into `dir`, each file named as `man/` has it; their paths on stdout.
fn write_all(dir: &Path) -> Result<ExitStatus> {
    let cannot = |err: std::io::Error| {
        BadValue::new(
            Subject::file("--dir", dir),
            format!("cannot be written ({err})"),
        )
    };
    std::fs::create_dir_all(dir).map_err(cannot)?;
    let mut written = String::new();
    for page in man::pages() {
        let text = man::page(page.as_deref()).unwrap_or_default();
        let path = dir.join(man::file_name(page.as_deref()));
        std::fs::write(&path, text).map_err(cannot)?;
        written.push_str(&format!("{}\n", path.display()));
    }
    output::stdout(&written)?;
    Ok(ExitStatus::Pass)
}
