#!/usr/bin/env bash
# The full database procedure (7 components) by eicctl vs the vendor's runbook done by hand
# with kubectl, one run each against the same eic-sim timing:
#   eicctl restore database --mode external --data-command true  (parallel stop, wait until no pod
#     is left, data step, parallel start, rollout wait, verify)
#   runbook: for each deployment `kubectl scale --replicas=0` + `kubectl rollout status`, then
#     for each `kubectl scale --replicas=N` + `kubectl rollout status` (sequential, as the page says)
# and eicctl's wall time over the sim's physical minimum (controller delay + pod termination +
# controller delay + pod start: nothing can stop and start the components faster).
# Usage: bench/restore_procedure.sh BUILD_DIR [START_MS TERMINATE_MS]
set -euo pipefail
build=${1:-build}
start_ms=${2:-3000}
term_ms=${3:-4000}
delay_ms=15
work=$(mktemp -d)
sim_pid=""
trap '[ -n "$sim_pid" ] && kill $sim_pid 2>/dev/null; rm -rf "$work"' EXIT
cat >"$work/scenario.json" <<JSON
{"timing": {"podStartMs": $start_ms, "podTerminateMs": $term_ms, "controllerDelayMs": $delay_ms}}
JSON
"$build/bin/eic-sim" --listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" --scenario "$work/scenario.json" >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 100); do grep -q ready "$work/sim.out" 2>/dev/null && break; sleep 0.05; done
export KUBECONFIG=$work/kubeconfig EIC_RESTORE_RUNS_DIR=$work/runs XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
k() { kubectl --cache-dir "$work/cache" -n edge-icell "$@"; }
names=(edc edge-api mdc worker auditlog-agent destination-configuration destination-db-management)
declare -A counts
for n in "${names[@]}"; do counts[$n]=$(k get deploy "$n" -o jsonpath='{.spec.replicas}'); done
k get deploy >/dev/null # warm kubectl's discovery cache, as an admin's would be

now() { date +%s.%N; }
t0=$(now)
for n in "${names[@]}"; do k scale deploy "$n" --replicas=0 >/dev/null; k rollout status deploy "$n" --timeout=120s >/dev/null; done
for n in "${names[@]}"; do k scale deploy "$n" --replicas="${counts[$n]}" >/dev/null; k rollout status deploy "$n" --timeout=120s >/dev/null; done
t1=$(now)
runbook=$(echo "$t1 - $t0" | bc -l)

t0=$(now)
"$build/bin/eicctl" restore database --mode external --data-command true --accept service-interruption,autoscaler -o json >"$work/app.json"
t1=$(now)
app=$(echo "$t1 - $t0" | bc -l)
down=$(/usr/bin/python3 -c 'import json,sys; print([json.loads(l) for l in open(sys.argv[1])][-1]["downtimeSeconds"])' "$work/app.json")
minimum=$(echo "($delay_ms * 2 + $term_ms + $start_ms) / 1000" | bc -l)
for n in "${names[@]}"; do
  [ "$(k get deploy "$n" -o jsonpath='{.status.availableReplicas}')" = "${counts[$n]}" ] || { echo "FAIL: $n not back at ${counts[$n]}" >&2; exit 1; }
done
printf 'sim timing: pod start %d ms, pod termination %d ms, controller delay %d ms (physical minimum %.2f s)\n' "$start_ms" "$term_ms" "$delay_ms" "$minimum"
printf 'kubectl runbook (sequential scale + rollout status): %.2f s\n' "$runbook"
printf 'eicctl restore (whole command): %.2f s; components down %.2f s\n' "$app" "$down"
printf 'ratio eicctl / runbook: %.3f (goal <= 0.35)\n' "$(echo "$app / $runbook" | bc -l)"
printf 'ratio eicctl / physical minimum: %.3f (goal <= 1.05); downtime / minimum: %.3f\n' "$(echo "$app / $minimum" | bc -l)" "$(echo "$down / $minimum" | bc -l)"
