#!/usr/bin/env bash
# Golden journals: five scripted runs whose journals must not change unless a change means it
# (database archive, datastore archive, external + continue, a failure rolled back, a kill -9
# then resume). Each journal is reduced to its events and their stable fields (no times, ids,
# ports or paths; events of one step sorted, since parallel calls answer in any order) and
# compared with tests/golden/NAME.journal. A deliberate change shows as a diff of those files:
# record them again with EIC_GOLDEN_RECORD=1 and commit the diff with the change.
# Env: EIC_SIM, EICCTL, KUBECTL, EIC_TEST_* from scripts/test.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
KUBECTL=${KUBECTL:-kubectl}
golden=$(cd "$(dirname "$0")/../golden" && pwd)
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
require_services EIC_TEST_PGPORT EIC_TEST_REDIS_PORT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/xdg-run"
mkdir -m 700 "$work/xdg-run"
export REDISCLI_AUTH=$EIC_TEST_REDIS_PASSWORD PGPASSWORD=$EIC_TEST_PGPASSWORD
ACCEPT=service-interruption,autoscaler
rc() { redis-cli --no-auth-warning -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" "$@"; }
url="redis://127.0.0.1:$EIC_TEST_REDIS_PORT"
admin="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
conn="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=eic_golden user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
failures=0

# The journal of the one run in $work/runs/NAME, reduced; compared or recorded.
check_journal() {
  local name=$1 journal
  journal=$(ls "$work/runs/$name"/*.jsonl)
  /usr/bin/python3 "$(dirname "$0")/golden_reduce.py" "$journal" "$work" >"$work/$name.journal"
  if [ "${EIC_GOLDEN_RECORD:-0}" = 1 ]; then
    cp "$work/$name.journal" "$golden/$name.journal"
    echo "recorded $name ($(wc -l <"$golden/$name.journal") events)"
  elif ! diff -u "$golden/$name.journal" "$work/$name.journal" >"$work/$name.diff"; then
    echo "FAIL ($name): the journal differs from tests/golden/$name.journal:" >&2
    cat "$work/$name.diff" >&2; cp "$work/$name.journal" "${EIC_TEST_OUTPUT_DIR:-/tmp}/golden-$name.journal" 2>/dev/null || true
    failures=$((failures + 1))
  else
    echo "ok $name ($(wc -l <"$golden/$name.journal") events)"
  fi
}
runs() { export EIC_RESTORE_RUNS_DIR="$work/runs/$1"; mkdir -p "$EIC_RESTORE_RUNS_DIR"; }

sim_start --pod-start-ms 100

case_name="database archive"
psql -q -v ON_ERROR_STOP=1 "$admin" -c "DROP DATABASE IF EXISTS eic_golden" -c "CREATE DATABASE eic_golden"
psql -q -v ON_ERROR_STOP=1 "$conn" -c "CREATE TABLE flows AS SELECT g AS id, md5(g::text) AS body FROM generate_series(1, 500) g"
runs backups
"$EICCTL" backup database --database "$conn" --to "$work/pg" </dev/null >"$work/pgbackup.out" 2>&1 || fail "backup: $(cat "$work/pgbackup.out")"
dir=$(ls -d "$work"/pg/*/)
runs database-archive
"$EICCTL" restore database --mode archive --from "$dir" --database "$conn" --accept $ACCEPT,replace-database </dev/null >"$work/db.out" 2>&1 || fail "$(cat "$work/db.out")"
check_journal database-archive

case_name="datastore archive"
rc FLUSHALL >/dev/null
for i in $(seq 1 50); do echo "SET policy:$i value-$i"; done | rc >/dev/null
"$EICCTL" backup datastore --datastore "$url" --to "$work/ds" </dev/null >"$work/dsbackup.out" 2>&1 || fail "backup: $(cat "$work/dsbackup.out")"
rc SET written:after x >/dev/null
runs datastore-archive
"$EICCTL" restore datastore --mode archive --from "$(ls "$work"/ds/*.eicrdb)" --datastore "$url" \
  --accept $ACCEPT,snapshot-only,flush-datastore </dev/null >"$work/ds.out" 2>&1 || fail "$(cat "$work/ds.out")"
check_journal datastore-archive

case_name="external then continue"
runs external-continue
set +e
"$EICCTL" restore database --mode external --database "$conn" --accept $ACCEPT </dev/null >"$work/ext.out" 2>&1; code=$?
set -e
[ $code -eq 5 ] || fail "rc $code: $(cat "$work/ext.out")"
"$EICCTL" continue </dev/null >"$work/continue.out" 2>&1 || fail "$(cat "$work/continue.out")"
check_journal external-continue

case_name="failure rolled back"
runs failure-rollback
set +e
"$EICCTL" restore database --mode external --database "$conn" --data-command "exit 7" --accept $ACCEPT </dev/null >"$work/fail.out" 2>&1; code=$?
set -e
[ $code -eq 1 ] || fail "rc $code: $(cat "$work/fail.out")"
check_journal failure-rollback

case_name="kill -9 then resume"
runs kill-resume
set +e
EIC_TEST_CRASH_AT=step-finished:stop "$EICCTL" restore database --mode external --database "$conn" --data-command true \
  --accept $ACCEPT </dev/null >"$work/killed.out" 2>&1; code=$?
set -e
[ $code -eq 137 ] || fail "not killed at the seam: rc $code: $(cat "$work/killed.out")"
"$EICCTL" resume </dev/null >"$work/resume.out" 2>&1 || fail "$(cat "$work/resume.out")"
check_journal kill-resume

psql -q "$admin" -c "DROP DATABASE eic_golden"
rc FLUSHALL >/dev/null
case_name=""
[ $failures -eq 0 ] || fail "$failures journal(s) differ from their golden copy (a deliberate change: EIC_GOLDEN_RECORD=1, then commit the diff)"
echo "golden journals: all 5 as recorded"
