//! One check: a callback body sent to a receiver and its answer judged. `send`, suites and the
//! other commands that talk to a receiver all go through here.

use crate::catalog::Callback;
use crate::client::{self, DEFAULT_BODY_CAP, Request};
use crate::config::RequestConfig;
use crate::output::Redactor;
use crate::report::Report;
use crate::verdict::{self, Expectations};
use serde_json::Value;

/// Sends `body` as `callback` with `config`, judges the answer against `expect`, reports.
pub async fn check(
    http: &reqwest::Client,
    config: &RequestConfig,
    callback: &'static Callback,
    body: Value,
    expect: &Expectations,
) -> Report {
    let request = client::prepare(config, callback, body);
    check_request(http, config, callback, &request, expect).await
}

/// Sends a request already built (a replay's, with its recorded query and bytes) and judges
/// the answer as `check` does.
pub async fn check_request(
    http: &reqwest::Client,
    config: &RequestConfig,
    callback: &'static Callback,
    request: &Request,
    expect: &Expectations,
) -> Report {
    let exchange = client::send(http, request, config.timeout, DEFAULT_BODY_CAP).await;
    let verdict = verdict::judge(callback, &request.body, &exchange, expect);
    let redactor = Redactor::new(config.token.as_ref());
    Report::new(
        callback,
        request,
        exchange.as_ref().ok(),
        verdict,
        &redactor,
    )
}
