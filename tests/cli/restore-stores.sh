#!/usr/bin/env bash
# The restore procedure with real stores (scripts/test's PostgreSQL 15 and Redis 7) and eic-sim
# as the cell: archive mode for the data store (snapshot-only and flush-datastore cautions with
# their numbers, a lingering "policyengine" client ended by terminate-sessions, the keys back
# byte for byte) and for the database (a database of its own, rows back), new-instance mode
# (no component touched), and the point-in-time caution in the plan. A damaged backup, two
# backups, no store: refused before anything stops. A run killed in its data step and resumed
# with no options reaches its store from the journal; continue checks writes; the downtime of a
# run that spans two commands counts from the first one's stop.
# Env: EIC_SIM, EICCTL, KUBECTL, EIC_TEST_* from scripts/test.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
require_services EIC_TEST_PGPORT EIC_TEST_REDIS_PORT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" EIC_RESTORE_RUNS_DIR="$work/runs"
export REDISCLI_AUTH=$EIC_TEST_REDIS_PASSWORD PGPASSWORD=$EIC_TEST_PGPASSWORD
rc() { redis-cli --no-auth-warning -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" "$@"; }
url="redis://127.0.0.1:$EIC_TEST_REDIS_PORT"
counts() { "$KUBECTL" --cache-dir "$work/cache" get deploy -n edge-icell -o jsonpath='{range .items[*]}{.metadata.name}={.spec.replicas}/{.status.availableReplicas} {end}'; }
deployments() { "$KUBECTL" --cache-dir "$work/cache" get --raw /sim/v1/state | /usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["deployments"], sort_keys=True))'; }
sim_start --pod-start-ms 100
before=$(counts)

