//! `grpcb sign`: the RequestTime and Sign IM would add for a token.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::{FormatArg, SignArgs};
use crate::error::{BadValue, Result, Subject};
use grpcb_contract::sign;
use serde_json::json;

pub fn run(args: &SignArgs) -> Result<ExitStatus> {
    let token = args
        .token
        .as_deref()
        .filter(|token| !token.is_empty())
        .ok_or_else(|| {
            BadValue::new(Subject::flag("--token"), "the token is empty")
                .hint("pass --token T or set GRPCB_TOKEN")
        })?;
    let request_time = args.request_time.unwrap_or_else(sign::now_unix_seconds);
    let sign = sign::sign(token, request_time);
    let text = match args.format {
        FormatArg::Human => format!("RequestTime={request_time}\nSign={sign}\n"),
        FormatArg::Json => format!("{}\n", json!({ "RequestTime": request_time, "Sign": sign })),
    };
    output::stdout(&text)?;
    Ok(ExitStatus::Pass)
}
