//! The probes of `grpcb audit`: their ids, in the order they run, and for each why it
//! matters and how to fix a receiver that fails it.

use serde::Serialize;
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Every probe, in the order they run (`VARIANTS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, EnumString, IntoStaticStr, VariantArray)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Probe {
    Baseline,
    WrongSdkappid,
    MissingSdkappid,
    MissingSign,
    WrongSign,
    StaleTime,
    FutureTime,
    CommandMismatch,
    UnknownCommand,
    Coverage,
    MessageElements,
    UnknownFields,
    DocVariants,
    LargeBody,
    Transformations,
    Unicode,
    DuplicateDelivery,
    Latency,
}

impl Probe {
    /// The probe's id, as `--only` and reports name it: `wrong-sdkappid`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The signature probes need the token to sign anything.
    pub fn needs_token(self) -> bool {
        matches!(
            self,
            Probe::MissingSign | Probe::WrongSign | Probe::StaleTime | Probe::FutureTime
        )
    }

    pub fn why(self) -> &'static str {
        match self {
            Probe::Baseline => {
                "if correct callbacks are not answered validly, IM falls back to its failure policy on every event"
            }
            Probe::WrongSdkappid | Probe::MissingSdkappid => {
                "Tencent tells every backend to check SdkAppid: without it, callbacks meant for another app (or forged ones) are acted on"
            }
            Probe::MissingSign | Probe::WrongSign => {
                "with callback auth on, the Sign is the only proof a request comes from IM; anyone who finds the URL can forge callbacks otherwise"
            }
            Probe::StaleTime | Probe::FutureTime => {
                "a captured request replayed later still carries a valid Sign; the IM console guide (CN-32431) says a RequestTime more than 1 minute from the current time is invalid"
            }
            Probe::CommandMismatch => {
                "a receiver that dispatches on the query but reads the body (or the reverse) can be steered into handling one event as another"
            }
            Probe::UnknownCommand => {
                "IM adds callbacks over time; once a new one is switched on, a receiver that answers anything but OK/0 to a command it does not know denies the new feature (FAIL/1 to a before-callback) or errors on every such event"
            }
            Probe::Coverage => {
                "IM sends every callback switched on in the console; a receiver that denies one it does not handle blocks that feature for every user"
            }
            Probe::MessageElements => {
                "group messages carry images, sounds, files, videos, locations, faces, custom data and forwarded chats (TIMRelayElem), often several in one message; a receiver that only knows text breaks on the rest"
            }
            Probe::UnknownFields => {
                "IM adds fields and query parameters (MsgId, TopicId, RequestID) without notice; strict parsers break"
            }
            Probe::DocVariants => {
                "the docs disagree (EventTime as a string, CreateGroupNum, Member_Account, OptPlatform IOS); real traffic may follow either"
            }
            Probe::LargeBody => {
                "a 2,000-member invitation is about 60 KB; receivers that read only the first bytes decide on half a request"
            }
            Probe::Transformations => {
                "the same JSON can come with its keys in another order, indented, with \\u escapes, or with EventTime as a string (as doc examples print it); a receiver that matches bytes or expects one layout decides differently"
            }
            Probe::Unicode => {
                "group names and user IDs carry CJK text and emoji; broken decoding corrupts or rejects them"
            }
            Probe::DuplicateDelivery => {
                "after-callbacks may be retried on timeout; the same event must lead to the same decision"
            }
            Probe::Latency => {
                "IM waits 2 s at most, then applies its failure policy (by default letting the action through)"
            }
        }
    }

    pub fn fix(self) -> &'static str {
        match self {
            Probe::Baseline => {
                r#"answer HTTP 200 with {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""} (or a documented refusal) for every callback"#
            }
            Probe::WrongSdkappid | Probe::MissingSdkappid => {
                r#"compare the SdkAppid query parameter with your own and answer {"ActionStatus":"FAIL","ErrorCode":1,...} when it differs or is missing"#
            }
            Probe::MissingSign | Probe::WrongSign => {
                "recompute sha256(token + RequestTime) as lowercase hex, compare it with Sign in constant time, and refuse the request when it differs or is missing"
            }
            Probe::StaleTime | Probe::FutureTime => {
                "refuse requests whose RequestTime is more than 60 s away from your clock (IM console guide, CN-32431)"
            }
            Probe::CommandMismatch => {
                "refuse a request whose query CallbackCommand differs from the body's"
            }
            Probe::UnknownCommand | Probe::Coverage => {
                r#"answer every command you do not act on with {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""} and log it; deny only by a rule of yours"#
            }
            Probe::MessageElements => {
                "read MsgBody as a list of elements of any MsgType, ignore the types you do not use, and never fail on a new one"
            }
            Probe::UnknownFields | Probe::DocVariants | Probe::Unicode => {
                "parse leniently: ignore unknown fields and parameters, accept both documented spellings, decode UTF-8"
            }
            Probe::LargeBody => "read the whole body (IM sends Content-Length) before deciding",
            Probe::Transformations => {
                "parse the body with a JSON parser and decide on the parsed values, never on the bytes or the key order"
            }
            Probe::DuplicateDelivery => {
                "make decisions depend only on the request (deduplicate side effects by MsgId or event)"
            }
            Probe::Latency => {
                "answer first, do slow work asynchronously; keep every answer well under 2 s"
            }
        }
    }
}
