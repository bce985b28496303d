
use builtin;
use str;

set edit:completion:arg-completer[grpcb] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'grpcb'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'grpcb'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List every callback by family: alias, kind, command, query shape, what the answer can do'
            cand run 'Run contract suite files (many cases) and report per case: CI''s entry point'
            cand serve 'Run a spec-correct reference receiver on loopback, with rules and capture'
            cand listen 'Relay live IM callbacks to your receiver: check each request against the catalog, forward it byte for byte, judge the answer as send does, pass it back to IM'
            cand replay 'Send a `serve --record` or `listen --record` capture again, with its query and exact bodies, expecting the recorded decisions'
            cand demo 'Start the reference receiver on a free loopback port and send it every callback'
            cand audit 'Probe a receiver''s security and robustness: SdkAppid and Sign checks, replays, unknown commands and fields, doc variants, large bodies, latency'
            cand export 'Write a Locust or k6 script that loads a receiver as bench does, for load beyond one machine: the same signed, templated callbacks, every answer checked'
            cand sign 'Print RequestTime and Sign for a token, to debug a receiver''s signature check'
            cand completions 'Print a shell completion script'
            cand man 'Print grpcb''s man page, or a subcommand''s (generated from this command line)'
            cand send 'Build one callback, POST it, validate the answer and report'
            cand example 'Print the sample request body (the one `send` would use) as pretty JSON'
            cand bench 'Load a receiver as Tencent IM would: every request signed anew, with its own IDs, every answer judged; latency percentiles, decisions, findings, CI thresholds'
            cand schema 'Print the JSON Schema of a callback''s body (or of its answer), or an OpenAPI document of every callback, to generate a receiver''s models in another language'
            cand fuzz 'Property-based testing: send generated bodies of every valid shape IM can send, and shrink each failure to a minimal fixture'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'grpcb;list'= {
            cand --family 'Only this family''s callbacks'
            cand --format 'Table for people, or JSON for scripts'
            cand --color 'Colour: auto means only on a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;run'= {
            cand --client-ip 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]'
            cand --platform 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]'
            cand --request-time 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests'
            cand --timeout 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]'
            cand -H 'Extra request header ''Name: value'' (repeatable)'
            cand --header 'Extra request header ''Name: value'' (repeatable)'
            cand --query 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)'
            cand -j 'Run N cases at a time over one connection pool; results still print in file order'
            cand --jobs 'Run N cases at a time over one connection pool; results still print in file order'
            cand --filter 'Run only the cases whose name contains TEXT (case-insensitive)'
            cand --junit 'Also write a JUnit XML report to FILE: one testsuite per suite file, one testcase per case'
            cand --html 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it'
            cand --format 'Report format on stdout'
            cand --color 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
            cand --url 'The receiver''s callback URL; its own query parameters are kept'
            cand --sdkappid 'SdkAppid query parameter [default: 1400000000]'
            cand --token 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed'
            cand --strict 'Count warnings as failures in every case'
            cand --fail-fast 'Start no new case after the first one that does not pass'
            cand -v 'Also print the full request and response'
            cand --verbose 'Also print the full request and response'
            cand -q 'Print nothing; the exit code tells'
            cand --quiet 'Print nothing; the exit code tells'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;serve'= {
            cand --addr 'Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one'
            cand --sdkappid 'Reject callbacks whose SdkAppid is not this one'
            cand --token 'Callback-auth token: require a valid Sign and a fresh RequestTime; never printed'
            cand --rules 'How to answer valid callbacks: a TOML file of [[rule]] tables (default: allow all)'
            cand --record 'Write every callback body to DIR/<alias>/NNNNNN.json, plus DIR/index.jsonl (one serve per DIR: it is locked); `grpcb replay DIR` sends them again'
            cand --read-timeout 'Close a connection whose request head, or then body, takes longer than D [default: 5s]'
            cand --max-connections 'Keep at most N connections open; at the limit the one idle longest is closed for a new one (lowered to fit the open-file limit) [default: 512]'
            cand --format 'Log lines for people, or JSON lines for scripts'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;listen'= {
            cand --forward-to 'The receiver to forward every callback to (IM''s query is appended to its own)'
            cand --addr 'Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one'
            cand --sdkappid 'Report callbacks whose SdkAppid is not this one (they are still forwarded)'
            cand --token 'Callback-auth token: check each Sign and RequestTime (a wrong one is reported and still forwarded); never printed'
            cand --record 'Write both sides of every exchange as `serve --record` does: DIR/<alias>/NNNNNN.json and DIR/index.jsonl; `grpcb replay DIR` sends them again'
            cand --on-failure 'What IM gets when the receiver gives no usable answer'
            cand --read-timeout 'Close a connection whose request head, or then body, takes longer than D [default: 5s]'
            cand --max-connections 'Keep at most N connections open; at the limit the one idle longest is closed for a new one (lowered to fit the open-file limit) [default: 512]'
            cand --format 'Live lines for people, or one JSON object per exchange'
            cand --color 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
            cand -v 'Also print each finding''s message and both bodies (escaped)'
            cand --verbose 'Also print each finding''s message and both bodies (escaped)'
            cand -q 'No line per callback: only the listening line and the closing summary'
            cand --quiet 'No line per callback: only the listening line and the closing summary'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;replay'= {
            cand --url 'The receiver''s callback URL; its own query parameters are kept'
            cand --token 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed'
            cand --timeout 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]'
            cand -H 'Extra request header ''Name: value'' (repeatable)'
            cand --header 'Extra request header ''Name: value'' (repeatable)'
            cand --query 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)'
            cand --format 'Report format on stdout'
            cand --color 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
            cand --sdkappid 'Replace every captured SdkAppid with N [default: the captured one]'
            cand --client-ip 'Replace every captured ClientIP [default: the captured one]'
            cand --platform 'Replace every captured OptPlatform, spelled as for send [default: the captured one]'
            cand --request-time 'Pin the fresh RequestTime (Unix seconds) instead of now; needs --token'
            cand --strict 'Count warnings, and replays that are inconclusive, as failures'
            cand -v 'Also print the full request and response'
            cand --verbose 'Also print the full request and response'
            cand -q 'Print nothing; the exit code tells'
            cand --quiet 'Print nothing; the exit code tells'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;demo'= {
            cand --pace 'Wait D before each check (e.g. 1s), to follow the tour as it runs'
            cand --format 'Report for people, or one JSON object for scripts'
            cand --color 'Colour: auto means only on a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;audit'= {
            cand --url 'The receiver''s callback URL; its own query parameters are kept'
            cand --sdkappid 'SdkAppid query parameter [default: 1400000000]'
            cand --client-ip 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]'
            cand --platform 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]'
            cand --token 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed'
            cand --request-time 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests'
            cand --timeout 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]'
            cand -H 'Extra request header ''Name: value'' (repeatable)'
            cand --header 'Extra request header ''Name: value'' (repeatable)'
            cand --query 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)'
            cand --only 'Run only these probes (comma-separated ids, e.g. wrong-sign,stale-time)'
            cand --skip 'Leave out these probes (comma-separated ids)'
            cand --suite 'A suite (TOML) whose cases with a known decision (deny, deny-custom, drop, rewrite, partial refusal) are re-sent padded past 64 KB, with keys reordered, pretty-printed, \u-escaped and EventTime as a string: each decision must survive'
            cand --format 'Report format on stdout'
            cand --color 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
            cand --html 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it'
            cand --strict 'Fail the audit (exit 1) on inconclusive and warned probes too'
            cand -v 'Also print the full request and response'
            cand --verbose 'Also print the full request and response'
            cand -q 'Print nothing; the exit code tells'
            cand --quiet 'Print nothing; the exit code tells'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;export'= {
            cand --weight 'A callback''s share of the requests, relative to the others'' (repeatable) [default: 1 each]'
            cand --token-env 'The environment variable the script reads the callback token from when it runs'
            cand --expect 'The decision every answer must lead to, or the check fails (allow and deny include their -partial, -modified and -custom forms); a refusal (FAIL/1) then fails too'
            cand --url 'The receiver''s callback URL; its own query parameters are kept (Locust''s --host and k6''s GRPCB_HOST replace its scheme, host and port)'
            cand --sdkappid 'SdkAppid query parameter [default: 1400000000]'
            cand --client-ip 'ClientIP query parameter (not sent in the query shapes that have none, as for send) [default: 127.0.0.1]'
            cand --platform 'OptPlatform, sent as spelled (as for send) [default: RESTAPI]'
            cand --timeout 'Each request gives up after D [default: 2s]'
            cand -H 'Extra request header ''Name: value'' (repeatable)'
            cand --header 'Extra request header ''Name: value'' (repeatable)'
            cand --fixture 'Start from this JSON body instead of the built-in sample (- reads stdin)'
            cand --group-id 'Group ID (GroupId)'
            cand --group-type 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community'
            cand --name 'Group name (Name)'
            cand --operator 'Operator_Account'
            cand --owner 'Owner_Account'
            cand --member 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable'
            cand --text 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)'
            cand --event-time 'EventTime, milliseconds since the epoch'
            cand --topic-id 'Topic ID (TopicId; TopicIdList on after-topic-destroy)'
            cand --from 'Message sender, or the user who acts (From_Account)'
            cand --requestor 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)'
            cand --join-type 'JoinType on after-join: Apply or Invited'
            cand --exit-type 'ExitType on after-exit: Kicked or Quit'
            cand --to 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)'
            cand --account 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)'
            cand --set 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags'
            cand --unset 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr'
            cand --unsigned 'Send unsigned requests (no Sign, no RequestTime): the script reads no token'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;sign'= {
            cand --token 'The callback token configured in the IM console'
            cand --request-time 'RequestTime in Unix seconds [default: now]'
            cand --format '`RequestTime=...` and `Sign=...` lines, or a JSON object'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;man'= {
            cand --dir 'Write every page (grpcb.1, grpcb-send.1, ...) into DIR instead of printing one'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;send'= {
            cand --url 'The receiver''s callback URL; its own query parameters are kept'
            cand --sdkappid 'SdkAppid query parameter [default: 1400000000]'
            cand --client-ip 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]'
            cand --platform 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]'
            cand --token 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed'
            cand --request-time 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests'
            cand --timeout 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]'
            cand -H 'Extra request header ''Name: value'' (repeatable)'
            cand --header 'Extra request header ''Name: value'' (repeatable)'
            cand --query 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)'
            cand --fixture 'Start from this JSON body instead of the built-in sample (- reads stdin)'
            cand --group-id 'Group ID (GroupId)'
            cand --group-type 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community'
            cand --name 'Group name (Name)'
            cand --operator 'Operator_Account'
            cand --owner 'Owner_Account'
            cand --member 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable'
            cand --text 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)'
            cand --event-time 'EventTime, milliseconds since the epoch'
            cand --topic-id 'Topic ID (TopicId; TopicIdList on after-topic-destroy)'
            cand --from 'Message sender, or the user who acts (From_Account)'
            cand --requestor 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)'
            cand --join-type 'JoinType on after-join: Apply or Invited'
            cand --exit-type 'ExitType on after-exit: Kicked or Quit'
            cand --to 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)'
            cand --account 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)'
            cand --set 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags'
            cand --unset 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr'
            cand --expect 'The decision the receiver must make (allow and deny include their -partial, -modified and -custom forms)'
            cand --expect-code 'The exact ErrorCode the answer must carry'
            cand --expect-refused 'IM must refuse exactly these invitees given the whole answer (a deny refuses all of them; comma-separated; '''' for none)'
            cand --format 'Report format on stdout'
            cand --color 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
            cand --strict 'Count warnings as failures'
            cand -v 'Also print the full request and response'
            cand --verbose 'Also print the full request and response'
            cand -q 'Print nothing; the exit code tells'
            cand --quiet 'Print nothing; the exit code tells'
            cand --curl 'Print the exact request as a curl command (computed Sign and RequestTime, never the token) instead of sending it'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;example'= {
            cand --fixture 'Start from this JSON body instead of the built-in sample (- reads stdin)'
            cand --group-id 'Group ID (GroupId)'
            cand --group-type 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community'
            cand --name 'Group name (Name)'
            cand --operator 'Operator_Account'
            cand --owner 'Owner_Account'
            cand --member 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable'
            cand --text 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)'
            cand --event-time 'EventTime, milliseconds since the epoch'
            cand --topic-id 'Topic ID (TopicId; TopicIdList on after-topic-destroy)'
            cand --from 'Message sender, or the user who acts (From_Account)'
            cand --requestor 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)'
            cand --join-type 'JoinType on after-join: Apply or Invited'
            cand --exit-type 'ExitType on after-exit: Kicked or Quit'
            cand --to 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)'
            cand --account 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)'
            cand --set 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags'
            cand --unset 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;bench'= {
            cand -c 'Connections, each with one request in flight at a time [default: 16]'
            cand --concurrency 'Connections, each with one request in flight at a time [default: 16]'
            cand -n 'Send N requests, then stop (or after 10 minutes)'
            cand --requests 'Send N requests, then stop (or after 10 minutes)'
            cand --duration 'Run for D: 30s, 1m, 500ms [default: 10s]'
            cand --rate 'Open loop: start R requests per second on a fixed schedule, whatever the answers'
            cand --seed 'Seed for {{uuid}} and {{rand}}: the same seed gives every request the same values [default: random, shown in the JSON report]'
            cand --max-p99 'Exit 1 when the p99 latency is over D (e.g. 200ms), timed-out requests counted as taking the timeout'
            cand --max-error-rate 'Exit 1 when more than PCT percent of requests errored or failed (e.g. 1 or 0.5%) [default: 0: any failed or errored request fails the run]'
            cand --url 'The receiver''s callback URL; its own query parameters are kept'
            cand --sdkappid 'SdkAppid query parameter [default: 1400000000]'
            cand --client-ip 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]'
            cand --platform 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]'
            cand --token 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed'
            cand --request-time 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests'
            cand --timeout 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]'
            cand -H 'Extra request header ''Name: value'' (repeatable)'
            cand --header 'Extra request header ''Name: value'' (repeatable)'
            cand --query 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)'
            cand --fixture 'Start from this JSON body instead of the built-in sample (- reads stdin)'
            cand --group-id 'Group ID (GroupId)'
            cand --group-type 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community'
            cand --name 'Group name (Name)'
            cand --operator 'Operator_Account'
            cand --owner 'Owner_Account'
            cand --member 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable'
            cand --text 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)'
            cand --event-time 'EventTime, milliseconds since the epoch'
            cand --topic-id 'Topic ID (TopicId; TopicIdList on after-topic-destroy)'
            cand --from 'Message sender, or the user who acts (From_Account)'
            cand --requestor 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)'
            cand --join-type 'JoinType on after-join: Apply or Invited'
            cand --exit-type 'ExitType on after-exit: Kicked or Quit'
            cand --to 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)'
            cand --account 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)'
            cand --set 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags'
            cand --unset 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr'
            cand --expect 'The decision the receiver must make (allow and deny include their -partial, -modified and -custom forms)'
            cand --expect-code 'The exact ErrorCode the answer must carry'
            cand --expect-refused 'IM must refuse exactly these invitees given the whole answer (a deny refuses all of them; comma-separated; '''' for none)'
            cand --format 'Report format on stdout'
            cand --color 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
            cand --html 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it'
            cand --strict 'Count warnings as failures'
            cand -v 'Also print the full request and response'
            cand --verbose 'Also print the full request and response'
            cand -q 'Print nothing; the exit code tells'
            cand --quiet 'Print nothing; the exit code tells'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;schema'= {
            cand -o 'Write the document to FILE instead of stdout'
            cand --output 'Write the document to FILE instead of stdout'
            cand --answer 'The schema of the answer the receiver sends instead of the request body'
            cand --openapi 'An OpenAPI 3.1 document: one webhook per callback, with its query, body and answer'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;fuzz'= {
            cand --cases 'Cases per callback [default: 100; with --duration alone, as many as it allows]'
            cand --duration 'Start no case after D (30s, 5m); the failures found are still shrunk'
            cand --seed 'The seed the cases are drawn from: the same seed and arguments send the same bodies [default: random, printed]'
            cand -j 'Run N cases (and shrinks) at a time; the bodies do not depend on it'
            cand --jobs 'Run N cases (and shrinks) at a time; the bodies do not depend on it'
            cand --out 'Write each failure''s shrunk fixture, rewritten body and curl line under DIR'
            cand --url 'The receiver''s callback URL; its own query parameters are kept'
            cand --sdkappid 'SdkAppid query parameter [default: 1400000000]'
            cand --client-ip 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]'
            cand --platform 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]'
            cand --token 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed'
            cand --request-time 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests'
            cand --timeout 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]'
            cand -H 'Extra request header ''Name: value'' (repeatable)'
            cand --header 'Extra request header ''Name: value'' (repeatable)'
            cand --query 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)'
            cand --junit 'Also write a JUnit XML report to FILE: one testsuite per callback, one testcase per property'
            cand --html 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it'
            cand --format 'Report format on stdout'
            cand --color 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
            cand --strict 'A warning fails a case too (contract), as `send --strict` fails it; the replay line carries --strict'
            cand -v 'Also print the full request and response'
            cand --verbose 'Also print the full request and response'
            cand -q 'Print nothing; the exit code tells'
            cand --quiet 'Print nothing; the exit code tells'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'grpcb;help'= {
            cand list 'List every callback by family: alias, kind, command, query shape, what the answer can do'
            cand run 'Run contract suite files (many cases) and report per case: CI''s entry point'
            cand serve 'Run a spec-correct reference receiver on loopback, with rules and capture'
            cand listen 'Relay live IM callbacks to your receiver: check each request against the catalog, forward it byte for byte, judge the answer as send does, pass it back to IM'
            cand replay 'Send a `serve --record` or `listen --record` capture again, with its query and exact bodies, expecting the recorded decisions'
            cand demo 'Start the reference receiver on a free loopback port and send it every callback'
            cand audit 'Probe a receiver''s security and robustness: SdkAppid and Sign checks, replays, unknown commands and fields, doc variants, large bodies, latency'
            cand export 'Write a Locust or k6 script that loads a receiver as bench does, for load beyond one machine: the same signed, templated callbacks, every answer checked'
            cand sign 'Print RequestTime and Sign for a token, to debug a receiver''s signature check'
            cand completions 'Print a shell completion script'
            cand man 'Print grpcb''s man page, or a subcommand''s (generated from this command line)'
            cand send 'Build one callback, POST it, validate the answer and report'
            cand example 'Print the sample request body (the one `send` would use) as pretty JSON'
            cand bench 'Load a receiver as Tencent IM would: every request signed anew, with its own IDs, every answer judged; latency percentiles, decisions, findings, CI thresholds'
            cand schema 'Print the JSON Schema of a callback''s body (or of its answer), or an OpenAPI document of every callback, to generate a receiver''s models in another language'
            cand fuzz 'Property-based testing: send generated bodies of every valid shape IM can send, and shrink each failure to a minimal fixture'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'grpcb;help;list'= {
        }
        &'grpcb;help;run'= {
        }
        &'grpcb;help;serve'= {
        }
        &'grpcb;help;listen'= {
        }
        &'grpcb;help;replay'= {
        }
        &'grpcb;help;demo'= {
        }
        &'grpcb;help;audit'= {
        }
        &'grpcb;help;export'= {
        }
        &'grpcb;help;sign'= {
        }
        &'grpcb;help;completions'= {
        }
        &'grpcb;help;man'= {
        }
        &'grpcb;help;send'= {
        }
        &'grpcb;help;example'= {
        }
        &'grpcb;help;bench'= {
        }
        &'grpcb;help;schema'= {
        }
        &'grpcb;help;fuzz'= {
        }
        &'grpcb;help;help'= {
        }
    ]
    $completions[$command]
}
