#!/usr/bin/env bash
# Benchmark: idle resident memory of the GUI watching a cell of 500 deployments (goal: at most
# 120 MB), next to kubectl get -w watching the same deployments in the same run.
# Usage: bench/dashboard_rss.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo '{"extraDeployments": 489}' >"$work/scenario.json"
"$build/bin/eic-sim" --listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" --scenario "$work/scenario.json" >"$work/sim.out" 2>&1 &
pids+=($!)
for _ in $(seq 200); do grep -q '^eic-sim ready' "$work/sim.out" && break; sleep 0.05; done

export KUBECONFIG="$work/kubeconfig"
# The context named: a first start without a profile would otherwise open on the welcome page.
QT_QPA_PLATFORM=offscreen HOME="$work" "$build/bin/eic-restore" --kubeconfig "$work/kubeconfig" --context eic-sim --log-level info >"$work/gui.log" 2>&1 &
gui=$!
pids+=($gui)
kubectl --cache-dir "$work/cache" get deploy -w >"$work/kubectl.out" 2>&1 &
kc=$!
pids+=($kc)
for _ in $(seq 600); do grep -q 'cell edge-icell: live' "$work/gui.log" && break; sleep 0.05; done
grep -q 'cell edge-icell: live' "$work/gui.log" || { echo "the GUI never went live"; cat "$work/gui.log"; exit 1; }
for _ in $(seq 600); do [ "$(wc -l <"$work/kubectl.out")" -ge 501 ] && break; sleep 0.05; done
# Idle: let both settle (the GUI's age column ticks once a second; nothing else happens).
sleep 5
rss() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
gui_rss=$(rss "$gui")
kc_rss=$(rss "$kc")
echo "idle RSS watching 500 deployments: eic-restore GUI ${gui_rss} MB (goal <= 120), kubectl get -w ${kc_rss} MB," \
     "ratio $(awk -v a="$gui_rss" -v b="$kc_rss" 'BEGIN {printf "%.2f", a/b}')"
