# Shared by the shell tests (sourced): failure, waiting on a condition, and an eic-sim of the
# test's own in a work folder that is removed on exit.
# Needs: $work (a temp dir) set by the caller; EIC_SIM for sim_start.

fail() { echo "FAIL${case_name:+ ($case_name)}: $*" >&2; exit 1; }

# Waits until a command succeeds, up to $1 seconds: a condition, not a fixed sleep.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.1
  done
}

# The services scripts/test starts, named by the variables it exports: without them a test
# skips, or fails where scripts/test promised them (EIC_REQUIRE_SERVICES=1).
require_services() {
  local v
  for v in "$@"; do
    [ -n "${!v:-}" ] && continue
    [ "${EIC_REQUIRE_SERVICES:-0}" = 1 ] && { echo "FAIL: services from scripts/test missing ($v)" >&2; exit 1; }
    echo "SKIP: run through scripts/test"
    exit 0
  done
}

sim_pid=""
watch_pid=""
testlib_cleanup() {
  [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null || true
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap testlib_cleanup EXIT

# Starts eic-sim with extra arguments, waits for its one ready line, exports KUBECONFIG.
sim_start() {
  "${EIC_SIM:?set EIC_SIM}" --listen 127.0.0.1:0 --kubeconfig-out "$work/kubeconfig" "$@" >"$work/sim.out" 2>"$work/sim.err" &
  sim_pid=$!
  wait_for 20 grep -q '^eic-sim ready https://127.0.0.1:[0-9]*$' "$work/sim.out" \
    || fail "eic-sim did not print its ready line: $(cat "$work/sim.err")"
  [ "$(wc -l <"$work/sim.out")" -eq 1 ] || fail "eic-sim printed more than its one ready line"
  export KUBECONFIG="$work/kubeconfig"
}
