#!/usr/bin/env bash
# eicctl status as an admin runs it, against eic-sim: the table, -o json, --watch (text and
# json), and the failures a user can cause (broken kubeconfig, wrong token, a namespace without
# a cell, usage).
# Env: EIC_SIM, EICCTL, KUBECTL.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
sim_start --pod-start-ms 200

out=$("$EICCTL" status)
echo "$out"
grep -Eq '^Cell edge-icell · live' <<<"$out" || fail "no live header"
grep -Eq '^edc +2 +2 +2 +0 +database, HPA 2-4 +Healthy$' <<<"$out" || fail "edc row"
grep -Eq '^policyengine +2 +2 +2 +0 +datastore, HPA 2-4 +Healthy$' <<<"$out" || fail "policyengine row"
grep -Eq 'Message service .*(protected by replication, not by backup|a single instance: no replica protects it)' <<<"$out" || fail "message service line"

json=$("$EICCTL" status -o json)
/usr/bin/python3 - "$json" <<'PY' || fail "json document"
import json, sys
doc = json.loads(sys.argv[1])
names = [c["name"] for c in doc["components"]]
assert len(names) == 11 and names[0] == "edc", names
assert doc["connection"] == "live" and doc["namespace"] == "edge-icell"
assert doc["messageService"]["desired"] == 1 and doc["messageService"]["highAvailability"] is False
assert doc["tlsVerification"] is True and doc["cellFound"] is True
PY

# A mistyped namespace: the table (every component missing), a sentence on what to check, exit 1.
set +e
msg=$("$EICCTL" status -n edge-icel 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q 'No component of an Edge Integration Cell is in namespace edge-icel of context eic-sim' <<<"$msg" \
  && grep -Eq '^edc .*Missing' <<<"$msg" || fail "wrong namespace: rc $rc: $msg"

# --watch -o json: one JSON object per line, the first the whole cell, then one per change.
"$EICCTL" status --watch -o json >"$work/watch.json" 2>"$work/watch.err" &
watch_pid=$!
wait_for 20 grep -q '"components"' "$work/watch.json" || fail "watch printed no initial document"
"$KUBECTL" --cache-dir "$work/cache" scale deploy/mdc --replicas=0 >/dev/null
stopped() { grep '"event":"component"' "$work/watch.json" | grep '"name":"mdc"' | grep '"health":"stopped"'; } >/dev/null
wait_for 20 stopped || fail "mdc never reported stopped: $(cat "$work/watch.json")"
/usr/bin/python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' "$work/watch.json" || fail "a watch line is not JSON"
kill "$watch_pid"; wait "$watch_pid" 2>/dev/null || true; watch_pid=""

# Failures a user can cause.
set +e
msg=$("$EICCTL" status --kubeconfig "$work/absent.yaml" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "No kubeconfig found at $work/absent.yaml" <<<"$msg" || fail "absent kubeconfig: rc $rc: $msg"
sed 's/token: .*/token: not-the-token/' "$work/kubeconfig" >"$work/bad-token.yaml"
msg=$("$EICCTL" status --kubeconfig "$work/bad-token.yaml" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q '401 Unauthorized' <<<"$msg" || fail "bad token: rc $rc: $msg"
printf 'clusters:\n- name: c\n  cluster: {server: "https://x"\n' >"$work/broken.yaml"
msg=$("$EICCTL" status --kubeconfig "$work/broken.yaml" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "broken.yaml, line" <<<"$msg" || fail "broken kubeconfig: rc $rc: $msg"
msg=$("$EICCTL" status -o yaml 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q -- '--output must be text or json' <<<"$msg" || fail "bad -o: rc $rc: $msg"
msg=$("$EICCTL" status -n Not_A_Label 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q 'not a valid namespace' <<<"$msg" || fail "bad namespace: rc $rc: $msg"
set -e
echo PASS
