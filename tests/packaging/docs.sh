#!/usr/bin/env bash
# eicctl's documentation agrees with itself: every command and option of `eicctl --help` is in
# the man page and in the bash completion, and the completion completes what an admin types
# (commands, sub-commands, modes, caution ids after a comma, saved profile names). The man
# pages render without warnings.
# Env: EICCTL, SOURCE_DIR.
set -euo pipefail
EICCTL=${EICCTL:?}
SOURCE_DIR=${SOURCE_DIR:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
man_page=$SOURCE_DIR/packaging/man/eicctl.1
completion=$SOURCE_DIR/packaging/completions/eicctl

help=$("$EICCTL" --help)
# Options: every --long-option in the help.
mapfile -t options < <(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)
[ ${#options[@]} -gt 20 ] || fail "too few options found in --help: ${options[*]}"
rendered=$(MANWIDTH=200 man -l "$man_page" 2>/dev/null)
for o in "${options[@]}"; do
  grep -qF -- "$o" <<<"$rendered" || fail "the man page lacks $o"
  [ "$o" = --help ] || [ "$o" = --version ] || grep -qF -- "$o" "$completion" || fail "the completion lacks $o"
done
# Commands: the first word of each line of the Commands section.
mapfile -t commands < <(sed -n '/^Commands:/,/^$/p' <<<"$help" | grep -oE '^  [a-z]+( \| [a-z]+)?' | tr -d ' ' | tr '|' '\n' | sort -u)
[ ${#commands[@]} -ge 10 ] || fail "too few commands found in --help: ${commands[*]}"
for c in "${commands[@]}"; do
  grep -q -- "$c" <<<"$rendered" || fail "the man page lacks the command $c"
done
# `eicctl COMMAND --help`: that command's lines (and where it connects), not every command's.
for c in "${commands[@]}"; do
  own=$("$EICCTL" "$c" --help) || fail "$c --help failed"
  grep -q "^Usage: eicctl \[options\] $c$" <<<"$own" && grep -q -- '--kubeconfig FILE' <<<"$own" && grep -q '^Exit codes:' <<<"$own" ||
    fail "$c --help: $own"
  [ "$(grep -c '^  [a-z]' <<<"$own")" -lt "$(grep -c '^  [a-z]' <<<"$help")" ] || fail "$c --help shows every command"
done
"$EICCTL" restore --help | grep -- '--mode archive --from PATH' >/dev/null || fail "restore --help lacks its modes"
"$EICCTL" plan --help | grep -- '--accept ID' >/dev/null || fail "plan --help lacks the restore options it takes"
[ "$("$EICCTL" no-such-command --help)" = "$help" ] || fail "an unknown word's --help is not the whole help"
for page in "$SOURCE_DIR"/packaging/man/*.1; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
done

# The README's sandbox block works as typed in a fresh clone: eicctl is not on PATH there, so the
# block puts build/bin (where the build leaves it) on PATH before its first eicctl, and every
# eicctl command, sub-command and option it types exists. Lines ending in \ are joined first.
[[ $EICCTL == */bin/eicctl ]] || fail "eicctl is not built into a bin/ directory ($EICCTL): the README's PATH line is wrong"
readme_block=$(awk '/^## First start, and the sandbox/{f=1} f&&/^```sh/{b=1;next} b&&/^```/{exit} b' "$SOURCE_DIR/README.md" |
  sed -e ':a' -e '/\\$/N; s/\\\n//; ta')
[ -n "$readme_block" ] || fail "README: no sh block in the sandbox section"
path_line=$(grep -n '^export PATH="\$PWD/build/bin:\$PATH"' <<<"$readme_block" | head -1 | cut -d: -f1 || true)
first_eicctl=$(grep -n '^eicctl ' <<<"$readme_block" | head -1 | cut -d: -f1 || true)
[ -n "$first_eicctl" ] || fail "README: the sandbox block runs no eicctl"
[ -n "$path_line" ] && [ "$path_line" -lt "$first_eicctl" ] || fail "README: the sandbox block runs eicctl before putting build/bin on PATH"
command_lines=$(sed -n '/^Commands:/,/^$/p' <<<"$help")
typed=0
while read -r line; do
  [[ $line == eicctl\ * ]] || continue
  read -r _ cmd sub _ <<<"${line%%#*}"
  [[ $sub == -* || -z $sub ]] && sub=""
  grep -E "^  $cmd( |$)" <<<"$command_lines" >/dev/null || fail "README: eicctl $cmd is no command of eicctl --help"
  if [ -n "$sub" ] && grep -E "^  $cmd [a-z]" <<<"$command_lines" >/dev/null; then
    grep -E "^  $cmd ([a-z]+\|)*$sub([| ]|$)" <<<"$command_lines" >/dev/null ||
      fail "README: eicctl $cmd $sub is not in eicctl --help"
  fi
  for o in $(grep -oE -- '(^| )--[a-z][a-z-]*' <<<"${line%%#*}" | tr -d ' '); do
    printf '%s\n' "${options[@]}" | grep -xF -- "$o" >/dev/null || fail "README: $o (in \"$line\") is no option of eicctl --help"
  done
  typed=$((typed + 1))
done <<<"$readme_block"
[ $typed -ge 5 ] || fail "README: only $typed eicctl lines found in the sandbox block"

# The completion, as bash runs it.
completion_lib=/usr/share/bash-completion/bash_completion
[ -r "$completion_lib" ] || fail "bash-completion is not installed (scripts/setup installs it)"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
mkdir -p "$work/bin" && ln -s "$EICCTL" "$work/bin/eicctl"
printf 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n' >"$work/kubeconfig"
PATH="$work/bin:$PATH" eicctl profile add quality-cell --kubeconfig "$work/kubeconfig" --context q </dev/null >/dev/null 2>&1 ||
  fail "could not add a profile for the test"
complete_line() { # the words typed (the last one is being completed) -> one candidate per line
  PATH="$work/bin:$PATH" bash -c '
    source "$1"; source "$2"; shift 2
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _eicctl; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion_lib" "$completion" "$@"
}
expect() { # expect "WORDS..." CANDIDATES: the candidates, sorted, joined by spaces
  local got
  got=$(complete_line $1 | sort | paste -sd' ')
  [ "$got" = "$2" ] || fail "completing \"$1\": got \"$got\", expected \"$2\""
}
got=$(complete_line eicctl '' | sort | paste -sd' ')
[ "$got" = "abort backup continue plan profile report restore resume sandbox status" ] || fail "commands: $got"
expect "eicctl sandbox s" "start stop"
expect "eicctl restore d" "database datastore"
expect "eicctl restore database --mode a" "archive"
expect "eicctl restore datastore --accept service-interruption,fl" "service-interruption,flush-datastore"
expect "eicctl status --profile qu" "quality-cell"
expect "eicctl profile show q" "quality-cell"
expect "eicctl backup database --j" "--jobs"
expect "eicctl report export x --format p" "pdf"
expect "eicctl -o j" "json"
echo "PASS: docs (${#options[@]} options, ${#commands[@]} commands, $typed README sandbox commands)"
