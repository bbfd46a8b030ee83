#!/usr/bin/env bash
# eic-restore from a terminal: --help names its options; a kubeconfig given on the command line
# that does not exist ends with exit 1 and the file's name, and with --screenshot (nobody there
# to close a dialog) it never waits on one. Env: EIC_RESTORE.
set -euo pipefail
EIC_RESTORE=${EIC_RESTORE:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -m 700 "$work/run"
help=$("$EIC_RESTORE" --help)
for o in --kubeconfig --context --namespace --sandbox --screenshot; do
  grep -qF -- "$o" <<<"$help" || fail "--help lacks $o"
done
set +e
msg=$(timeout 30 "$EIC_RESTORE" --kubeconfig "$work/nonexistent" --screenshot "$work/x.png" 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q "No kubeconfig found at $work/nonexistent" <<<"$msg" || fail "a missing --kubeconfig: rc $rc (124: it waited on a dialog): $msg"
[ "$(grep -c 'No kubeconfig found' <<<"$msg")" = 1 ] || fail "said more than once: $msg"
[ ! -e "$work/x.png" ] || fail "a picture of nothing was saved"
echo "PASS: eic-restore from a terminal"
