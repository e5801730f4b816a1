#!/usr/bin/env zsh
# Prints the completion candidates zsh offers for a command line, one per line as
# "candidate -- description", by typing the line and TAB into an interactive zsh on a
# pseudo-terminal (zpty) with COMPLETIONS_DIR (holding _twerr) on its fpath.
# Usage: zsh -f tests/shell/zsh_complete.zsh COMPLETIONS_DIR 'twerr --code 18'
emulate -L zsh
zmodload zsh/zpty || exit 3
dir=$1 line=$2
init=${0:A:h}/zsh_capture_init.zsh
zpty z zsh -f -i
zpty -w z "TWERR_COMPLETIONS=${(q)dir} source ${(q)init}"
zpty -n -w z "$line"$'\t'
integer seen=0
local out
while zpty -r z out; do
  if [[ $out == *$'\0'* ]]; then
    (( ++seen == 2 )) && break
    continue
  fi
  (( seen == 1 )) && print -r -- "${out%%$'\r'*}"
done
zpty -d z
