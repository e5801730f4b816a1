_twerr() {
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
                cmd="twerr"
                ;;
            twerr,completions)
                cmd="twerr__subcmd__completions"
                ;;
            twerr,help)
                cmd="twerr__subcmd__help"
                ;;
            twerr,list)
                cmd="twerr__subcmd__list"
                ;;
            twerr,ls)
                cmd="twerr__subcmd__list"
                ;;
            twerr,man)
                cmd="twerr__subcmd__man"
                ;;
            twerr,scan)
                cmd="twerr__subcmd__scan"
                ;;
            twerr,search)
                cmd="twerr__subcmd__search"
                ;;
            twerr__subcmd__help,completions)
                cmd="twerr__subcmd__help__subcmd__completions"
                ;;
            twerr__subcmd__help,help)
                cmd="twerr__subcmd__help__subcmd__help"
                ;;
            twerr__subcmd__help,list)
                cmd="twerr__subcmd__help__subcmd__list"
                ;;
            twerr__subcmd__help,man)
                cmd="twerr__subcmd__help__subcmd__man"
                ;;
            twerr__subcmd__help,scan)
                cmd="twerr__subcmd__help__subcmd__scan"
                ;;
            twerr__subcmd__help,search)
                cmd="twerr__subcmd__help__subcmd__search"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        twerr)
            opts="-c -s -t -f -q -h -V --code --status --type --file --now --quiet --exit-verdict --json --color --help --version 3 7 8 12 13 17 25 32 34 36 38 44 50 63 64 68 87 88 89 92 93 99 108 109 110 120 130 131 135 136 139 144 150 151 160 161 162 163 179 185 186 187 195 200 203 205 214 215 220 226 231 251 261 271 272 323 324 325 326 327 349 354 355 385 386 407 415 416 417 421 422 425 431 433 453 200 201 204 304 400 401 402 403 404 406 408 409 410 412 413 415 416 420 422 425 429 500 502 503 504 about:blank client-disconnected client-forbidden conflict credits credits-depleted disallowed-resource duplicate-rules field-hydration-failure field-unauthorized internal-error invalid-request invalid-rules noncompliant-rules not-authorized-for-field not-authorized-for-resource oauth1-permissions operational-disconnect rate-limit-exceeded resource-not-found resource-unavailable rule-cap rule-length streaming-connection unsupported-authentication usage-capped list ls search scan completions man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --code)
                    COMPREPLY=($(compgen -W "3 7 8 12 13 17 25 32 34 36 38 44 50 63 64 68 87 88 89 92 93 99 108 109 110 120 130 131 135 136 139 144 150 151 160 161 162 163 179 185 186 187 195 200 203 205 214 215 220 226 231 251 261 271 272 323 324 325 326 327 349 354 355 385 386 407 415 416 417 421 422 425 431 433 453" -- "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -W "3 7 8 12 13 17 25 32 34 36 38 44 50 63 64 68 87 88 89 92 93 99 108 109 110 120 130 131 135 136 139 144 150 151 160 161 162 163 179 185 186 187 195 200 203 205 214 215 220 226 231 251 261 271 272 323 324 325 326 327 349 354 355 385 386 407 415 416 417 421 422 425 431 433 453" -- "${cur}"))
                    return 0
                    ;;
                --status)
                    COMPREPLY=($(compgen -W "200 201 204 304 400 401 402 403 404 406 408 409 410 412 413 415 416 420 422 425 429 500 502 503 504" -- "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -W "200 201 204 304 400 401 402 403 404 406 408 409 410 412 413 415 416 420 422 425 429 500 502 503 504" -- "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "about:blank client-disconnected client-forbidden conflict credits credits-depleted disallowed-resource duplicate-rules field-hydration-failure field-unauthorized internal-error invalid-request invalid-rules noncompliant-rules not-authorized-for-field not-authorized-for-resource oauth1-permissions operational-disconnect rate-limit-exceeded resource-not-found resource-unavailable rule-cap rule-length streaming-connection unsupported-authentication usage-capped" -- "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -W "about:blank client-disconnected client-forbidden conflict credits credits-depleted disallowed-resource duplicate-rules field-hydration-failure field-unauthorized internal-error invalid-request invalid-rules noncompliant-rules not-authorized-for-field not-authorized-for-resource oauth1-permissions operational-disconnect rate-limit-exceeded resource-not-found resource-unavailable rule-cap rule-length streaming-connection unsupported-authentication usage-capped" -- "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
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
        twerr__subcmd__completions)
            opts="-h --json --color --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
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
        twerr__subcmd__help)
            opts="list search scan completions man help"
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
        twerr__subcmd__help__subcmd__completions)
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
        twerr__subcmd__help__subcmd__help)
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
        twerr__subcmd__help__subcmd__list)
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
        twerr__subcmd__help__subcmd__man)
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
        twerr__subcmd__help__subcmd__scan)
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
        twerr__subcmd__help__subcmd__search)
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
        twerr__subcmd__list)
            opts="-s -h --codes --statuses --problems --status --source --family --json --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --status)
                    COMPREPLY=($(compgen -W "200 201 204 304 400 401 402 403 404 406 408 409 410 412 413 415 416 420 422 425 429 500 502 503 504" -- "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -W "200 201 204 304 400 401 402 403 404 406 408 409 410 412 413 415 416 420 422 425 429 500 502 503 504" -- "${cur}"))
                    return 0
                    ;;
                --source)
                    COMPREPLY=($(compgen -W "2015 later v2 wild" -- "${cur}"))
                    return 0
                    ;;
                --family)
                    COMPREPLY=($(compgen -f "${cur}"))
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
        twerr__subcmd__man)
            opts="-h --json --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
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
        twerr__subcmd__scan)
            opts="-h --json --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
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
        twerr__subcmd__search)
            opts="-h --json --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
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
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _twerr -o nosort -o bashdefault -o default twerr
else
    complete -F _twerr -o bashdefault -o default twerr
fi
