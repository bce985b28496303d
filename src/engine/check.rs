//! One check: a callback body sent to a receiver and its answer judged. `send`, suites and the
//! other commands that talk to a receiver all go through here, over the transport their
//! command chose.

use crate::config::RequestConfig;
use crate::engine::report::Report;
use crate::transport::{self, Transport};
use grpcb_contract::catalog::Callback;
use grpcb_contract::exchange::{Exchange, Request};
use grpcb_contract::verdict::{self, Expectations, Verdict};
use serde_json::Value;

/// Sends `body` as `callback` with `config`, judges the answer against `expect`, reports.
pub async fn check(
    transport: &mut impl Transport,
    config: &RequestConfig,
    callback: &'static Callback,
    body: Value,
    expect: &Expectations,
) -> Report {
    check_sent_as(transport, config, callback, body, None, expect).await
}

/// The same, with the body sent as exactly these `bytes` when given (a rewriting of `body`
/// that keeps its meaning: audit's transformations); `body` is what they mean, for the
/// judge and the report.
pub async fn check_sent_as(
    transport: &mut impl Transport,
    config: &RequestConfig,
    callback: &'static Callback,
    body: Value,
    bytes: Option<Vec<u8>>,
    expect: &Expectations,
) -> Report {
    let mut request = transport::prepare(config, callback, body);
    if let Some(bytes) = bytes {
        request.bytes = bytes;
    }
    let (exchange, verdict) = exchange(transport, config, callback, &request, expect).await;
    Report::from_request(callback, request, exchange.as_ref().ok(), verdict)
}

/// Sends a request already built (a replay's, with its recorded query and bytes) and judges
/// the answer as `check` does.
pub async fn check_request(
    transport: &mut impl Transport,
    config: &RequestConfig,
    callback: &'static Callback,
    request: &Request,
    expect: &Expectations,
) -> Report {
    let (exchange, verdict) = exchange(transport, config, callback, request, expect).await;
    Report::new(callback, request, exchange.as_ref().ok(), verdict)
}

/// Sends the request and judges the answer.
async fn exchange(
    transport: &mut impl Transport,
    config: &RequestConfig,
    callback: &'static Callback,
    request: &Request,
    expect: &Expectations,
) -> (Exchange, Verdict) {
    let exchange = transport.send(request.into(), config.timeout).await;
    let verdict = verdict::judge(callback, &request.body, &exchange, expect);
    (exchange, verdict)
}
