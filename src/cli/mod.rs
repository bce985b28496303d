//! The command line, as clap types. Nothing else imports clap: each command's arguments are
//! turned here into the plain options of `config`, `payload`, `verdict` and `output`.

pub mod completions;
pub mod man;
pub mod parse;

use crate::app::output::{ColorChoice, Format, Verbosity};
use crate::config::RequestOptions;
use crate::config::fuzz::{FuzzOptions, MAX_CASES};
use crate::config::listen::{ListenOptions, OnFailure};
use crate::config::load::LoadOptions;
use crate::config::payload::{FixtureSource, PayloadSpec, flag_error};
use crate::config::serve::ServeOptions;
use crate::error::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use grpcb_contract::catalog::Field as Flag;
use grpcb_contract::payload::{SetOp, UnsetOp};
use grpcb_contract::verdict::{Expectations, Expected};
use std::path::PathBuf;

const ABOUT: &str = "Test the app backend that receives Tencent Cloud IM callbacks";

const LONG_ABOUT: &str = "\
Test the app backend that receives Tencent Cloud IM callbacks: all 57 commands (groups,
one-to-one messages, friends, state, profiles, follows, official accounts, bots, moderation,
alarms, push).

grpcb builds the callback IM would send (Group.CallbackBeforeCreateGroup, C2C.CallbackBeforeSendMsg,
...), POSTs it with the query parameters IM adds (and the Sign when you give the callback token),
then checks the answer: its schema, and what IM would do with it (create the group, refuse the
invitation, drop the message, let a friend request through, ...).";

const EXAMPLES: &str = "\
Examples:
  grpcb send before-create --url http://127.0.0.1:8080/im
  grpcb send before-invite --url $URL --member alice --member bob --expect-refused bob
  grpcb send before-create --url $URL --name 'banned word' --expect deny --format json
  grpcb example before-create > create.json && grpcb send --fixture create.json --url $URL
  grpcb list --family c2c
  grpcb schema --openapi -o im-callbacks.openapi.json
  grpcb demo
  grpcb serve --addr 127.0.0.1:8080 --rules fixtures/serve-rules.toml --record captured/
  grpcb replay captured/ --url $URL --token \"$IM_CALLBACK_TOKEN\"
  grpcb listen --forward-to http://127.0.0.1:9000/im --record live/
  grpcb run fixtures/suites/example.toml --url $URL --junit grpcb.xml
  grpcb audit --url $URL --sdkappid 1400123456 --token \"$IM_CALLBACK_TOKEN\"
  grpcb bench before-send --url $URL -c 32 --duration 30s --max-p99 200ms
  grpcb fuzz --url $URL --token \"$IM_CALLBACK_TOKEN\" --cases 200 --junit fuzz.xml

Exit codes: 0 pass, 1 contract or expectation broken, 2 usage mistake, 3 no answer, 4 a value
that cannot be used, 5 internal error, 130 and 143 stopped by SIGINT and SIGTERM.";

const SEND_EXAMPLES: &str = "\
Examples:
  grpcb send before-create --url http://127.0.0.1:8080/im
  grpcb send before-create --url $URL --token \"$IM_CALLBACK_TOKEN\" --platform iOS
  grpcb send before-invite --url $URL --member alice --member bob --expect allow --expect-refused bob
  grpcb send before-create --url $URL --set Name='Team A' --set MemberList.0.Member_Account=carol
  grpcb send c2c-before-send --url $URL --from jared --to Jonh --text spam --expect drop
  grpcb send sns-prev-friend-add --url $URL --member alice --member blocked --expect-refused blocked
  grpcb send state-change --url $URL --account u1 --platform iOS   # sent as OptPlatform=IOS
  grpcb example before-create | jq '.Name=\"x\"' | grpcb send --fixture - --url $URL
  grpcb send after-create --url $URL --format json | jq -r .verdict
  grpcb send before-create --url $URL --curl   # the same request as a curl command

Exit codes: 0 pass (warnings allowed unless --strict), 1 the answer broke the contract or an
expectation, 2 usage mistake, 3 no HTTP answer (refused, DNS, TLS, timeout), 4 a value that
cannot be used (nothing is sent), 5 internal error.";

const AUDIT_PROSE: &str = "\
Probes (in order): baseline, wrong-sdkappid, missing-sdkappid, missing-sign, wrong-sign,
stale-time, future-time, command-mismatch, unknown-command, coverage, message-elements,
unknown-fields, doc-variants, large-body, transformations, unicode, duplicate-delivery,
latency. The signature probes need --token; transformations needs --suite.

Statuses: pass, fail, warn, inconclusive (the evidence cannot decide, e.g. the receiver
refuses the correct request too: never a pass), skip. --strict fails the audit on
inconclusive and warned probes. A refusal counts only when the correct request sent right
after it is accepted; every sample is sent with a new EventTime (and MsgId, Random).";

const AUDIT_EXAMPLES: &str = "\
Examples:
  grpcb audit --url http://127.0.0.1:8080/im --sdkappid 1400123456 --token \"$TOKEN\"
  grpcb audit --url $URL --sdkappid 1400123456 --token \"$TOKEN\" --suite rules.toml --strict
  grpcb audit --url $URL --only wrong-sdkappid,missing-sdkappid
  grpcb audit --url $URL --format json | jq -r '.probes[] | select(.status==\"fail\") | .probe'

Exit codes: 0 no probe failed, 1 a probe failed (or, with --strict, was inconclusive or
warned), 3 the receiver never answered, 4 a value that cannot be used, 5 internal error,
130/143 stopped by SIGINT/SIGTERM.";

