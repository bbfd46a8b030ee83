#!/usr/bin/env bash
# A run is bound to what it started on. An interrupted run (kill -9 at a journal line, the
# seam EIC_TEST_CRASH_AT) is refused by resume/abort/continue on another cell (a second eic-sim),
# another namespace and another database (same server), before anything is touched: both
# cells' deployments, annotations and leases, the journal and the databases stay as they were;
# the run's own cell and store then finish it. kill -9 while pg_restore runs, then abort: no
# pg_restore process and no pg_restore session is left when the first component starts, no
# row is written after it, no password file outlives the run. The pre-flight refuses what the
# data step would use: a truncated pg_dump file, an edited manifest (its checksum), a job count
# out of bounds (with the checksum recomputed), a file that is no dump; nothing stops.
# Env: EIC_SIM, EICCTL, KUBECTL, EIC_TEST_* from scripts/test.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
KUBECTL=${KUBECTL:-kubectl}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
require_services EIC_TEST_PGPORT
mkdir -m 700 "$work/runtime" "$work/tmp"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" EIC_RESTORE_RUNS_DIR="$work/runs"
export XDG_RUNTIME_DIR="$work/runtime" TMPDIR="$work/tmp"
export PGPASSWORD=$EIC_TEST_PGPASSWORD
unset KUBECONFIG
ACCEPT=service-interruption,autoscaler

