#!/usr/bin/env bash
# eicctl profile against the real services of scripts/test: add with secrets from the
# environment, one shared private profile file that parallel adds do not lose from, test all three connections with the secrets from the keychain, no secret in
# the profile file, the logs or `show`; wrong password and wrong CA give the server's words;
# passwords in arguments are refused; remove takes the secrets along.
# Env: EIC_SIM, EICCTL, and the EIC_TEST_* variables of scripts/lib/services.sh.
set -euo pipefail
if [ -z "${EIC_TEST_PGPORT:-}" ] || [ -z "${EIC_TEST_KEYRING:-}" ]; then
  [ "${EIC_REQUIRE_SERVICES:-0}" = 1 ] && { echo "FAIL: services from scripts/test missing" >&2; exit 1; }
  echo "SKIP: run through scripts/test (needs PostgreSQL, Redis and the keyring)"; exit 0
fi
EIC_SIM=${EIC_SIM:?}
EICCTL=${EICCTL:?}
work=$(mktemp -d)
# shellcheck source=../lib/testlib.sh
source "$(dirname "$0")/../lib/testlib.sh"
# Profiles and logs of this run in a private config/data home (the keyring session is shared).
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
sim_start
unset KUBECONFIG # the profiles name their kubeconfig themselves

db="host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_CA"
PGPASSWORD="$EIC_TEST_PGPASSWORD" REDISCLI_AUTH="$EIC_TEST_REDIS_PASSWORD" \
  "$EICCTL" profile add prod --kubeconfig "$work/kubeconfig" --database "$db" \
  --datastore "rediss://localhost:$EIC_TEST_REDIS_TLS_PORT" --datastore-ca "$EIC_TEST_CA" --backup-folder "$work/backups" </dev/null \
  | tee "$work/add.out"
grep -q 'saved with 2 secrets in the OS keychain' "$work/add.out" || fail "add"

# The secrets now come from the keychain alone.
env -u PGPASSWORD -u REDISCLI_AUTH "$EICCTL" profile test prod </dev/null | tee "$work/test.out" || fail "test prod: $(cat "$work/test.out")"
grep -q '^OK    cell: Cell reachable; this login may read and scale deployments.' "$work/test.out" || fail "cell test"
grep -q '^OK    database: Database reachable: PostgreSQL 15' "$work/test.out" || fail "database test"
grep -q 'server certificate verified (sslmode=verify-full)' "$work/test.out" || fail "database TLS not verified"
grep -q '^OK    datastore: Data store reachable: Redis 7' "$work/test.out" || fail "datastore test"
grep -q 'TLS, server certificate verified' "$work/test.out" || fail "datastore TLS"

"$EICCTL" profile show prod | tee "$work/show.out"
grep -q 'password stored in the OS keychain' "$work/show.out" || fail "show does not say the password is stored"
"$EICCTL" profile show prod -o json >"$work/show.json"
"$EICCTL" profile list | grep '^prod' >/dev/null || fail "list"
# No secret anywhere on disk or in the output.
for secret in "$EIC_TEST_PGPASSWORD" "$EIC_TEST_REDIS_PASSWORD"; do
  if grep -rqF -- "$secret" "$work/config" "$work/data" "$work/add.out" "$work/test.out" "$work/show.out" "$work/show.json"; then
    fail "a secret leaked into $(grep -rlF -- "$secret" "$work/config" "$work/data" "$work"/*.out "$work/show.json" | head -1)"
  fi
done
# One file for eicctl and the GUI: ~/.config/eic-restore/profiles.json, private.
[ "$(stat -c %a "$work/config/eic-restore/profiles.json")" = 600 ] || fail "the shared profiles.json is missing or not 0600"
[ ! -e "$work/config/eic-restore/eicctl/profiles.json" ] || fail "eicctl still writes a file of its own"

# Two programs saving at once lose nothing: eight adds in parallel, eight profiles.
pids=()
for i in 1 2 3 4 5 6 7 8; do
  "$EICCTL" profile add "parallel-$i" --kubeconfig "$work/kubeconfig" --context eic-sim </dev/null >/dev/null & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "a parallel profile add failed"; done
[ "$("$EICCTL" profile list | grep -c '^parallel-')" = 8 ] || fail "parallel adds lost a profile: $("$EICCTL" profile list)"

# Wrong password and wrong CA: the server's (or TLS stack's) own words.
PGPASSWORD=wrong-password REDISCLI_AUTH=wrong-password "$EICCTL" profile add bad --kubeconfig "$work/kubeconfig" \
  --database "host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=disable" \
  --datastore "redis://127.0.0.1:$EIC_TEST_REDIS_PORT" </dev/null >/dev/null
