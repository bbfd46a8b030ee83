#!/usr/bin/env bash
# A restore interrupted the ways a tired admin interrupts it: Ctrl-C (SIGINT) or SIGTERM in
# every step that takes time — the pre-flight, the recording, the stop, the wait for the pods,
# the wait for the components' sessions in the data store (a lingering "policyengine-…" client),
# the data step, the rollout — each rolled back within 1 s of the signal and ending with every
# deployment at its recorded count; a second signal during the rollback does not stop it; a
# deployment selected only by matchExpressions is waited for; an API outage at the end leaves
# the lock, and the run says so (exit 6), never "complete".
# Env: EIC_SIM, EICCTL, KUBECTL, EIC_TEST_REDIS_* from scripts/test.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
require_services EIC_TEST_REDIS_PORT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" EIC_RESTORE_RUNS_DIR="$work/runs" XDG_RUNTIME_DIR="$work/xdg"
mkdir -m 700 "$work/xdg"
export REDISCLI_AUTH=$EIC_TEST_REDIS_PASSWORD
ACCEPT=service-interruption,autoscaler
k() { "$KUBECTL" --cache-dir "$work/cache" "$@"; }
counts() {
  k get --raw /sim/v1/state | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)["deployments"]
print(" ".join(sorted("%s=%s" % (k.split("/")[1], v["replicas"]) for k, v in d.items() if k.startswith("edge-icell/"))))'
}
clean() {
  k get --raw /sim/v1/state | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)["deployments"]
