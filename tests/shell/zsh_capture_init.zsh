# Sourced by zsh_complete.zsh inside the interactive zsh it drives: load the completion
# system with the project's scripts, print candidates instead of inserting them, and mark
# the start and end of a completion with a NUL line so the driver knows what to read.
PS1= RPS1=
fpath=($TWERR_COMPLETIONS $fpath)
autoload -U compinit && compinit -u -d ${TMPDIR:-/tmp}/twerr-zcompdump-$$
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-separator ''
null-line() { echo -E - $'\0' }
compprefuncs=(null-line)
comppostfuncs=(null-line exit)
compadd() {
  # -O, -A and -D only fill arrays: pass them through.
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return $?
  fi
  typeset -a __hits __dscr __tmp
  if (( $@[(I)-d] )); then
    __tmp=${@[$[${@[(i)-d]}+1]]}
    if [[ $__tmp == \(* ]]; then eval "__dscr=$__tmp"; else __dscr=("${(@P)__tmp}"); fi
  fi
  builtin compadd -A __hits -D __dscr "$@"
  local i
  for i in {1..$#__hits}; do
    echo -E - "$__hits[$i]${${__dscr[$i]}:+ -- $__dscr[$i]}"
  done
}
bindkey '^M' undefined-key
bindkey '^J' undefined-key
bindkey '^I' complete-word