#[derive(Debug, Parser)]
#[command(
    name = "grpcb",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process, so the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build one callback, POST it, validate the answer and report
    Send(SendArgs),
    /// Print the sample request body (the one `send` would use) as pretty JSON
    Example(ExampleArgs),
    /// List every callback by family: alias, kind, command, query shape, what the answer can do
    List(ListArgs),
    /// Print the JSON Schema of a callback's body (or of its answer), or an OpenAPI document of
    /// every callback, to generate a receiver's models in another language
    #[command(after_help = SCHEMA_PROSE)]
    Schema(SchemaArgs),
    /// Run contract suite files (many cases) and report per case: CI's entry point
    #[command(
        after_help = RUN_PROSE,
        // A suite sits between the flags and the environment, so `run` reads GRPCB_* itself.
        mut_arg("url", |arg| arg.env(None)),
        mut_arg("sdkappid", |arg| arg.env(None)),
        mut_arg("token", |arg| arg.env(None)),
    )]
    Run(RunArgs),
    /// Run a spec-correct reference receiver on loopback, with rules and capture
    #[command(after_help = SERVE_PROSE)]
    Serve(ServeArgs),
    /// Relay live IM callbacks to your receiver: check each request against the catalog,
    /// forward it byte for byte, judge the answer as send does, pass it back to IM
    #[command(after_help = LISTEN_PROSE)]
    Listen(ListenArgs),
    /// Send a `serve --record` or `listen --record` capture again, with its query and exact
    /// bodies, expecting the recorded decisions
    #[command(
        after_help = REPLAY_PROSE,
        mut_arg("sdkappid", |arg| arg.help("Replace every captured SdkAppid with N [default: the captured one]")),
        mut_arg("client_ip", |arg| arg.help("Replace every captured ClientIP [default: the captured one]")),
        mut_arg("platform", |arg| arg.help("Replace every captured OptPlatform, spelled as for send [default: the captured one]")),
        mut_arg("request_time", |arg| arg.help("Pin the fresh RequestTime (Unix seconds) instead of now; needs --token")),
    )]
    Replay(ReplayArgs),
    /// Start the reference receiver on a free loopback port and send it every callback
    #[command(
        after_help = "Needs no arguments and no network beyond 127.0.0.1. Ctrl-C (SIGINT) or SIGTERM stops the tour and prints the checks done so far."
    )]
    Demo(DemoArgs),
    /// Probe a receiver's security and robustness: SdkAppid and Sign checks, replays,
    /// unknown commands and fields, doc variants, large bodies, latency
    #[command(after_help = AUDIT_PROSE)]
    Audit(AuditArgs),
    /// Load a receiver as Tencent IM would: every request signed anew, with its own IDs,
    /// every answer judged; latency percentiles, decisions, findings, CI thresholds
    #[command(after_help = BENCH_PROSE)]
    Bench(BenchArgs),
    /// Property-based testing: send generated bodies of every valid shape IM can send, and
    /// shrink each failure to a minimal fixture
    #[command(after_help = FUZZ_PROSE)]
    Fuzz(FuzzArgs),
    /// Write a Locust or k6 script that loads a receiver as bench does, for load beyond one
    /// machine: the same signed, templated callbacks, every answer checked
    #[command(after_help = EXPORT_PROSE)]
    Export(ExportArgs),
    /// Print RequestTime and Sign for a token, to debug a receiver's signature check
    #[command(after_help = "Sign = lowercase hex SHA-256(token + RequestTime).")]
    Sign(SignArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print grpcb's man page, or a subcommand's (generated from this command line)
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The callback: alias (before-create), command (Group.CallbackBeforeCreateGroup) or
    /// CallbackBeforeCreateGroup; optional with a --fixture that names it
    #[arg(value_name = "CALLBACK")]
    pub callback: Option<String>,
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(flatten)]
    pub payload: PayloadArgs,
    #[command(flatten)]
    pub expect: ExpectArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub curl: CurlArg,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub request: RequestArgs,
    /// Run only these probes (comma-separated ids, e.g. wrong-sign,stale-time)
    #[arg(long, value_name = "IDS")]
    pub only: Option<String>,
    /// Leave out these probes (comma-separated ids)
    #[arg(long, value_name = "IDS")]
    pub skip: Option<String>,
    /// Fail the audit (exit 1) on inconclusive and warned probes too
    #[arg(long)]
    pub strict: bool,
    /// A suite (TOML) whose cases with a known decision (deny, deny-custom, drop, rewrite,
    /// partial refusal) are re-sent padded past 64 KB, with keys reordered, pretty-printed,
    /// \u-escaped and EventTime as a string: each decision must survive
    #[arg(long, value_name = "FILE")]
    pub suite: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub html: HtmlArg,
}

const RUN_PROSE: &str = "\
Precedence: flags > the case > the suite's top level > GRPCB_URL, GRPCB_SDKAPPID, GRPCB_TOKEN >
built-in defaults. A suite is TOML: top-level request options (url, sdkappid, client_ip,
platform, request_time, timeout, headers, token_env), then [[case]] tables with name,
callback, fixture, set, unset, payload keys (group_id, group_name, member, ...) and
expect = { decision, code, refused, max_latency_ms, strict }. See fixtures/suites/example.toml.

