//! The query IM appends to the callback URL (`docs/protocol.md` §2.2), as name/value pairs:
//! `SdkAppid`, `CallbackCommand`, `contenttype=json`, then `ClientIP` and `OptPlatform` where
//! the callback's query shape has them, then `Sign` and `RequestTime` when callback
//! authentication is on (§2.3).

use crate::catalog::Callback;
use crate::sign::Token;

/// A default `SdkAppid`: the shape of a real one, owned by nobody.
pub const DEFAULT_SDKAPPID: &str = "1400000000";

/// Every spelling of `OptPlatform` the docs show (§2.2): the eight most callbacks send, then
/// `IOS` (State.StateChange's) and `macOS` (the English pages' word for `Mac`).
pub const PLATFORMS: [&str; 10] = [
    "RESTAPI", "Web", "Android", "iOS", "Windows", "Mac", "iPad", "Unknown", "IOS", "macOS",
];

/// What the query says about the app and the client that caused the callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caller<'a> {
    /// `SdkAppid`: the app's SDKAppID (digits).
    pub sdkappid: &'a str,
    /// `ClientIP`.
    pub client_ip: &'a str,
    /// `OptPlatform`, one of [`PLATFORMS`].
    pub platform: &'a str,
}

/// The parameters IM appends for `callback`, in IM's order for its query shape, before any
/// signature. iOS is written `IOS` where the shape says so (`State.StateChange`).
pub fn appended(callback: &Callback, caller: &Caller<'_>) -> Vec<(&'static str, String)> {
    callback
        .query
        .params()
        .iter()
        .map(|&name| {
            let value = match name {
                "SdkAppid" => caller.sdkappid.to_string(),
                "CallbackCommand" => callback.command.to_string(),
                "contenttype" => "json".to_string(),
                "ClientIP" => caller.client_ip.to_string(),
                _ => callback.query.spell_platform(caller.platform),
            };
            (name, value)
        })
        .collect()
}

/// `Sign` and `RequestTime` for a request made at `request_time` (Unix seconds).
pub fn signature(token: &Token, request_time: u64) -> [(&'static str, String); 2] {
    [
        ("Sign", token.sign(request_time)),
        ("RequestTime", request_time.to_string()),
    ]
}

/// One or more ASCII digits: the shape of an SDKAppID, and of `EventTime` written as a string.
pub fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A documented spelling as given (`IOS` stays `IOS`), else the first one that matches
/// case-insensitively (`ios` → `iOS`, `macos` → `macOS`).
pub fn canonical_platform(given: &str) -> Option<&'static str> {
    let given = given.trim();
    PLATFORMS
        .iter()
        .copied()
        .find(|platform| *platform == given)
        .or_else(|| {
            PLATFORMS
                .iter()
                .copied()
                .find(|platform| platform.eq_ignore_ascii_case(given))
        })
}

/// Why a documented spelling is not the one the group callbacks send, if it is not.
pub fn unusual_platform(platform: &str) -> Option<&'static str> {
    match platform {
        "IOS" => Some("only State.StateChange writes iOS as IOS; the group callbacks send iOS"),
        "macOS" => Some(
            "macOS is the English pages' spelling; the Chinese pages and the group callbacks' tables write Mac",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_keep_documented_spellings_and_fix_the_case_of_others() {
        assert_eq!(canonical_platform("ios"), Some("iOS"));
        assert_eq!(canonical_platform("iOS"), Some("iOS"));
        assert_eq!(canonical_platform("IOS"), Some("IOS"));
        assert_eq!(canonical_platform("macOS"), Some("macOS"));
        assert_eq!(canonical_platform("MACOS"), Some("macOS"));
        assert_eq!(canonical_platform("mac"), Some("Mac"));
        assert_eq!(canonical_platform("restapi"), Some("RESTAPI"));
        assert_eq!(canonical_platform("BeOS"), None);
        assert!(unusual_platform("IOS").is_some() && unusual_platform("macOS").is_some());
        assert!(unusual_platform("iOS").is_none() && unusual_platform("Mac").is_none());
    }

    #[test]
    fn member_state_has_no_client_parameters() {
        let caller = Caller {
            sdkappid: DEFAULT_SDKAPPID,
            client_ip: "127.0.0.1",
            platform: "RESTAPI",
        };
        let names = |alias: &str| -> Vec<&str> {
            let callback = crate::catalog::find(alias).expect("in the catalog");
            appended(callback, &caller)
                .iter()
                .map(|(name, _)| *name)
                .collect()
        };
        assert_eq!(
            names("before-create"),
            [
                "SdkAppid",
                "CallbackCommand",
                "contenttype",
                "ClientIP",
                "OptPlatform"
            ]
        );
        assert_eq!(
            names("member-state"),
            ["SdkAppid", "CallbackCommand", "contenttype"]
        );
    }
}