# Two cells: eic-sim A and B, each with a kubeconfig of its own; what a test started it ends.
sim_pids=()
server_a="" server_b=""
groups=() # process groups of pg_restore runs: ended at exit if the product left any
binding_cleanup() {
  local p
  for p in "${groups[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done
  for p in "${sim_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  # EIC_BINDING_KEEP=DIR keeps what eicctl said and the journals, to read them after the run.
  if [ -n "${EIC_BINDING_KEEP:-}" ]; then cp "$work"/*.out "$work"/watch.* "$work"/listed.* "$work"/events.* "$EIC_BINDING_KEEP"/ 2>/dev/null; cp -r "$work/runs" "$EIC_BINDING_KEEP"/ 2>/dev/null; fi || true
  testlib_cleanup
}
trap binding_cleanup EXIT
start_cell() { # NAME [eic-sim args]
  local name=$1; shift
  "$EIC_SIM" --listen 127.0.0.1:0 --kubeconfig-out "$work/$name.kubeconfig" --pod-start-ms 100 "$@" >"$work/$name.out" 2>"$work/$name.err" &
  sim_pids+=($!)
  wait_for 20 grep -q '^eic-sim ready https://127.0.0.1:[0-9]*$' "$work/$name.out" || fail "eic-sim $name: $(cat "$work/$name.err")"
  printf -v "server_$name" '%s' "$(sed 's/^eic-sim ready //' "$work/$name.out")"
}
kc() { local cell=$1; shift; "$KUBECTL" --cache-dir "$work/cache" --kubeconfig "$work/$cell.kubeconfig" "$@"; }
ctl() { local cell=$1; shift; "$EICCTL" --kubeconfig "$work/$cell.kubeconfig" "$@" </dev/null; }
# The cell's deployments as the sim holds them (replicas, generation, annotations, ready counts).
deployments() { kc "$1" get --raw /sim/v1/state | /usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["deployments"], sort_keys=True))'; }
counts() {
  kc "$1" get --raw /sim/v1/state | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)["deployments"]
print(" ".join(sorted("%s=%s/%s" % (k.split("/")[1], v["replicas"], v.get("readyReplicas", 0)) for k, v in d.items() if k.startswith("edge-icell/"))))'
}
# Leases of every namespace, with what changes when one is written.
# Leases of every namespace (the test's own marker aside), with what changes when one is written.
leases() {
  kc "$1" get leases -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name} {.metadata.resourceVersion} {.spec.holderIdentity}{"\n"}{end}' >"$work/leases.$1" ||
    fail "cell $1: leases cannot be listed"
  sed '/^default\/binding-marker /d' "$work/leases.$1"
}
# Every lease event of a cell while a command runs, a lease created and deleted again included:
# a watch, and the test's marker lease written after the command; once the watch has shown that
# write, it has shown everything before it.
marks=0
watch_leases() { # CELL
  local cell=$1
  [ -e "$work/marker.$cell" ] || {
    printf '{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"binding-marker","namespace":"default"},"spec":{"holderIdentity":"cli.binding"}}' >"$work/marker.$cell"
    kc "$cell" create --validate=false -f "$work/marker.$cell" >/dev/null || fail "cell $cell: the marker lease"
  }
  # kubectl itself in the background (not kc's subshell): its pid is the one ended.
  "$KUBECTL" --cache-dir "$work/cache" --kubeconfig "$work/$cell.kubeconfig" get leases -A -w -o jsonpath='{.metadata.namespace}/{.metadata.name} {.metadata.resourceVersion}{"\n"}' >"$work/watch.$cell" 2>&1 &
  printf -v "lease_watch_$cell" '%s' $!
  sim_pids+=($!)
  wait_for 20 grep -q '^default/binding-marker ' "$work/watch.$cell" || fail "cell $cell: the lease watch did not start: $(cat "$work/watch.$cell")"
  # What the watch lists first is what exists (each at its resourceVersion): not an event.
  kc "$cell" get leases -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name} {.metadata.resourceVersion}{"\n"}{end}' >"$work/listed.$cell"
}
marker_written() { [ "$(grep -c '^default/binding-marker ' "$work/watch.$1")" -ge 2 ]; }
lease_events() { # CELL: every lease event since watch_leases but the marker's; ends the watch
  local cell=$1 w
  marks=$((marks + 1))
  kc "$cell" annotate lease -n default binding-marker "mark=$marks" --overwrite >/dev/null || fail "cell $cell: the marker lease cannot be written"
  wait_for 20 marker_written "$cell" || fail "cell $cell: the watch did not show the marker's write: $(cat "$work/watch.$cell")"
  w=lease_watch_$cell
  kill "${!w}" 2>/dev/null && wait "${!w}" 2>/dev/null || true
  awk 'NR == FNR { listed[$0] = 1; next } !listed[$0] && $1 != "default/binding-marker"' "$work/listed.$cell" "$work/watch.$cell"
}
annotated() {
  kc "$1" get --raw /sim/v1/state | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)["deployments"]
print(" ".join(sorted(k for k, v in d.items() if "eic-restore/original-replicas" in v.get("annotations", {}))))'
}
# Settled: every deployment's ready count is its replica count (a rollout or stop has ended).
settled() { counts "$1" | /usr/bin/python3 -c 'import sys; sys.exit(any(a != b for a, b in (p.split("=")[1].split("/") for p in sys.stdin.read().split())))'; }
expect_counts() { # CELL COUNTS
  wait_for 30 bash -c "[ \"\$($(declare -f kc counts); KUBECTL=$KUBECTL work=$work counts $1)\" = \"$2\" ]" || fail "cell $1: expected [$2], now [$(counts "$1")]"
}
expect_clean() {
  [ -z "$(annotated "$1")" ] || fail "cell $1: annotation left on $(annotated "$1")"
  leases "$1" >"$work/left.$1"
  [ ! -s "$work/left.$1" ] || fail "cell $1: a lease is left: $(cat "$work/left.$1")"
}
journal() { ls -t "$work"/runs/*.jsonl | head -1; }
unfinished() { local f; for f in "$work"/runs/*.jsonl; do [ -e "$f" ] && ! grep -q '"event":"run-finished"' "$f" && echo "$f"; done; return 0; }
snapshot() { # NAME CELL...: everything a refusal must leave as it was
  local name=$1 cell; shift
  for cell in "$@"; do
    wait_for 30 settled "$cell" || fail "cell $cell does not settle: $(counts "$cell")"
    deployments "$cell" >"$work/$name.$cell.deployments"
    leases "$cell" >"$work/$name.$cell.leases"
  done
  cat "$work"/runs/*.jsonl 2>/dev/null | sha256sum >"$work/$name.journals"
}
cells_unchanged() { # NAME CELL...
  local name=$1 cell; shift
  for cell in "$@"; do
    deployments "$cell" >"$work/now.$cell.deployments"
    cmp -s "$work/now.$cell.deployments" "$work/$name.$cell.deployments" ||
      fail "cell $cell's deployments changed: $(diff <(tr ',' '\n' <"$work/$name.$cell.deployments") <(tr ',' '\n' <"$work/now.$cell.deployments"))"
    leases "$cell" >"$work/now.$cell.leases"
    cmp -s "$work/now.$cell.leases" "$work/$name.$cell.leases" || fail "cell $cell's leases changed: [$(cat "$work/$name.$cell.leases")] -> [$(cat "$work/now.$cell.leases")]"
  done
}
unchanged() { # NAME CELL...: the cells, and not a line added to any journal
  cells_unchanged "$@"
  [ "$(cat "$work"/runs/*.jsonl 2>/dev/null | sha256sum)" = "$(cat "$work/$1.journals")" ] || fail "a journal was written: $(tail -3 "$(journal)")"
}
refused() { # EXPECTED-RC(S) OUTFILE PATTERN...: the command's status and sentences
  local rcs=$1 out=$2 p; shift 2
  [[ " $rcs " == *" $code "* ]] || fail "exit $code (expected $rcs): $(cat "$out")"
  for p in "$@"; do grep -qF -- "$p" "$out" || fail "\"$p\" not in: $(cat "$out")"; done
}
crash_at() { # SEAM CELL restore-args...: the run SIGKILLs itself right after that journal line
  local seam=$1 cell=$2; shift 2
  set +e
  EIC_TEST_CRASH_AT=$seam ctl "$cell" restore "$@" >"$work/killed.out" 2>&1; code=$?
  set -e
  [ $code -eq 137 ] || fail "eicctl was not killed at $seam (rc $code): $(tail -3 "$work/killed.out")"
  [ -n "$(unfinished)" ] || fail "no unfinished journal after the kill at $seam"
}

echo '{"namespaces": ["other-ns"]}' >"$work/a.json"
start_cell a --scenario "$work/a.json"
start_cell b
[ "$server_a" != "$server_b" ] || fail "two sims on one address"
wait_for 30 settled a && wait_for 30 settled b || fail "the cells do not settle"
before_a=$(counts a)
before_b=$(counts b)
[[ $before_a == *"edc=2/2"* ]] || fail "unexpected counts of A: $before_a"

case_name="another cell"
crash_at step-finished:stop a database --mode external --data-command true --accept $ACCEPT
[[ "$(counts a)" == *"edc=0/0"* && "$(counts a)" == *"worker=0/0"* ]] || fail "A is not stopped: $(counts a)"
snapshot cell a b
watch_leases a
watch_leases b
for how in abort resume; do
  set +e
  ctl b "$how" >"$work/$how-b.out" 2>&1; code=$?
  set -e
  refused 5 "$work/$how-b.out" "belongs to another cell" "$server_a" "Nothing was changed"
  unchanged cell a b
done
[ "$(counts b)" = "$before_b" ] || fail "B is not at its own counts: $(counts b)"
for cell in a b; do
  lease_events $cell >"$work/events.$cell"
  [ ! -s "$work/events.$cell" ] || fail "a lease of cell $cell was written by a refused command: $(cat "$work/events.$cell")"
done
ctl a abort >"$work/abort-a.out" 2>&1 || fail "abort on A: $(cat "$work/abort-a.out")"
expect_counts a "$before_a"
expect_clean a
expect_clean b
[ -z "$(unfinished)" ] || fail "the abort left its journal unfinished"

case_name="another cell: continue"
# An external run waits for the admin; continue from the other cell's kubeconfig is refused too.
set +e
ctl a restore database --mode external --accept $ACCEPT >"$work/external.out" 2>&1; code=$?
set -e
[ $code -eq 5 ] || fail "the external run did not wait for continue: rc $code: $(cat "$work/external.out")"
snapshot cont a b
watch_leases b
set +e
ctl b continue >"$work/continue-b.out" 2>&1; code=$?
set -e
refused 5 "$work/continue-b.out" "belongs to another cell" "$server_a" "Nothing was changed"
unchanged cont a b
lease_events b >"$work/events.b"
[ ! -s "$work/events.b" ] || fail "a lease of cell b was written by a refused continue: $(cat "$work/events.b")"
ctl a abort >"$work/abort-cont.out" 2>&1 || fail "abort on A: $(cat "$work/abort-cont.out")"
expect_counts a "$before_a"
expect_clean a

case_name="another namespace"
crash_at step-finished:stop a database --mode external --data-command true --accept $ACCEPT
kc a get ns other-ns >/dev/null || fail "the sim has no namespace other-ns"
snapshot ns a b
watch_leases a
for how in resume abort; do
  set +e
  ctl a "$how" -n other-ns >"$work/$how-ns.out" 2>&1; code=$?
  set -e
  refused "2 5" "$work/$how-ns.out" "other-ns" "edge-icell"
  grep -q 'Nothing was changed' "$work/$how-ns.out" || [ $code -eq 2 ] || fail "no \"Nothing was changed\": $(cat "$work/$how-ns.out")"
  unchanged ns a b
done
lease_events a >"$work/events.a"
[ ! -s "$work/events.a" ] || fail "a lease was written by a refused command: $(cat "$work/events.a")"
ctl a abort -n edge-icell >"$work/abort-ns.out" 2>&1 || fail "abort in the run's namespace: $(cat "$work/abort-ns.out")"
expect_counts a "$before_a"
expect_clean a

case_name="another database"
admin="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
conn_of() { echo "host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$1 user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"; }
rows() { psql -X -At "$(conn_of "$1")" -c "SELECT count(*) FROM $2"; }
for db in eic_binding_own eic_binding_other eic_binding_big; do
  psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
own=$(conn_of eic_binding_own)
other=$(conn_of eic_binding_other)
psql -X -q -v ON_ERROR_STOP=1 "$own" -c "CREATE TABLE flows AS SELECT g AS id, md5(g::text) AS body FROM generate_series(1, 3000) g"
psql -X -q -v ON_ERROR_STOP=1 "$other" -c "CREATE TABLE flows AS SELECT g AS id, 'other' AS body FROM generate_series(1, 500) g"
ctl a backup database --database "$own" --to "$work/pg" >"$work/backup.out" 2>&1 || fail "backup: $(cat "$work/backup.out")"
dir=$(ls -d "$work"/pg/*/)
psql -X -q "$own" -c "DELETE FROM flows WHERE id > 10"
crash_at data-started a database --mode archive --from "$dir" --database "$own" --accept $ACCEPT,replace-database
grep -q '"event":"store-identity"' "$(journal)" || fail "the run journaled no store identity"
snapshot db a b
watch_leases a
for how in resume abort; do
  set +e
  ctl a $how --database "$other" >"$work/$how-db.out" 2>&1; code=$?
  set -e
  refused 5 "$work/$how-db.out" "another database" "Nothing was changed"
  unchanged db a b
