#!/usr/bin/env bash
# The real kubectl against eic-sim, through the kubeconfig the sim writes. One behaviour per
# call (ctest runs each with KUBE_FEATURE_WatchListClient=true and =false).
# Usage: conformance.sh get-deploy|scale-to-zero|scale-back|watch-events|can-i|given-ca|namespaces
# Env: EIC_SIM (the eic-sim binary), KUBECTL (default: kubectl).
set -euo pipefail

case_name=${1:?usage: conformance.sh CASE}
EIC_SIM=${EIC_SIM:?set EIC_SIM to the eic-sim binary}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"

start_sim() {
  local args=(--pod-start-ms 300)
  [ $# -gt 0 ] && [ -n "$1" ] && args+=(--scenario "$1")
  [ $# -gt 1 ] && args+=(--ca-cert "$2" --ca-key "$3")
  sim_start "${args[@]}"
}

k() { "$KUBECTL" --cache-dir "$work/cache" --request-timeout=20s "$@"; }

case "$case_name" in
get-deploy)
  start_sim
  out=$(k get deploy -n edge-icell)
  echo "$out"
  head -1 <<<"$out" | grep -E '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$' >/dev/null || fail "unexpected header"
  [ "$(tail -n +2 <<<"$out" | wc -l)" -eq 11 ] || fail "expected 11 deployments"
  grep -Eq '^edc +2/2 +2 +2 ' <<<"$out" || fail "edc is not 2/2"
  grep -Eq '^policyengine +2/2 ' <<<"$out" || fail "policyengine missing"
  k get deploy edc -o json | grep '"kind": "Deployment"' >/dev/null || fail "get -o json"
  ;;
scale-to-zero)
  start_sim
  k scale deploy/edc --replicas=0 | grep 'deployment.apps/edc scaled' >/dev/null || fail "scale"
  k rollout status deploy/edc --timeout=30s | tee "$work/rollout" | grep 'successfully rolled out' >/dev/null || fail "rollout status"
  [ "$(k get deploy edc -o jsonpath='{.spec.replicas}')" = "0" ] || fail "spec.replicas is not 0"
  # The pods are Terminating for a while, then gone.
  no_pods() { [ -z "$(k get pods -l app=edc -o name)" ]; }
  wait_for 20 no_pods || fail "edc's pods did not go away"
  k get deploy edc | grep -E '^edc +0/0 ' >/dev/null || fail "edc is not 0/0"
  ;;
scale-back)
  start_sim
  k scale deploy/edc --replicas=0 >/dev/null
  k rollout status deploy/edc --timeout=30s >/dev/null || fail "rollout status at 0"
  k scale deploy/edc --replicas=2 | grep scaled >/dev/null || fail "scale to 2"
  out=$(k rollout status deploy/edc --timeout=30s -v=6 2>"$work/verbose") || fail "rollout status to 2: $out"
  echo "$out"
  # Both ways client-go starts its informer must work: a watch-list stream, or list then watch.
  if [ "${KUBE_FEATURE_WatchListClient:-}" = "true" ]; then
    grep -q 'sendInitialEvents=true' "$work/verbose" || fail "kubectl did not use a watch-list"
  else
    ! grep -q 'sendInitialEvents=true' "$work/verbose" || fail "kubectl used a watch-list although it was disabled"
  fi
  grep -q 'deployment "edc" successfully rolled out' <<<"$out" || fail "no success line"
  [ "$(k get deploy edc -o jsonpath='{.status.readyReplicas}')" = "2" ] || fail "readyReplicas is not 2"
  ;;
watch-events)
  start_sim
  k get deploy -w --output-watch-events >"$work/watch" 2>&1 &
  watch_pid=$!
  wait_for 20 grep -Eq '^ADDED +edc ' "$work/watch" || fail "no initial events: $(cat "$work/watch")"
  k scale deploy/edc --replicas=0 >/dev/null
  wait_for 20 grep -Eq '^MODIFIED +edc +[0-9]+/0 ' "$work/watch" || fail "no MODIFIED event of the scale: $(cat "$work/watch")"
  cat "$work/watch"
  ! grep -Eq '^MODIFIED +(mdc|worker) ' "$work/watch" || fail "events of deployments that did not change"
  ;;