case_name="datastore archive"
rc FLUSHALL >/dev/null
for i in $(seq 1 200); do echo "SET policy:$i value-$i"; done | rc >/dev/null
rc HSET tenant:1 rate 10 burst 20 >/dev/null
rc SELECT 2 >/dev/null
"$EICCTL" backup datastore --datastore "$url" --to "$work/backups" </dev/null >"$work/backup.out" 2>&1 || fail "backup: $(cat "$work/backup.out")"
file=$(ls "$work"/backups/*.eicrdb)
rc SAVE >/dev/null
rc FLUSHALL >/dev/null
rc SET written:after "the snapshot" >/dev/null
plan=$("$EICCTL" plan datastore --mode archive --from "$file" --datastore "$url")
grep -q '\[snapshot-only\]' <<<"$plan" && grep -q 'holds 1 key now; the archive holds 201' <<<"$plan" || fail "snapshot-only caution with its numbers: $plan"
# The archive's time, not the server's last save (SAVE just ran: that snapshot is seconds old).
created=$(/usr/bin/python3 -c 'import json,struct,sys; d=open(sys.argv[1],"rb").read(); n=struct.unpack("<I",d[8:12])[0]; print(json.loads(d[12:12+n])["created"][:19].replace("T"," "))' "$file")
grep -q "The archive was taken at $created UTC" <<<"$plan" || fail "snapshot-only does not name the archive's time ($created): $plan"
grep -q '\[flush-datastore\]' <<<"$plan" && grep -q 'removes all 1 key ' <<<"$plan" || fail "flush-datastore caution: $plan"
grep -q 'ok   archive verified' <<<"$plan" || fail "archive not verified in the pre-flight: $plan"
# A user without RESTORE/FLUSHALL: the pre-flight says so and nothing changes.
set +e
msg=$(REDISCLI_AUTH=$EIC_TEST_REDIS_RO_PASSWORD "$EICCTL" restore datastore --mode archive --from "$file" \
      --datastore "redis://$EIC_TEST_REDIS_RO_USER@127.0.0.1:$EIC_TEST_REDIS_PORT" --accept service-interruption,autoscaler,snapshot-only,flush-datastore 2>&1); code=$?
set -e
[ $code -eq 4 ] && grep -q "user \"eic-readonly\" may not restore" <<<"$msg" && grep -q 'Nothing was changed' <<<"$msg" || fail "read-only user: rc $code: $msg"
[ "$(rc GET written:after)" = "the snapshot" ] || fail "the refused restore changed the data store"
# A wrong password or a store that is not there: the pre-flight names the problem (exit 4; plan
# shows the plan too), nothing changes. A password typed into the URL is a usage error (exit 2).
for bad in "wrong-password $url" "$EIC_TEST_REDIS_PASSWORD redis://127.0.0.1:1"; do
  set +e
  msg=$(REDISCLI_AUTH=${bad% *} "$EICCTL" restore datastore --mode archive --from "$file" --datastore "${bad#* }" \
        --accept service-interruption,autoscaler,snapshot-only,flush-datastore 2>&1); code=$?
  set -e
  [ $code -eq 4 ] && grep -q 'Nothing was changed' <<<"$msg" && grep -q 'FAIL store reachable' <<<"$msg" || fail "${bad#* } with ${bad% *}: rc $code: $msg"
  grep -qF -e "${bad% *}" <<<"$msg" && fail "the password is in the output: $msg"
done
set +e
msg=$("$EICCTL" plan datastore --datastore "redis://:typed-secret@127.0.0.1:$EIC_TEST_REDIS_PORT" 2>&1); code=$?
set -e
[ $code -eq 2 ] && grep -q 'contains a password' <<<"$msg" && ! grep -q typed-secret <<<"$msg" || fail "password in the URL: rc $code: $msg"
[ "$(rc GET written:after)" = "the snapshot" ] || fail "a refused restore changed the data store"
# The cell's policyengine still connected (a blocked client named policyengine): terminate-sessions ends it.
/usr/bin/python3 - "$EIC_TEST_REDIS_PORT" "$EIC_TEST_REDIS_PASSWORD" >"$work/lingering.out" 2>&1 <<'PY' &
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
def cmd(*a):
    s.sendall(("*%d\r\n" % len(a) + "".join("$%d\r\n%s\r\n" % (len(x), x) for x in a)).encode())
cmd("AUTH", sys.argv[2]); cmd("CLIENT", "SETNAME", "policyengine"); cmd("BLPOP", "never", "0")
while s.recv(4096):
    pass
print("disconnected")
PY
lingering=$!
wait_for 10 bash -c "redis-cli --no-auth-warning -h 127.0.0.1 -p $EIC_TEST_REDIS_PORT CLIENT LIST | grep name=policyengine >/dev/null" || fail "the lingering client did not connect"
"$EICCTL" restore datastore --mode archive --from "$file" --datastore "$url" \
  --accept service-interruption,autoscaler,snapshot-only,flush-datastore,terminate-sessions >"$work/restore.out" 2>&1 ||
  fail "restore: $(cat "$work/restore.out")"
grep -q 'session(s) ended (terminate-sessions)' "$work/restore.out" || fail "the lingering client was not ended: $(cat "$work/restore.out")"
wait_for 10 grep -q disconnected "$work/lingering.out" || fail "the lingering client is still connected"
wait "$lingering" 2>/dev/null || true
[ "$(rc DBSIZE)" = 201 ] || fail "keys after the restore: $(rc DBSIZE)"
[ "$(rc GET policy:77)" = value-77 ] && [ "$(rc HGET tenant:1 burst)" = 20 ] || fail "values differ after the restore"
[ "$(rc EXISTS written:after)" = 0 ] || fail "the flush did not happen"
grep -q 'store accepts writes' "$(ls -t "$work"/runs/*.jsonl | head -1)" || fail "no writes check in the journal"
# Keys per database before anything stopped and after the data step, as INFO keyspace counts them.
/usr/bin/python3 - "$(ls -t "$work"/runs/*.jsonl | head -1)" <<'PY' || fail "tables-measured of the data store"
import json, sys
m = {e["when"]: e for e in map(json.loads, open(sys.argv[1])) if e["event"] == "tables-measured"}
assert set(m) == {"before", "after"} and all(e["store"] == "datastore" and e["tables"] == [] for e in m.values()), m
keys = lambda e: {d["db"]: d["keys"] for d in e["databases"]}
assert keys(m["after"]) == {0: 201}, m["after"]
assert keys(m["before"]).get(0, 0) <= 2 and 2 not in keys(m["before"]), m["before"]  # written:after (and the run's marker)
PY
wait_for 30 bash -c "[ \"\$($(declare -f counts); KUBECTL=$KUBECTL work=$work counts)\" = \"$before\" ]" || fail "counts: before [$before] now [$(counts)]"

case_name="datastore archive: killed in the data step, then abort"
set +e
EIC_TEST_CRASH_AT=data-started "$EICCTL" restore datastore --mode archive --from "$file" --datastore "$url" \
  --accept service-interruption,autoscaler,snapshot-only,flush-datastore </dev/null >"$work/killed-ds.out" 2>&1; code=$?
set -e
[ $code -eq 137 ] || fail "eicctl was not killed at the seam (rc $code): $(tail -3 "$work/killed-ds.out")"
"$EICCTL" abort </dev/null >"$work/abort-ds.out" 2>&1 || fail "abort: $(cat "$work/abort-ds.out")"
# What the store may hold now is said in words, not as a state name alone.
grep -q 'the data store may have been emptied and partly loaded; restore it again' "$work/abort-ds.out" || fail "abort: $(cat "$work/abort-ds.out")"
wait_for 30 bash -c "[ \"\$($(declare -f counts); KUBECTL=$KUBECTL work=$work counts)\" = \"$before\" ]" || fail "counts: before [$before] now [$(counts)]"

case_name="database archive"
psql -q -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA" \
  -c "DROP DATABASE IF EXISTS eic_restore_cli" -c "CREATE DATABASE eic_restore_cli"
conn="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=eic_restore_cli user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
psql -q -v ON_ERROR_STOP=1 "$conn" -c "CREATE TABLE flows AS SELECT g AS id, md5(g::text) AS body FROM generate_series(1, 3000) g"
"$EICCTL" backup database --database "$conn" --to "$work/pg" </dev/null >"$work/pgbackup.out" 2>&1 || fail "backup: $(cat "$work/pgbackup.out")"
dir=$(ls -d "$work"/pg/*/)
psql -q "$conn" -c "INSERT INTO flows SELECT g, md5(g::text) FROM generate_series(3001, 3500) g"
plan=$("$EICCTL" plan database --mode archive --from "$dir" --database "$conn")
grep -q "\[replace-database\]" <<<"$plan" && grep -q '`eic_restore_cli` at 127.0.0.1:[0-9]* is replaced by the backup taken at .* UTC (.*, 1 table); everything written to its tables since (.*) is lost (a table created later stays as it is). The live database is .* with 1 table now.' <<<"$plan" ||
  fail "replace-database caution with its numbers: $plan"
