//! The sizes IM's own limits put on a callback body (`docs/protocol.md` §2.12): how large
//! the largest body IM sends gets. Generators go up to them, never past: a body over IM's
//! limits is not one IM sends.

/// The most users one callback's user list names (`MemberList`, `DestinationMembers`,
/// `FriendItem`, ...): a group created with its initial members takes at most 500 of them.
pub const USER_LIST: usize = 500;

/// The most bytes the content of one message takes, every element of its `MsgBody` together
/// (text, custom `Data`, descriptions): 12 KB.
pub const MESSAGE_BYTES: usize = 12 * 1024;

/// The most bytes a UserID takes: 32.
pub const USER_ID_BYTES: usize = 32;

/// How long free text outside a message gets (a group name, a remark, a name card): IM caps
/// such fields near a hundred bytes (a group name at 100; the limit of each field is
/// unconfirmed), so generators stop there.
pub const FREE_TEXT_BYTES: usize = 100;