sys.exit(1 if [k for k, v in d.items() if "eic-restore/original-replicas" in v.get("annotations", {})] else 0)' || return 1
  [ -z "$(k get leases -n edge-icell -o name 2>/dev/null)" ]
}
expect_restored() {
  wait_for 30 bash -c "[ \"\$(KUBECTL=$KUBECTL work=$work; $(declare -f k counts); counts)\" = \"$before\" ]" ||
    fail "counts differ: before [$before] now [$(counts)]"
  clean || fail "an annotation or the lock was left behind"
}
journal() { ls -t "$work"/runs/*.jsonl | head -1; }
faults() { echo "$1" >"$work/faults.json"; k replace --raw /sim/v1/faults -f "$work/faults.json" >/dev/null; }
now() { date +%s.%N; }
# The journal of the run (written as it goes) has this text.
in_journal() { cat "$work"/runs/*.jsonl 2>/dev/null | grep -F -- "$1" >/dev/null; }

# Seconds from $1 (epoch) to the journal's rollback-started (or, with "cancelled", its end),
# checking that the cancel was journaled and how the run ended.
rollback_after() {
  /usr/bin/python3 - "$(journal)" "$1" "${2:-rolled-back}" <<'PY'
import datetime, json, sys
events = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert any(e["event"] == "cancel-requested" for e in events), "no cancel-requested"
assert events[-1]["event"] == "run-finished" and events[-1]["outcome"] == sys.argv[3], events[-1]
mark = [e for e in events if e["event"] == ("rollback-started" if sys.argv[3] == "rolled-back" else "run-finished")]
assert mark, "no rollback-started in the journal"
if sys.argv[3] != "rolled-back":
    assert not any(e["event"] in ("scaled", "component-recorded") for e in events), "a cancelled pre-flight changed something"
t = datetime.datetime.fromisoformat(mark[0]["t"].replace("Z", "+00:00")).timestamp()
print("%.3f" % (t - float(sys.argv[2])))
PY
}

# Starts a restore in the background, waits for step $1 to start, sends $2, and checks that
# the rollback began within a second and everything is back. Further arguments: the restore's.
interrupt_in() {
  local step=$1 signal=$2 pid sent delay rc
  shift 2
  rm -rf "$work/runs"
  "$EICCTL" restore "$@" </dev/null >"$work/int.out" 2>&1 &
  pid=$!
  wait_for 60 in_journal "\"event\":\"step-started\",\"step\":\"$step\"" || fail "step $step never started: $(cat "$work/int.out")"
  sent=$(now)
  kill "-$signal" "$pid"
  set +e
  wait "$pid"; rc=$?
  set -e
  [ $rc -eq 1 ] || fail "rc $rc after $signal in $step: $(tail -5 "$work/int.out")"
  if [ "$step" = preflight ]; then
    grep -q 'cancelled during the pre-flight. Nothing was changed.' "$work/int.out" || fail "not said: $(tail -3 "$work/int.out")"
    delay=$(rollback_after "$sent" cancelled) || fail "journal after $signal in $step"
  else
    grep -q 'Rolled back: every component is at its recorded count' "$work/int.out" || fail "no rollback said: $(tail -3 "$work/int.out")"
    delay=$(rollback_after "$sent") || fail "journal after $signal in $step"
  fi
  /usr/bin/python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 1.0 else 1)" "$delay" || fail "the rollback began $delay s after $signal in $step"
  expect_restored
  echo "ok: $signal in $step: rollback began after $delay s"
}

cat >"$work/slow.json" <<'JSON'
{"timing": {"podStartMs": 2500, "podTerminateMs": 2500},
 "deployments": {"worker": {"replicas": 2, "selector": "matchExpressions"}}}
JSON
sim_start --scenario "$work/slow.json"
before=$(counts)

case_name="cancel in every step"
faults '{"latencyMs": 700}'
interrupt_in preflight INT database --mode external --data-command "sleep 60" --accept $ACCEPT
interrupt_in record TERM database --mode external --data-command "sleep 60" --accept $ACCEPT
faults '{"latencyMs": 0}'
interrupt_in quiesce INT database --mode external --data-command "sleep 60" --accept $ACCEPT
interrupt_in data TERM database --mode external --data-command "sleep 60 & echo \$! >$work/data.pid; wait" --accept $ACCEPT
# The data command's whole process group ended with the run: its background sleep too.
[ -s "$work/data.pid" ] || fail "the data command did not start its child"
kill -0 "$(cat "$work/data.pid")" 2>/dev/null && fail "the data command's child outlived the run" || true
interrupt_in start INT database --mode external --data-command "true" --accept $ACCEPT

case_name="cancel while a session of the stopped component lingers"
# policyengine is stopped, but a client named like it is still connected (a pod that is gone
# from the API but not from the store): the wait for its sessions is cancelled at once.
/usr/bin/python3 - "$EIC_TEST_REDIS_PORT" "$EIC_TEST_REDIS_PASSWORD" >"$work/lingering.out" 2>&1 <<'PY' &
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
def cmd(*a):
    s.sendall(("*%d\r\n" % len(a) + "".join("$%d\r\n%s\r\n" % (len(x), x) for x in a)).encode())
cmd("AUTH", sys.argv[2]); cmd("CLIENT", "SETNAME", "policyengine-7d9f"); cmd("BLPOP", "never", "0")
while s.recv(4096):
    pass
PY
lingering=$!
wait_for 10 bash -c "redis-cli --no-auth-warning -h 127.0.0.1 -p $EIC_TEST_REDIS_PORT CLIENT LIST | grep name=policyengine-7d9f >/dev/null" || fail "the lingering client did not connect"
rm -rf "$work/runs"
"$EICCTL" restore datastore --mode external --data-command true --datastore "redis://127.0.0.1:$EIC_TEST_REDIS_PORT" \
  --accept $ACCEPT,snapshot-only </dev/null >"$work/sessions.out" 2>&1 &
pid=$!
wait_for 60 grep -q 'waiting for 1 session(s) of the stopped components' "$work/sessions.out" || fail "the blocking session is not named: $(cat "$work/sessions.out")"
grep -q 'policyengine-7d9f from 127.0.0.1' "$work/sessions.out" || fail "who blocks: $(cat "$work/sessions.out")"
sent=$(now)
kill -INT $pid
set +e
wait $pid; rc=$?
set -e
[ $rc -eq 1 ] || fail "rc $rc: $(tail -3 "$work/sessions.out")"
delay=$(rollback_after "$sent")
/usr/bin/python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 1.0 else 1)" "$delay" || fail "the rollback began $delay s after the cancel"
kill $lingering 2>/dev/null || true
expect_restored
echo "ok: cancel during the session wait: rollback began after $delay s"

case_name="a second signal during the rollback"
rm -rf "$work/runs"
"$EICCTL" restore database --mode external --data-command "sleep 60" --accept $ACCEPT </dev/null >"$work/twice.out" 2>&1 &
pid=$!
wait_for 60 in_journal '"event":"data-started"' || fail "no data step"
kill -TERM $pid
wait_for 10 in_journal '"event":"rollback-started"' || fail "no rollback"
kill -TERM $pid
set +e
wait $pid; rc=$?
set -e
[ $rc -eq 1 ] || fail "the second signal ended eicctl: rc $rc"
grep -q 'still rolling back; it is not interrupted' "$work/twice.out" || fail "the second signal was not answered: $(cat "$work/twice.out")"
expect_restored

case_name="signals twice and thrice under connection resets"
# Once, a double Ctrl-C under resets ended in a heap corruption. Eight runs, each cancelled
# in its data step with SIGINT, SIGINT and SIGTERM while 10 % of requests fail or are reset.
faults '{"resetRate": 0.1, "errorRate": 0.1, "errorCodes": [503], "seed": 7}'
for i in 1 2 3 4 5 6 7 8; do
  rm -rf "$work/runs"
  "$EICCTL" restore database --mode external --data-command "sleep 30" --accept $ACCEPT </dev/null >"$work/storm.out" 2>&1 &
  pid=$!
  wait_for 60 in_journal '"event":"data-started"' || fail "run $i: no data step: $(tail -3 "$work/storm.out")"
  kill -INT $pid
  kill -INT $pid 2>/dev/null || true
  kill -TERM $pid 2>/dev/null || true
  set +e
  wait $pid; rc=$?
  set -e
  [ $rc -eq 1 ] || fail "run $i ended with $rc under resets: $(tail -5 "$work/storm.out")"
done
faults '{"resetRate": 0, "errorRate": 0}'
expect_restored
echo "ok: 8 of 8 runs cancelled three times under resets rolled back"

case_name="a deployment selected by matchExpressions"
# worker has no matchLabels at all: its pods are counted by the expressions, and the wait
# for the stopped components' pods lasts until they are gone (2.5 s to terminate here).
[ "$(k get deploy worker -n edge-icell -o jsonpath='{.spec.selector.matchLabels}')" = "" ] || fail "worker has matchLabels"
rm -rf "$work/runs"
"$EICCTL" restore database --mode external --data-command true --accept $ACCEPT -o json </dev/null >"$work/expr.out" 2>&1 || fail "$(tail -3 "$work/expr.out")"
/usr/bin/python3 - "$work/expr.out" <<'PY' || fail "quiescence with an expression selector"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
names = [l["event"] for l in lines]
gone = names.index("pods-gone")
seen = [l["counts"]["worker"]["pods"] for l in lines[:gone] if l["event"] == "pods"]
assert seen and max(seen) > 0, "the worker's pods were never counted: %s" % seen
assert seen[-1] == 0, "pods-gone while the worker still had pods: %s" % seen
print("worker pods seen during the wait:", seen)
PY
expect_restored

case_name="an API outage at the end"
rm -rf "$work/runs"
"$EICCTL" restore database --mode external --data-command "sleep 1" --accept $ACCEPT </dev/null >"$work/outage.out" 2>&1 &
pid=$!
wait_for 60 in_journal '"event":"data-started"' || fail "no data step"
# From now on the lock cannot be renewed or released.
faults '{"errorRate": 1.0, "errorCodes": [503], "pathPrefix": "/apis/coordination.k8s.io/"}'
set +e
wait $pid; rc=$?
set -e
faults '{"errorRate": 0}'
[ $rc -eq 6 ] || fail "rc $rc (6: done, but something left): $(tail -5 "$work/outage.out")"
grep -q 'Restore complete' "$work/outage.out" && fail "a run that left its lock says complete: $(tail -3 "$work/outage.out")"
grep -q 'Restored, but left behind: the lock' "$work/outage.out" || fail "the leftover is not named: $(tail -3 "$work/outage.out")"
grep -q 'kubectl -n edge-icell delete lease eic-restore' "$work/outage.out" || fail "how to remove it is not said"
grep -q '"outcome":"complete-with-leftovers"' "$(journal)" || fail "journal: $(tail -1 "$(journal)")"
k delete lease -n edge-icell eic-restore >/dev/null
expect_restored
case_name="an API that refuses: an exit code of ours, never an HTTP status"
# A 503 used to come out as 247 (the status mod 256), read as a death by a signal.
for code in 503 500; do
  faults "{\"errorRate\": 1.0, \"errorCodes\": [$code], \"pathPrefix\": \"/apis/apps/v1/namespaces/edge-icell/deployments\"}"
  for cmd in "plan database" "restore database --mode external --data-command true --accept $ACCEPT"; do
    set +e
    # shellcheck disable=SC2086
    "$EICCTL" $cmd --timeout 5 </dev/null >"$work/refused.out" 2>&1; rc=$?
    set -e
    [ $rc -eq 4 ] || fail "eicctl $cmd with every deployment request answered $code: rc $rc: $(tail -2 "$work/refused.out")"
  done
done
faults '{"errorRate": 0}'
expect_restored
echo "interrupted restores: all cases passed"
