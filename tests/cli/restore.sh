#!/usr/bin/env bash
# The restore procedure through eicctl against eic-sim, as an admin runs it: plan and its dry
# run (the sim's state unchanged), refusals (a namespace without the cell among them) and
# unacknowledged cautions (nothing changed), the
# full database procedure in external mode (with --data-command, and with `continue`), a failing
# data command rolled back, the vendor's four-component cell, a held lock, a failed rollout, API
# faults, a lost ssh session (SIGHUP: the restore goes on), and kill -9 of eicctl at every step boundary and mid-data-step followed by resume —
# and separately abort — always ending with every deployment at its recorded count.
# Env: EIC_SIM, EICCTL, KUBECTL.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" EIC_RESTORE_RUNS_DIR="$work/runs"
ACCEPT=service-interruption,autoscaler
k() { "$KUBECTL" --cache-dir "$work/cache" "$@"; }

# "name=replicas" of every deployment, and whether any carries our annotation or a lease exists.
state() { k get --raw /sim/v1/state; }
counts() {
  state | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)["deployments"]
print(" ".join(sorted("%s=%s" % (k.split("/")[1], v["replicas"]) for k, v in d.items() if k.startswith("edge-icell/"))))'
}
clean() {
  state | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)["deployments"]
bad = [k for k, v in d.items() if "eic-restore/original-replicas" in v.get("annotations", {})]
sys.exit(1 if bad else 0)' || return 1
  [ -z "$(k get leases -n edge-icell -o name 2>/dev/null)" ]
}
# Every deployment at the count it had before and ready, no annotation left, no lock held.
expect_restored() {
  local now
  wait_for 30 bash -c "[ \"\$(KUBECTL=$KUBECTL; $(declare -f k state counts); counts)\" = \"$before\" ]" ||
    fail "counts differ: before [$before] now [$(counts)]"
  clean || fail "an annotation or the lock was left behind: $(state)"
  now=$(k get deploy -n edge-icell -o jsonpath='{range .items[*]}{.metadata.name}={.status.availableReplicas}{" "}{end}')
  for pair in $before; do
    [[ " $now " == *" $pair "* ]] || fail "not available again: $pair (now: $now)"
  done
}
unfinished() { ls "$work/runs" 2>/dev/null | while read -r f; do grep -q '"event":"run-finished"' "$work/runs/$f" || echo "$f"; done; }

sim_start --pod-start-ms 150
before=$(counts)
[[ $before == *"edc=2"* && $before == *"worker=2"* ]] || fail "unexpected sim counts: $before"

case_name="plan and dry run"
# The sim's pods start after it does: compare once every deployment is available (then nothing
# moves in the cell unless something changes it).
settled() { k get deploy -n edge-icell -o jsonpath='{range .items[*]}{.spec.replicas}={.status.availableReplicas}{" "}{end}' |
  /usr/bin/python3 -c 'import sys; p=[x.split("=") for x in sys.stdin.read().split()]; sys.exit(0 if p and all(a==b for a,b in p) else 1)'; }
wait_for 20 settled || fail "the sim's deployments did not become available"
gen0=$(state)
out=$("$EICCTL" plan database)
grep -q '^  edc  *2 replica(s)  (HPA edc, 2-4)$' <<<"$out" || fail "plan lacks edc with its HPA: $out"
grep -q '\[autoscaler\]' <<<"$out" && grep -q '\[service-interruption\]' <<<"$out" || fail "plan lacks cautions"
grep -q 'Pre-flight passed; nothing was changed.' <<<"$out" || fail "pre-flight: $out"
json=$("$EICCTL" plan datastore -o json)
/usr/bin/python3 - "$json" <<'PY' || fail "plan -o json"
import json, sys
d = json.loads(sys.argv[1])
assert [c["name"] for c in d["plan"]["components"]] == ["policyengine"], d["plan"]["components"]
assert d["preflight"]["ok"] is True and any(c["check"] == "dry-run scale" and c["ok"] for c in d["preflight"]["checks"])
PY
[ "$(state)" = "$gen0" ] || fail "plan changed the cell"

case_name="a namespace without the cell"
# A typo in -n: the cell runs in edge-icell, its store is not this namespace's to restore.
# The sim's autoscalers write their status every 1.5 s after a change (the first one after
# start): what must not change is measured from rest, over more than one such sync.
settled() { local a; a=$(state); sleep 2; [ "$(state)" = "$a" ]; }
wait_for 30 settled || fail "the sim does not settle: $(state)"
gen0=$(state)
journals() { ls "$work/runs" 2>/dev/null || true; }
runs0=$(journals | wc -l)
rm -f "$work/no-cell"
set +e
msg=$("$EICCTL" plan datastore -n edge-icel 2>&1); rc=$?
set -e
[ $rc -eq 4 ] && grep -q 'No component of an Edge Integration Cell was found in namespace edge-icel' <<<"$msg" &&
  grep -q 'eicctl status -n edge-icel' <<<"$msg" || fail "plan: rc $rc: $msg"
