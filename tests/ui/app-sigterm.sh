#!/usr/bin/env bash
# A SIGTERM (kill, logout) of eic-restore in the middle of a restore does what Roll back does:
# the run is cancelled at once, the data command ended, every deployment goes back to its
# recorded count, the journal ends with run-finished "rolled-back"; only then does the process
# exit (0 or 1). A second SIGTERM during the rollback does not interrupt it. The restore is
# started through the test seam EIC_TEST_AUTORUN_RESTORE (external mode, data command "sleep 60").
# A run that waits for the admin's own data step is not under way: SIGTERM exits at once and
# leaves it to its journal (the next start offers it).
# Env: EIC_SIM, EIC_RESTORE, KUBECTL.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EIC_RESTORE=${EIC_RESTORE:?}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
export EIC_RESTORE_RUNS_DIR="$work/runs"
mkdir -m 700 "$work/run"
k() { "$KUBECTL" --cache-dir "$work/cache" "$@"; }
counts() { k get deploy -n edge-icell -o jsonpath='{range .items[*]}{.metadata.name}={.spec.replicas}{" "}{end}'; }
journal() { ls -t "$work"/runs/*.jsonl 2>/dev/null | head -1; }
in_data_step() { [[ " $(counts) " == *" edc=0 "* ]] && grep -q '"child-started"' "$(journal)"; }

sim_start --pod-start-ms 1500
before=$(counts)
[[ " $before " == *" edc=2 "* ]] || fail "unexpected cell: $before"
EIC_TEST_AUTORUN_RESTORE=database EIC_TEST_AUTORUN_DATA_COMMAND="sleep 60" \
  "$EIC_RESTORE" --kubeconfig "$KUBECONFIG" >"$work/gui.log" 2>&1 &
gui=$!
wait_for 40 in_data_step || { kill -9 $gui; fail "the restore did not reach its data step: $(tail -5 "$work/gui.log")"; }
child=$(/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["event"] == "child-started": print(e["pid"])' "$(journal)")
kill -0 "$child" || fail "the data command is not running"

kill -TERM $gui
start=$(date +%s%N)
sleep 0.3
kill -TERM $gui 2>/dev/null || true # a second one during the rollback
deadline=$((SECONDS + 60))
while kill -0 $gui 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
if kill -0 $gui 2>/dev/null; then kill -9 $gui; fail "still running 60 s after SIGTERM: $(tail -5 "$work/gui.log")"; fi
set +e; wait $gui; rc=$?; set -e
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "exit status $rc after SIGTERM (143: it died of the signal): $(tail -5 "$work/gui.log")"
[ "$(counts)" = "$before" ] || fail "counts differ: before [$before] now [$(counts)]"
! kill -0 "$child" 2>/dev/null || fail "the data command (pid $child) outlived the run"
/usr/bin/python3 - "$(journal)" <<'PY' || fail "journal: $(tail -3 "$(journal)")"
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
names = [e["event"] for e in events]
assert "cancel-requested" in names, names
assert events[-1]["event"] == "run-finished" and events[-1]["outcome"] == "rolled-back", events[-1]
PY
grep -q 'SIGTERM: rolling back the restore before exiting' "$work/gui.log" || fail "the log does not say it rolls back: $(cat "$work/gui.log")"
grep -q 'SIGTERM: already rolling back' "$work/gui.log" || fail "the second SIGTERM is not answered: $(cat "$work/gui.log")"
echo "PASS: SIGTERM mid-restore: every component back and the process gone in ${took} ms (exit $rc)"

# Waiting for the admin's data step (no data command): exit now, the run stays in its journal.
first=$(journal)
EIC_TEST_AUTORUN_RESTORE=database EIC_TEST_AUTORUN_DATA_COMMAND="" "$EIC_RESTORE" --kubeconfig "$KUBECONFIG" >"$work/gui2.log" 2>&1 &
gui=$!
awaiting() { [ "$(journal)" != "$first" ] && grep -q '"data-awaiting"' "$(journal)"; }
wait_for 40 awaiting || { kill -9 $gui; fail "the second restore did not wait for its data step: $(tail -5 "$work/gui2.log")"; }
kill -TERM $gui
deadline=$((SECONDS + 10))
while kill -0 $gui 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
if kill -0 $gui 2>/dev/null; then kill -9 $gui; fail "a SIGTERM while awaiting the data step did not exit: $(tail -5 "$work/gui2.log")"; fi
set +e; wait $gui; rc=$?; set -e
[ $rc -eq 0 ] || fail "exit status $rc while awaiting the data step"
[[ " $(counts) " == *" edc=0 "* ]] || fail "the awaiting run was changed: $(counts)"
! grep -q '"run-finished"' "$(journal)" || fail "the awaiting run was finished: $(tail -1 "$(journal)")"
grep -q 'waiting for its data step is left as it is' "$work/gui2.log" || fail "the log does not say the run waits: $(cat "$work/gui2.log")"
echo "PASS: SIGTERM while the data step is the admin's: exit 0 at once, the run left to its journal"
