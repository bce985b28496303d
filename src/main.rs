use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(grpcb::run(std::env::args_os()))
}