set +e
msg=$("$EICCTL" restore datastore -n edge-icel --mode external --data-command "touch $work/no-cell" --accept $ACCEPT 2>&1); rc=$?
set -e
[ $rc -eq 4 ] && grep -q 'namespace edge-icel' <<<"$msg" || fail "restore: rc $rc: $msg"
[ ! -e "$work/no-cell" ] || fail "the data command ran in a namespace without the cell"
[ "$(state)" = "$gen0" ] || fail "a namespace without the cell changed the sim: $(state)"
[ "$(journals | wc -l)" -eq "$runs0" ] || fail "a refused restore wrote a journal"

case_name="caution not acknowledged"
set +e
msg=$("$EICCTL" restore database --mode external --data-command true --accept service-interruption 2>&1); rc=$?
set -e
[ $rc -eq 3 ] && grep -q 'Not acknowledged: autoscaler' <<<"$msg" || fail "rc $rc: $msg"
# What to paste names the required ones; ending sessions stays a decision of its own.
grep -q -- '--accept service-interruption,autoscaler to go on (optional, add it only if you mean it: terminate-sessions)' <<<"$msg" || fail "the suggestion: $msg"
[ "$(state)" = "$gen0" ] || fail "an unacknowledged caution changed the cell"
set +e
msg=$("$EICCTL" restore database --mode archive 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && grep -q -- '--from PATH' <<<"$msg" || fail "archive without --from: rc $rc: $msg"

case_name="full database procedure, --data-command"
"$EICCTL" restore database --mode external --data-command "echo restored >$work/data-ran" --accept $ACCEPT >"$work/full.out"
grep -q '^Restore complete' "$work/full.out" || fail "$(cat "$work/full.out")"
[ -f "$work/data-ran" ] || fail "the data command did not run"
# No store connection was given: what could not be checked says so, never "ok", and the
# final sentence names it.
grep -q 'n/a  store reachable (NOT CHECKED: no store connection given' "$work/full.out" || fail "an unmade check: $(grep store "$work/full.out")"
grep -q 'ok   store' "$work/full.out" && fail "a check that was not made printed as ok" || true
grep -q 'the database itself was not checked. Not checked: the database itself: reachable, its identity, the sessions of the stopped components, accepting writes (no store connection given).' "$work/full.out" ||
  fail "the final sentence does not name what was not checked: $(tail -2 "$work/full.out")"
expect_restored
journal=$(ls "$work/runs"/*.jsonl | head -1)
[ "$(stat -c %a "$journal")" = 600 ] || fail "journal mode $(stat -c %a "$journal")"
/usr/bin/python3 - "$journal" <<'PY' || fail "journal content"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
names = [e["event"] for e in ev]
rec = {e["name"]: e["replicas"] for e in ev if e["event"] == "component-recorded"}
assert rec == {"edc": 2, "edge-api": 2, "mdc": 1, "worker": 2, "auditlog-agent": 1, "destination-configuration": 1, "destination-db-management": 1}, rec
first_scale = names.index("scaled")
assert all(names.index("component-recorded") < first_scale for _ in [0]) and max(i for i, n in enumerate(names) if n == "component-recorded") < first_scale
acks = [e for e in ev if e["event"] == "caution-acknowledged"]
assert {a["id"] for a in acks} == {"service-interruption", "autoscaler"} and all(a["by"] for a in acks)
assert ev[-1]["event"] == "run-finished" and ev[-1]["outcome"] == "complete"
PY
# -o json: one event per line, the outcome last.
"$EICCTL" restore datastore --mode external --data-command true --accept $ACCEPT -o json >"$work/json.out"
/usr/bin/python3 - "$work/json.out" <<'PY' || fail "-o json lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert lines[-1]["event"] == "outcome" and lines[-1]["exitCode"] == 0, lines[-1]
assert any(l.get("event") == "scaled" and l["name"] == "policyengine" and l["to"] == 0 for l in lines)
PY
expect_restored

case_name="failing data command"
set +e
msg=$("$EICCTL" restore database --mode external --data-command "exit 7" --accept $ACCEPT 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q 'exited with status 7' <<<"$msg" && grep -q 'Rolled back: every component is at its recorded count' <<<"$msg" || fail "rc $rc: $msg"
expect_restored

case_name="external mode, then continue"
set +e
msg=$("$EICCTL" restore database --mode external --accept $ACCEPT 2>&1); rc=$?
set -e
[ $rc -eq 5 ] && grep -q 'eicctl continue' <<<"$msg" || fail "rc $rc: $msg"
[[ "$(counts)" == *"edc=0"* ]] || fail "components not stopped while the admin restores: $(counts)"
"$EICCTL" status >/dev/null 2>"$work/status.err" || true
grep -q 'an interrupted restore (.*) needs `eicctl resume`' "$work/status.err" || fail "eicctl does not name the waiting run at start-up: $(cat "$work/status.err")"
set +e
msg=$("$EICCTL" restore database --mode external --data-command true --accept $ACCEPT 2>&1); rc=$?
set -e
[ $rc -eq 5 ] && grep -q 'must be finished first' <<<"$msg" || fail "a second restore was not refused: rc $rc: $msg"
"$EICCTL" continue >"$work/continue.out" || fail "continue: $(cat "$work/continue.out")"
expect_restored
[ -z "$(unfinished)" ] || fail "a journal was left unfinished"

case_name="ctrl-c mid data step"
rm -f "$work/started"
"$EICCTL" restore database --mode external --accept $ACCEPT --data-command "touch $work/started; sleep 60" >"$work/int.out" 2>&1 &
pid=$!
wait_for 30 test -e "$work/started" || fail "the data command never started"
kill -INT $pid
set +e
wait $pid; rc=$?
set -e
[ $rc -eq 1 ] && grep -q 'The restore was cancelled' "$work/int.out" && grep -q 'Rolled back: every component is at its recorded count' "$work/int.out" || fail "rc $rc: $(cat "$work/int.out")"
expect_restored
[ -z "$(unfinished)" ] || fail "a cancelled run left its journal unfinished"

case_name="ssh session lost mid data step"
# The terminal hangs up: SIGHUP to eicctl and to its data command (one process group, as a
# terminal does). The restore goes on to its end; the data command is not killed either.
rm -f "$work/started" "$work/release"
setsid "$EICCTL" restore database --mode external --accept $ACCEPT \
  --data-command "touch $work/started; while [ ! -e $work/release ]; do sleep 0.1; done" </dev/null >"$work/hup.out" 2>&1 &
pid=$!
wait_for 30 test -e "$work/started" || fail "the data command never started"
kill -HUP -- -"$pid"
touch "$work/release"
set +e
wait $pid; rc=$?
set -e
[ $rc -eq 0 ] && grep -q 'Restore complete' "$work/hup.out" || fail "rc $rc: $(cat "$work/hup.out")"
expect_restored

case_name="message service refused"
set +e
msg=$("$EICCTL" plan message-service 2>&1); rc=$?
set -e
[ $rc -eq 4 ] && grep -q 'protected by replication' <<<"$msg" || fail "rc $rc: $msg"

case_name="last rehearsal in the plan"
"$EICCTL" plan database | grep 'The last rehearsal kept them down for [0-9]* s' >/dev/null || fail "the plan does not show the last downtime"

case_name="lock held elsewhere"
renew=$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)
cat >"$work/lease.json" <<JSON
{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"eic-restore","namespace":"edge-icell"},
 "spec":{"holderIdentity":"other-run admin@elsewhere","leaseDurationSeconds":60,"renewTime":"$renew"}}
JSON
k create --raw /apis/coordination.k8s.io/v1/namespaces/edge-icell/leases -f "$work/lease.json" >/dev/null
set +e
msg=$("$EICCTL" restore database --mode external --data-command true --accept $ACCEPT 2>&1); rc=$?
set -e
[ $rc -eq 4 ] && grep -q 'held by other-run admin@elsewhere' <<<"$msg" && grep -q 'Nothing was changed' <<<"$msg" || fail "rc $rc: $msg"
k delete --raw /apis/coordination.k8s.io/v1/namespaces/edge-icell/leases/eic-restore >/dev/null
[ -z "$(unfinished)" ] || fail "a refused run left an unfinished journal"
expect_restored

# kill -9 at every step boundary (the seam sends SIGKILL right after that journal line is on
# disk), then resume; and the same points again with abort.
for how in resume abort; do
  for point in step-finished:preflight component-recorded step-finished:record scaled step-finished:stop \
               step-finished:quiesce data-started step-finished:data scaled-back step-finished:start step-finished:verify; do
    case_name="kill -9 at $point, then $how"
    seam=$point
    [ "$point" = scaled-back ] && seam=rolled-out
    set +e
    EIC_TEST_CRASH_AT=$seam "$EICCTL" restore database --mode external --data-command true --accept $ACCEPT >"$work/killed.out" 2>&1; rc=$?
    set -e
    [ $rc -eq 137 ] || fail "eicctl was not killed at the seam (rc $rc): $(tail -3 "$work/killed.out")"
    [ -n "$(unfinished)" ] || fail "no unfinished journal after the kill"
    "$EICCTL" "$how" >"$work/$how.out" 2>&1 || fail "$how: $(cat "$work/$how.out")"
    expect_restored
    [ -z "$(unfinished)" ] || fail "$how left the journal unfinished"
  done
done

# kill -9 in the middle of the data step (a data command that takes its time), then resume
# (the data step runs again) — and separately abort.
for how in resume abort; do
  case_name="kill -9 mid data step, then $how"
  rm -f "$work/started" "$work/second"
  "$EICCTL" restore database --mode external --accept $ACCEPT \
    --data-command "if [ -e $work/second ]; then exit 0; fi; touch $work/started; sleep 60" >"$work/mid.out" 2>&1 &
  pid=$!
  wait_for 30 test -e "$work/started" || fail "the data command never started"
  kill -9 $pid; wait $pid 2>/dev/null || true
  pkill -f "touch $work/started" || true
  [[ "$(counts)" == *"edc=0"* ]] || fail "not stopped during the data step: $(counts)"
  touch "$work/second"
  "$EICCTL" "$how" >"$work/$how.out" 2>&1 || fail "$how: $(cat "$work/$how.out")"
  expect_restored
  if [ "$how" = abort ]; then grep -q 'The data step: started' "$work/$how.out" || fail "abort does not say how far the data step got: $(cat "$work/$how.out")"; fi
done

# No journal at all (the laptop died with it): the annotations still tell the counts.
case_name="abort from annotations"
set +e
EIC_TEST_CRASH_AT=step-finished:stop "$EICCTL" restore database --mode external --data-command true --accept $ACCEPT >/dev/null 2>&1
set -e
rm -rf "$work/runs"
set +e
msg=$("$EICCTL" abort 2>&1); rc=$?
set -e
# The dead run's lock is still fresh: abort says whose it is and how to remove it.
[ $rc -eq 5 ] && grep -q 'kubectl -n edge-icell delete lease eic-restore' <<<"$msg" || fail "abort with a fresh lock: rc $rc: $msg"
k delete lease -n edge-icell eic-restore >/dev/null
"$EICCTL" abort >"$work/abort.out" 2>&1 || fail "abort from annotations: $(cat "$work/abort.out")"
grep -q 'the counts come from the annotations' "$work/abort.out" || fail "$(cat "$work/abort.out")"
expect_restored

# API faults: 5xx bursts, resets and 409s on every request; the run ends restored.
case_name="api faults"
echo '{"errorRate":0.15,"errorCodes":[500,503],"resetRate":0.05,"conflictRate":0.2,"watchCutSeconds":1,"latencyMs":20,"seed":11}' >"$work/faults.json"
k replace --raw /sim/v1/faults -f "$work/faults.json" >/dev/null
"$EICCTL" restore database --mode external --data-command true --accept $ACCEPT >"$work/faults.out" 2>&1 || fail "under faults: $(tail -5 "$work/faults.out")"
echo '{"errorRate":0,"resetRate":0,"conflictRate":0,"watchCutSeconds":0,"latencyMs":0}' >"$work/faults.json"
k replace --raw /sim/v1/faults -f "$work/faults.json" >/dev/null
expect_restored
kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true

# The vendor's four-component cell (no auditlog-agent & co.), with a worker that never becomes
# ready: the three missing ones are skipped, and the failed rollout fails the run by name.
case_name="older cell, failed rollout"
cat >"$work/older.json" <<'JSON'
{"olderCell": true, "deployments": {"worker": {"replicas": 2, "neverReady": true}},
 "timing": {"progressDeadlineSeconds": 2}, "builtinServices": ["redis"]}
JSON
sim_start --pod-start-ms 100 --scenario "$work/older.json"
before=$(counts)
out=$("$EICCTL" plan database 2>&1 || true)
grep -q 'auditlog-agent  *skipped: the cell has no such deployment' <<<"$out" || fail "older cell: $out"
set +e
msg=$("$EICCTL" restore database --mode external --data-command true --accept $ACCEPT 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q 'The rollout of worker failed' <<<"$msg" || fail "failed rollout: rc $rc: $msg"
clean || fail "left behind after a failed rollout: $(state)"
[[ "$(counts)" == *"worker=2"* && "$(counts)" == *"edc=2"* ]] || fail "not at the recorded counts: $(counts)"

case_name="built-in data store refused"
set +e
msg=$("$EICCTL" plan datastore 2>&1); rc=$?
set -e
[ $rc -eq 4 ] && grep -q "backup and restore aren't supported for built-in services" <<<"$msg" || fail "rc $rc: $msg"
echo "restore procedure: all cases passed"
