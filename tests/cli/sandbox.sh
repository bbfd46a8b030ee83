#!/usr/bin/env bash
# eicctl sandbox as an admin rehearses with it: start, connect from the printed settings with
# eicctl and the real kubectl, back up and restore both stores, stop; a crashed sandbox leaves
# no server behind; wrong directories are refused with a sentence. Needs the PostgreSQL server
# programs and redis-server (scripts/setup installs them), not the services of scripts/test.
set -euo pipefail
EICCTL=${EICCTL:?}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
chmod 755 "$work" # as root, PostgreSQL runs as the postgres user and must reach the sandbox
sandboxes() { pgrep -f -- "$work/" || true; }
owner=""
cleanup() {
  [ -n "$owner" ] && kill "$owner" 2>/dev/null
  "$EICCTL" sandbox stop --force --dir "$work/sb" >/dev/null 2>&1 || true
  for p in $(sandboxes) "${servers[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
servers=()
fail() { echo "FAIL: $*" >&2; exit 1; }
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
# wait_for SECONDS COMMAND...: poll a condition, fail the test when it does not come true.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ $SECONDS -lt "$deadline" ] || return 1; sleep 0.1; done
}
no_sandbox_process() { [ -z "$(sandboxes)" ]; }
# The servers of a running sandbox: the children of its eicctl (redis renames itself, so
# pgrep -f on the directory would miss it).
servers_of() { pgrep -P "$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$1/sandbox.json")"; }
# Gone: no such process, or a dead one not reaped yet (Z).
all_gone() {
  local p
  for p in "$@"; do
    [ -e "/proc/$p" ] && [ "$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1)" != Z ] && return 1
  done
  return 0
}

"$EICCTL" sandbox start --dir "$work/sb" </dev/null >"$work/start.out" 2>"$work/start.err" || fail "start: $(cat "$work/start.err")"
cat "$work/start.out"
grep -q "^Sandbox ready in $work/sb " "$work/start.out" || fail "no ready line"
grep -q "source $work/sb/env" "$work/start.out" || fail "no connection hint"
[ "$(stat -c %a "$work/sb/env")" = 600 ] || fail "the env file (passwords) is not 0600"
# A second sandbox while one runs: refused, the first untouched.
set +e
msg=$("$EICCTL" sandbox start --dir "$work/sb2" 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q "a sandbox already runs in $work/sb; stop it first" <<<"$msg" || fail "second start: rc $rc: $msg"

# shellcheck disable=SC1091
source "$work/sb/env"
"$KUBECTL" get deployments -n edge-icell -o name | grep -x 'deployment.apps/edc' >/dev/null || fail "kubectl does not see the cell"
"$EICCTL" status -o json </dev/null | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["components"]) > 5, d' \
  || fail "eicctl status on the sandbox"
rows=$(psql -X -At "$EIC_SANDBOX_DATABASE" -c "SELECT count(*) FROM edc.message_log")
[ "$rows" = 500 ] || fail "sample data: $rows messages"
keys=$(redis-cli --no-auth-warning -p "${EIC_SANDBOX_DATASTORE##*:}" dbsize)
[ "$keys" = 42 ] || fail "sample data: $keys keys in db 0"

# The rehearsal: back up and restore both stores through the whole procedure.
"$EICCTL" backup database --database "$EIC_SANDBOX_DATABASE" --to "$EIC_SANDBOX_BACKUPS" </dev/null >/dev/null 2>&1 || fail "database backup"
psql -X -q "$EIC_SANDBOX_DATABASE" -c "DELETE FROM edc.message_log WHERE id % 2 = 0"
"$EICCTL" restore database --mode archive --from "$(ls -d "$EIC_SANDBOX_BACKUPS"/eic-*)" --database "$EIC_SANDBOX_DATABASE" \
  --accept service-interruption,replace-database,autoscaler,terminate-sessions </dev/null >"$work/rdb.out" 2>&1 || fail "database restore: $(tail -5 "$work/rdb.out")"
