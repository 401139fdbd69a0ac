# bash completion for truthmap.  Install: truthmap completion bash > ~/.local/share/bash-completion/completions/truthmap
# Static on purpose: completing never starts Python.

_truthmap() {
    local cur prev command i
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    command=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            report|check|compare|serve|evidence|completion) command="${COMP_WORDS[i]}"; break ;;
        esac
    done

    case "$prev" in
        --format)
            case "$command" in
                report) COMPREPLY=($(compgen -W "text markdown json html" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text markdown json" -- "$cur")) ;;
            esac
            return ;;
        --fail-on) COMPREPLY=($(compgen -W "low medium high" -- "$cur")); return ;;
        --entity) COMPREPLY=($(compgen -W "client" -- "$cur")); return ;;
        -o|--output|--export) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --target) COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur") $(compgen -d -- "$cur")); return ;;
        --width|--port|--host|--date|--map|--same|--review) return ;;
    esac

    if [[ -z "$command" ]]; then
        if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "report check compare serve evidence completion" -- "$cur"))
            COMPREPLY+=($(compgen -f -X '!*.toml' -- "$cur") $(compgen -d -- "$cur"))
        fi
        return
    fi

    local options="--help"
    case "$command" in
        report) options="--format --output --width --date --detail --target --help" ;;
        check) options="--fail-on --help" ;;
        compare) options="--format --output --width --tui --help" ;;
        serve) options="--host --port --public --help" ;;
        evidence) options="--export --entity --map --same --review --format --output --help" ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur") $(compgen -d -- "$cur"))
    fi
}

complete -o filenames -F _truthmap truthmap
