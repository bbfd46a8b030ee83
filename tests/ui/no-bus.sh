#!/usr/bin/env bash
# Without a session bus, on an X display (Xvfb), as over ssh -X or in a bare Xvfb: eicctl and
# the GUI say that there is no keychain, at once, and leave nothing behind. libdbus would
# autolaunch a dbus-daemon for the display that outlives the program, and D-Bus activation on
# it would start gnome-keyring-daemon and at-spi-bus-launcher. Every process started here
# carries a marker in its environment; none may remain after the programs quit.
# Env: EICCTL, EIC_RESTORE, EIC_SIM.
set -euo pipefail
EICCTL=${EICCTL:?}
EIC_RESTORE=${EIC_RESTORE:?}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
command -v Xvfb >/dev/null || { echo "SKIP: no Xvfb"; exit 0; }

xvfb_pid=""
marker="eic-no-bus-$$-$RANDOM"
# The processes that carry this run's marker (other than this shell's own children that are
# still expected, none after a program has quit).
marked() {
  local pid
  for pid in $(pgrep -u "$(id -u)" . || true); do
    [ "$pid" = "$$" ] && continue
    if tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -x "EIC_NO_BUS_MARK=$marker" >/dev/null; then
      ps -o pid=,args= -p "$pid" || true
    fi
  done
}
cleanup() {
  local left
  left=$(marked | grep -v Xvfb || true)
  [ -n "$left" ] && kill $(awk '{print $1}' <<<"$left") 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  testlib_cleanup
}
trap cleanup EXIT

mkdir -m 700 "$work/run"
export EIC_NO_BUS_MARK=$marker HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
unset DBUS_SESSION_BUS_ADDRESS KUBECONFIG
mkdir -p "$HOME"
Xvfb -displayfd 3 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
wait_for 10 test -s "$work/display" || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(cat "$work/display")"
sim_start

# eicctl: the profile is saved, its password is not, and it says why within seconds.
set +e
start=$SECONDS
PGPASSWORD=some-password timeout 30 "$EICCTL" profile add prod --kubeconfig "$work/kubeconfig" --context eic-sim \
  --database "host=127.0.0.1 port=1 dbname=eic user=eic sslmode=disable" </dev/null >"$work/add.out" 2>&1; rc=$?
set -e
cat "$work/add.out"
[ $rc -eq 1 ] || fail "eicctl profile add without a keychain: rc $rc (124: it hung)"
[ $((SECONDS - start)) -le 10 ] || fail "eicctl took $((SECONDS - start)) s to find that there is no keychain"
grep -q 'no keychain is available (there is no D-Bus session bus)' "$work/add.out" || fail "eicctl does not say why"
grep -q 'PGPASSWORD' "$work/add.out" || fail "eicctl does not say what to do"
"$EICCTL" profile list | grep "^prod" >/dev/null || fail "the profile was not saved"
left=$(marked | grep -v -e Xvfb -e eic-sim || true)
[ -z "$left" ] || fail "left running after eicctl: $left"

# A session bus without a keychain running (a bare dbus-run-session): said at once, and the
# keyring that D-Bus could activate (org.freedesktop.secrets.service) is not started.
if command -v dbus-run-session >/dev/null; then
  set +e
  PGPASSWORD=some-password dbus-run-session -- env -u XDG_CURRENT_DESKTOP bash -c '
    timeout 30 "$1" profile add bus-only --kubeconfig "$2" --context eic-sim --database "host=127.0.0.1 port=1 dbname=eic user=eic sslmode=disable" </dev/null
    pgrep -u "$(id -u)" -x gnome-keyring-d | while read -r pid; do
      tr "\0" "\n" 2>/dev/null <"/proc/$pid/environ" | grep -x "EIC_NO_BUS_MARK=$EIC_NO_BUS_MARK" >/dev/null && echo "STARTED gnome-keyring-daemon $pid"
    done' bus "$EICCTL" "$work/kubeconfig" >"$work/bus.out" 2>&1
  set -e
  cat "$work/bus.out"
  grep -q 'no Secret Service such as gnome-keyring or KWallet runs on the D-Bus session bus' "$work/bus.out" || fail "eicctl on a bus without a keychain does not say so"
  if grep -q STARTED "$work/bus.out"; then fail "a keyring was started by D-Bus activation"; fi
fi

# The GUI on the display, opening that profile (its passwords asked of the keychain), then quitting.
set +e
QT_QPA_PLATFORM=xcb timeout 60 "$EIC_RESTORE" --screenshot "$work/window.png" >"$work/gui.out" 2>&1; rc=$?
set -e
[ $rc -ne 124 ] || fail "eic-restore did not quit: $(tail -5 "$work/gui.out")"
left=$(marked | grep -v -e Xvfb -e eic-sim || true)
[ -z "$left" ] || fail "left running after eic-restore: $left"
echo "PASS: no session bus: said at once, nothing left running"