rows=$(psql -X -At "$EIC_SANDBOX_DATABASE" -c "SELECT count(*) FROM edc.message_log")
[ "$rows" = 500 ] || fail "the restore brought back $rows of 500 messages"
"$EICCTL" backup datastore --datastore "$EIC_SANDBOX_DATASTORE" --to "$EIC_SANDBOX_BACKUPS" </dev/null >/dev/null 2>&1 || fail "datastore backup"
redis-cli --no-auth-warning -p "${EIC_SANDBOX_DATASTORE##*:}" srem policyengine:tenants tenant-1 >/dev/null
# (Hash-table sets like this one serialise in another order once restored: the check must not care.)
"$EICCTL" restore datastore --mode archive --from "$(ls "$EIC_SANDBOX_BACKUPS"/datastore-*.eicrdb)" --datastore "$EIC_SANDBOX_DATASTORE" \
  --accept service-interruption,autoscaler,snapshot-only,flush-datastore </dev/null >"$work/rds.out" 2>&1 || fail "datastore restore: $(tail -5 "$work/rds.out")"
[ "$(redis-cli --no-auth-warning -p "${EIC_SANDBOX_DATASTORE##*:}" scard policyengine:tenants)" = 4 ] || fail "the set was not restored"
ls "$EIC_RESTORE_RUNS_DIR"/*.jsonl >/dev/null || fail "the rehearsal's journal is not in the sandbox"
# No password in what the sandbox writes besides its env file.
for f in "$work/sb/sandbox.json" "$work/data/eic-restore/sandbox/run.log" "$work/start.out" "$work/start.err"; do
  grep -qF -- "$PGPASSWORD" "$f" && fail "the database password is in $f"
  grep -qF -- "$REDISCLI_AUTH" "$f" && fail "the data store password is in $f"
done

mapfile -t servers < <(servers_of "$work/sb")
[ ${#servers[@]} -eq 3 ] || fail "expected postgres, redis and eic-sim under the sandbox, got ${servers[*]}"
# It holds backups and runs now: a stop without --force (and no terminal to answer y) lists them,
# refuses, and leaves the sandbox running.
set +e
"$EICCTL" sandbox stop </dev/null >"$work/refused.out" 2>&1; rc=$?
set -e
[ $rc -eq 1 ] || fail "stop without --force of a sandbox with backups: rc $rc: $(cat "$work/refused.out")"
grep -q "^The sandbox in $work/sb holds what you made in it; stopping it removes:$" "$work/refused.out" || fail "refusal: $(cat "$work/refused.out")"
grep -qE '^  backups: [0-9]+ files?$' "$work/refused.out" || fail "the refusal does not list the backups: $(cat "$work/refused.out")"
grep -qF "    $(ls "$EIC_SANDBOX_BACKUPS"/datastore-*.eicrdb)" "$work/refused.out" || fail "the refusal does not name the backup file"
grep -qE '^  restore runs \(journals, reports\): [0-9]+ files?$' "$work/refused.out" || fail "the refusal does not list the runs"
grep -q "then: eicctl sandbox stop --force$" "$work/refused.out" || fail "the refusal does not say how to go on"
[ -d "$EIC_SANDBOX_BACKUPS" ] && [ -f "$work/sb/sandbox.json" ] || fail "the refused stop removed something"
all_gone "${servers[@]}" && fail "the refused stop stopped the servers"
"$EICCTL" sandbox stop --force </dev/null >"$work/stop.out" 2>&1 || fail "stop: $(cat "$work/stop.out")"
grep -q "^Sandbox stopped; $work/sb removed.$" "$work/stop.out" || fail "stop said: $(cat "$work/stop.out")"
[ ! -e "$work/sb" ] || fail "the sandbox directory is still there"
all_gone "${servers[@]}" || fail "servers left after stop: ${servers[*]}"
no_sandbox_process || fail "processes left: $(sandboxes)"
set +e
msg=$("$EICCTL" sandbox stop 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q "no sandbox is running" <<<"$msg" || fail "stop without a sandbox: rc $rc: $msg"

# kill_sandbox DIR: its process killed outright; its servers die with it (nothing keeps a port).
kill_sandbox() {
  local pid
  pid=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$1/sandbox.json")
  mapfile -t servers < <(servers_of "$1")
  [ ${#servers[@]} -eq 3 ] || fail "expected postgres, redis and eic-sim under the sandbox, got ${servers[*]}"
  kill -KILL "$pid"
  wait_for 20 all_gone "$pid" "${servers[@]}" || fail "servers outlived the killed sandbox: $(ps -o pid,args -p "$(IFS=,; echo "${servers[*]}")")"
  [ -d "$1" ] || fail "the killed sandbox's directory vanished by itself?"
  echo "$pid"
}
# Killed in a temp dir of its own, in the default place: the next start removes what it left.
mkdir -m 755 "$work/tmp"
TMPDIR="$work/tmp" "$EICCTL" sandbox start </dev/null >"$work/crash.out" 2>&1 || fail "second start: $(cat "$work/crash.out")"
crashed=$(ls -d "$work"/tmp/eic-sandbox-*)
pid=$(kill_sandbox "$crashed")
TMPDIR="$work/tmp" "$EICCTL" sandbox start </dev/null >/dev/null 2>&1 || fail "a start after a crash"
[ ! -e "$crashed" ] || fail "the next start did not remove the abandoned $crashed"
grep -q "removed $crashed, left by process $pid that is gone" "$work/data/eic-restore/sandbox/run.log" || fail "the removal is not logged"
TMPDIR="$work/tmp" "$EICCTL" sandbox stop </dev/null >/dev/null 2>&1 || fail "stop after restart"
[ -z "$(ls -A "$work/tmp")" ] || fail "left in the temp dir: $(ls "$work/tmp")"
# Whose sandbox is alive: a live owner of any name keeps it (another program's sandbox, a test's);
# a pid now used by another process (another start time) does not.
sleep 300 &
owner=$!
start=$(cut -d' ' -f22 "/proc/$owner/stat")
mkdir -p "$work/tmp/eic-sandbox-live" "$work/tmp/eic-sandbox-reused"
echo "$owner $start" >"$work/tmp/eic-sandbox-live/.eic-sandbox"
echo "$owner $((start + 1))" >"$work/tmp/eic-sandbox-reused/.eic-sandbox"
TMPDIR="$work/tmp" "$EICCTL" sandbox start </dev/null >/dev/null 2>&1 || fail "a start beside other sandboxes"
TMPDIR="$work/tmp" "$EICCTL" sandbox stop </dev/null >/dev/null 2>&1 || fail "stop beside other sandboxes"
kill "$owner"; owner=""
[ -d "$work/tmp/eic-sandbox-live" ] || fail "a start removed the sandbox of a live process"
[ ! -e "$work/tmp/eic-sandbox-reused" ] || fail "a start kept a sandbox whose owner is gone (its pid reused)"
rm -rf "$work/tmp/eic-sandbox-live"
# Killed in a directory the admin chose: a start there reuses it, a stop after the crash removes it.
"$EICCTL" sandbox start --dir "$work/mine" </dev/null >/dev/null 2>&1 || fail "start in $work/mine"
kill_sandbox "$work/mine" >/dev/null
"$EICCTL" sandbox start --dir "$work/mine" </dev/null >"$work/reuse.out" 2>&1 || fail "a start over the killed sandbox: $(cat "$work/reuse.out")"
kill_sandbox "$work/mine" >/dev/null
msg=$("$EICCTL" sandbox stop 2>&1) || fail "stop after a crash: rc $?: $msg"
grep -q "The sandbox in $work/mine had stopped without cleaning up (killed?); its directory is removed." <<<"$msg" || fail "stop after a crash: $msg"
[ ! -e "$work/mine" ] || fail "stop after a crash left $work/mine"
set +e
msg=$("$EICCTL" sandbox stop 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q "no sandbox is running" <<<"$msg" || fail "a second stop after a crash: rc $rc: $msg"

# Directories the sandbox cannot use: a sentence, exit 1, nothing started.
mkdir -p "$work/full" && touch "$work/full/x"
set +e
msg=$("$EICCTL" sandbox start --dir "$work/full" 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q "$work/full is not empty; give the sandbox a new or empty directory" <<<"$msg" || fail "non-empty dir: rc $rc: $msg"
if [ "$(id -u)" -eq 0 ]; then
  mkdir -m 700 "$work/private"
  set +e
  msg=$("$EICCTL" sandbox start --dir "$work/private/sb" 2>&1); rc=$?
  set -e
  [ $rc -eq 1 ] && grep -q "$work/private cannot be entered by other users" <<<"$msg" || fail "unreachable dir: rc $rc: $msg"
  [ ! -e "$work/private/sb" ] || fail "the refused sandbox left its directory"
fi
no_sandbox_process || fail "processes left: $(sandboxes)"
echo "PASS: sandbox"