Every case is checked before the first is sent; a suite of a few thousand cases is kept as
checked, a bigger one built again case by case, and no run holds every report.
SIGINT or SIGTERM stops the run: no new case starts, the cases waiting for an answer are
cancelled, the cases done are reported with a closing line `STOPPED by SIGINT after N of M
cases: ...` (JSON: \"stopped\": \"signal\", \"verdict\": \"stopped\"), and --junit FILE is
complete, the rest of the cases <skipped>.";

const RUN_EXAMPLES: &str = "\
Examples:
  grpcb run fixtures/suites/example.toml --url http://127.0.0.1:8080/im
  grpcb run suites/*.toml --url $STAGING_URL --junit grpcb.xml --jobs 4
  grpcb run suite.toml --filter banned --fail-fast
  grpcb run suite.toml --format json | jq '.totals'

Exit codes: 0 every case passed, 1 a case failed, 2 usage error, 3 some case got no answer
(and none failed), 4 a value that cannot be used (a suite that does not parse, an unknown
callback or key), 5 internal error, 130 stopped by SIGINT, 143 stopped by SIGTERM (never 0
when stopped).";

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Suite files (TOML); cases run in order across files
    #[arg(value_name = "SUITE", required = true)]
    pub suites: Vec<PathBuf>,
    #[command(flatten)]
    pub request: RequestArgs,
    /// Count warnings as failures in every case
    #[arg(long, help_heading = "Expectations")]
    pub strict: bool,
    /// Run N cases at a time over one connection pool; results still print in file order
    #[arg(short, long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1024), help_heading = "Running")]
    pub jobs: u32,
    /// Start no new case after the first one that does not pass
    #[arg(long, help_heading = "Running")]
    pub fail_fast: bool,
    /// Run only the cases whose name contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT", help_heading = "Running")]
    pub filter: Option<String>,
    /// Also write a JUnit XML report to FILE: one testsuite per suite file, one testcase per case
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub junit: Option<PathBuf>,
    #[command(flatten)]
    pub html: HtmlArg,
    #[command(flatten)]
    pub output: OutputArgs,
}

const FUZZ_PROSE: &str = "\
Each case is a body the catalog's model allows: every required field with its type, optional
fields present or absent, every documented value of every enumeration (group types, platforms
in the query too, action/reason pairs, ...), every message element type, shuffled
multi-element messages, non-JSON custom Data, CJK, emoji, combining marks, right-to-left and
control characters, lists from empty to 500 users, 12 KB messages, the doc variants (EventTime
as a string where the docs print it so). The first cases of each callback are the corners:
typical, largest, smallest. The same --seed and arguments send the same bodies in the same
order, whatever --jobs.

A case fails on what a receiver must never do with a valid body: no answer within --timeout,
a status but 200, an answer that is not a JSON object, a contract violation (an error finding),
and for a callback whose answer decides, another decision (or other refused users) for the
same body with its keys reordered, pretty-printed, \\u-escaped, with unknown fields in every
object, or padded past 64 KB (a notification's case sends one of these rewritings, in turn,
judged on the rest). Deciding differently on different bodies is never a failure.

The first case of each way a callback fails is sent again, then shrunk (optional fields
removed, lists halved, strings shortened; never a required field) while it fails the same way,
at most 5000 tries or 60 s, and written to --out: ALIAS-PROPERTY-....json (the fixture),
.TRANSFORM.json (the rewritten body, byte for byte) and .curl; the report gives the
`grpcb send --fixture` line that fails with it. SIGINT or SIGTERM stops the run: no new case
starts, the report covers the cases done (JSON: \"stopped\": \"signal\", \"verdict\":
\"stopped\"), exit 130 or 143.";

const FUZZ_EXAMPLES: &str = "\
Examples:
  grpcb fuzz --url http://127.0.0.1:8080/im
  grpcb fuzz before-send c2c-before-send --url $URL --cases 500 --jobs 8
  grpcb fuzz --url $URL --token \"$IM_CALLBACK_TOKEN\" --duration 5m --seed 42 --junit fuzz.xml --html fuzz.html
  grpcb fuzz --url $URL --format json | jq '.callbacks[].failures[] | {alias: .files.fixture, summary}'
  grpcb send before-send --fixture fuzz-failures/before-send-http-200-http-status.json --url $URL

Exit codes: 0 no case failed, 1 a case failed, 2 usage error, 3 nothing answered at all, 4 a value
that cannot be used (nothing is sent), 5 internal error, 130 stopped by SIGINT, 143 stopped by
SIGTERM.";

#[derive(Debug, Args)]
pub struct FuzzArgs {
    /// Callbacks to fuzz: aliases or commands [default: every callback]
    #[arg(value_name = "CALLBACK")]
    pub callback: Vec<String>,
    #[command(flatten)]
    pub fuzz: FuzzRunArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    /// Also write a JUnit XML report to FILE: one testsuite per callback, one testcase per
    /// property
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub junit: Option<PathBuf>,
    #[command(flatten)]
    pub html: HtmlArg,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Fuzzing")]
pub struct FuzzRunArgs {
    /// Cases per callback [default: 100; with --duration alone, as many as it allows]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_CASES))]
    pub cases: Option<u64>,
    /// Start no case after D (30s, 5m); the failures found are still shrunk
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub duration: Option<String>,
    /// The seed the cases are drawn from: the same seed and arguments send the same bodies
    /// [default: random, printed]
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Run N cases (and shrinks) at a time; the bodies do not depend on it
    #[arg(short, long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: u32,
    /// Write each failure's shrunk fixture, rewritten body and curl line under DIR
    #[arg(long, value_name = "DIR", default_value = crate::config::fuzz::DEFAULT_OUT)]
    pub out: PathBuf,
    /// A warning fails a case too (contract), as `send --strict` fails it; the replay line
    /// carries --strict
    #[arg(long)]
    pub strict: bool,
}

impl FuzzArgs {
    pub fn options(&self) -> FuzzOptions {
        FuzzOptions {
            callbacks: self.callback.clone(),
            cases: self.fuzz.cases,
            duration: self.fuzz.duration.clone(),
            seed: self.fuzz.seed,
            jobs: usize::try_from(self.fuzz.jobs).unwrap_or(1),
            strict: self.fuzz.strict,
            out: self.fuzz.out.clone(),
        }
    }
}

const BENCH_PROSE: &str = "\
Placeholders in --set VALUEs change per request: {{seq}} (the request's number, from 1),
{{uuid}} (a random v4 UUID), {{rand}} (a random 32-bit integer), {{now_ms}} (now, epoch ms).
After substitution the VALUE is JSON when it parses, else a string, as for --set.
With --token every request gets its own RequestTime and Sign.

Closed loop by default: each connection sends, waits for the answer, sends again. --rate R is
an open loop: request i is due at i/R s whatever the answers (at most -c in flight), and its
latency counts from then. A run lasts 10 s unless -n or --duration says otherwise; -n stops
after 10 minutes at most. Each request is sent once: a connection that closes after a request
was written is a transport-closed error, never a resend. Ctrl-C (SIGINT) or SIGTERM stops the
run and prints the partial report, judged by nothing (verdict stopped).

The error rate is (errored + failed) / sent x 100: errored requests got no answer, failed ones
broke the contract or an expectation. A timed-out request counts as taking the timeout in the
percentiles and the 2 s budget; --max-p99 is not met when the p99 is a timed-out request's. -v prints request 1 and its answer in full on stderr; a
progress line is drawn on stderr when it is a terminal.";

const BENCH_EXAMPLES: &str = "\
Examples:
  grpcb bench before-send --url http://127.0.0.1:8080/im -c 32 --duration 30s
  grpcb bench before-send --url $URL --set MsgId='{{uuid}}' --set Random='{{rand}}' -n 100000
  grpcb bench after-send --url $URL --rate 1000 --duration 1m --max-p99 200ms
  GRPCB_TOKEN=... grpcb bench before-create --url $URL --max-error-rate 0 --format json | jq .latency_ms

Exit codes: 0 done (thresholds met), 1 a threshold broken, 2 usage error, 3 no request was
answered, 4 a value that cannot be used (nothing is sent), 5 internal error, 130 stopped by
SIGINT, 143 stopped by SIGTERM.";

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The callback: alias (before-send), command (Group.CallbackBeforeSendMsg) or
    /// CallbackBeforeSendMsg; optional with a --fixture that names it
    #[arg(value_name = "CALLBACK")]
    pub callback: Option<String>,
    #[command(flatten)]
    pub load: LoadArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(flatten)]
    pub payload: PayloadArgs,
    #[command(flatten)]
    pub expect: ExpectArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub html: HtmlArg,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Load")]
pub struct LoadArgs {
    /// Connections, each with one request in flight at a time [default: 16]
    #[arg(short = 'c', long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// Send N requests, then stop (or after 10 minutes)
    #[arg(short = 'n', long, value_name = "N", conflicts_with = "duration")]
    pub requests: Option<u64>,
    /// Run for D: 30s, 1m, 500ms [default: 10s]
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub duration: Option<String>,
    /// Open loop: start R requests per second on a fixed schedule, whatever the answers
    #[arg(long, value_name = "R")]
    pub rate: Option<f64>,
    /// Seed for {{uuid}} and {{rand}}: the same seed gives every request the same values
    /// [default: random, shown in the JSON report]
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Exit 1 when the p99 latency is over D (e.g. 200ms), timed-out requests counted as
    /// taking the timeout
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub max_p99: Option<String>,
    /// Exit 1 when more than PCT percent of requests errored or failed (e.g. 1 or 0.5%)
    /// [default: 0: any failed or errored request fails the run]
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    pub max_error_rate: Option<String>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Request")]
pub struct RequestArgs {
    /// The receiver's callback URL; its own query parameters are kept
    #[arg(long, env = "GRPCB_URL", value_name = "URL")]
    pub url: Option<String>,
    /// SdkAppid query parameter [default: 1400000000]
    #[arg(long, env = "GRPCB_SDKAPPID", value_name = "N")]
    pub sdkappid: Option<String>,
    /// ClientIP query parameter (not sent in the alert and short query shapes: member-state,
    /// content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]
    #[arg(long, value_name = "IP")]
    pub client_ip: Option<String>,
    /// OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad,
    /// Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes
    /// iOS as IOS) [default: RESTAPI]
    #[arg(long, value_name = "P")]
    pub platform: Option<String>,
    /// Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed
    #[arg(long, env = "GRPCB_TOKEN", hide_env_values = true, value_name = "T")]
    pub token: Option<String>,
    /// Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests
    #[arg(long, value_name = "S")]
    pub request_time: Option<u64>,
    /// Give up after D (at least 1ms), the whole answer included (IM's own limit is 2s)
    /// [default: 2s]
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub timeout: Option<String>,
    /// Extra request header 'Name: value' (repeatable)
    #[arg(short = 'H', long = "header", value_name = "'K: V'")]
    pub headers: Vec<String>,
    /// Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a
    /// bare NAME; applied after signing (repeatable)
    #[arg(long = "query", value_name = "NAME[=VALUE]")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Payload")]
pub struct PayloadArgs {
    /// Start from this JSON body instead of the built-in sample (- reads stdin)
    #[arg(long, value_name = "FILE")]
    pub fixture: Option<PathBuf>,
    /// Group ID (GroupId)
    #[arg(long, value_name = "ID")]
    pub group_id: Option<String>,
    /// Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community
    #[arg(long, value_name = "TYPE")]
    pub group_type: Option<String>,
    /// Group name (Name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Operator_Account
    #[arg(long, value_name = "USER")]
    pub operator: Option<String>,
    /// Owner_Account
    #[arg(long, value_name = "USER")]
    pub owner: Option<String>,
    /// A user of the callback's user list (MemberList, DestinationMembers, ..., FriendItem,
    /// PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable
    #[arg(long = "member", value_name = "USER")]
    pub members: Vec<String>,
    /// Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// EventTime, milliseconds since the epoch
    #[arg(long, value_name = "MS")]
    pub event_time: Option<String>,
    /// Topic ID (TopicId; TopicIdList on after-topic-destroy)
    #[arg(long, value_name = "ID")]
    pub topic_id: Option<String>,
    /// Message sender, or the user who acts (From_Account)
    #[arg(long, value_name = "USER")]
    pub from: Option<String>,
    /// Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-*
    /// (Requester_Account)
    #[arg(long, value_name = "USER")]
    pub requestor: Option<String>,
    /// JoinType on after-join: Apply or Invited
    #[arg(long, value_name = "TYPE")]
    pub join_type: Option<String>,
    /// ExitType on after-exit: Kicked or Quit
    #[arg(long, value_name = "TYPE")]
    pub exit_type: Option<String>,
    /// Message recipient (To_Account; ContactItem.To_Account on content-result-notify,
    /// every event's To_Account on push-*)
    #[arg(long, value_name = "USER")]
    pub to: Option<String>,
    /// The account the callback is about: Official_Account (oa-*), the user of state-change
    /// (Info.To_Account) and of profile-portrait-set (From_Account), the reader of
    /// c2c-after-msg-report (Report_Account)
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string;
    /// repeatable, applied after the typed flags
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path
    /// that is not there changes nothing and gets a note on stderr
    #[arg(long = "unset", value_name = "PATH")]
    pub unsets: Vec<String>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Expectations")]
pub struct ExpectArgs {
    /// The decision the receiver must make (allow and deny include their -partial,
    /// -modified and -custom forms)
    #[arg(
        long,
        value_name = "DECISION",
        ignore_case = true,
        value_parser = clap::builder::PossibleValuesParser::new(Expected::names())
    )]
    pub expect: Option<String>,
    /// The exact ErrorCode the answer must carry
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub expect_code: Option<i64>,
    /// IM must refuse exactly these invitees given the whole answer (a deny refuses all of
    /// them; comma-separated; '' for none)
    #[arg(long, value_name = "A,B")]
    pub expect_refused: Option<String>,
    /// Count warnings as failures
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Report format on stdout
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Also print the full request and response
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Print nothing; the exit code tells
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct HtmlArg {
    /// Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no
    /// script, nothing fetched); a run a signal stops still writes it
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct CurlArg {
    /// Print the exact request as a curl command (computed Sign and RequestTime, never the
    /// token) instead of sending it
    #[arg(long)]
    pub curl: bool,
}

#[derive(Debug, Args)]
pub struct ExampleArgs {
    /// The callback (alias, command, or command without `Group.`)
    #[arg(value_name = "CALLBACK")]
    pub callback: Option<String>,
    #[command(flatten)]
    pub payload: PayloadArgs,
}

const SCHEMA_PROSE: &str = "\
JSON Schema draft 2020-12, written from grpcb's catalog: the fields IM always sends are
required, documented values are enums, EventTime is an integer or a numeric string, message
elements are a oneOf keyed by MsgType. Request bodies allow fields they do not list (IM adds
fields over time: a receiver's model must ignore them); answers do not. Without CALLBACK, one
document with one $defs entry per callback, named after its command without the dot
(GroupCallbackBeforeCreateGroup, GroupCallbackBeforeCreateGroupAnswer). --openapi prints an
OpenAPI 3.1 document with one webhook per callback: its query parameters, body and 200 answer.";

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The callback (alias, command, or command without `Group.`) [default: every callback]
    #[arg(value_name = "CALLBACK")]
    pub callback: Option<String>,
    /// The schema of the answer the receiver sends instead of the request body
    #[arg(long, conflicts_with = "openapi")]
    pub answer: bool,
    /// An OpenAPI 3.1 document: one webhook per callback, with its query, body and answer
    #[arg(long)]
    pub openapi: bool,
    /// Write the document to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this family's callbacks
    #[arg(
        long,
        value_name = "FAMILY",
        ignore_case = true,
        value_parser = clap::builder::PossibleValuesParser::new(family_names())
    )]
    pub family: Option<String>,
    /// Table for people, or JSON for scripts
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Colour: auto means only on a terminal
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The callback token configured in the IM console
    #[arg(
        long,
        env = "GRPCB_TOKEN",
        hide_env_values = true,
        value_name = "T",
        required = true
    )]
    pub token: Option<String>,
    /// RequestTime in Unix seconds [default: now]
    #[arg(long, value_name = "S")]
    pub request_time: Option<u64>,
    /// `RequestTime=...` and `Sign=...` lines, or a JSON object
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
}

const SERVE_PROSE: &str = "\
Every request is checked as a careful backend would: POST, the query IM appends (SdkAppid,
CallbackCommand, contenttype, ClientIP, OptPlatform), the same CallbackCommand in query and
body, the catalog's required fields with their types, and with --token a correct Sign and a
RequestTime within 60 s. A request that fails gets HTTP 200 and
{\"ActionStatus\":\"FAIL\",\"ErrorCode\":1,\"ErrorInfo\":\"<reason>\"}. A body without the fields
newer docs added (EventTime) is accepted with a note; a command grpcb does not know (one
Tencent adds after this version) gets OK/0 and a note. Valid callbacks are answered by the first matching
rule (see fixtures/serve-rules.toml), else allowed.

The first stdout line names the callback URL; then one line per request. Slow or silent
clients are cut off after --read-timeout; at --max-connections the connection idle longest is
closed to make room. Ctrl-C or SIGTERM stops it: exit 130 or 143 after a closing line on stderr.";

const SERVE_EXAMPLES: &str = "\
Examples:
  grpcb serve
  grpcb serve --addr 127.0.0.1:0 --sdkappid 1400000000 --rules fixtures/serve-rules.toml
  GRPCB_TOKEN=... grpcb serve --record captured/ --format json
  grpcb replay captured/ --url http://127.0.0.1:8080/im --token \"$IM_CALLBACK_TOKEN\"";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: String,
    /// Reject callbacks whose SdkAppid is not this one
    #[arg(long, env = "GRPCB_SDKAPPID", value_name = "N")]
    pub sdkappid: Option<String>,
    /// Callback-auth token: require a valid Sign and a fresh RequestTime; never printed
    #[arg(long, env = "GRPCB_TOKEN", hide_env_values = true, value_name = "T")]
    pub token: Option<String>,
    /// How to answer valid callbacks: a TOML file of [[rule]] tables (default: allow all)
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Write every callback body to DIR/<alias>/NNNNNN.json, plus DIR/index.jsonl (one serve
    /// per DIR: it is locked); `grpcb replay DIR` sends them again
    #[arg(long, value_name = "DIR")]
    pub record: Option<PathBuf>,
    /// Close a connection whose request head, or then body, takes longer than D [default: 5s]
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub read_timeout: Option<String>,
    /// Keep at most N connections open; at the limit the one idle longest is closed for a new
    /// one (lowered to fit the open-file limit) [default: 512]
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Log lines for people, or JSON lines for scripts
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
}

const LISTEN_PROSE: &str = "\
Each callback IM sends to --addr (any path; point your tunnel at it) is checked as serve checks
it: what differs from the catalog (a missing field, a wrong Sign with --token) is news about IM,
reported and still forwarded. It goes to --forward-to as IM sent it: the same body bytes, IM's
query after the URL's own, IM's headers but those of one hop, within what is left of IM's 2 s.
The answer is judged as `grpcb send` judges it and goes back to IM unchanged (status, body,
content type; IM reads no other header, so none other is passed back). When the receiver gives none IM can use (down, too slow, not 200, not JSON, over
1 MiB), --on-failure says what IM gets: passthrough (the receiver's own bytes; a 502 when there
were none) or allow (a valid allow for that callback).

One line per callback: time, callback, decision, the receiver's latency, findings; -v adds the
findings' messages and both bodies; --format json prints one object per exchange (its keys are
in the README). Ctrl-C or SIGTERM stops it: the exchanges in flight finish, are logged and
recorded, the summary goes to stderr, and it exits 130 or 143.";

const LISTEN_EXAMPLES: &str = "\
Examples:
  grpcb listen --forward-to http://127.0.0.1:9000/im
  GRPCB_TOKEN=... grpcb listen --addr 127.0.0.1:8080 --forward-to http://127.0.0.1:9000/im \\
      --sdkappid 1400123456 --record captured/
  grpcb listen --forward-to $URL --on-failure allow --format json | jq -c '[.alias, .decision]'
  grpcb replay captured/ --url http://127.0.0.1:9000/im --token \"$IM_CALLBACK_TOKEN\"

Then point your tunnel (cloudflared, ngrok, ssh -R: any) at the --addr port and set its public
URL as the callback URL in the IM console.";

#[derive(Debug, Args)]
pub struct ListenArgs {
    /// The receiver to forward every callback to (IM's query is appended to its own)
    #[arg(long, value_name = "URL")]
    pub forward_to: String,
    /// Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: String,
    /// Report callbacks whose SdkAppid is not this one (they are still forwarded)
    #[arg(long, env = "GRPCB_SDKAPPID", value_name = "N")]
    pub sdkappid: Option<String>,
    /// Callback-auth token: check each Sign and RequestTime (a wrong one is reported and still
    /// forwarded); never printed
    #[arg(long, env = "GRPCB_TOKEN", hide_env_values = true, value_name = "T")]
    pub token: Option<String>,
    /// Write both sides of every exchange as `serve --record` does: DIR/<alias>/NNNNNN.json
    /// and DIR/index.jsonl; `grpcb replay DIR` sends them again
    #[arg(long, value_name = "DIR")]
    pub record: Option<PathBuf>,
    /// What IM gets when the receiver gives no usable answer
    #[arg(long, value_enum, default_value_t = OnFailureArg::Passthrough, value_name = "WHAT")]
    pub on_failure: OnFailureArg,
    /// Close a connection whose request head, or then body, takes longer than D [default: 5s]
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub read_timeout: Option<String>,
    /// Keep at most N connections open; at the limit the one idle longest is closed for a new
    /// one (lowered to fit the open-file limit) [default: 512]
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Live lines for people, or one JSON object per exchange
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Also print each finding's message and both bodies (escaped)
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
    /// No line per callback: only the listening line and the closing summary
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnFailureArg {
    /// The receiver's own answer when there was one; a 502 when there was none
    Passthrough,
    /// A valid allow for the callback, so a broken receiver blocks nothing
    Allow,
}

const REPLAY_PROSE: &str = "\
Each recorded callback, in index order: the body file byte for byte, the query IM sent
(SdkAppid, ClientIP, OptPlatform, RequestID, ... as received; --sdkappid, --client-ip and
--platform replace theirs), Sign and RequestTime made anew with --token and left out without.
A replay passes when the answer keeps the contract and leads to the decision the recorder made
(the same ErrorCode for a before-callback, the same refused users). A request the recorder
rejected is inconclusive whatever the answer: its FAIL/1 reads as a deny, so the receiver's
answer cannot say whether it decided or refused for another reason. So is one a rule answered
raw; a command grpcb does not know is skipped. A recorded deny, deny-custom or drop the
receiver repeats passes only when it lets through the control sent right after (the callback's
catalog sample, with the same query): a receiver that refuses everything proves nothing.";

const REPLAY_EXAMPLES: &str = "\
Examples:
  grpcb replay captured/ --url http://127.0.0.1:8080/im
  GRPCB_TOKEN=... grpcb replay captured/ --url $STAGING_URL --sdkappid 1400123456
  grpcb replay captured/ --url $URL --format json | jq '.replays[] | select(.status != \"pass\")'

Exit codes: 0 every compared replay passed, 1 a replay differed (or nothing could be compared,
or --strict and one was inconclusive), 3 a replay got no answer, 4 the recording cannot be read,
130/143 stopped by SIGINT/SIGTERM.";

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The recording: the folder `grpcb serve --record DIR` or `grpcb listen --record DIR` wrote
    /// (index.jsonl and the bodies)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub request: RequestArgs,
    /// Count warnings, and replays that are inconclusive, as failures
    #[arg(long, help_heading = "Expectations")]
    pub strict: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Wait D before each check (e.g. 1s), to follow the tour as it runs
    #[arg(long, value_name = "D")]
    pub pace: Option<String>,
    /// Report for people, or one JSON object for scripts
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Colour: auto means only on a terminal
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

const EXPORT_PROSE: &str = "\
The script sends what `grpcb bench` sends: the body bytes the catalog builds (fixture, typed
flags, --set, --unset), each --set placeholder ({{seq}}, {{uuid}}, {{rand}}, {{now_ms}})
filled per request ({{seq}} unique across Locust workers and k6 VUs and instances), the query
IM appends, and RequestTime and Sign = sha256(token + RequestTime) made every second from the
token in the environment variable --token-env names, read when the script runs: the token is
never written into the script. Every answer must be HTTP 200, a JSON object with ActionStatus
OK or FAIL, an ErrorCode the callback documents and an ErrorInfo string; the decisions are
counted; the run fails on any failed check or a p99 over 2 s. Several callbacks share the
load by --weight (1 each by default).";

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The load tool the script is for
    #[arg(value_enum, value_name = "TOOL")]
    pub tool: ExportTool,
    /// The callbacks to send: aliases (before-send), commands (Group.CallbackBeforeSendMsg)
    /// or CallbackBeforeSendMsg; several share the load
    #[arg(value_name = "CALLBACK", required = true)]
    pub callbacks: Vec<String>,
    /// A callback's share of the requests, relative to the others' (repeatable) [default: 1
    /// each]
    #[arg(long = "weight", value_name = "CALLBACK=N", help_heading = "Load")]
    pub weights: Vec<String>,
    /// The environment variable the script reads the callback token from when it runs
    #[arg(
        long,
        value_name = "NAME",
        default_value = "GRPCB_TOKEN",
        help_heading = "Request"
    )]
    pub token_env: String,
    /// Send unsigned requests (no Sign, no RequestTime): the script reads no token
    #[arg(long, conflicts_with = "token_env", help_heading = "Request")]
    pub unsigned: bool,
    /// The decision every answer must lead to, or the check fails (allow and deny include
    /// their -partial, -modified and -custom forms); a refusal (FAIL/1) then fails too
    #[arg(
        long,
        value_name = "DECISION",
        ignore_case = true,
        value_parser = clap::builder::PossibleValuesParser::new(Expected::names()),
        help_heading = "Expectations"
    )]
    pub expect: Option<String>,
    #[command(flatten)]
    pub request: ExportRequestArgs,
    #[command(flatten)]
    pub payload: PayloadArgs,
}

/// The request options a script takes (the token is read when the script runs, and each
/// second makes its own RequestTime).
#[derive(Debug, Args)]
#[command(next_help_heading = "Request")]
pub struct ExportRequestArgs {
    /// The receiver's callback URL; its own query parameters are kept (Locust's --host and
    /// k6's GRPCB_HOST replace its scheme, host and port)
    #[arg(long, env = "GRPCB_URL", value_name = "URL")]
    pub url: Option<String>,
    /// SdkAppid query parameter [default: 1400000000]
    #[arg(long, env = "GRPCB_SDKAPPID", value_name = "N")]
    pub sdkappid: Option<String>,
    /// ClientIP query parameter (not sent in the query shapes that have none, as for send)
    /// [default: 127.0.0.1]
    #[arg(long, value_name = "IP")]
    pub client_ip: Option<String>,
    /// OptPlatform, sent as spelled (as for send) [default: RESTAPI]
    #[arg(long, value_name = "P")]
    pub platform: Option<String>,
    /// Each request gives up after D [default: 2s]
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub timeout: Option<String>,
    /// Extra request header 'Name: value' (repeatable)
    #[arg(short = 'H', long = "header", value_name = "'K: V'")]
    pub headers: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTool {
    /// A locustfile (Python): one machine, or a master and workers
    Locust,
    /// A k6 script (JavaScript): one machine, or the k6 operator on Kubernetes
    K6,
}

impl ExportRequestArgs {
    /// The options as given.
    pub fn options(&self) -> RequestOptions {
        RequestOptions {
            url: self.url.clone(),
            sdkappid: self.sdkappid.clone(),
            client_ip: self.client_ip.clone(),
            platform: self.platform.clone(),
            timeout: self.timeout.clone(),
            headers: self.headers.clone(),
            ..RequestOptions::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (send, run, ...) [default: grpcb's own page]
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page (grpcb.1, grpcb-send.1, ...) into DIR instead of printing one
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
        }
    }
}

impl From<ColorArg> for ColorChoice {
    fn from(arg: ColorArg) -> Self {
        match arg {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

impl Command {
    /// The `--color` this command was given (`auto` for commands without one).
    pub fn color(&self) -> ColorChoice {
        let arg = match self {
            Command::Send(args) => args.output.color,
            Command::Run(args) => args.output.color,
            Command::Replay(args) => args.output.color,
            Command::Audit(args) => args.output.color,
            Command::Bench(args) => args.output.color,
            Command::Fuzz(args) => args.output.color,
            Command::List(args) => args.color,
            Command::Demo(args) => args.color,
            Command::Listen(args) => args.color,
            Command::Example(_)
            | Command::Schema(_)
            | Command::Serve(_)
            | Command::Sign(_)
            | Command::Completions(_)
            | Command::Export(_)
            | Command::Man(_) => ColorArg::Auto,
        };
        arg.into()
    }
}

impl RequestArgs {
    /// The options as given (`RequestOptions::flag_notes` has what to say of them).
    pub fn options(&self) -> RequestOptions {
        RequestOptions {
            url: self.url.clone(),
            sdkappid: self.sdkappid.clone(),
            client_ip: self.client_ip.clone(),
            platform: self.platform.clone(),
            token: self.token.clone().map(crate::error::secret::token),
            request_time: self.request_time,
            timeout: self.timeout.clone(),
            headers: self.headers.clone(),
            query: self.query.clone(),
        }
    }
}

impl LoadArgs {
    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            concurrency: self.concurrency,
            requests: self.requests,
            duration: self.duration.clone(),
            rate: self.rate,
            seed: self.seed,
            max_p99: self.max_p99.clone(),
            max_error_rate: self.max_error_rate.clone(),
        }
    }
}

impl ServeArgs {
    pub fn options(&self) -> ServeOptions {
        ServeOptions {
            addr: self.addr.clone(),
            sdkappid: self.sdkappid.clone(),
            token: self.token.clone().map(crate::error::secret::token),
            rules: self.rules.clone(),
            record: self.record.clone(),
            read_timeout: self.read_timeout.clone(),
            max_connections: self.max_connections,
        }
    }
}

impl ListenArgs {
    pub fn options(&self) -> ListenOptions {
        ListenOptions {
            forward_to: self.forward_to.clone(),
            server: ServeOptions {
                addr: self.addr.clone(),
                sdkappid: self.sdkappid.clone(),
                token: self.token.clone().map(crate::error::secret::token),
                rules: None,
                record: self.record.clone(),
                read_timeout: self.read_timeout.clone(),
                max_connections: self.max_connections,
            },
            on_failure: match self.on_failure {
                OnFailureArg::Passthrough => OnFailure::Passthrough,
                OnFailureArg::Allow => OnFailure::Allow,
            },
        }
    }

    pub fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }
}

impl PayloadArgs {
    pub fn spec(&self) -> Result<PayloadSpec> {
        let single = |flag: Flag, value: &Option<String>| {
            value.as_ref().map(|value| (flag, vec![value.clone()]))
        };
        let mut typed: Vec<(Flag, Vec<String>)> = [
            single(Flag::GroupId, &self.group_id),
            single(Flag::GroupType, &self.group_type),
            single(Flag::Name, &self.name),
            single(Flag::Operator, &self.operator),
            single(Flag::Owner, &self.owner),
            single(Flag::Text, &self.text),
            single(Flag::EventTime, &self.event_time),
            single(Flag::TopicId, &self.topic_id),
            single(Flag::From, &self.from),
            single(Flag::Requestor, &self.requestor),
            single(Flag::JoinType, &self.join_type),
            single(Flag::ExitType, &self.exit_type),
            single(Flag::To, &self.to),
            single(Flag::Account, &self.account),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !self.members.is_empty() {
            typed.push((Flag::Member, self.members.clone()));
        }
        Ok(PayloadSpec {
            fixture: self.fixture.as_deref().map(FixtureSource::from_arg),
            sdkappid: None,
            typed,
            sets: self
                .sets
                .iter()
                .map(|set| SetOp::parse(set).map_err(flag_error))
                .collect::<Result<_>>()?,
            unsets: self
                .unsets
                .iter()
                .map(|path| UnsetOp::parse(path).map_err(flag_error))
                .collect::<Result<_>>()?,
        })
    }
}

impl ExpectArgs {
    pub fn expectations(&self) -> Expectations {
        Expectations {
            decision: self.expect.as_deref().and_then(Expected::parse),
            code: self.expect_code,
            refused: self.expect_refused.as_ref().map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|user| !user.is_empty())
                    .map(str::to_string)
                    .collect()
            }),
            max_latency: None,
            strict: self.strict,
        }
    }
}

impl OutputArgs {
    pub fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }
}

const EXAMPLE_EXAMPLES: &str = "\
Examples:
  grpcb example before-create
  grpcb example before-invite --member alice --set GroupId=@TGS#1ABC > invite.json";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  grpcb schema before-create
  grpcb schema before-invite --answer
  grpcb schema > im-callbacks.schema.json
  grpcb schema --openapi -o im-callbacks.openapi.json
  grpcb schema c2c-before-send --openapi | jq '.webhooks | keys'

Exit codes: 0 printed, 2 usage mistake (--answer with --openapi), 4 an unknown callback or a
FILE that cannot be written.";

const LIST_EXAMPLES: &str = "\
Examples:
  grpcb list
  grpcb list --family c2c
  grpcb list --format json | jq -r '.[] | select(.kind == \"before\") | .alias'";

const DEMO_EXAMPLES: &str = "\
Examples:
  grpcb demo
  grpcb demo --pace 1s
  grpcb demo --format json | jq '.checks[] | [.alias, .decision, .verdict]'

Exit codes: 0 every check passed, 1 a check failed, 4 a value that cannot be used, 130 stopped
by SIGINT, 143 stopped by SIGTERM.";

const SIGN_EXAMPLES: &str = "\
Examples:
  grpcb sign --token xxxxyyyy --request-time 1669872112
  GRPCB_TOKEN=... grpcb sign --format json";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  grpcb completions bash > ~/.local/share/bash-completion/completions/grpcb
  grpcb completions zsh > ~/.zfunc/_grpcb
  grpcb completions fish > ~/.config/fish/completions/grpcb.fish";

const EXPORT_EXAMPLES: &str = "\
Examples:
  grpcb export locust before-send --url http://10.0.0.7:8080/im --set MsgId='{{uuid}}' > grpcb_locust.py
  GRPCB_TOKEN=... locust -f grpcb_locust.py --headless -u 50 -r 10 -t 1m
  grpcb export k6 before-send after-send --weight before-send=3 --url $URL --token-env IM_TOKEN > grpcb_k6.js
  IM_TOKEN=... k6 run --vus 50 --duration 1m grpcb_k6.js
  grpcb export locust before-create --url $URL --unsigned --set Name='Team {{seq}}'

Exit codes: 0 written, 2 usage error, 4 a value that cannot be used (nothing is written).";

const MAN_EXAMPLES: &str = "\
Examples:
  grpcb man | man -l -
  man ./man/grpcb.1
  grpcb man bench > grpcb-bench.1
  grpcb man --dir ~/.local/share/man/man1 && man grpcb-send

Exit codes: 0 printed (or written), 4 not a subcommand, or a DIR that cannot be written.";

/// The examples (and exit codes) that close the help of `command` (`None`: grpcb itself).
/// `lib.rs` prints them after clap's help instead of handing them to clap as `after_help`:
/// clap wraps that to the terminal's width, and an example cut in two cannot be pasted.
pub fn examples(command: Option<&str>) -> Option<&'static str> {
    Some(match command {
        None => EXAMPLES,
        Some("send") => SEND_EXAMPLES,
        Some("example") => EXAMPLE_EXAMPLES,
        Some("list") => LIST_EXAMPLES,
        Some("schema") => SCHEMA_EXAMPLES,
        Some("run") => RUN_EXAMPLES,
        Some("replay") => REPLAY_EXAMPLES,
        Some("serve") => SERVE_EXAMPLES,
        Some("listen") => LISTEN_EXAMPLES,
        Some("demo") => DEMO_EXAMPLES,
        Some("audit") => AUDIT_EXAMPLES,
        Some("bench") => BENCH_EXAMPLES,
        Some("fuzz") => FUZZ_EXAMPLES,
        Some("sign") => SIGN_EXAMPLES,
        Some("completions") => COMPLETIONS_EXAMPLES,
        Some("man") => MAN_EXAMPLES,
        Some("export") => EXPORT_EXAMPLES,
        Some(_) => return None,
    })
}

/// The families `grpcb list --family` takes: `group`, `c2c`, `official-account`, ...
fn family_names() -> Vec<&'static str> {
    use strum::VariantArray;
    grpcb_contract::catalog::Family::VARIANTS
        .iter()
        .map(|family| family.as_str())
        .collect()
}

/// The clap command, for completions and help tests.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