msg=$("$EICCTL" restore database --mode archive --from "$dir" --database "$conn" --accept service-interruption,autoscaler 2>&1) && fail "restored without replace-database: $msg"
grep -q 'Not acknowledged: replace-database' <<<"$msg" || fail "replace-database not required: $msg"
"$EICCTL" restore database --mode archive --from "$dir" --database "$conn" --accept service-interruption,replace-database,autoscaler >"$work/pgrestore.out" 2>&1 ||
  fail "restore: $(cat "$work/pgrestore.out")"
# The measured loss: the 500 rows written to flows after the backup, before against after.
/usr/bin/python3 - "$(ls -t "$work"/runs/*.jsonl | head -1)" <<'PY' || fail "tables-measured of the database"
import json, sys
m = {e["when"]: e for e in map(json.loads, open(sys.argv[1])) if e["event"] == "tables-measured"}
assert set(m) == {"before", "after"} and all(e["store"] == "database" and e["databases"] == [] for e in m.values()), m
rows = lambda e: {t["name"]: (t["rows"], t["estimate"]) for t in e["tables"]}
assert rows(m["before"]) == {"public.flows": (3500, False)}, m["before"]
assert rows(m["after"]) == {"public.flows": (3000, False)}, m["after"]
print("measured: flows %d rows before, %d after" % (rows(m["before"])["public.flows"][0], rows(m["after"])["public.flows"][0]))
PY
[ "$(psql -At "$conn" -c 'SELECT count(*) FROM flows')" = 3000 ] || fail "rows after the restore: $(psql -At "$conn" -c 'SELECT count(*) FROM flows')"
grep -q '"check":"store accepts writes","event":"check","ok":true' "$(ls -t "$work"/runs/*.jsonl | head -1)" || fail "no writes check"
# The pre-flight read every checksum; the data step (the downtime) did not read them again.
grep -q '"checksumsReadAgain":false' "$(ls -t "$work"/runs/*.jsonl | head -1)" || fail "the backup was read twice"
wait_for 30 bash -c "[ \"\$($(declare -f counts); KUBECTL=$KUBECTL work=$work counts)\" = \"$before\" ]" || fail "counts: before [$before] now [$(counts)]"
grep -rqF -- "$EIC_TEST_PGPASSWORD" "$work/runs" "$work/pgrestore.out" && fail "the database password is in the journal or output" || true
grep -rqF -- "$EIC_TEST_REDIS_PASSWORD" "$work/runs" "$work/restore.out" && fail "the data store password is in the journal or output" || true

