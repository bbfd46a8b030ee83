#!/usr/bin/env bash
# eicctl backup database against the real PostgreSQL of scripts/test: progress and result in
# text and JSON, the manifest (sealed by manifest.json.sha256) and checksums on disk, the
# password never in argv or the folder, and no password file left anywhere afterwards.
set -euo pipefail
if [ -z "${EIC_TEST_PGPORT:-}" ]; then
  [ "${EIC_REQUIRE_SERVICES:-0}" = 1 ] && { echo "FAIL: services from scripts/test missing" >&2; exit 1; }
  echo "SKIP: run through scripts/test"; exit 0
fi
EICCTL=${EICCTL:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" TMPDIR="$work/tmp" XDG_RUNTIME_DIR="$work/run"
mkdir -p -m 700 "$TMPDIR" "$XDG_RUNTIME_DIR"
# What a job may leave: nothing (the PGPASSFILE's private folder goes with the job).
no_secrets_left() { [ -z "$(find "$TMPDIR" "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" \( -name 'eic-pgpass*' -o -name pgpass -o -path '*/eic-restore/pg*-[0-9]*' -o -path '*/eic-restore/private/*' \) 2>/dev/null)" ] || fail "$1 left a password file: $(find "$TMPDIR" "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" 2>/dev/null)"; }
conn="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
PGPASSWORD="$EIC_TEST_PGPASSWORD" psql -q "$conn" -c "DROP TABLE IF EXISTS cli_backup_probe; CREATE TABLE cli_backup_probe AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 5000) g;"

PGPASSWORD="$EIC_TEST_PGPASSWORD" "$EICCTL" backup database --database "$conn" --to "$work/backups" --jobs 2 </dev/null >"$work/out" 2>"$work/err"
cat "$work/out"
grep -q "^Backup of database $EIC_TEST_PGDATABASE complete: $work/backups/$EIC_TEST_PGDATABASE-" "$work/out" || fail "no completion line"
dir=$(ls -d "$work"/backups/*/)
[ -f "$dir/manifest.json" ] && [ -f "$dir/data/toc.dat" ] || fail "no manifest or dump in $dir"
[ "$(stat -c %a "${dir%/}")" = 700 ] || fail "the backup (the database's data) is open to others: $(stat -c %a "${dir%/}")"
/usr/bin/python3 - "$dir" <<'PY' || fail "manifest does not match the files"
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
assert m["format"] == "eic-restore/postgres-backup" and m["jobs"] == 2
probe = [t for t in m["tables"] if t["name"] == "cli_backup_probe"][0]
assert probe["rows"] == 5000 and probe["rowsExact"], probe
for f in m["files"]:
    data = open(os.path.join(d, f["path"]), "rb").read()
    assert len(data) == f["bytes"] and hashlib.sha256(data).hexdigest() == f["sha256"], f["path"]
PY
grep -rqF -- "$EIC_TEST_PGPASSWORD" "$work/backups" "$work/out" "$work/err" "$work/data" && fail "the password leaked" || true
(cd "$dir" && sha256sum --quiet -c manifest.json.sha256) || fail "manifest.json.sha256 does not match manifest.json"
no_secrets_left "a backup"

# -o json: one object per line, the last one the result.
PGPASSWORD="$EIC_TEST_PGPASSWORD" "$EICCTL" backup database --database "$conn" --to "$work/json" -o json </dev/null >"$work/json.out"
/usr/bin/python3 - "$work/json.out" <<'PY' || fail "json lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert lines[-1]["event"] == "done" and lines[-1]["files"], lines[-1]
assert all(l["event"] in ("progress", "done") for l in lines)
PY
# A wrong password: the server's sentence, exit 1, nothing left behind.
set +e
msg=$(PGPASSWORD=wrong "$EICCTL" backup database --database "$conn" --to "$work/wrong" </dev/null 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q 'password authentication failed' <<<"$msg" || fail "wrong password: rc $rc: $msg"
[ "$(grep -c 'password authentication failed' <<<"$msg")" = 1 ] || fail "the failure is said more than once: $msg"
[ -z "$(ls -A "$work/wrong" 2>/dev/null)" ] || fail "a failed backup left files"
no_secrets_left "a failed backup"
PGPASSWORD="$EIC_TEST_PGPASSWORD" psql -q "$conn" -c "DROP TABLE cli_backup_probe"

# The data store, over TLS, into one verified file.
REDISCLI_AUTH="$EIC_TEST_REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" -n 5 SET cli:probe hello >/dev/null
REDISCLI_AUTH="$EIC_TEST_REDIS_PASSWORD" "$EICCTL" backup datastore --datastore "rediss://localhost:$EIC_TEST_REDIS_TLS_PORT" \
  --datastore-ca "$EIC_TEST_CA" --to "$work/ds" </dev/null >"$work/ds.out" 2>"$work/ds.err" || fail "datastore backup: $(cat "$work/ds.err")"
cat "$work/ds.out"
grep -q '^Backup of the data store complete: ' "$work/ds.out" || fail "no completion line"
file=$(ls "$work"/ds/datastore-*.eicrdb)
head -c 8 "$file" | grep 'EICRDB' >/dev/null || fail "not our format"
[ "$(stat -c %a "$file")" = 600 ] || fail "the backup (the data store's data) is open to others: $(stat -c %a "$file")"
grep -qF -- "$EIC_TEST_REDIS_PASSWORD" "$file" "$work/ds.out" "$work/ds.err" && fail "the password leaked" || true
set +e
msg=$(REDISCLI_AUTH=wrong "$EICCTL" backup datastore --datastore "redis://127.0.0.1:$EIC_TEST_REDIS_PORT" --to "$work/ds-wrong" </dev/null 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q 'WRONGPASS' <<<"$msg" || fail "wrong datastore password: rc $rc: $msg"
[ -z "$(ls -A "$work/ds-wrong" 2>/dev/null)" ] || fail "a failed datastore backup left files"
REDISCLI_AUTH="$EIC_TEST_REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" -n 5 DEL cli:probe >/dev/null
# A typo names itself; a second word is not taken for something else.
set +e
msg=$("$EICCTL" backup databse --to "$work/typo" </dev/null 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && grep -q '"databse" is neither database nor datastore' <<<"$msg" || fail "typo: rc $rc: $msg"
set +e
msg=$("$EICCTL" backup database extra --to "$work/typo" </dev/null 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && grep -q 'unexpected argument "extra"' <<<"$msg" || fail "extra argument: rc $rc: $msg"
[ ! -e "$work/typo" ] || fail "a refused backup created its folder"
echo PASS
