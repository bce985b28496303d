//! One check: a callback body sent to a receiver and its answer judged. `send`, suites and the
//! other commands that talk to a receiver all go through here.

use crate::catalog::Callback;
use crate::client::{self, DEFAULT_BODY_CAP};
use crate::config::RequestConfig;
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
    let exchange = client::send(http, &request, config.timeout, DEFAULT_BODY_CAP).await;
    let verdict = verdict::judge(callback, &request.body, &exchange, expect);
    Report::new(callback, &request, exchange.as_ref().ok(), verdict)
}