case_name="database archive: a damaged backup stops nothing"
cp -r "$dir" "$work/damaged"
truncate -s 100 "$work/damaged/data/toc.dat"
gen=$(deployments)
set +e
msg=$("$EICCTL" restore database --mode archive --from "$work/damaged" --database "$conn" --accept service-interruption,replace-database,autoscaler 2>&1); code=$?
set -e
[ $code -eq 4 ] && grep -q 'FAIL archive verified' <<<"$msg" && grep -q 'data/toc.dat has 100 bytes' <<<"$msg" || fail "rc $code: $msg"
[ "$(deployments)" = "$gen" ] || fail "a damaged backup stopped components"

case_name="database archive: what is not one backup"
set +e
msg=$("$EICCTL" restore database --mode archive --from "$dir" "$work/damaged" --database "$conn" --accept service-interruption,replace-database,autoscaler 2>&1); code=$?
set -e
[ $code -eq 2 ] && grep -qF "unexpected argument \"$work/damaged\"" <<<"$msg" || fail "a glob that matched two backups: rc $code: $msg"
set +e
msg=$("$EICCTL" restore database --mode archive --from "$dir" --accept service-interruption,replace-database,autoscaler 2>&1); code=$?
set -e
[ $code -eq 2 ] && grep -q 'say which with --database CONNINFO or --profile NAME' <<<"$msg" || fail "archive without a store: rc $code: $msg"

case_name="database archive: killed in the data step, resumed with no options"
psql -q "$conn" -c "DELETE FROM flows WHERE id > 10"
set +e
EIC_TEST_CRASH_AT=data-started "$EICCTL" restore database --mode archive --from "$dir" --database "$conn" \
  --accept service-interruption,replace-database,autoscaler </dev/null >"$work/killed.out" 2>&1; code=$?
set -e
[ $code -eq 137 ] || fail "eicctl was not killed at the seam (rc $code): $(tail -3 "$work/killed.out")"
[[ "$(counts)" == *"edc=0/"* ]] || fail "not stopped at the data step: $(counts)"
# As the README says: eicctl resume. The run's database comes from its journal, PGPASSWORD from here.
"$EICCTL" resume </dev/null >"$work/resume.out" 2>&1 || fail "resume: $(cat "$work/resume.out")"
[ "$(psql -At "$conn" -c 'SELECT count(*) FROM flows')" = 3000 ] || fail "rows after the resumed restore: $(psql -At "$conn" -c 'SELECT count(*) FROM flows')"
wait_for 30 bash -c "[ \"\$($(declare -f counts); KUBECTL=$KUBECTL work=$work counts)\" = \"$before\" ]" || fail "counts: before [$before] now [$(counts)]"
grep -q '"check":"store accepts writes","event":"check","ok":true' "$(ls -t "$work"/runs/*.jsonl | head -1)" || fail "resume did not check writes"
grep -rqF -- "$EIC_TEST_PGPASSWORD" "$work/runs" && fail "the database password is in the journal" || true

