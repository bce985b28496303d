_grpcb() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="grpcb"
                ;;
            grpcb,audit)
                cmd="grpcb__subcmd__audit"
                ;;
            grpcb,bench)
                cmd="grpcb__subcmd__bench"
                ;;
            grpcb,completions)
                cmd="grpcb__subcmd__completions"
                ;;
            grpcb,demo)
                cmd="grpcb__subcmd__demo"
                ;;
            grpcb,example)
                cmd="grpcb__subcmd__example"
                ;;
            grpcb,export)
                cmd="grpcb__subcmd__export"
                ;;
            grpcb,fuzz)
                cmd="grpcb__subcmd__fuzz"
                ;;
            grpcb,help)
                cmd="grpcb__subcmd__help"
                ;;
            grpcb,list)
                cmd="grpcb__subcmd__list"
                ;;
            grpcb,listen)
                cmd="grpcb__subcmd__listen"
                ;;
            grpcb,man)
                cmd="grpcb__subcmd__man"
                ;;
            grpcb,replay)
                cmd="grpcb__subcmd__replay"
                ;;
            grpcb,run)
                cmd="grpcb__subcmd__run"
                ;;
            grpcb,schema)
                cmd="grpcb__subcmd__schema"
                ;;
            grpcb,send)
                cmd="grpcb__subcmd__send"
                ;;
            grpcb,serve)
                cmd="grpcb__subcmd__serve"
                ;;
            grpcb,sign)
                cmd="grpcb__subcmd__sign"
                ;;
            grpcb__subcmd__help,audit)
                cmd="grpcb__subcmd__help__subcmd__audit"
                ;;
            grpcb__subcmd__help,bench)
                cmd="grpcb__subcmd__help__subcmd__bench"
                ;;
            grpcb__subcmd__help,completions)
                cmd="grpcb__subcmd__help__subcmd__completions"
                ;;
            grpcb__subcmd__help,demo)
                cmd="grpcb__subcmd__help__subcmd__demo"
                ;;
            grpcb__subcmd__help,example)
                cmd="grpcb__subcmd__help__subcmd__example"
                ;;
            grpcb__subcmd__help,export)
                cmd="grpcb__subcmd__help__subcmd__export"
                ;;
            grpcb__subcmd__help,fuzz)
                cmd="grpcb__subcmd__help__subcmd__fuzz"
                ;;
            grpcb__subcmd__help,help)
                cmd="grpcb__subcmd__help__subcmd__help"
                ;;
            grpcb__subcmd__help,list)
                cmd="grpcb__subcmd__help__subcmd__list"
                ;;
            grpcb__subcmd__help,listen)
                cmd="grpcb__subcmd__help__subcmd__listen"
                ;;
            grpcb__subcmd__help,man)
                cmd="grpcb__subcmd__help__subcmd__man"
                ;;
            grpcb__subcmd__help,replay)
                cmd="grpcb__subcmd__help__subcmd__replay"
                ;;
            grpcb__subcmd__help,run)
                cmd="grpcb__subcmd__help__subcmd__run"
                ;;
            grpcb__subcmd__help,schema)
                cmd="grpcb__subcmd__help__subcmd__schema"
                ;;
            grpcb__subcmd__help,send)
                cmd="grpcb__subcmd__help__subcmd__send"
                ;;
            grpcb__subcmd__help,serve)
                cmd="grpcb__subcmd__help__subcmd__serve"
                ;;
            grpcb__subcmd__help,sign)
                cmd="grpcb__subcmd__help__subcmd__sign"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        grpcb)
            opts="-h -V --help --version list run serve listen replay demo audit export sign completions man send example bench schema fuzz help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__audit)
            opts="-H -v -q -h -V --url --sdkappid --client-ip --platform --token --request-time --timeout --header --query --only --skip --strict --suite --format --color --verbose --quiet --html --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --only)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --suite)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --html)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__bench)
            opts="-c -n -H -v -q -h -V --concurrency --requests --duration --rate --seed --max-p99 --max-error-rate --url --sdkappid --client-ip --platform --token --request-time --timeout --header --query --fixture --group-id --group-type --name --operator --owner --member --text --event-time --topic-id --from --requestor --join-type --exit-type --to --account --set --unset --expect --expect-code --expect-refused --strict --format --color --verbose --quiet --html --help --version before-create Group.CallbackBeforeCreateGroup after-create Group.CallbackAfterCreateGroup before-apply Group.CallbackBeforeApplyJoinGroup before-invite Group.CallbackBeforeInviteJoinGroup after-join Group.CallbackAfterNewMemberJoin after-exit Group.CallbackAfterMemberExit before-send Group.CallbackBeforeSendMsg after-send Group.CallbackAfterSendMsg after-full Group.CallbackAfterGroupFull after-destroy Group.CallbackAfterGroupDestroyed after-info-change Group.CallbackAfterGroupInfoChanged after-recall Group.CallbackAfterRecallMsg member-state Group.CallbackOnMemberStateChange send-exception Group.CallbackSendMsgException before-create-topic Group.CallbackBeforeCreateTopic after-create-topic Group.CallbackAfterCreateTopic after-topic-destroy Group.CallbackAfterTopicDestroyed after-topic-info-change Group.CallbackAfterTopicInfoChanged after-member-field-change Group.CallbackAfterMemberFieldChanged after-attr-change Group.CallbackAfterGroupAttrChanged after-read-receipt Group.CallbackAfterReadReceipt after-owner-change Group.CallbackAfterChangeGroupOwner quota-alarm Group.CallbackOnDailyGroupQuotaAlarm after-msg-extension Group.CallbackAfterGroupMsgExtension c2c-before-send C2C.CallbackBeforeSendMsg c2c-after-send C2C.CallbackAfterSendMsg c2c-after-msg-report C2C.CallbackAfterMsgReport c2c-after-msg-withdraw C2C.CallbackAfterMsgWithDraw c2c-after-msg-extension C2C.CallbackAfterC2CMsgExtension sns-prev-friend-add Sns.CallbackPrevFriendAdd sns-prev-friend-response Sns.CallbackPrevFriendResponse sns-friend-add Sns.CallbackFriendAdd sns-friend-delete Sns.CallbackFriendDelete sns-blacklist-add Sns.CallbackBlackListAdd sns-blacklist-delete Sns.CallbackBlackListDelete state-change State.StateChange profile-portrait-set Profile.CallbackPortraitSet follow-after-add Follow.CallbackAfterFollowAdd follow-after-delete Follow.CallbackAfterFollowDelete oa-before-create OfficialAccount.CallbackBeforeCreateOfficialAccount oa-after-create OfficialAccount.CallbackAfterCreateOfficialAccount oa-after-info-change OfficialAccount.CallbackAfterOfficialAccountInfoChanged oa-after-destroy OfficialAccount.CallbackAfterOfficialAccountDestroyed oa-before-add-subscriber OfficialAccount.CallbackBeforeAddSubscriber oa-after-add-subscriber OfficialAccount.CallbackAfterAddSubscriber oa-after-full OfficialAccount.CallbackAfterOfficialAccountFull oa-after-delete-subscriber OfficialAccount.CallbackAfterDeleteSubscriber oa-before-send OfficialAccount.CallbackBeforeSendMsg oa-after-send OfficialAccount.CallbackAfterSendMsg oa-after-msg-withdraw OfficialAccount.CallbackAfterMsgWithDraw bot-c2c-message Bot.OnC2CMessage bot-group-message Bot.OnGroupMessage chatbot-c2c-signal Chatbot.OnC2CSignalMessage content-result-notify ContentCallback.ResultNotify alert-request-over-limit Alert.RequestOverLimit push-offline Push.OfflinePush push-all-member Push.AllMemberPush"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requests)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-p99)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-error-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fixture)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --operator)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --owner)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --member)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --text)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --topic-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requestor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --join-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exit-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expect)
                    COMPREPLY=($(compgen -W "allow deny drop ignored deny-custom allow-partial allow-modified" -- "${cur}"))
                    return 0
                    ;;
                --expect-code)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expect-refused)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --html)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__completions)
            opts="-h -V --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__demo)
            opts="-h -V --pace --format --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --pace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__example)
            opts="-h -V --fixture --group-id --group-type --name --operator --owner --member --text --event-time --topic-id --from --requestor --join-type --exit-type --to --account --set --unset --help --version before-create Group.CallbackBeforeCreateGroup after-create Group.CallbackAfterCreateGroup before-apply Group.CallbackBeforeApplyJoinGroup before-invite Group.CallbackBeforeInviteJoinGroup after-join Group.CallbackAfterNewMemberJoin after-exit Group.CallbackAfterMemberExit before-send Group.CallbackBeforeSendMsg after-send Group.CallbackAfterSendMsg after-full Group.CallbackAfterGroupFull after-destroy Group.CallbackAfterGroupDestroyed after-info-change Group.CallbackAfterGroupInfoChanged after-recall Group.CallbackAfterRecallMsg member-state Group.CallbackOnMemberStateChange send-exception Group.CallbackSendMsgException before-create-topic Group.CallbackBeforeCreateTopic after-create-topic Group.CallbackAfterCreateTopic after-topic-destroy Group.CallbackAfterTopicDestroyed after-topic-info-change Group.CallbackAfterTopicInfoChanged after-member-field-change Group.CallbackAfterMemberFieldChanged after-attr-change Group.CallbackAfterGroupAttrChanged after-read-receipt Group.CallbackAfterReadReceipt after-owner-change Group.CallbackAfterChangeGroupOwner quota-alarm Group.CallbackOnDailyGroupQuotaAlarm after-msg-extension Group.CallbackAfterGroupMsgExtension c2c-before-send C2C.CallbackBeforeSendMsg c2c-after-send C2C.CallbackAfterSendMsg c2c-after-msg-report C2C.CallbackAfterMsgReport c2c-after-msg-withdraw C2C.CallbackAfterMsgWithDraw c2c-after-msg-extension C2C.CallbackAfterC2CMsgExtension sns-prev-friend-add Sns.CallbackPrevFriendAdd sns-prev-friend-response Sns.CallbackPrevFriendResponse sns-friend-add Sns.CallbackFriendAdd sns-friend-delete Sns.CallbackFriendDelete sns-blacklist-add Sns.CallbackBlackListAdd sns-blacklist-delete Sns.CallbackBlackListDelete state-change State.StateChange profile-portrait-set Profile.CallbackPortraitSet follow-after-add Follow.CallbackAfterFollowAdd follow-after-delete Follow.CallbackAfterFollowDelete oa-before-create OfficialAccount.CallbackBeforeCreateOfficialAccount oa-after-create OfficialAccount.CallbackAfterCreateOfficialAccount oa-after-info-change OfficialAccount.CallbackAfterOfficialAccountInfoChanged oa-after-destroy OfficialAccount.CallbackAfterOfficialAccountDestroyed oa-before-add-subscriber OfficialAccount.CallbackBeforeAddSubscriber oa-after-add-subscriber OfficialAccount.CallbackAfterAddSubscriber oa-after-full OfficialAccount.CallbackAfterOfficialAccountFull oa-after-delete-subscriber OfficialAccount.CallbackAfterDeleteSubscriber oa-before-send OfficialAccount.CallbackBeforeSendMsg oa-after-send OfficialAccount.CallbackAfterSendMsg oa-after-msg-withdraw OfficialAccount.CallbackAfterMsgWithDraw bot-c2c-message Bot.OnC2CMessage bot-group-message Bot.OnGroupMessage chatbot-c2c-signal Chatbot.OnC2CSignalMessage content-result-notify ContentCallback.ResultNotify alert-request-over-limit Alert.RequestOverLimit push-offline Push.OfflinePush push-all-member Push.AllMemberPush"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --fixture)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --operator)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --owner)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --member)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --text)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --topic-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requestor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --join-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exit-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__export)
            opts="-H -h -V --weight --token-env --unsigned --expect --url --sdkappid --client-ip --platform --timeout --header --fixture --group-id --group-type --name --operator --owner --member --text --event-time --topic-id --from --requestor --join-type --exit-type --to --account --set --unset --help --version locust k6"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token-env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expect)
                    COMPREPLY=($(compgen -W "allow deny drop ignored deny-custom allow-partial allow-modified" -- "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fixture)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --operator)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --owner)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --member)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --text)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --topic-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requestor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --join-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exit-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__fuzz)
            opts="-j -H -v -q -h -V --cases --duration --seed --jobs --out --strict --url --sdkappid --client-ip --platform --token --request-time --timeout --header --query --junit --html --format --color --verbose --quiet --help --version before-create Group.CallbackBeforeCreateGroup after-create Group.CallbackAfterCreateGroup before-apply Group.CallbackBeforeApplyJoinGroup before-invite Group.CallbackBeforeInviteJoinGroup after-join Group.CallbackAfterNewMemberJoin after-exit Group.CallbackAfterMemberExit before-send Group.CallbackBeforeSendMsg after-send Group.CallbackAfterSendMsg after-full Group.CallbackAfterGroupFull after-destroy Group.CallbackAfterGroupDestroyed after-info-change Group.CallbackAfterGroupInfoChanged after-recall Group.CallbackAfterRecallMsg member-state Group.CallbackOnMemberStateChange send-exception Group.CallbackSendMsgException before-create-topic Group.CallbackBeforeCreateTopic after-create-topic Group.CallbackAfterCreateTopic after-topic-destroy Group.CallbackAfterTopicDestroyed after-topic-info-change Group.CallbackAfterTopicInfoChanged after-member-field-change Group.CallbackAfterMemberFieldChanged after-attr-change Group.CallbackAfterGroupAttrChanged after-read-receipt Group.CallbackAfterReadReceipt after-owner-change Group.CallbackAfterChangeGroupOwner quota-alarm Group.CallbackOnDailyGroupQuotaAlarm after-msg-extension Group.CallbackAfterGroupMsgExtension c2c-before-send C2C.CallbackBeforeSendMsg c2c-after-send C2C.CallbackAfterSendMsg c2c-after-msg-report C2C.CallbackAfterMsgReport c2c-after-msg-withdraw C2C.CallbackAfterMsgWithDraw c2c-after-msg-extension C2C.CallbackAfterC2CMsgExtension sns-prev-friend-add Sns.CallbackPrevFriendAdd sns-prev-friend-response Sns.CallbackPrevFriendResponse sns-friend-add Sns.CallbackFriendAdd sns-friend-delete Sns.CallbackFriendDelete sns-blacklist-add Sns.CallbackBlackListAdd sns-blacklist-delete Sns.CallbackBlackListDelete state-change State.StateChange profile-portrait-set Profile.CallbackPortraitSet follow-after-add Follow.CallbackAfterFollowAdd follow-after-delete Follow.CallbackAfterFollowDelete oa-before-create OfficialAccount.CallbackBeforeCreateOfficialAccount oa-after-create OfficialAccount.CallbackAfterCreateOfficialAccount oa-after-info-change OfficialAccount.CallbackAfterOfficialAccountInfoChanged oa-after-destroy OfficialAccount.CallbackAfterOfficialAccountDestroyed oa-before-add-subscriber OfficialAccount.CallbackBeforeAddSubscriber oa-after-add-subscriber OfficialAccount.CallbackAfterAddSubscriber oa-after-full OfficialAccount.CallbackAfterOfficialAccountFull oa-after-delete-subscriber OfficialAccount.CallbackAfterDeleteSubscriber oa-before-send OfficialAccount.CallbackBeforeSendMsg oa-after-send OfficialAccount.CallbackAfterSendMsg oa-after-msg-withdraw OfficialAccount.CallbackAfterMsgWithDraw bot-c2c-message Bot.OnC2CMessage bot-group-message Bot.OnGroupMessage chatbot-c2c-signal Chatbot.OnC2CSignalMessage content-result-notify ContentCallback.ResultNotify alert-request-over-limit Alert.RequestOverLimit push-offline Push.OfflinePush push-all-member Push.AllMemberPush"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cases)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -j)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --junit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --html)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help)
            opts="list run serve listen replay demo audit export sign completions man send example bench schema fuzz help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__audit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__bench)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__demo)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__example)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__fuzz)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__listen)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__replay)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__schema)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__send)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__serve)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__help__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__list)
            opts="-h -V --family --format --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --family)
                    COMPREPLY=($(compgen -W "group c2c sns state profile follow official-account bot content alert push" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__listen)
            opts="-v -q -h -V --forward-to --addr --sdkappid --token --record --on-failure --read-timeout --max-connections --format --color --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --forward-to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --addr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --record)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --on-failure)
                    COMPREPLY=($(compgen -W "passthrough allow" -- "${cur}"))
                    return 0
                    ;;
                --read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-connections)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__man)
            opts="-h -V --dir --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__replay)
            opts="-H -v -q -h -V --url --token --timeout --header --query --strict --format --color --verbose --quiet --sdkappid --client-ip --platform --request-time --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__run)
            opts="-H -j -v -q -h -V --client-ip --platform --request-time --timeout --header --query --strict --jobs --fail-fast --filter --junit --html --format --color --verbose --quiet --url --sdkappid --token --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --client-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -j)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --junit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --html)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__schema)
            opts="-o -h -V --answer --openapi --output --help --version before-create Group.CallbackBeforeCreateGroup after-create Group.CallbackAfterCreateGroup before-apply Group.CallbackBeforeApplyJoinGroup before-invite Group.CallbackBeforeInviteJoinGroup after-join Group.CallbackAfterNewMemberJoin after-exit Group.CallbackAfterMemberExit before-send Group.CallbackBeforeSendMsg after-send Group.CallbackAfterSendMsg after-full Group.CallbackAfterGroupFull after-destroy Group.CallbackAfterGroupDestroyed after-info-change Group.CallbackAfterGroupInfoChanged after-recall Group.CallbackAfterRecallMsg member-state Group.CallbackOnMemberStateChange send-exception Group.CallbackSendMsgException before-create-topic Group.CallbackBeforeCreateTopic after-create-topic Group.CallbackAfterCreateTopic after-topic-destroy Group.CallbackAfterTopicDestroyed after-topic-info-change Group.CallbackAfterTopicInfoChanged after-member-field-change Group.CallbackAfterMemberFieldChanged after-attr-change Group.CallbackAfterGroupAttrChanged after-read-receipt Group.CallbackAfterReadReceipt after-owner-change Group.CallbackAfterChangeGroupOwner quota-alarm Group.CallbackOnDailyGroupQuotaAlarm after-msg-extension Group.CallbackAfterGroupMsgExtension c2c-before-send C2C.CallbackBeforeSendMsg c2c-after-send C2C.CallbackAfterSendMsg c2c-after-msg-report C2C.CallbackAfterMsgReport c2c-after-msg-withdraw C2C.CallbackAfterMsgWithDraw c2c-after-msg-extension C2C.CallbackAfterC2CMsgExtension sns-prev-friend-add Sns.CallbackPrevFriendAdd sns-prev-friend-response Sns.CallbackPrevFriendResponse sns-friend-add Sns.CallbackFriendAdd sns-friend-delete Sns.CallbackFriendDelete sns-blacklist-add Sns.CallbackBlackListAdd sns-blacklist-delete Sns.CallbackBlackListDelete state-change State.StateChange profile-portrait-set Profile.CallbackPortraitSet follow-after-add Follow.CallbackAfterFollowAdd follow-after-delete Follow.CallbackAfterFollowDelete oa-before-create OfficialAccount.CallbackBeforeCreateOfficialAccount oa-after-create OfficialAccount.CallbackAfterCreateOfficialAccount oa-after-info-change OfficialAccount.CallbackAfterOfficialAccountInfoChanged oa-after-destroy OfficialAccount.CallbackAfterOfficialAccountDestroyed oa-before-add-subscriber OfficialAccount.CallbackBeforeAddSubscriber oa-after-add-subscriber OfficialAccount.CallbackAfterAddSubscriber oa-after-full OfficialAccount.CallbackAfterOfficialAccountFull oa-after-delete-subscriber OfficialAccount.CallbackAfterDeleteSubscriber oa-before-send OfficialAccount.CallbackBeforeSendMsg oa-after-send OfficialAccount.CallbackAfterSendMsg oa-after-msg-withdraw OfficialAccount.CallbackAfterMsgWithDraw bot-c2c-message Bot.OnC2CMessage bot-group-message Bot.OnGroupMessage chatbot-c2c-signal Chatbot.OnC2CSignalMessage content-result-notify ContentCallback.ResultNotify alert-request-over-limit Alert.RequestOverLimit push-offline Push.OfflinePush push-all-member Push.AllMemberPush"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__send)
            opts="-H -v -q -h -V --url --sdkappid --client-ip --platform --token --request-time --timeout --header --query --fixture --group-id --group-type --name --operator --owner --member --text --event-time --topic-id --from --requestor --join-type --exit-type --to --account --set --unset --expect --expect-code --expect-refused --strict --format --color --verbose --quiet --curl --help --version before-create Group.CallbackBeforeCreateGroup after-create Group.CallbackAfterCreateGroup before-apply Group.CallbackBeforeApplyJoinGroup before-invite Group.CallbackBeforeInviteJoinGroup after-join Group.CallbackAfterNewMemberJoin after-exit Group.CallbackAfterMemberExit before-send Group.CallbackBeforeSendMsg after-send Group.CallbackAfterSendMsg after-full Group.CallbackAfterGroupFull after-destroy Group.CallbackAfterGroupDestroyed after-info-change Group.CallbackAfterGroupInfoChanged after-recall Group.CallbackAfterRecallMsg member-state Group.CallbackOnMemberStateChange send-exception Group.CallbackSendMsgException before-create-topic Group.CallbackBeforeCreateTopic after-create-topic Group.CallbackAfterCreateTopic after-topic-destroy Group.CallbackAfterTopicDestroyed after-topic-info-change Group.CallbackAfterTopicInfoChanged after-member-field-change Group.CallbackAfterMemberFieldChanged after-attr-change Group.CallbackAfterGroupAttrChanged after-read-receipt Group.CallbackAfterReadReceipt after-owner-change Group.CallbackAfterChangeGroupOwner quota-alarm Group.CallbackOnDailyGroupQuotaAlarm after-msg-extension Group.CallbackAfterGroupMsgExtension c2c-before-send C2C.CallbackBeforeSendMsg c2c-after-send C2C.CallbackAfterSendMsg c2c-after-msg-report C2C.CallbackAfterMsgReport c2c-after-msg-withdraw C2C.CallbackAfterMsgWithDraw c2c-after-msg-extension C2C.CallbackAfterC2CMsgExtension sns-prev-friend-add Sns.CallbackPrevFriendAdd sns-prev-friend-response Sns.CallbackPrevFriendResponse sns-friend-add Sns.CallbackFriendAdd sns-friend-delete Sns.CallbackFriendDelete sns-blacklist-add Sns.CallbackBlackListAdd sns-blacklist-delete Sns.CallbackBlackListDelete state-change State.StateChange profile-portrait-set Profile.CallbackPortraitSet follow-after-add Follow.CallbackAfterFollowAdd follow-after-delete Follow.CallbackAfterFollowDelete oa-before-create OfficialAccount.CallbackBeforeCreateOfficialAccount oa-after-create OfficialAccount.CallbackAfterCreateOfficialAccount oa-after-info-change OfficialAccount.CallbackAfterOfficialAccountInfoChanged oa-after-destroy OfficialAccount.CallbackAfterOfficialAccountDestroyed oa-before-add-subscriber OfficialAccount.CallbackBeforeAddSubscriber oa-after-add-subscriber OfficialAccount.CallbackAfterAddSubscriber oa-after-full OfficialAccount.CallbackAfterOfficialAccountFull oa-after-delete-subscriber OfficialAccount.CallbackAfterDeleteSubscriber oa-before-send OfficialAccount.CallbackBeforeSendMsg oa-after-send OfficialAccount.CallbackAfterSendMsg oa-after-msg-withdraw OfficialAccount.CallbackAfterMsgWithDraw bot-c2c-message Bot.OnC2CMessage bot-group-message Bot.OnGroupMessage chatbot-c2c-signal Chatbot.OnC2CSignalMessage content-result-notify ContentCallback.ResultNotify alert-request-over-limit Alert.RequestOverLimit push-offline Push.OfflinePush push-all-member Push.AllMemberPush"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fixture)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --operator)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --owner)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --member)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --text)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --topic-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requestor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --join-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exit-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expect)
                    COMPREPLY=($(compgen -W "allow deny drop ignored deny-custom allow-partial allow-modified" -- "${cur}"))
                    return 0
                    ;;
                --expect-code)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expect-refused)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__serve)
            opts="-h -V --addr --sdkappid --token --rules --record --read-timeout --max-connections --format --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --addr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdkappid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rules)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --record)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-connections)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        grpcb__subcmd__sign)
            opts="-h -V --token --request-time --format --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _grpcb -o nosort -o bashdefault -o default grpcb
else
    complete -F _grpcb -o bashdefault -o default grpcb
fi
