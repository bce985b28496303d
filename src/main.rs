use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(grpcb::app::run(std::env::args_os()))
}
