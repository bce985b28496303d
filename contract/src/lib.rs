//! The Tencent Cloud IM callback contract, as data and pure functions.
//!
//! IM POSTs a JSON callback such as `Group.CallbackBeforeCreateGroup` to an app's backend,
//! with `SdkAppid`, `CallbackCommand`, `contenttype=json`, `ClientIP`, `OptPlatform` (and
//! `Sign`, `RequestTime` when callback authentication is on) in the query. The backend answers
//! HTTP 200 with `ActionStatus`, `ErrorCode` and `ErrorInfo` within 2 seconds, and for a
//! before-callback that answer decides what IM does. This crate knows all of that
//! (`docs/protocol.md` in the repository is the reference it follows):
//!
//! - [`catalog`]: all 57 callbacks: names, family, kind, query shape, sample body, every
//!   field as data (type, presence, documented values), typed fields, what its answer can do;
//! - [`payload`]: a body from the sample (or a fixture), typed fields, `set` and `unset`;
//! - [`query`] and [`sign`]: the query IM appends, and `Sign` with a [`sign::Token`] that
//!   never gives its text out;
//! - [`exchange`]: a request, its answer, or why none came, as plain data;
//! - [`verdict`]: an answer judged: findings with stable codes, what IM would do, pass or fail;
//! - [`inspect`]: what a careful receiver checks in a request before acting on it;
//! - [`answer`]: the answers a correct receiver sends (an allow carries what each
//!   callback's answer needs: a `ResultItem` per target, `RspData`);
//! - [`generate`]: bodies IM could send, drawn from the catalog's model by a seed, and
//!   smaller valid bodies to shrink a failing one to.
//! - [`schema`]: JSON Schema of every body and answer, and an OpenAPI document of them, for
//!   receivers whose models are generated in another language.
//!
//! It does no I/O: a receiver's team can judge its own handler in an ordinary `#[test]`.
//!
//! ```
//! use grpcb_contract::exchange::Response;
//! use grpcb_contract::verdict::{self, Decision, Expectations, Outcome};
//! use grpcb_contract::{catalog, payload};
//!
//! // The body IM sends when someone creates a group named "banned word".
//! let callback = catalog::find("before-create").expect("in the catalog");
//! let spec = payload::Spec {
//!     sets: vec![payload::SetOp::parse("Name=banned word").expect("PATH=VALUE")],
//!     ..payload::Spec::default()
//! };
//! let body = payload::build(callback, None, &spec).expect("a body").body;
//! assert_eq!(body["Name"], "banned word");
//!
//! // The receiver refuses it; IM would reject the creation.
//! let answer = Response::new(200, r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#);
//! let verdict = verdict::judge(callback, &body, &Ok(answer), &Expectations::default());
//! assert_eq!(verdict.decision, Decision::Deny);
//! assert_eq!(verdict.outcome, Outcome::Pass);
//! ```

#![warn(missing_docs)]

pub mod answer;
pub mod catalog;
pub mod duration;
pub mod exchange;
pub mod generate;
pub mod inspect;
pub mod json;
pub mod payload;
pub mod query;
pub mod schema;
pub mod sign;
pub mod text;
pub mod verdict;