case_name="external database restore: continue checks writes, downtime counts from the stop"
set +e
"$EICCTL" restore database --mode external --database "$conn" --accept service-interruption,autoscaler </dev/null >"$work/external.out" 2>&1; code=$?
set -e
[ $code -eq 5 ] || fail "external mode did not wait for the admin: rc $code: $(cat "$work/external.out")"
stopped=$(date +%s.%N)
set +e
msg=$("$EICCTL" continue --database "host=127.0.0.1 port=1 dbname=eic user=eic connect_timeout=2" </dev/null 2>&1); code=$?
set -e
[ $code -eq 5 ] && grep -q 'does not accept writes yet' <<<"$msg" && grep -q 'confirm again (eicctl continue)' <<<"$msg" || fail "continue with an unreachable store: rc $code: $msg"
[[ "$(counts)" == *"edc=0/"* ]] || fail "components started although the store was not reached: $(counts)"
sleep 2 # the admin restoring the store: a gap the downtime must include
"$EICCTL" continue </dev/null >"$work/continue.out" 2>&1 || fail "continue: $(cat "$work/continue.out")"
continued=$(date +%s.%N)
wait_for 30 bash -c "[ \"\$($(declare -f counts); KUBECTL=$KUBECTL work=$work counts)\" = \"$before\" ]" || fail "counts: before [$before] now [$(counts)]"
/usr/bin/python3 - "$(ls -t "$work"/runs/*.jsonl | head -1)" "$stopped" "$continued" <<'PY' || fail "downtime: $(grep run-finished "$(ls -t "$work"/runs/*.jsonl | head -1)")"
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
down = [e for e in events if e["event"] == "run-finished"][0]["downtimeSeconds"]
checks = [e for e in events if e["event"] == "check" and e["check"] == "store accepts writes"]
assert checks and checks[-1]["ok"], "continue did not check writes"
waited = float(sys.argv[3]) - float(sys.argv[2])
# The components were down from the first run's stop until the continue's rollout: at least the wait.
assert down >= waited - 0.5, (down, waited)
print("downtime %.1f s across two commands (the wait alone: %.1f s)" % (down, waited))
PY

case_name="new instance"
gen=$(deployments)
"$EICCTL" restore datastore --mode new-instance --datastore "$url" --accept service-interruption >"$work/new.out" 2>&1 || fail "new-instance: $(cat "$work/new.out")"
grep -q 'Edge Lifecycle Management' "$work/new.out" || fail "no word on the cell's connection properties: $(cat "$work/new.out")"
[ "$(deployments)" = "$gen" ] || fail "new-instance touched the cell"

# The database came back as a new instance: checked, accepts writes, no component touched.
"$EICCTL" restore database --mode new-instance --database "$conn" --accept service-interruption >"$work/newdb.out" 2>&1 || fail "new-instance database: $(cat "$work/newdb.out")"
[ "$(deployments)" = "$gen" ] || fail "new-instance (database) touched the cell"

case_name="point in time"
plan=$("$EICCTL" plan database --mode external --point-in-time 2026-11-24T02:00:00Z)
grep -q '\[point-in-time\]' <<<"$plan" && grep -q 'goes back to 2026-11-24 02:00:00 UTC' <<<"$plan" || fail "point-in-time caution: $plan"
psql -q "host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA" -c "DROP DATABASE eic_restore_cli"
rc FLUSHALL >/dev/null
echo "restore with stores: all cases passed"
