//! Every enumeration the docs give for a body field, with the section of
//! `docs/protocol.md` that lists it. The field model ([`super::model`]) points here; a test
//! checks that every sample's values are among them.

use super::model::{Choice, Enumeration, choice, code};

const fn listed(
    name: &'static str,
    section: &'static str,
    values: &'static [Choice],
) -> Enumeration {
    Enumeration {
        name,
        section,
        values,
        prefix: None,
    }
}

/// `Type`: group types (§2.9).
pub const GROUP_TYPE: Enumeration = listed(
    "group-type",
    "§2.9",
    &[
        choice("Private", "work group (Work)"),
        choice("Public", "public group"),
        choice("ChatRoom", "meeting group (Meeting)"),
        choice("AVChatRoom", "audio-video chat room"),
        choice("Community", "community"),
        choice("Live", "TRTC live room reusing the group callbacks"),
    ],
);

/// `Type` of the topic callbacks: always `Community` (§3.1.15-§3.1.18).
pub const TOPIC_GROUP_TYPE: Enumeration = listed(
    "topic-group-type",
    "§3.1.15",
    &[choice("Community", "topics exist in communities only")],
);

/// `JoinType` of after-join (§3.1.5).
pub const JOIN_TYPE: Enumeration = listed(
    "join-type",
    "§3.1.5",
    &[
        choice("Apply", "joined by application"),
        choice("Invited", "joined by invitation"),
    ],
);

/// `ExitType` of after-exit (§3.1.6).
pub const EXIT_TYPE: Enumeration = listed(
    "exit-type",
    "§3.1.6",
    &[
        choice("Kicked", "removed by the owner or an admin"),
        choice("Quit", "left"),
    ],
);

/// `EventType` of member-state (§3.1.13).
pub const MEMBER_EVENT_TYPE: Enumeration = listed(
    "member-event-type",
    "§3.1.13",
    &[
        choice("Offline", "went offline"),
        choice("Online", "came online"),
    ],
);

/// `EventCause` of member-state (§3.1.13).
pub const MEMBER_EVENT_CAUSE: Enumeration = listed(
    "member-event-cause",
    "§3.1.13",
    &[
        choice("HeartbeatInterrupt", "no heartbeat for 30 s"),
        choice("HeartbeatRecover", "heartbeat back"),
        choice("Join", "first entry across devices"),
        choice("Quit", "last exit across devices"),
    ],
);

/// `Role` of after-member-field-change (§3.1.19).
pub const MEMBER_ROLE: Enumeration = listed(
    "member-role",
    "§3.1.19",
    &[
        choice("Admin", "made an admin"),
        choice("Member", "admin role revoked"),
    ],
);

/// `OptionType` of after-attr-change (§3.1.20).
pub const ATTR_OPTION_TYPE: Enumeration = listed(
    "attr-option-type",
    "§3.1.20",
    &[
        choice("set", "all attributes reset"),
        choice("modify", "some modified"),
        choice("clear", "all cleared"),
        choice("delete", "some deleted"),
    ],
);

/// `OperateType` of the message-extension callbacks (§3.1.24, §3.2.5).
pub const OPERATE_TYPE: Enumeration = listed(
    "operate-type",
    "§3.1.24",
    &[code(1, "set"), code(2, "delete"), code(3, "clear")],
);

/// `OnlineOnlyFlag` of message callbacks (§3.1.7, §3.2.1).
pub const ONLINE_ONLY_FLAG: Enumeration = listed(
    "online-only-flag",
    "§3.1.7",
    &[
        code(0, "a normal message"),
        code(1, "an online-only message"),
    ],
);

/// `GroupAtInfo[].GroupAtAllFlag` of after-send (§3.1.8).
pub const GROUP_AT_ALL_FLAG: Enumeration = listed(
    "group-at-all-flag",
    "§3.1.8",
    &[code(0, "the member in GroupAt_Account"), code(1, "@all")],
);

/// `Info.Action` of state-change (§3.4.1).
pub const STATE_ACTION: Enumeration = listed(
    "state-action",
    "§3.4.1",
    &[
        choice("Login", "TCP connection up"),
        choice("Logout", "signed out"),
        choice("Disconnect", "network lost"),
        choice("CustomStatusChange", "custom status set (current docs)"),
    ],
);

/// `Info.Reason` of state-change (§3.4.1).
pub const STATE_REASON: Enumeration = listed(
    "state-reason",
    "§3.4.1",
    &[
        choice("Register", "with Login: connect or reconnect"),
        choice("Unregister", "with Logout"),
        choice("LinkClose", "with Disconnect: TCP close seen"),
        choice("TimeOut", "with Disconnect: 400 s heartbeat timeout"),
        choice("SetCustomStatus", "with CustomStatusChange"),
    ],
);