done
[ "$(rows eic_binding_other flows)" = 500 ] || fail "the other database was written: $(rows eic_binding_other flows) rows"
[ "$(rows eic_binding_own flows)" = 10 ] || fail "the run's database was written: $(rows eic_binding_own flows) rows"
lease_events a >"$work/events.a"
[ ! -s "$work/events.a" ] || fail "a lease was written by a refused command: $(cat "$work/events.a")"
ctl a resume >"$work/resume-own.out" 2>&1 || fail "resume with the journal's store: $(cat "$work/resume-own.out")"
[ "$(rows eic_binding_own flows)" = 3000 ] || fail "rows after the resume: $(rows eic_binding_own flows)"
[ "$(rows eic_binding_other flows)" = 500 ] || fail "the other database changed: $(rows eic_binding_other flows)"
expect_counts a "$before_a"
expect_clean a

case_name="kill -9 while pg_restore runs, then abort"
big=$(conn_of eic_binding_big)
# Two tables, a backup of two jobs: pg_restore runs two workers that COPY at once.
psql -X -q -v ON_ERROR_STOP=1 "$big" \
  -c "CREATE TABLE big1 (id int PRIMARY KEY, body text, pad text)" \
  -c "INSERT INTO big1 SELECT g, md5(g::text), repeat('x', 40) FROM generate_series(1, ${EIC_BINDING_ROWS:-3000000}) g" \
  -c "CREATE TABLE big2 (LIKE big1 INCLUDING ALL)" -c "INSERT INTO big2 SELECT * FROM big1"
