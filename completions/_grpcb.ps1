
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'grpcb' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'grpcb'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'grpcb' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every callback by family: alias, kind, command, query shape, what the answer can do')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run contract suite files (many cases) and report per case: CI''s entry point')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a spec-correct reference receiver on loopback, with rules and capture')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Relay live IM callbacks to your receiver: check each request against the catalog, forward it byte for byte, judge the answer as send does, pass it back to IM')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a `serve --record` or `listen --record` capture again, with its query and exact bodies, expecting the recorded decisions')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start the reference receiver on a free loopback port and send it every callback')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Probe a receiver''s security and robustness: SdkAppid and Sign checks, replays, unknown commands and fields, doc variants, large bodies, latency')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a Locust or k6 script that loads a receiver as bench does, for load beyond one machine: the same signed, templated callbacks, every answer checked')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print RequestTime and Sign for a token, to debug a receiver''s signature check')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print grpcb''s man page, or a subcommand''s (generated from this command line)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Build one callback, POST it, validate the answer and report')
            [CompletionResult]::new('example', 'example', [CompletionResultType]::ParameterValue, 'Print the sample request body (the one `send` would use) as pretty JSON')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Load a receiver as Tencent IM would: every request signed anew, with its own IDs, every answer judged; latency percentiles, decisions, findings, CI thresholds')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a callback''s body (or of its answer), or an OpenAPI document of every callback, to generate a receiver''s models in another language')
            [CompletionResult]::new('fuzz', 'fuzz', [CompletionResultType]::ParameterValue, 'Property-based testing: send generated bodies of every valid shape IM can send, and shrink each failure to a minimal fixture')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'grpcb;list' {
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Only this family''s callbacks')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Table for people, or JSON for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;run' {
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]')
            [CompletionResult]::new('--request-time', '--request-time', [CompletionResultType]::ParameterName, 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Run N cases at a time over one connection pool; results still print in file order')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Run N cases at a time over one connection pool; results still print in file order')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Run only the cases whose name contains TEXT (case-insensitive)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write a JUnit XML report to FILE: one testsuite per suite file, one testcase per case')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The receiver''s callback URL; its own query parameters are kept')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'SdkAppid query parameter [default: 1400000000]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Count warnings as failures in every case')
            [CompletionResult]::new('--fail-fast', '--fail-fast', [CompletionResultType]::ParameterName, 'Start no new case after the first one that does not pass')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;serve' {
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'Reject callbacks whose SdkAppid is not this one')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: require a valid Sign and a fresh RequestTime; never printed')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'How to answer valid callbacks: a TOML file of [[rule]] tables (default: allow all)')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Write every callback body to DIR/<alias>/NNNNNN.json, plus DIR/index.jsonl (one serve per DIR: it is locked); `grpcb replay DIR` sends them again')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Close a connection whose request head, or then body, takes longer than D [default: 5s]')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Keep at most N connections open; at the limit the one idle longest is closed for a new one (lowered to fit the open-file limit) [default: 512]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Log lines for people, or JSON lines for scripts')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;listen' {
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'The receiver to forward every callback to (IM''s query is appended to its own)')
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on: IP:PORT or a port on 127.0.0.1; port 0 picks a free one')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'Report callbacks whose SdkAppid is not this one (they are still forwarded)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: check each Sign and RequestTime (a wrong one is reported and still forwarded); never printed')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Write both sides of every exchange as `serve --record` does: DIR/<alias>/NNNNNN.json and DIR/index.jsonl; `grpcb replay DIR` sends them again')
            [CompletionResult]::new('--on-failure', '--on-failure', [CompletionResultType]::ParameterName, 'What IM gets when the receiver gives no usable answer')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Close a connection whose request head, or then body, takes longer than D [default: 5s]')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Keep at most N connections open; at the limit the one idle longest is closed for a new one (lowered to fit the open-file limit) [default: 512]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Live lines for people, or one JSON object per exchange')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print each finding''s message and both bodies (escaped)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print each finding''s message and both bodies (escaped)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No line per callback: only the listening line and the closing summary')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No line per callback: only the listening line and the closing summary')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;replay' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The receiver''s callback URL; its own query parameters are kept')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'Replace every captured SdkAppid with N [default: the captured one]')
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'Replace every captured ClientIP [default: the captured one]')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Replace every captured OptPlatform, spelled as for send [default: the captured one]')
            [CompletionResult]::new('--request-time', '--request-time', [CompletionResultType]::ParameterName, 'Pin the fresh RequestTime (Unix seconds) instead of now; needs --token')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Count warnings, and replays that are inconclusive, as failures')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;demo' {
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'Wait D before each check (e.g. 1s), to follow the tour as it runs')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report for people, or one JSON object for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;audit' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The receiver''s callback URL; its own query parameters are kept')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'SdkAppid query parameter [default: 1400000000]')
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed')
            [CompletionResult]::new('--request-time', '--request-time', [CompletionResultType]::ParameterName, 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these probes (comma-separated ids, e.g. wrong-sign,stale-time)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out these probes (comma-separated ids)')
            [CompletionResult]::new('--suite', '--suite', [CompletionResultType]::ParameterName, 'A suite (TOML) whose cases with a known decision (deny, deny-custom, drop, rewrite, partial refusal) are re-sent padded past 64 KB, with keys reordered, pretty-printed, \u-escaped and EventTime as a string: each decision must survive')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail the audit (exit 1) on inconclusive and warned probes too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;export' {
            [CompletionResult]::new('--weight', '--weight', [CompletionResultType]::ParameterName, 'A callback''s share of the requests, relative to the others'' (repeatable) [default: 1 each]')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'The environment variable the script reads the callback token from when it runs')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The decision every answer must lead to, or the check fails (allow and deny include their -partial, -modified and -custom forms); a refusal (FAIL/1) then fails too')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The receiver''s callback URL; its own query parameters are kept (Locust''s --host and k6''s GRPCB_HOST replace its scheme, host and port)')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'SdkAppid query parameter [default: 1400000000]')
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'ClientIP query parameter (not sent in the query shapes that have none, as for send) [default: 127.0.0.1]')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'OptPlatform, sent as spelled (as for send) [default: RESTAPI]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Each request gives up after D [default: 2s]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--fixture', '--fixture', [CompletionResultType]::ParameterName, 'Start from this JSON body instead of the built-in sample (- reads stdin)')
            [CompletionResult]::new('--group-id', '--group-id', [CompletionResultType]::ParameterName, 'Group ID (GroupId)')
            [CompletionResult]::new('--group-type', '--group-type', [CompletionResultType]::ParameterName, 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Group name (Name)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Operator_Account')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owner_Account')
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)')
            [CompletionResult]::new('--event-time', '--event-time', [CompletionResultType]::ParameterName, 'EventTime, milliseconds since the epoch')
            [CompletionResult]::new('--topic-id', '--topic-id', [CompletionResultType]::ParameterName, 'Topic ID (TopicId; TopicIdList on after-topic-destroy)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Message sender, or the user who acts (From_Account)')
            [CompletionResult]::new('--requestor', '--requestor', [CompletionResultType]::ParameterName, 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)')
            [CompletionResult]::new('--join-type', '--join-type', [CompletionResultType]::ParameterName, 'JoinType on after-join: Apply or Invited')
            [CompletionResult]::new('--exit-type', '--exit-type', [CompletionResultType]::ParameterName, 'ExitType on after-exit: Kicked or Quit')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr')
            [CompletionResult]::new('--unsigned', '--unsigned', [CompletionResultType]::ParameterName, 'Send unsigned requests (no Sign, no RequestTime): the script reads no token')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;sign' {
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The callback token configured in the IM console')
            [CompletionResult]::new('--request-time', '--request-time', [CompletionResultType]::ParameterName, 'RequestTime in Unix seconds [default: now]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '`RequestTime=...` and `Sign=...` lines, or a JSON object')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page (grpcb.1, grpcb-send.1, ...) into DIR instead of printing one')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;send' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The receiver''s callback URL; its own query parameters are kept')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'SdkAppid query parameter [default: 1400000000]')
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed')
            [CompletionResult]::new('--request-time', '--request-time', [CompletionResultType]::ParameterName, 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)')
            [CompletionResult]::new('--fixture', '--fixture', [CompletionResultType]::ParameterName, 'Start from this JSON body instead of the built-in sample (- reads stdin)')
            [CompletionResult]::new('--group-id', '--group-id', [CompletionResultType]::ParameterName, 'Group ID (GroupId)')
            [CompletionResult]::new('--group-type', '--group-type', [CompletionResultType]::ParameterName, 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Group name (Name)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Operator_Account')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owner_Account')
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)')
            [CompletionResult]::new('--event-time', '--event-time', [CompletionResultType]::ParameterName, 'EventTime, milliseconds since the epoch')
            [CompletionResult]::new('--topic-id', '--topic-id', [CompletionResultType]::ParameterName, 'Topic ID (TopicId; TopicIdList on after-topic-destroy)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Message sender, or the user who acts (From_Account)')
            [CompletionResult]::new('--requestor', '--requestor', [CompletionResultType]::ParameterName, 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)')
            [CompletionResult]::new('--join-type', '--join-type', [CompletionResultType]::ParameterName, 'JoinType on after-join: Apply or Invited')
            [CompletionResult]::new('--exit-type', '--exit-type', [CompletionResultType]::ParameterName, 'ExitType on after-exit: Kicked or Quit')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The decision the receiver must make (allow and deny include their -partial, -modified and -custom forms)')
            [CompletionResult]::new('--expect-code', '--expect-code', [CompletionResultType]::ParameterName, 'The exact ErrorCode the answer must carry')
            [CompletionResult]::new('--expect-refused', '--expect-refused', [CompletionResultType]::ParameterName, 'IM must refuse exactly these invitees given the whole answer (a deny refuses all of them; comma-separated; '''' for none)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Count warnings as failures')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the exact request as a curl command (computed Sign and RequestTime, never the token) instead of sending it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;example' {
            [CompletionResult]::new('--fixture', '--fixture', [CompletionResultType]::ParameterName, 'Start from this JSON body instead of the built-in sample (- reads stdin)')
            [CompletionResult]::new('--group-id', '--group-id', [CompletionResultType]::ParameterName, 'Group ID (GroupId)')
            [CompletionResult]::new('--group-type', '--group-type', [CompletionResultType]::ParameterName, 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Group name (Name)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Operator_Account')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owner_Account')
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)')
            [CompletionResult]::new('--event-time', '--event-time', [CompletionResultType]::ParameterName, 'EventTime, milliseconds since the epoch')
            [CompletionResult]::new('--topic-id', '--topic-id', [CompletionResultType]::ParameterName, 'Topic ID (TopicId; TopicIdList on after-topic-destroy)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Message sender, or the user who acts (From_Account)')
            [CompletionResult]::new('--requestor', '--requestor', [CompletionResultType]::ParameterName, 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)')
            [CompletionResult]::new('--join-type', '--join-type', [CompletionResultType]::ParameterName, 'JoinType on after-join: Apply or Invited')
            [CompletionResult]::new('--exit-type', '--exit-type', [CompletionResultType]::ParameterName, 'ExitType on after-exit: Kicked or Quit')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;bench' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Connections, each with one request in flight at a time [default: 16]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Connections, each with one request in flight at a time [default: 16]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Send N requests, then stop (or after 10 minutes)')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Send N requests, then stop (or after 10 minutes)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Run for D: 30s, 1m, 500ms [default: 10s]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop: start R requests per second on a fixed schedule, whatever the answers')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for {{uuid}} and {{rand}}: the same seed gives every request the same values [default: random, shown in the JSON report]')
            [CompletionResult]::new('--max-p99', '--max-p99', [CompletionResultType]::ParameterName, 'Exit 1 when the p99 latency is over D (e.g. 200ms), timed-out requests counted as taking the timeout')
            [CompletionResult]::new('--max-error-rate', '--max-error-rate', [CompletionResultType]::ParameterName, 'Exit 1 when more than PCT percent of requests errored or failed (e.g. 1 or 0.5%) [default: 0: any failed or errored request fails the run]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The receiver''s callback URL; its own query parameters are kept')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'SdkAppid query parameter [default: 1400000000]')
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed')
            [CompletionResult]::new('--request-time', '--request-time', [CompletionResultType]::ParameterName, 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)')
            [CompletionResult]::new('--fixture', '--fixture', [CompletionResultType]::ParameterName, 'Start from this JSON body instead of the built-in sample (- reads stdin)')
            [CompletionResult]::new('--group-id', '--group-id', [CompletionResultType]::ParameterName, 'Group ID (GroupId)')
            [CompletionResult]::new('--group-type', '--group-type', [CompletionResultType]::ParameterName, 'Group type (Type): Private, Public, ChatRoom, AVChatRoom, Community')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Group name (Name)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Operator_Account')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owner_Account')
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'A user of the callback''s user list (MemberList, DestinationMembers, ..., FriendItem, PairList, FollowList, SubscribeAccountList; Modified_Account); repeatable')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Message text (the first TIMTextElem of MsgBody; ApplyMsg on before-apply)')
            [CompletionResult]::new('--event-time', '--event-time', [CompletionResultType]::ParameterName, 'EventTime, milliseconds since the epoch')
            [CompletionResult]::new('--topic-id', '--topic-id', [CompletionResultType]::ParameterName, 'Topic ID (TopicId; TopicIdList on after-topic-destroy)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Message sender, or the user who acts (From_Account)')
            [CompletionResult]::new('--requestor', '--requestor', [CompletionResultType]::ParameterName, 'Applicant on before-apply (Requestor_Account), requester on sns-prev-friend-* (Requester_Account)')
            [CompletionResult]::new('--join-type', '--join-type', [CompletionResultType]::ParameterName, 'JoinType on after-join: Apply or Invited')
            [CompletionResult]::new('--exit-type', '--exit-type', [CompletionResultType]::ParameterName, 'ExitType on after-exit: Kicked or Quit')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Message recipient (To_Account; ContactItem.To_Account on content-result-notify, every event''s To_Account on push-*)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account the callback is about: Official_Account (oa-*), the user of state-change (Info.To_Account) and of profile-portrait-set (From_Account), the reader of c2c-after-msg-report (Report_Account)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set any field: dotted PATH (MsgBody.0.MsgContent.Text), VALUE as JSON or else a string; repeatable, applied after the typed flags')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove a field or array element (EventTime, MemberList.0) after --set; repeatable. A path that is not there changes nothing and gets a note on stderr')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The decision the receiver must make (allow and deny include their -partial, -modified and -custom forms)')
            [CompletionResult]::new('--expect-code', '--expect-code', [CompletionResultType]::ParameterName, 'The exact ErrorCode the answer must carry')
            [CompletionResult]::new('--expect-refused', '--expect-refused', [CompletionResultType]::ParameterName, 'IM must refuse exactly these invitees given the whole answer (a deny refuses all of them; comma-separated; '''' for none)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Count warnings as failures')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;schema' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the document to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the document to FILE instead of stdout')
            [CompletionResult]::new('--answer', '--answer', [CompletionResultType]::ParameterName, 'The schema of the answer the receiver sends instead of the request body')
            [CompletionResult]::new('--openapi', '--openapi', [CompletionResultType]::ParameterName, 'An OpenAPI 3.1 document: one webhook per callback, with its query, body and answer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;fuzz' {
            [CompletionResult]::new('--cases', '--cases', [CompletionResultType]::ParameterName, 'Cases per callback [default: 100; with --duration alone, as many as it allows]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Start no case after D (30s, 5m); the failures found are still shrunk')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'The seed the cases are drawn from: the same seed and arguments send the same bodies [default: random, printed]')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Run N cases (and shrinks) at a time; the bodies do not depend on it')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Run N cases (and shrinks) at a time; the bodies do not depend on it')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write each failure''s shrunk fixture, rewritten body and curl line under DIR')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The receiver''s callback URL; its own query parameters are kept')
            [CompletionResult]::new('--sdkappid', '--sdkappid', [CompletionResultType]::ParameterName, 'SdkAppid query parameter [default: 1400000000]')
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'ClientIP query parameter (not sent in the alert and short query shapes: member-state, content-result-notify, push-*, alert-request-over-limit, as IM does) [default: 127.0.0.1]')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'OptPlatform, sent as spelled: RESTAPI, Web, Android, iOS, IOS, Windows, Mac, macOS, iPad, Unknown (another case becomes the spelling it matches, ios -> iOS; state-change writes iOS as IOS) [default: RESTAPI]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Callback-auth token: adds RequestTime and Sign = sha256(token + RequestTime); never printed')
            [CompletionResult]::new('--request-time', '--request-time', [CompletionResultType]::ParameterName, 'Pin RequestTime (Unix seconds) instead of now: replays, stale-time tests')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after D (at least 1ms), the whole answer included (IM''s own limit is 2s) [default: 2s]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Set a query parameter verbatim (OptPlatform=IOS, RequestID=...), or leave one out with a bare NAME; applied after signing (repeatable)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write a JUnit XML report to FILE: one testsuite per callback, one testcase per property')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write the report as one self-contained HTML page to FILE (inline CSS and SVG, no script, nothing fetched); a run a signal stops still writes it')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto means only on a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'A warning fails a case too (contract), as `send --strict` fails it; the replay line carries --strict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the full request and response')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'grpcb;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every callback by family: alias, kind, command, query shape, what the answer can do')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run contract suite files (many cases) and report per case: CI''s entry point')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a spec-correct reference receiver on loopback, with rules and capture')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Relay live IM callbacks to your receiver: check each request against the catalog, forward it byte for byte, judge the answer as send does, pass it back to IM')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a `serve --record` or `listen --record` capture again, with its query and exact bodies, expecting the recorded decisions')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start the reference receiver on a free loopback port and send it every callback')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Probe a receiver''s security and robustness: SdkAppid and Sign checks, replays, unknown commands and fields, doc variants, large bodies, latency')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a Locust or k6 script that loads a receiver as bench does, for load beyond one machine: the same signed, templated callbacks, every answer checked')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print RequestTime and Sign for a token, to debug a receiver''s signature check')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print grpcb''s man page, or a subcommand''s (generated from this command line)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Build one callback, POST it, validate the answer and report')
            [CompletionResult]::new('example', 'example', [CompletionResultType]::ParameterValue, 'Print the sample request body (the one `send` would use) as pretty JSON')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Load a receiver as Tencent IM would: every request signed anew, with its own IDs, every answer judged; latency percentiles, decisions, findings, CI thresholds')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a callback''s body (or of its answer), or an OpenAPI document of every callback, to generate a receiver''s models in another language')
            [CompletionResult]::new('fuzz', 'fuzz', [CompletionResultType]::ParameterValue, 'Property-based testing: send generated bodies of every valid shape IM can send, and shrink each failure to a minimal fixture')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'grpcb;help;list' {
            break
        }
        'grpcb;help;run' {
            break
        }
        'grpcb;help;serve' {
            break
        }
        'grpcb;help;listen' {
            break
        }
        'grpcb;help;replay' {
            break
        }
        'grpcb;help;demo' {
            break
        }
        'grpcb;help;audit' {
            break
        }
        'grpcb;help;export' {
            break
        }
        'grpcb;help;sign' {
            break
        }
        'grpcb;help;completions' {
            break
        }
        'grpcb;help;man' {
            break
        }
        'grpcb;help;send' {
            break
        }
        'grpcb;help;example' {
            break
        }
        'grpcb;help;bench' {
            break
        }
        'grpcb;help;schema' {
            break
        }
        'grpcb;help;fuzz' {
            break
        }
        'grpcb;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