/// `KickedDevice[].Platform` of state-change (§3.4.1).
pub const KICKED_PLATFORM: Enumeration = listed(
    "kicked-platform",
    "§3.4.1",
    &[
        choice("iOS", "iOS"),
        choice("Android", "Android"),
        choice("Web", "Web"),
        choice("Windows", "Windows"),
        choice("iPad", "iPad"),
        choice("Mac", "macOS"),
        choice("Linux", "Linux"),
    ],
);

/// `ProfileItem[].Tag` of profile-portrait-set (§3.5.1): the standard tags, and custom ones
/// `Tag_Profile_Custom_<Key>`.
pub const PROFILE_TAG: Enumeration = Enumeration {
    name: "profile-tag",
    section: "§3.5.1",
    values: &[
        choice("Tag_Profile_IM_Nick", "nickname (string)"),
        choice(
            "Tag_Profile_IM_Gender",
            "Gender_Type_Unknown, Gender_Type_Female or Gender_Type_Male",
        ),
        choice(
            "Tag_Profile_IM_BirthDay",
            "birthday, uint32 such as 20190419",
        ),
        choice("Tag_Profile_IM_Location", "location (string)"),
        choice("Tag_Profile_IM_SelfSignature", "signature (string)"),
        choice(
            "Tag_Profile_IM_AllowType",
            "AllowType_Type_NeedConfirm, AllowType_Type_AllowAny or AllowType_Type_DenyAny",
        ),
        choice("Tag_Profile_IM_Language", "language (uint32)"),
        choice("Tag_Profile_IM_Image", "avatar URL (string)"),
        choice(
            "Tag_Profile_IM_AdminForbidType",
            "AdminForbid_Type_None or AdminForbid_Type_SendOut",
        ),
        choice("Tag_Profile_IM_Level", "level (uint32)"),
        choice("Tag_Profile_IM_Role", "role (uint32)"),
    ],
    prefix: Some("Tag_Profile_Custom_"),
};

/// `FriendItem[].AddSource`: `AddSource_Type_` and at most 8 letters (§3.3.1).
pub const ADD_SOURCE: Enumeration = Enumeration {
    name: "add-source",
    section: "§3.3.1",
    values: &[],
    prefix: Some("AddSource_Type_"),
};

/// `AddType` of sns-prev-friend-add (§3.3.1).
pub const ADD_TYPE: Enumeration = listed(
    "add-type",
    "§3.3.1",
    &[
        choice("Add_Type_Single", "one-way"),
        choice("Add_Type_Both", "two-way (the default)"),
    ],
);

/// `ForceAddFlags` of sns-prev-friend-add and `ForceFlag` of sns-friend-add (§3.3.1, §3.3.3).
pub const FORCE_FLAG: Enumeration = listed(
    "force-flag",
    "§3.3.1",
    &[code(0, "a normal add"), code(1, "forced by an admin")],
);

/// `ResponseFriendItem[].ResponseAction` of sns-prev-friend-response (§3.3.2).
pub const RESPONSE_ACTION: Enumeration = listed(
    "response-action",
    "§3.3.2",
    &[
        choice("Response_Action_AgreeAndAdd", "agree and add back"),
        choice("Response_Action_Agree", "agree one-way"),
        choice("Response_Action_Reject", "reject"),
    ],
);

/// `ClientCmd` of sns-friend-add (§3.3.3).
pub const CLIENT_CMD: Enumeration = listed(
    "client-cmd",
    "§3.3.3",
    &[
        choice("friend_add", "an add request (REST)"),
        choice("FriendAdd", "an add request (client)"),
        choice("friend_response", "an accepted request (REST)"),
        choice("FriendResponse", "an accepted request (client)"),
    ],
);

/// `Scene` of content-result-notify (§3.9.1).
pub const SCENE: Enumeration = listed(
    "scene",
    "§3.9.1",
    &[
        choice("C2C", "one-to-one message"),
        choice("C2CCustom", "one-to-one custom message"),
        choice("Group", "group message"),
        choice("GroupCustom", "group custom message"),
        choice("GroupInfo", "group profile"),
        choice("GroupMemberInfo", "group member profile"),
        choice("RelationChain", "friend data"),
        choice("UserInfo", "user profile"),
    ],
);

/// `ContactItem.ContactType` of content-result-notify (§3.9.1).
pub const CONTACT_TYPE: Enumeration = listed(
    "contact-type",
    "§3.9.1",
    &[code(1, "one-to-one"), code(2, "group")],
);