can-i)
  cat >"$work/scenario.json" <<'JSON'
{"users": [{"name": "auditor", "rules": [
  {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list", "watch"], "namespaces": ["edge-icell"]},
  {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"], "namespaces": ["edge-icell"]}]}]}
JSON
  start_sim "$work/scenario.json"
  [ "$(k auth can-i list deployments)" = "yes" ] || fail "auditor may list deployments"
  set +e
  answer=$(k auth can-i patch deployments/scale); rc=$?
  set -e
  [ "$answer" = "no" ] && [ $rc -eq 1 ] || fail "auditor may not patch deployments/scale (got '$answer', rc $rc)"
  [ "$(k auth can-i list deployments -n other 2>/dev/null || true)" = "no" ] || fail "auditor is limited to edge-icell"
  # And the RBAC is enforced, not only reported.
  set +e
  out=$(k scale deploy/edc --replicas=0 2>&1); rc=$?
  set -e
  [ $rc -ne 0 ] && grep -q 'forbidden' <<<"$out" || fail "scale was not forbidden: $out"
  echo "$out"
  ;;
given-ca)
  # A CA of the admin's own: the sim signs its server certificate with it and names it in the kubeconfig.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/ca.key" -out "$work/ca.crt" \
    -days 2 -subj "/CN=test CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign >/dev/null 2>&1
  start_sim "" "$work/ca.crt" "$work/ca.key"
  grep 'certificate-authority-data:' "$work/kubeconfig" | awk '{print $2}' | base64 -d >"$work/kube-ca.crt"
  cmp -s "$work/kube-ca.crt" "$work/ca.crt" || fail "the kubeconfig does not carry the given CA"
  k get deploy edc >/dev/null || fail "kubectl does not trust the server signed by the given CA"
  ;;
namespaces)
  # The namespace UID a restore journal binds itself to; cluster-scoped, so a role limited to
  # the cell's deployments and pods cannot read it.
  cat >"$work/scenario.json" <<'JSON'
{"namespaces": ["staging"],
 "users": [{"name": "eic-admin"},
           {"name": "auditor", "token": "auditor-token", "rules": [
             {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list", "watch"], "namespaces": ["edge-icell"]}]}]}
JSON
  start_sim "$work/scenario.json"
  out=$(k get ns)
  echo "$out"
  head -1 <<<"$out" | grep -E '^NAME +STATUS +AGE$' >/dev/null || fail "unexpected header"
  for ns in default edge-icell edge-icell-services staging; do
    grep -Eq "^$ns +Active " <<<"$out" || fail "namespace $ns is not listed as Active"
  done
  uid=$(k get ns edge-icell -o jsonpath='{.metadata.uid}')
  grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' <<<"$uid" || fail "not a uid: '$uid'"
  [ "$(k get namespace/edge-icell -o jsonpath='{.metadata.uid}')" = "$uid" ] || fail "the uid changed between two reads"
  [ "$(k get ns default -o jsonpath='{.metadata.uid}')" != "$uid" ] || fail "two namespaces share a uid"
  set +e
  out=$(k get ns nope 2>&1); rc=$?
  set -e
  [ $rc -ne 0 ] && grep -q 'Error from server (NotFound): namespaces "nope" not found' <<<"$out" || fail "missing namespace: $out"
  set +e
  out=$(k --token=auditor-token get ns edge-icell 2>&1); rc=$?
  set -e
  [ $rc -ne 0 ] && grep -q 'Error from server (Forbidden)' <<<"$out" || fail "a role on deployments read a namespace: $out"
  k --token=auditor-token get deploy edc >/dev/null || fail "the auditor may still read deployments"
  ;;
*)
  fail "unknown case"
  ;;
esac
echo "PASS ($case_name, KUBE_FEATURE_WatchListClient=${KUBE_FEATURE_WatchListClient:-unset})"