ctl a backup database --database "$big" --jobs 2 --to "$work/bigpg" >"$work/bigbackup.out" 2>&1 || fail "backup: $(cat "$work/bigbackup.out")"
bigdir=$(ls -d "$work"/bigpg/*/)
ls "$work/runs" >"$work/runs.before"
new_journal() { ls "$work/runs" | grep -vxF -f "$work/runs.before" | sed "s|^|$work/runs/|"; }
pg_restore_started() { local j; j=$(new_journal) && [ -n "$j" ] && grep '"event":"child-started".*"program":"[^"]*pg_restore"' "$j" >/dev/null; }
# A worker's COPY is under way when its session says so (pg_restore connects as application eic-restore).
copying() { [ "$(psql -X -At "$admin" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'eic_binding_big' AND query LIKE 'COPY %' AND state = 'active'")" -ge 1 ]; }
# eicctl itself in the background (not a function's subshell): its pid is the one killed.
"$EICCTL" --kubeconfig "$work/a.kubeconfig" restore database --mode archive --from "$bigdir" --database "$big" --accept $ACCEPT,replace-database </dev/null >"$work/big.out" 2>&1 &
pid=$!
wait_for 120 pg_restore_started || fail "pg_restore was never journaled as started: $(cat "$work/big.out")"
wait_for 60 copying || fail "pg_restore never copied: $(cat "$work/big.out")"
bigrun=$(new_journal)
child=$(grep '"event":"child-started"' "$bigrun" | tail -1 | /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["pid"])')
groups+=("$child")
# The processes of pg_restore's group (the leader and its workers), and any pg_restore whose
# password file is one of this test's.
ours() {
  local p stat st pg
  for p in /proc/[0-9]*; do
    stat=$(cat "$p/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    read -r st _ pg _ <<<"$stat"
    [ "$st" = Z ] && continue
    if [ "$pg" = "$child" ] || { [ "$(cat "$p/comm" 2>/dev/null)" = pg_restore ] && tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -F "PGPASSFILE=$work/" >/dev/null; }; then
      echo "${p#/proc/}"
    fi
  done
  return 0
}
# A watcher started before the kill: who of pg_restore is alive when (every change), the moment
# the first recorded component is scaled up, which sessions remain in the database then, and
# what the database holds then and 3 s later.
kc a config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d >"$work/a-ca.crt"
token=$(kc a config view --raw --minify -o jsonpath='{.users[0].user.token}')
names=$(grep '"event":"component-recorded"' "$bigrun" | /usr/bin/python3 -c 'import json,sys; print(",".join(json.loads(l)["name"] for l in sys.stdin))')
/usr/bin/python3 - "$server_a" "$token" "$work/a-ca.crt" "$names" "$big" "$child" "$work" >"$work/watch.json" 2>"$work/watch.err" <<'PY' &
import json, os, ssl, subprocess, sys, time, urllib.request
server, token, ca, names, conn, pgid, work = sys.argv[1:]
ctx = ssl.create_default_context(cafile=ca)
def up():
    req = urllib.request.Request(server + "/sim/v1/state", headers={"Authorization": "Bearer " + token})
    d = json.load(urllib.request.urlopen(req, context=ctx, timeout=5))["deployments"]
    return [n for n in names.split(",") if d.get("edge-icell/" + n, {}).get("replicas", 0) > 0]
def alive():
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            st = open("/proc/%s/stat" % p).read().rsplit(")", 1)[1].split()
            comm = open("/proc/%s/comm" % p).read().strip()
            env = open("/proc/%s/environ" % p, "rb").read() if comm == "pg_restore" else b""
        except OSError:
            continue
        if st[0] != "Z" and (st[2] == pgid or b"PGPASSFILE=" + work.encode() + b"/" in env):
            out.append("%s %s" % (p, comm))
    return out
def sql(q):
    r = subprocess.run(["psql", "-X", "-At", "-F", " ", conn, "-c", q], capture_output=True, text=True, timeout=30,
                       env=dict(os.environ, PGOPTIONS="-c lock_timeout=5s"))
    return r.stdout.strip() if r.returncode == 0 else "error: " + r.stderr.strip()
seen = []
deadline = time.time() + 180
first = None
while time.time() < deadline:
    a = alive()
    if not seen or seen[-1][1] != a:
        seen.append([time.time(), a])
    u = up()
    if len(seen) == 1:
        open(work + "/watch.ready", "w").write("1")
    if u:
        first = time.time()
        break
    time.sleep(0.02)
if first is None:
    print(json.dumps({"error": "no component was scaled up within 120 s"})); sys.exit(0)
at_up = alive()
sessions = sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
stats = "SELECT tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()"
rows = "SELECT (SELECT count(*) FROM big1) + (SELECT count(*) FROM big2)"
m1 = [sql(stats), sql(rows)]
time.sleep(3)
m2 = [sql(stats), sql(rows)]
print(json.dumps({"firstUp": first, "componentsUp": u, "aliveAtUp": at_up, "sessionsAtUp": sessions, "alive": seen, "then": m1, "after3s": m2}))
PY
watcher=$!
wait_for 10 test -s "$work/watch.ready" || fail "the watcher did not start: $(cat "$work/watch.err")"
copying || fail "pg_restore no longer copies: make the tables bigger (EIC_BINDING_ROWS)"
[ "$(cat "/proc/$pid/comm")" = eicctl ] || fail "$pid is not eicctl: $(cat "/proc/$pid/comm")"
kill -KILL "$pid"
killed_at=$EPOCHREALTIME
wait "$pid" 2>/dev/null || true
[ ! -e "/proc/$pid" ] || fail "eicctl $pid outlived kill -9"
private=$(ls -A "$work/runtime/eic-restore" 2>/dev/null | tr '\n' ' ')
[[ " $private" == *" pgrestore-$pid "* ]] || fail "the killed run left no private folder in $work/runtime/eic-restore (it holds: [$private]): where was its password file?"
abort_at=$EPOCHREALTIME
ctl a abort >"$work/abort-big.out" 2>&1 || fail "abort: $(cat "$work/abort-big.out")"
done_at=$EPOCHREALTIME
wait "$watcher" || fail "the watcher failed: $(cat "$work/watch.err")"
left=$(ours | tr '\n' ' ')
/usr/bin/python3 - "$work/watch.json" "$bigrun" "$killed_at" "$abort_at" "$done_at" "$left" <<'PY' || fail "see above; abort said: $(cat "$work/abort-big.out")"
import json, sys
from datetime import datetime
w = json.load(open(sys.argv[1]))
ev = [json.loads(l) for l in open(sys.argv[2])]
killed, abort_at, done = map(float, sys.argv[3:6])
left = sys.argv[6].split()
ts = lambda e: datetime.fromisoformat(e["t"].replace("Z", "+00:00")).timestamp()
if "error" in w:
    sys.exit("FAIL: " + w["error"])
# Who of pg_restore was alive from time t on (the watcher noted every change).
def alive_from(t):
    out, current = set(), []
    for at, a in w["alive"]:
        if at <= t:
            current = a
        else:
            out.update(a)
    return out | set(current)
bad = []
at_kill, at_abort = alive_from(killed), alive_from(abort_at)
if not at_abort:
    bad.append("no process of pg_restore was alive when the abort began (alive after the kill: %s): the case tests nothing; make the tables bigger" % sorted(at_kill))
if w["aliveAtUp"]:
    bad.append("pg_restore processes alive when %s was scaled up: %s" % (w["componentsUp"], w["aliveAtUp"]))
if w["sessionsAtUp"] != "0":
    bad.append("sessions (of pg_restore) in the database when the first component was scaled up: %s" % w["sessionsAtUp"])
if any(x.startswith("error") for x in w["then"] + w["after3s"]):
    bad.append("the database could not be read after the first component started: %s %s" % (w["then"], w["after3s"]))
elif w["then"] != w["after3s"]:
    bad.append("the database was written after the first component started: [tup_inserted updated deleted, rows] %s then, %s 3 s later" % (w["then"], w["after3s"]))
if left:
    bad.append("pg_restore processes alive after the abort returned: %s" % left)
names = [e["event"] for e in ev]
after = ev[names.index("abort-started"):]
scaled = [i for i, e in enumerate(after) if e["event"] == "scaled" and e.get("to", 0) > 0]
ended = [i for i, e in enumerate(after) if e["event"] == "child-ended" and e.get("survivor")]
if at_abort and not ended:
    bad.append("pg_restore (%s) was alive when the abort began, and the abort journaled no survivor ended" % sorted(at_abort))
if not scaled:
    bad.append("the abort journaled no scale-up")
elif ended and max(ended) > min(scaled):
    bad.append("a survivor was ended after the first scale-up")
child = [e for e in ev if e["event"] == "child-started"][-1]
first_up = ts(after[min(scaled)]) if scaled else None
print("pg_restore ran %.1f s until the kill; alive after the kill: %s; the abort: survivors ended %s, first scale-up %s s after it began, done in %.1f s"
      % (killed - ts(child), sorted(at_kill), [after[i].get("pid") for i in ended], "%.2f" % (first_up - abort_at) if first_up else "never", done - abort_at))
print("at the first scale-up: alive %s, other sessions %s, database [tup_inserted updated deleted, rows] %s, 3 s later %s" % (w["aliveAtUp"], w["sessionsAtUp"], w["then"], w["after3s"]))
for b in bad:
    print("FAIL: " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
expect_counts a "$before_a"
expect_clean a
# No password file of this test anywhere; the private folder base is empty after the abort.
find "$work" /tmp -xdev \( -name 'eic-pgpass*' -o -name pgpass \) 2>/dev/null >"$work/pgpass.found" || true
grep -F -e "$work/" -e "-$pid/" "$work/pgpass.found" >"$work/pgpass.ours" || true
[ ! -s "$work/pgpass.ours" ] || fail "password files left: $(cat "$work/pgpass.ours")"
[ -z "$(ls -A "$work/runtime/eic-restore" 2>/dev/null)" ] || fail "left in the private folder base after the abort: $(ls -A "$work/runtime/eic-restore")"
[ -z "$(ls -A "$work/data/eic-restore/private" 2>/dev/null)" ] || fail "left in the private fallback folder: $(ls -A "$work/data/eic-restore/private")"

case_name="pre-flight refuses what the data step would use"
snapshot pre a b
watch_leases a
pg_dump -Fc -f "$work/own.dump" "$own"
truncate -s $(($(stat -c %s "$work/own.dump") / 2)) "$work/own.dump"
[ -e "$dir/manifest.json.sha256" ] || fail "the backup has no manifest.json.sha256"
edit_manifest() { # COPY-NAME PYTHON-EXPRESSION-ON-m
  rm -rf "$work/$1"; cp -r "$dir" "$work/$1"
  /usr/bin/python3 -c 'import json, sys
p = sys.argv[1] + "/manifest.json"; m = json.load(open(p)); exec(sys.argv[2]); json.dump(m, open(p, "w"), indent=4)' "$work/$1" "$2"
}
edit_manifest rows 'm["tables"][0]["rows"] += 1'
edit_manifest jobs 'm["jobs"] = 100000'
edit_manifest jobs-summed 'm["jobs"] = 100000'
(cd "$work/jobs-summed" && sha256sum manifest.json >manifest.json.sha256)
printf 'not a dump\n' >"$work/notes.txt"
: >"$work/empty.dump"
for what in "$work/own.dump|is damaged or incomplete" "$work/rows|manifest.json was changed after the backup was taken" \
            "$work/jobs|manifest.json was changed after the backup was taken" "$work/jobs-summed|\"jobs\" is 100000, eic-restore accepts 1 to" \
            "$work/notes.txt|$work/notes.txt is a file of another kind" "$work/empty.dump|$work/empty.dump is an empty file"; do
  from=${what%%|*}
  set +e
  ctl a restore database --mode archive --from "$from" --database "$own" --accept $ACCEPT,replace-database >"$work/pre.out" 2>&1; code=$?
  set -e
  refused 4 "$work/pre.out" "${what#*|}" "Nothing was changed"
  grep '^eicctl: ' "$work/pre.out" >"$work/pre.said" || fail "$from: no closing sentence: $(cat "$work/pre.out")"
  [ "$(grep -o 'Nothing was changed' "$work/pre.said" | wc -l)" = 1 ] || fail "$from: said more than once: $(cat "$work/pre.said")"
  cells_unchanged pre a b
  [ "$(rows eic_binding_own flows)" = 3000 ] || fail "$from: the database changed: $(rows eic_binding_own flows) rows"
done
[ -z "$(unfinished)" ] || fail "a refused run left an unfinished journal"
# The pre-flight's lock check takes the lease and gives it back: said, not failed (it is its design).
lease_events a >"$work/events.a"
[ ! -s "$work/events.a" ] || echo "NOTE: the refused pre-flights wrote the lease $(grep -c . "$work/events.a") time(s) (taken and released by the lock check)"

for db in eic_binding_own eic_binding_other eic_binding_big; do psql -X -q "$admin" -c "DROP DATABASE $db WITH (FORCE)"; done
echo "binding: all cases passed"