/// `ContentType` of content-result-notify (§3.9.1).
pub const CONTENT_TYPE: Enumeration = listed(
    "content-type",
    "§3.9.1",
    &[
        choice("Text", "text"),
        choice("Image", "image"),
        choice("Audio", "audio"),
        choice("Video", "video"),
    ],
);

/// `CtxcbResult` of content-result-notify (§3.9.1).
pub const CTXCB_RESULT: Enumeration = listed(
    "ctxcb-result",
    "§3.9.1",
    &[code(0, "passed"), code(1, "blocked")],
);

/// `CtxcbSuggestion` of content-result-notify (§3.9.1).
pub const CTXCB_SUGGESTION: Enumeration = listed(
    "ctxcb-suggestion",
    "§3.9.1",
    &[
        choice("Block", "block"),
        choice("Review", "review by a person"),
        choice("Normal", "normal"),
    ],
);

/// `CtxcbLabel` of content-result-notify (§3.9.1; the list is `SDK-doocs`').
pub const CTXCB_LABEL: Enumeration = listed(
    "ctxcb-label",
    "§3.9.1",
    &[
        choice("Normal", "normal"),
        choice("Illegal", "illegal"),
        choice("Abuse", "abuse"),
        choice("Polity", "politics"),
        choice("Ad", "advertising"),
        choice("Porn", "pornography"),
        choice("Sexy", "sexual"),
        choice("Terror", "terrorism"),
        choice("Composite", "composite"),
    ],
);

/// `PushPlatform` (and `DeviceType`) of push events (§3.11).
pub const PUSH_PLATFORM: Enumeration = listed(
    "push-platform",
    "§3.11",
    &[
        code(0, "unknown (online pushes)"),
        code(1, "APNs"),
        code(2, "Xiaomi"),
        code(3, "Huawei"),
        code(4, "FCM"),
        code(5, "Meizu"),
        code(6, "OPPO"),
        code(7, "vivo"),
        code(8, "Honor"),
    ],
);

/// `PushStage` of push events (§3.11).
pub const PUSH_STAGE: Enumeration = listed(
    "push-stage",
    "§3.11",
    &[
        code(1, "sent"),
        code(2, "delivered to the device"),
        code(3, "clicked"),
    ],
);

/// `EventType` of push-offline events (§3.11.1).
pub const OFFLINE_PUSH_EVENT: Enumeration = listed(
    "offline-push-event-type",
    "§3.11.1",
    &[code(1, "a C2C message"), code(2, "a group message")],
);

/// `EventType` of push-all-member events (§3.11.2).
pub const ALL_MEMBER_PUSH_EVENT: Enumeration = listed(
    "all-member-push-event-type",
    "§3.11.2",
    &[code(1, "offline push"), code(2, "online push")],
);

/// `OptPlatform` in the query: every spelling the docs show (§2.2), as
/// [`crate::query::PLATFORMS`] lists them.
pub const OPT_PLATFORM: Enumeration = listed(
    "opt-platform",
    "§2.2",
    &[
        choice("RESTAPI", "the server REST API"),
        choice("Web", "Web"),
        choice("Android", "Android"),
        choice("iOS", "iOS"),
        choice("Windows", "Windows"),
        choice("Mac", "macOS (CN pages)"),
        choice("iPad", "iPad"),
        choice("Unknown", "unknown"),
        choice("IOS", "iOS as State.StateChange writes it"),
        choice("macOS", "macOS (English pages)"),
    ],
);

/// Every enumeration of this module, for tests and generators.
pub static ALL: &[&Enumeration] = &[
    &GROUP_TYPE,
    &TOPIC_GROUP_TYPE,
    &JOIN_TYPE,
    &EXIT_TYPE,
    &MEMBER_EVENT_TYPE,
    &MEMBER_EVENT_CAUSE,
    &MEMBER_ROLE,
    &ATTR_OPTION_TYPE,
    &OPERATE_TYPE,
    &ONLINE_ONLY_FLAG,
    &GROUP_AT_ALL_FLAG,
    &STATE_ACTION,
    &STATE_REASON,
    &KICKED_PLATFORM,
    &PROFILE_TAG,
    &ADD_SOURCE,
    &ADD_TYPE,
    &FORCE_FLAG,
    &RESPONSE_ACTION,
    &CLIENT_CMD,
    &SCENE,
    &CONTACT_TYPE,
    &CONTENT_TYPE,
    &CTXCB_RESULT,
    &CTXCB_SUGGESTION,
    &CTXCB_LABEL,
    &PUSH_PLATFORM,
    &PUSH_STAGE,
    &OFFLINE_PUSH_EVENT,
    &ALL_MEMBER_PUSH_EVENT,
    &OPT_PLATFORM,
];
