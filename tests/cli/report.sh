#!/usr/bin/env bash
# eicctl report list | export against runs made on eic-sim: JSON (the documented schema), HTML
# (timeline embedded) and PDF (A4, page numbers; pdftotext holds the components, their counts
# and who acknowledged which caution); the SHA-256 printed is the file's; a rolled-back run
# reports its errors; no format holds a secret of the environment.
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
"$EICCTL" restore database --mode external --data-command true --accept service-interruption,autoscaler >/dev/null
set +e
"$EICCTL" restore datastore --mode external --data-command "exit 3" --accept service-interruption,autoscaler >/dev/null 2>&1
set -e
list=$("$EICCTL" report list -o json)
ids=$(/usr/bin/python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(" ".join(x["id"] + ":" + x["outcome"] for x in r))' "$list")
good=$(tr ' ' '\n' <<<"$ids" | grep ':complete$' | cut -d: -f1)
bad=$(tr ' ' '\n' <<<"$ids" | grep ':rolled-back$' | cut -d: -f1)
[ -n "$good" ] && [ -n "$bad" ] || fail "report list: $list"
"$EICCTL" report list | grep "^$good  *database  *external  *complete" >/dev/null || fail "text list"

for f in json html pdf; do
  out=$("$EICCTL" report export "$good" --format $f --to "$work/good.$f")
  sha=$(sed -n 's/^SHA-256: //p' <<<"$out")
  [ "$sha" = "$(sha256sum "$work/good.$f" | cut -d' ' -f1)" ] || fail "$f: the printed SHA-256 is not the file's"
done
/usr/bin/python3 - "$work/good.json" <<'PY' || fail "json report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "eic-restore/report" and r["schemaVersion"] == 1
assert r["outcome"] == "complete" and r["target"] == "database" and r["downtimeSeconds"] > 0
comps = {c["name"]: c for c in r["components"]}
assert comps["edc"]["replicasBefore"] == 2 and comps["edc"]["replicasAfter"] == 2 and comps["edc"]["hpa"] == "edc"
assert all(c["stoppedAt"] and c["availableAt"] and c["stoppedAt"] < c["availableAt"] for c in comps.values())
assert {c["id"] for c in r["cautions"]} == {"service-interruption", "autoscaler"} and all(c["acknowledgedBy"] and c["acknowledgedAt"] for c in r["cautions"])
assert r["dataStep"]["state"] == "done"
PY
grep -q 'data:image/png;base64,' "$work/good.html" || fail "no timeline picture in the HTML"
text=$(pdftotext -layout "$work/good.pdf" -)
for want in destination-db-management edge-api 'service-interruption' 'autoscaler' 'page 1 of' 'Total downtime'; do
  grep -q -- "$want" <<<"$text" || fail "the PDF lacks \"$want\""
done
grep -Eq 'edc \(HPA\) +2 +2' <<<"$text" || fail "the PDF lacks edc's counts"
grep -Eq "autoscaler +$(id -un), " <<<"$text" || fail "the PDF lacks who acknowledged the autoscaler caution"
pdfinfo "$work/good.pdf" | grep -E '^Page size: +595(\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)$' >/dev/null || fail "not A4: $(pdfinfo "$work/good.pdf" | grep 'Page size')"
pdftoppm -r 50 -png -f 1 -l 1 "$work/good.pdf" "$work/page" && [ -s "$work/page-1.png" ] || fail "the PDF does not render"
if [ -n "${EIC_TEST_OUTPUT_DIR:-}" ]; then cp "$work/page-1.png" "$EIC_TEST_OUTPUT_DIR/report-page-1.png"; fi

"$EICCTL" report export "$bad" --format pdf --to "$work/bad.pdf" >/dev/null
pdftotext "$work/bad.pdf" - | grep 'exited with status 3' >/dev/null || fail "the rolled-back report does not say why"
"$EICCTL" report export "$bad" --format json --to "$work/bad.json" >/dev/null
grep -q '"outcome": "rolled-back"' "$work/bad.json" || fail "bad.json outcome"

for f in "$work"/good.* "$work"/bad.* "$work"/runs/*; do
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
