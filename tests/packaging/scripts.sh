#!/usr/bin/env bash
# The project's shell scripts parse, and none pipes into `grep -q` under pipefail: grep -q exits
# at its first match, the writer (kubectl, pdftotext, man, tail) then dies of SIGPIPE and the
# pipeline fails at random (kubectl piped into grep -q failed 4 times in 100 here). Send grep's output to
# /dev/null instead. Env: SOURCE_DIR.
set -euo pipefail
: "${SOURCE_DIR:?}"
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$SOURCE_DIR"
mapfile -t scripts < <(grep -rlI --exclude-dir=.git --exclude-dir='build*' -E '^#!/usr/bin/env bash|^#!/bin/bash' \
  scripts tests bench packaging .ci; ls scripts/lib/*.sh)
[ ${#scripts[@]} -ge 15 ] || fail "found only ${#scripts[@]} scripts: is SOURCE_DIR right?"
bad=0
for s in "${scripts[@]}"; do
  bash -n "$s" || { echo "$s does not parse" >&2; bad=1; }
  if hits=$(grep -nE '(^|[^|])\|[[:space:]]*grep[[:space:]]+-[A-Za-z]*q' "$s"); then
    echo "$s pipes into grep -q (use grep ... >/dev/null):" >&2
    echo "$hits" >&2
    bad=1
  fi
done
[ $bad -eq 0 ] || fail "see above"
echo "${#scripts[@]} scripts checked"
