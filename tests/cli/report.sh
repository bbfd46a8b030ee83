#!/usr/bin/env bash
# eicctl report list | export against runs made on eic-sim: JSON (the documented schema), HTML
# (timeline embedded) and PDF (A4, page numbers; pdftotext holds the components, their counts
# and who acknowledged which caution); the SHA-256 printed is the file's; a rolled-back run
# reports its errors; no format holds a secret of the environment. What a change board needs:
# the operator, the tick times, the --ticket, the cell's identity, SANDBOX on every PDF page,
# a Detail for every check, no JSON and no enum name, the list in words, a cancel's timeline,
# and (with scripts/test's services) an archive's SHA-256 equal to sha256sum's.
# Env: EIC_SIM, EICCTL, KUBECTL.
set -euo pipefail
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" EIC_RESTORE_RUNS_DIR="$work/runs"
export PGPASSWORD=report-test-secret-pg REDISCLI_AUTH=report-test-secret-redis
sim_start --pod-start-ms 100
cd "$work"
# The sim's kubeconfig in a directory marked as `eicctl sandbox` marks its own: the runs are the sandbox's.
api=$(sed -n 's/^eic-sim ready //p' "$work/sim.out")
touch "$work/.eic-sandbox"
printf '{"apiServer": "%s"}\n' "$api" >"$work/sandbox.json"
ticket="CHG-4711 change board, 2026-12"
"$EICCTL" restore database --mode external --data-command true --accept service-interruption,autoscaler --ticket "  $ticket  " >/dev/null
set +e
msg=$("$EICCTL" restore database --mode external --data-command true --accept service-interruption --ticket "$(printf 'x%.0s' $(seq 201))" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && grep -q 'at most 200 characters' <<<"$msg" || fail "a 201-character ticket: rc $rc: $msg"
set +e
"$EICCTL" restore datastore --mode external --data-command "exit 3" --accept service-interruption,autoscaler >/dev/null 2>&1
set -e
list=$("$EICCTL" report list -o json)
ids=$(/usr/bin/python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(" ".join(x["id"] + ":" + x["outcome"] for x in r))' "$list")
good=$(tr ' ' '\n' <<<"$ids" | grep ':complete$' | cut -d: -f1)
bad=$(tr ' ' '\n' <<<"$ids" | grep ':rolled-back$' | cut -d: -f1)
[ -n "$good" ] && [ -n "$bad" ] || fail "report list: $list"
text_list=$("$EICCTL" report list)
grep "^$good  *database  *external  *complete " >/dev/null <<<"$text_list" || fail "text list: $text_list"
grep "^$bad  *datastore  *external  *rolled back " >/dev/null <<<"$text_list" || fail "the list does not say \"rolled back\": $text_list"
if grep -q 'rolled-back' <<<"$text_list"; then fail "the list shows a raw outcome name: $text_list"; fi

for f in json html pdf; do
  out=$("$EICCTL" report export "$good" --format $f --to "$work/good.$f")
  sha=$(sed -n 's/^SHA-256: //p' <<<"$out")
  [ "$sha" = "$(sha256sum "$work/good.$f" | cut -d' ' -f1)" ] || fail "$f: the printed SHA-256 is not the file's"
done
/usr/bin/python3 - "$work/good.json" "$(id -un)" "$ticket" "$api" "$work/runs/$good.jsonl" <<'PY' || fail "json report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "eic-restore/report" and r["schemaVersion"] == 1
assert r["outcome"] == "complete" and r["target"] == "database" and r["downtimeSeconds"] > 0
comps = {c["name"]: c for c in r["components"]}
assert comps["edc"]["replicasBefore"] == 2 and comps["edc"]["replicasAfter"] == 2 and comps["edc"]["hpa"] == "edc"
assert all(c["stoppedAt"] and c["availableAt"] and c["stoppedAt"] < c["availableAt"] for c in comps.values())
assert {c["id"] for c in r["cautions"]} == {"service-interruption", "autoscaler"} and all(c["acknowledgedBy"] and c["acknowledgedAt"] for c in r["cautions"])
assert r["dataStep"]["state"] == "done"
operator, ticket, api, journal = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
assert r["operator"] == operator, r["operator"]
assert r["ticket"] == ticket, r["ticket"]
assert r["workspaceMark"] == "sandbox", r["workspaceMark"]
assert r["cell"]["server"] == api and r["cell"]["namespaceUid"], r["cell"]
started = json.loads(open(journal).readline())
assert started["ticket"] == ticket and started["workspaceMark"] == "sandbox"
# eicctl's --accept is ticked when the run starts: each acknowledgement carries that time.
assert all(c["acknowledgedAt"] == started["t"] for c in r["cautions"]), (r["cautions"], started["t"])
assert all(c["detail"] for c in r["checks"]), r["checks"]
PY
grep -q 'data:image/png;base64,' "$work/good.html" || fail "no timeline picture in the HTML"
# What a change board reads: the mark on top, the ticket, the operator; no JSON, no enum names;
# a Detail in every row of the Checks table.
check_html() {
  /usr/bin/python3 - "$@" <<'PY' || fail "html report $1"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for want in sys.argv[2:]:
    assert want in html, want
assert html.index("SANDBOX") < html.index("<h1>"), "the mark is not on top"
assert '{"' not in html and "{&quot;" not in html, "raw JSON in the HTML"
body = re.sub(r"<[^>]+>", " ", html.split("</style>", 1)[1])
for raw in ("rolled-back", "not-checked", "partly done", "complete-with-leftovers", "preflight-failed"):
    assert raw not in body, raw
checks = html[html.index(">Checks<"):]
checks = checks[:checks.index("</table>")]
rows = re.findall(r'<tr><td>[^<]*</td><td class="[a-z]+">[^<]*</td><td>([^<]*)</td></tr>', checks)
assert rows and all(d.strip() for d in rows), rows
PY
}
check_html "$work/good.html" "$ticket" "$(id -un) on" "Data step" "Duration" "Measured loss"
text=$(pdftotext -layout "$work/good.pdf" -)
for want in destination-db-management edge-api 'service-interruption' 'autoscaler' 'page 1 of' 'Total downtime'; do
  grep -q -- "$want" <<<"$text" || fail "the PDF lacks \"$want\""
done
grep -Eq 'edc \(HPA\) +2 +2' <<<"$text" || fail "the PDF lacks edc's counts"
grep -Eq "Autoscalers pause +$(id -un) +20[0-9-]+ " <<<"$text" || fail "the PDF lacks who acknowledged the autoscaler caution, and when"
pdfinfo "$work/good.pdf" | grep -E '^Page size: +595(\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)$' >/dev/null || fail "not A4: $(pdfinfo "$work/good.pdf" | grep 'Page size')"
pdftoppm -r 50 -png -f 1 -l 1 "$work/good.pdf" "$work/page" && [ -s "$work/page-1.png" ] || fail "the PDF does not render"
if [ -n "${EIC_TEST_OUTPUT_DIR:-}" ]; then cp "$work/page-1.png" "$EIC_TEST_OUTPUT_DIR/report-page-1.png"; fi
grep -q -- "$ticket" <<<"$text" || fail "the PDF lacks the ticket"
# SANDBOX on every page, read page by page.
marked_pages() {
  local pdf=$1 pages n
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  [ "$pages" -ge 1 ] || fail "$pdf has no pages"
  for n in $(seq 1 "$pages"); do
    pdftotext -f "$n" -l "$n" "$pdf" - | grep '^SANDBOX — ' >/dev/null || fail "page $n of $pdf lacks the SANDBOX mark"
  done
  echo "$pages"
}
[ "$(marked_pages "$work/good.pdf")" -ge 2 ] || fail "the report is one page only: the mark on every page is not tested"

"$EICCTL" report export "$bad" --format pdf --to "$work/bad.pdf" >/dev/null
pdftotext "$work/bad.pdf" - | grep 'exited with status 3' >/dev/null || fail "the rolled-back report does not say why"
marked_pages "$work/bad.pdf" >/dev/null
"$EICCTL" report export "$bad" --format json --to "$work/bad.json" >/dev/null
grep -q '"outcome": "rolled-back"' "$work/bad.json" || fail "bad.json outcome"
"$EICCTL" report export "$bad" --format html --to "$work/bad.html" >/dev/null
check_html "$work/bad.html" "Cancel and rollback" "What blocked" "The data step failed: The data command exited with status 3" \
  "Rollback started" "Rollback ended" "rolled back"

# A cancel (Ctrl-C) during the data step: when it was asked, and the rollback's start and end.
"$EICCTL" -o json restore database --mode external --data-command "sleep 30" --accept service-interruption,autoscaler >"$work/cancel.out" 2>&1 &
pid=$!
wait_for 30 grep -q '"child-started"' "$work/cancel.out" || fail "the data command did not start: $(cat "$work/cancel.out")"
kill -INT $pid
set +e; wait $pid; set -e
cancelled=$(sed -n 's/.*"event":"run-started".*"runId":"\([^"]*\)".*/\1/p; s/.*"runId":"\([^"]*\)".*"event":"run-started".*/\1/p' "$work/cancel.out" | head -1)
[ -n "$cancelled" ] || fail "no run id in $(head -c 300 "$work/cancel.out")"
"$EICCTL" report export "$cancelled" --format html --to "$work/cancel.html" >/dev/null
asked=$(/usr/bin/python3 -c 'import json,sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e["event"] == "cancel-requested": print(e["t"][:10] + " " + e["t"][11:19] + " UTC")' "$work/runs/$cancelled.jsonl")
[ -n "$asked" ] || fail "no cancel-requested in the journal"
check_html "$work/cancel.html" "Cancel asked</th><td>$asked, during the data step" "Nothing failed: the cancel was asked for" "Rollback started</th><td>2" "Rollback ended</th><td>2"
"$EICCTL" report export "$cancelled" --format pdf --to "$work/cancel.pdf" >/dev/null
if [ -n "${EIC_TEST_OUTPUT_DIR:-}" ]; then pdftoppm -r 60 -png -f 1 -l 1 "$work/cancel.pdf" "$EIC_TEST_OUTPUT_DIR/report-rolled-back-page"; fi

# An archive restore: the backup's SHA-256 is the file's (sha256sum), and its time and size are stated.
if [ -n "${EIC_TEST_REDIS_PORT:-}" ] && [ -n "${EIC_TEST_PGPORT:-}" ]; then
  export REDISCLI_AUTH=$EIC_TEST_REDIS_PASSWORD PGPASSWORD=$EIC_TEST_PGPASSWORD
  url="redis://127.0.0.1:$EIC_TEST_REDIS_PORT"
  rc() { redis-cli --no-auth-warning -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" "$@"; }
  rc FLUSHALL >/dev/null
  for i in $(seq 1 30); do echo "SET report:$i v$i"; done | rc >/dev/null
  "$EICCTL" backup datastore --datastore "$url" --to "$work/ds" </dev/null >"$work/dsbackup.out" 2>&1 || fail "backup: $(cat "$work/dsbackup.out")"
  file=$(ls "$work"/ds/*.eicrdb)
  "$EICCTL" restore datastore --mode archive --from "$file" --datastore "$url" --accept service-interruption,autoscaler,snapshot-only,flush-datastore \
    </dev/null >"$work/ds.out" 2>&1 || fail "$(cat "$work/ds.out")"
  admin="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
  conn="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=eic_report user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
  psql -q -v ON_ERROR_STOP=1 "$admin" -c "DROP DATABASE IF EXISTS eic_report" -c "CREATE DATABASE eic_report"
  psql -q -v ON_ERROR_STOP=1 "$conn" -c "CREATE TABLE flows AS SELECT g AS id FROM generate_series(1, 120) g"
  "$EICCTL" backup database --database "$conn" --to "$work/pg" </dev/null >"$work/pgbackup.out" 2>&1 || fail "backup: $(cat "$work/pgbackup.out")"
  dir=$(ls -d "$work"/pg/*/)
  "$EICCTL" restore database --mode archive --from "$dir" --database "$conn" --accept service-interruption,autoscaler,replace-database --ticket "CHG-4712 restore of eic_report" </dev/null >"$work/db.out" 2>&1 || fail "$(cat "$work/db.out")"
  for kind in datastore database; do
    id=$("$EICCTL" report list -o json | /usr/bin/python3 -c 'import json,sys; print([x["id"] for x in json.load(sys.stdin) if x["mode"] == "archive" and x["target"] == sys.argv[1]][0])' $kind)
    "$EICCTL" report export "$id" --format json --to "$work/$kind.json" >/dev/null
    "$EICCTL" report export "$id" --format html --to "$work/$kind.html" >/dev/null
    "$EICCTL" report export "$id" --format pdf --to "$work/$kind.pdf" >/dev/null
    if [ $kind = datastore ]; then hashed=$file; else hashed="$dir/manifest.json"; fi
    sum=$(sha256sum "$hashed" | cut -d' ' -f1)
    /usr/bin/python3 - "$work/$kind.json" "$sum" "$(realpath "${hashed%/manifest.json}")" <<'PY' || fail "$kind archive report"
import json, sys
r = json.load(open(sys.argv[1]))
b = r["backup"]
assert b["sha256"] == sys.argv[2], (b, sys.argv[2])
assert b["path"].rstrip("/") == sys.argv[3].rstrip("/"), (b["path"], sys.argv[3])
assert b["takenAt"] and b["bytes"] > 0, b
assert r["store"]["address"] and r["store"]["kind"], r["store"]
PY
    # The PDF's font draws "ff" as a ligature (U+FB00) and pdftotext gives it back as one: NFKC.
    pdftotext "$work/$kind.pdf" - >"$work/$kind.txt"; /usr/bin/python3 -c 'import sys, unicodedata; t = unicodedata.normalize("NFKC", open(sys.argv[1], encoding="utf-8").read()); sys.exit(0 if sys.argv[2] in "".join(t.split()) else 1)' "$work/$kind.txt" "$sum" || { cp "$work/$kind.txt" "${EIC_TEST_OUTPUT_DIR:-/tmp}/report-$kind-failed.txt"; fail "the $kind PDF lacks the backup's SHA-256 $sum"; }
    if [ $kind = database ]; then
      check_html "$work/$kind.html" "<td>public.flows</td><td>120</td><td>120</td><td>yes</td>" "127.0.0.1:$EIC_TEST_PGPORT/eic_report"
    else
      check_html "$work/$kind.html" "<td>db 0</td><td>30</td><td>30</td>" "Keys restored"
    fi
  done
  if [ -n "${EIC_TEST_OUTPUT_DIR:-}" ]; then pdftoppm -r 60 -png -f 1 -l 1 "$work/database.pdf" "$EIC_TEST_OUTPUT_DIR/report-archive-page"; fi
else
  echo "archive reports: not tested (no services; run through scripts/test)"
fi

for f in "$work"/good.* "$work"/bad.* "$work"/cancel.* "$work"/database.* "$work"/datastore.* "$work"/runs/*; do
  [ -e "$f" ] || continue
  if grep -aqF -e "$PGPASSWORD" -e "$REDISCLI_AUTH" "$f"; then fail "a secret is in $f"; fi
  if [[ $f == *.pdf ]] && pdftotext "$f" - | grep -F -e "$PGPASSWORD" -e "$REDISCLI_AUTH" >/dev/null; then fail "a secret is in the text of $f"; fi
done
set +e
msg=$("$EICCTL" report export nosuch --format pdf 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q 'There is no run "nosuch"' <<<"$msg" || fail "unknown run: rc $rc: $msg"
set +e
msg=$("$EICCTL" report export "$good" --format docx 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || fail "unknown format: rc $rc: $msg"
echo "reports: all cases passed"