set +e
env -u PGPASSWORD -u REDISCLI_AUTH "$EICCTL" profile test bad </dev/null >"$work/bad.out" 2>&1; rc=$?
set -e
cat "$work/bad.out"
[ $rc -eq 1 ] || fail "a failed test must exit 1 (got $rc)"
grep -q 'password authentication failed for user "eic"' "$work/bad.out" || fail "no PostgreSQL sentence"
grep -Eq 'WRONGPASS|invalid username-password' "$work/bad.out" || fail "no Redis sentence"
grep -q 'no TLS: the connection is not encrypted' "$work/bad.out" && fail "reported details of a failed login" || true

PGPASSWORD="$EIC_TEST_PGPASSWORD" REDISCLI_AUTH="$EIC_TEST_REDIS_PASSWORD" "$EICCTL" profile add wrongca --kubeconfig "$work/kubeconfig" \
  --database "host=127.0.0.1 port=$EIC_TEST_PGPORT dbname=$EIC_TEST_PGDATABASE user=$EIC_TEST_PGUSER sslmode=verify-full sslrootcert=$EIC_TEST_OTHER_CA" \
  --datastore "rediss://localhost:$EIC_TEST_REDIS_TLS_PORT" --datastore-ca "$EIC_TEST_OTHER_CA" </dev/null >/dev/null
set +e
env -u PGPASSWORD -u REDISCLI_AUTH "$EICCTL" profile test wrongca </dev/null >"$work/ca.out" 2>&1; rc=$?
set -e
cat "$work/ca.out"
[ $rc -eq 1 ] || fail "wrong CA must fail"
grep -q 'certificate verify failed' "$work/ca.out" || fail "no PostgreSQL certificate sentence"
grep -q 'TLS certificate is not signed by the CA you gave' "$work/ca.out" || fail "no Redis certificate sentence"

# Secrets never from an argument.
set +e
msg=$("$EICCTL" profile add leak --database "host=127.0.0.1 password=hunter2" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && grep -q 'contains a password' <<<"$msg" && ! grep -q hunter2 <<<"$msg" || fail "password argument: rc $rc: $msg"

# Remove takes the secrets along: a new profile of the same name starts without them.
"$EICCTL" profile remove prod | grep 'and its secrets removed' >/dev/null || fail "remove"
"$EICCTL" profile add prod --kubeconfig "$work/kubeconfig" --database "$db" </dev/null >/dev/null
"$EICCTL" profile show prod | grep 'password not stored' >/dev/null || fail "the new profile found old secrets"
# The per-program files of earlier versions: merged once into the shared one, a name clash
# kept under a new name (and said so), the old files kept aside.
old="$work/old-config/eic-restore"
mkdir -p "$old/eic-restore" "$old/eicctl"
profile_json() { printf '{"id":"%s","name":"%s","cell":{"mode":"kubeconfig","kubeconfig":"%s","context":"eic-sim","namespace":"edge-icell"}}' "$1" "$2" "$work/kubeconfig"; }
printf '{"version":1,"profiles":[%s,%s]}' "$(profile_json 11111111-0000-0000-0000-000000000001 prod)" \
  "$(profile_json 11111111-0000-0000-0000-000000000002 gui-only)" >"$old/eic-restore/profiles.json"
printf '{"version":1,"profiles":[%s,%s]}' "$(profile_json 22222222-0000-0000-0000-000000000001 prod)" \
  "$(profile_json 22222222-0000-0000-0000-000000000002 cli-only)" >"$old/eicctl/profiles.json"
XDG_CONFIG_HOME="$work/old-config" "$EICCTL" profile list >"$work/migrated.out" 2>"$work/migrated.err"
cat "$work/migrated.out" "$work/migrated.err"
for name in prod gui-only cli-only 'prod (from eicctl)'; do
  grep -q "^$name	" "$work/migrated.out" || fail "migration lost \"$name\""
done
grep -q 'renamed to "prod (from eicctl)"' "$work"/migrated.* "$work"/data/eic-restore/*/*.log 2>/dev/null || fail "the rename was not said"
[ -e "$old/eicctl/profiles.json.migrated" ] && [ ! -e "$old/eicctl/profiles.json" ] || fail "the old file was not kept aside"
[ "$(XDG_CONFIG_HOME="$work/old-config" "$EICCTL" profile list | wc -l)" = 4 ] || fail "a second start moved profiles again"
echo PASS
