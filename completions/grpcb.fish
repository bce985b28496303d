# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_grpcb_global_optspecs
    string join \n h/help V/version
end

function __fish_grpcb_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_grpcb_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_grpcb_using_subcommand
    set -l cmd (__fish_grpcb_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c grpcb -n "__fish_grpcb_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c grpcb -n "__fish_grpcb_needs_command" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "list" -d 'List every callback by family: alias, kind, command, query shape, what the answer can do'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "run" -d 'Run contract suite files (many cases) and report per case: CI\'s entry point'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "serve" -d 'Run a spec-correct reference receiver on loopback, with rules and capture'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "listen" -d 'Relay live IM callbacks to your receiver: check each request against the catalog, forward it byte for byte, judge the answer as send does, pass it back to IM'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "replay" -d 'Send a `serve --record` or `listen --record` capture again, with its query and exact bodies, expecting the recorded decisions'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "demo" -d 'Start the reference receiver on a free loopback port and send it every callback'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "audit" -d 'Probe a receiver\'s security and robustness: SdkAppid and Sign checks, replays, unknown commands and fields, doc variants, large bodies, latency'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "export" -d 'Write a Locust or k6 script that loads a receiver as bench does, for load beyond one machine: the same signed, templated callbacks, every answer checked'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "sign" -d 'Print RequestTime and Sign for a token, to debug a receiver\'s signature check'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "man" -d 'Print grpcb\'s man page, or a subcommand\'s (generated from this command line)'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "send" -d 'Build one callback, POST it, validate the answer and report'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "example" -d 'Print the sample request body (the one `send` would use) as pretty JSON'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "bench" -d 'Load a receiver as Tencent IM would: every request signed anew, with its own IDs, every answer judged; latency percentiles, decisions, findings, CI thresholds'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "schema" -d 'Print the JSON Schema of a callback\'s body (or of its answer), or an OpenAPI document of every callback, to generate a receiver\'s models in another language'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "fuzz" -d 'Property-based testing: send generated bodies of every valid shape IM can send, and shrink each failure to a minimal fixture'
complete -c grpcb -n "__fish_grpcb_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c grpcb -n "__fish_grpcb_using_subcommand list" -l family -d 'Only this family\'s callbacks' -r -f -a "group\t''
c2c\t''
sns\t''
state\t''
profile\t''
follow\t''
official-account\t''
bot\t''
content\t''
alert\t''
push\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand list" -l format -d 'Table for people, or JSON for scripts' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand list" -l color -d 'Colour: auto means only on a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand list" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand list" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l client-ip -d 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l platform -d 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l request-time -d 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l timeout -d 'Give up after D (at least 1ms), the whole answer included (IM\'s own limit is 2s) [default: 2s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -s H -l header -d 'Extra request header \'Name: value\' (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l query -d 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -s j -l jobs -d 'Run N cases at a time over one connection pool; results still print in file order' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l filter -d 'Run only the cases whose name contains TEXT (case-insensitive)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l junit -d 'Also write a JUnit XML report to FILE: one testsuite per suite file, one testcase per case' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l html -d 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l format -d 'Report format on stdout' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l color -d 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l url -d 'The receiver\'s callback URL; its own query parameters are kept' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l sdkappid -d 'SdkAppid query parameter [default: 1400000000]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l token -d 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l strict -d 'Count warnings as failures in every case'
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -l fail-fast -d 'Start no new case after the first one that does not pass'
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -s v -l verbose -d 'Also print the full request and response'
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -s q -l quiet -d 'Print nothing; the exit code tells'
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand run" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l addr -d 'Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l sdkappid -d 'Reject callbacks whose SdkAppid is not this one' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l token -d 'Callback-auth token: require a valid Sign and a fresh RequestTime; never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l rules -d 'How to answer valid callbacks: a TOML file of [[rule]] tables (default: allow all)' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l record -d 'Write every callback body to DIR/<alias>/NNNNNN.json, plus DIR/index.jsonl (one serve per DIR: it is locked); `grpcb replay DIR` sends them again' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l read-timeout -d 'Close a connection whose request head, or then body, takes longer than D [default: 5s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l max-connections -d 'Keep at most N connections open; at the limit the one idle longest is closed for a new one (lowered to fit the open-file limit) [default: 512]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -l format -d 'Log lines for people, or JSON lines for scripts' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand serve" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l forward-to -d 'The receiver to forward every callback to (IM\'s query is appended to its own)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l addr -d 'Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l sdkappid -d 'Report callbacks whose SdkAppid is not this one (they are still forwarded)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l token -d 'Callback-auth token: check each Sign and RequestTime (a wrong one is reported and still forwarded); never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l record -d 'Write both sides of every exchange as `serve --record` does: DIR/<alias>/NNNNNN.json and DIR/index.jsonl; `grpcb replay DIR` sends them again' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l on-failure -d 'What IM gets when the receiver gives no usable answer' -r -f -a "passthrough\t'The receiver\'s own answer when there was one; a 502 when there was none'
allow\t'A valid allow for the callback, so a broken receiver blocks nothing'"
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l read-timeout -d 'Close a connection whose request head, or then body, takes longer than D [default: 5s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l max-connections -d 'Keep at most N connections open; at the limit the one idle longest is closed for a new one (lowered to fit the open-file limit) [default: 512]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l format -d 'Live lines for people, or one JSON object per exchange' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -l color -d 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -s v -l verbose -d 'Also print each finding\'s message and both bodies (escaped)'
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -s q -l quiet -d 'No line per callback: only the listening line and the closing summary'
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c grpcb -n "__fish_grpcb_using_subcommand listen" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l url -d 'The receiver\'s callback URL; its own query parameters are kept' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l token -d 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l timeout -d 'Give up after D (at least 1ms), the whole answer included (IM\'s own limit is 2s) [default: 2s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -s H -l header -d 'Extra request header \'Name: value\' (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l query -d 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l format -d 'Report format on stdout' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l color -d 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l sdkappid -d 'Replace every captured SdkAppid with N [default: the captured one]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l client-ip -d 'Replace every captured ClientIP [default: the captured one]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l platform -d 'Replace every captured OptPlatform, spelled as for send [default: the captured one]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l request-time -d 'Pin the fresh RequestTime (Unix seconds) instead of now; needs --token' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -l strict -d 'Count warnings, and replays that are inconclusive, as failures'
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -s v -l verbose -d 'Also print the full request and response'
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -s q -l quiet -d 'Print nothing; the exit code tells'
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand replay" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand demo" -l pace -d 'Wait D before each check (e.g. 1s), to follow the tour as it runs' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand demo" -l format -d 'Report for people, or one JSON object for scripts' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand demo" -l color -d 'Colour: auto means only on a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand demo" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand demo" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l url -d 'The receiver\'s callback URL; its own query parameters are kept' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l sdkappid -d 'SdkAppid query parameter [default: 1400000000]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l client-ip -d 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l platform -d 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l token -d 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l request-time -d 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l timeout -d 'Give up after D (at least 1ms), the whole answer included (IM\'s own limit is 2s) [default: 2s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -s H -l header -d 'Extra request header \'Name: value\' (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l query -d 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l only -d 'Run only these probes (comma-separated ids, e.g. wrong-sign,stale-time)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l skip -d 'Leave out these probes (comma-separated ids)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l suite -d 'A suite (TOML) whose cases with a known decision (deny, deny-custom, drop, rewrite, partial refusal) are re-sent padded past 64 KB, with keys reordered, pretty-printed, \\u-escaped and EventTime as a string: each decision must survive' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l format -d 'Report format on stdout' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l color -d 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l html -d 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -l strict -d 'Fail the audit (exit 1) on inconclusive and warned probes too'
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -s v -l verbose -d 'Also print the full request and response'
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -s q -l quiet -d 'Print nothing; the exit code tells'
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand audit" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l weight -d 'A callback\'s share of the requests, relative to the others\' (repeatable) [default: 1 each]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l token-env -d 'The environment variable the script reads the callback token from when it runs' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l expect -d 'The decision every answer must lead to, or the check fails (allow and deny include their -partial, -modified and -custom forms); a refusal (FAIL/1) then fails too' -r -f -a "allow\t''
deny\t''
drop\t''
ignored\t''
deny-custom\t''
allow-partial\t''
allow-modified\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l url -d 'The receiver\'s callback URL; its own query parameters are kept (Locust\'s --host and k6\'s GRPCB_HOST replace its scheme, host and port)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l sdkappid -d 'SdkAppid query parameter [default: 1400000000]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l client-ip -d 'ClientIP query parameter (not sent in the query shapes that have none, as for send) [default: 127.0.0.1]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l platform -d 'OptPlatform, sent as spelled (as for send) [default: RESTAPI]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l timeout -d 'Each request gives up after D [default: 2s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -s H -l header -d 'Extra request header \'Name: value\' (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l fixture -d 'Start from this JSON body instead of the built-in sample (- reads stdin)' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l group-id -d 'Group ID (GroupId)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l group-type -d 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l name -d 'Group name (Name)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l operator -d 'Operator_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l owner -d 'Owner_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l member -d 'A user of the callback\'s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l text -d 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l event-time -d 'EventTime, milliseconds since the epoch' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l topic-id -d 'Topic ID (TopicId; TopicIdList on after-topic-destroy)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l from -d 'Message sender, or the user who acts (From_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l requestor -d 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l join-type -d 'JoinType on after-join: Apply or Invited' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l exit-type -d 'ExitType on after-exit: Kicked or Quit' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l to -d 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event\'s To_Account on push-*)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l account -d 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l set -d 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l unset -d 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -l unsigned -d 'Send unsigned requests (no Sign, no RequestTime): the script reads no token'
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c grpcb -n "__fish_grpcb_using_subcommand export" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand sign" -l token -d 'The callback token configured in the IM console' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand sign" -l request-time -d 'RequestTime in Unix seconds [default: now]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand sign" -l format -d '`RequestTime=...` and `Sign=...` lines, or a JSON object' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand sign" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand sign" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand completions" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand completions" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand man" -l dir -d 'Write every page (grpcb.1, grpcb-send.1, ...) into DIR instead of printing one' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand man" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand man" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l url -d 'The receiver\'s callback URL; its own query parameters are kept' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l sdkappid -d 'SdkAppid query parameter [default: 1400000000]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l client-ip -d 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l platform -d 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l token -d 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l request-time -d 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l timeout -d 'Give up after D (at least 1ms), the whole answer included (IM\'s own limit is 2s) [default: 2s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -s H -l header -d 'Extra request header \'Name: value\' (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l query -d 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l fixture -d 'Start from this JSON body instead of the built-in sample (- reads stdin)' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l group-id -d 'Group ID (GroupId)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l group-type -d 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l name -d 'Group name (Name)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l operator -d 'Operator_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l owner -d 'Owner_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l member -d 'A user of the callback\'s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l text -d 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l event-time -d 'EventTime, milliseconds since the epoch' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l topic-id -d 'Topic ID (TopicId; TopicIdList on after-topic-destroy)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l from -d 'Message sender, or the user who acts (From_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l requestor -d 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l join-type -d 'JoinType on after-join: Apply or Invited' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l exit-type -d 'ExitType on after-exit: Kicked or Quit' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l to -d 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event\'s To_Account on push-*)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l account -d 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l set -d 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l unset -d 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l expect -d 'The decision the receiver must make (allow and deny include their -partial, -modified and -custom forms)' -r -f -a "allow\t''
deny\t''
drop\t''
ignored\t''
deny-custom\t''
allow-partial\t''
allow-modified\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l expect-code -d 'The exact ErrorCode the answer must carry' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l expect-refused -d 'IM must refuse exactly these invitees given the whole answer (a deny refuses all of them; comma-separated; \'\' for none)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l format -d 'Report format on stdout' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l color -d 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l strict -d 'Count warnings as failures'
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -s v -l verbose -d 'Also print the full request and response'
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -s q -l quiet -d 'Print nothing; the exit code tells'
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -l curl -d 'Print the exact request as a curl command (computed Sign and RequestTime, never the token) instead of sending it'
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand send" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l fixture -d 'Start from this JSON body instead of the built-in sample (- reads stdin)' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l group-id -d 'Group ID (GroupId)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l group-type -d 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l name -d 'Group name (Name)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l operator -d 'Operator_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l owner -d 'Owner_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l member -d 'A user of the callback\'s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l text -d 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l event-time -d 'EventTime, milliseconds since the epoch' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l topic-id -d 'Topic ID (TopicId; TopicIdList on after-topic-destroy)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l from -d 'Message sender, or the user who acts (From_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l requestor -d 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l join-type -d 'JoinType on after-join: Apply or Invited' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l exit-type -d 'ExitType on after-exit: Kicked or Quit' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l to -d 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event\'s To_Account on push-*)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l account -d 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l set -d 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -l unset -d 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand example" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -s c -l concurrency -d 'Connections, each with one request in flight at a time [default: 16]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -s n -l requests -d 'Send N requests, then stop (or after 10 minutes)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l duration -d 'Run for D: 30s, 1m, 500ms [default: 10s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l rate -d 'Open loop: start R requests per second on a fixed schedule, whatever the answers' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l seed -d 'Seed for {{uuid}} and {{rand}}: the same seed gives every request the same values [default: random, shown in the JSON report]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l max-p99 -d 'Exit 1 when the p99 latency is over D (e.g. 200ms), timed-out requests counted as taking the timeout' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l max-error-rate -d 'Exit 1 when more than PCT percent of requests errored or failed (e.g. 1 or 0.5%) [default: 0: any failed or errored request fails the run]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l url -d 'The receiver\'s callback URL; its own query parameters are kept' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l sdkappid -d 'SdkAppid query parameter [default: 1400000000]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l client-ip -d 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l platform -d 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l token -d 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l request-time -d 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l timeout -d 'Give up after D (at least 1ms), the whole answer included (IM\'s own limit is 2s) [default: 2s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -s H -l header -d 'Extra request header \'Name: value\' (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l query -d 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l fixture -d 'Start from this JSON body instead of the built-in sample (- reads stdin)' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l group-id -d 'Group ID (GroupId)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l group-type -d 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l name -d 'Group name (Name)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l operator -d 'Operator_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l owner -d 'Owner_Account' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l member -d 'A user of the callback\'s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l text -d 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l event-time -d 'EventTime, milliseconds since the epoch' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l topic-id -d 'Topic ID (TopicId; TopicIdList on after-topic-destroy)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l from -d 'Message sender, or the user who acts (From_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l requestor -d 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l join-type -d 'JoinType on after-join: Apply or Invited' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l exit-type -d 'ExitType on after-exit: Kicked or Quit' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l to -d 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event\'s To_Account on push-*)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l account -d 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l set -d 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l unset -d 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l expect -d 'The decision the receiver must make (allow and deny include their -partial, -modified and -custom forms)' -r -f -a "allow\t''
deny\t''
drop\t''
ignored\t''
deny-custom\t''
allow-partial\t''
allow-modified\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l expect-code -d 'The exact ErrorCode the answer must carry' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l expect-refused -d 'IM must refuse exactly these invitees given the whole answer (a deny refuses all of them; comma-separated; \'\' for none)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l format -d 'Report format on stdout' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l color -d 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l html -d 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -l strict -d 'Count warnings as failures'
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -s v -l verbose -d 'Also print the full request and response'
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -s q -l quiet -d 'Print nothing; the exit code tells'
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand bench" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand schema" -s o -l output -d 'Write the document to FILE instead of stdout' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand schema" -l answer -d 'The schema of the answer the receiver sends instead of the request body'
complete -c grpcb -n "__fish_grpcb_using_subcommand schema" -l openapi -d 'An OpenAPI 3.1 document: one webhook per callback, with its query, body and answer'
complete -c grpcb -n "__fish_grpcb_using_subcommand schema" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand schema" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l cases -d 'Cases per callback [default: 100; with --duration alone, as many as it allows]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l duration -d 'Start no case after D (30s, 5m); the failures found are still shrunk' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l seed -d 'The seed the cases are drawn from: the same seed and arguments send the same bodies [default: random, printed]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -s j -l jobs -d 'Run N cases (and shrinks) at a time; the bodies do not depend on it' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l out -d 'Write each failure\'s shrunk fixture, rewritten body and curl line under DIR' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l url -d 'The receiver\'s callback URL; its own query parameters are kept' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l sdkappid -d 'SdkAppid query parameter [default: 1400000000]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l client-ip -d 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l platform -d 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l token -d 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l request-time -d 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l timeout -d 'Give up after D (at least 1ms), the whole answer included (IM\'s own limit is 2s) [default: 2s]' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -s H -l header -d 'Extra request header \'Name: value\' (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l query -d 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)' -r
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l junit -d 'Also write a JUnit XML report to FILE: one testsuite per callback, one testcase per property' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l html -d 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it' -r -F
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l format -d 'Report format on stdout' -r -f -a "human\t''
json\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l color -d 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -l strict -d 'A warning fails a case too (contract), as `send --strict` fails it; the replay line carries --strict'
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -s v -l verbose -d 'Also print the full request and response'
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -s q -l quiet -d 'Print nothing; the exit code tells'
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -s h -l help -d 'Print help'
complete -c grpcb -n "__fish_grpcb_using_subcommand fuzz" -s V -l version -d 'Print version'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "list" -d 'List every callback by family: alias, kind, command, query shape, what the answer can do'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "run" -d 'Run contract suite files (many cases) and report per case: CI\'s entry point'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "serve" -d 'Run a spec-correct reference receiver on loopback, with rules and capture'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "listen" -d 'Relay live IM callbacks to your receiver: check each request against the catalog, forward it byte for byte, judge the answer as send does, pass it back to IM'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "replay" -d 'Send a `serve --record` or `listen --record` capture again, with its query and exact bodies, expecting the recorded decisions'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "demo" -d 'Start the reference receiver on a free loopback port and send it every callback'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "audit" -d 'Probe a receiver\'s security and robustness: SdkAppid and Sign checks, replays, unknown commands and fields, doc variants, large bodies, latency'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "export" -d 'Write a Locust or k6 script that loads a receiver as bench does, for load beyond one machine: the same signed, templated callbacks, every answer checked'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "sign" -d 'Print RequestTime and Sign for a token, to debug a receiver\'s signature check'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "completions" -d 'Print a shell completion script'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "man" -d 'Print grpcb\'s man page, or a subcommand\'s (generated from this command line)'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "send" -d 'Build one callback, POST it, validate the answer and report'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "example" -d 'Print the sample request body (the one `send` would use) as pretty JSON'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "bench" -d 'Load a receiver as Tencent IM would: every request signed anew, with its own IDs, every answer judged; latency percentiles, decisions, findings, CI thresholds'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "schema" -d 'Print the JSON Schema of a callback\'s body (or of its answer), or an OpenAPI document of every callback, to generate a receiver\'s models in another language'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "fuzz" -d 'Property-based testing: send generated bodies of every valid shape IM can send, and shrink each failure to a minimal fixture'
complete -c grpcb -n "__fish_grpcb_using_subcommand help; and not __fish_seen_subcommand_from list run serve listen replay demo audit export sign completions man send example bench schema fuzz help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
