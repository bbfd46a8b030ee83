#!/usr/bin/env bash
# Benchmark: the app's data store backup and restore of 1M keys of mixed types against
# redis-cli in the same run: backup vs `redis-cli --rdb` (repl-diskless-sync-delay 0, so that
# Redis' default 5 s wait does not flatter us), restore vs `redis-cli --pipe` of the same
# RESTORE … REPLACE commands into an emptied server. Peak RSS of each side too.
# Usage: bench/redis_engine.sh [BUILD_DIR] [KEYS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
keys=${2:-1000000}
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (Debian package time)"; exit 1; }
# shellcheck source=../scripts/lib/services.sh
source scripts/lib/services.sh
trap svc_stop_all EXIT
svc_init "$(mktemp -d /tmp/eic-bench.XXXXXX)"
svc_start_redis
export REDISCLI_AUTH="$EIC_TEST_REDIS_PASSWORD"
rc() { redis-cli -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" "$@"; }
work="$SVC_DIR/work"; mkdir -p "$work"

# 90% strings of 100 bytes (DEBUG POPULATE), 10% small hashes, lists, sets and sorted sets.
rc FLUSHALL >/dev/null
rc DEBUG POPULATE $((keys * 9 / 10)) key 100 >/dev/null
small=$((keys / 40))
/usr/bin/python3 - "$small" >"$work/small.resp" <<'PY'
import sys
n = int(sys.argv[1])
def cmd(*a):
    a = [x.encode() if isinstance(x, str) else x for x in a]
    return b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a)
out = sys.stdout.buffer
for i in range(n):
    out.write(cmd("HSET", f"h:{i}", "a", str(i), "b", "x" * 20))
    out.write(cmd("RPUSH", f"l:{i}", "1", "2", "3"))
    out.write(cmd("SADD", f"s:{i}", "m1", "m2", "m3"))
    out.write(cmd("ZADD", f"z:{i}", "1", "a", "2", "b"))
PY
rc --pipe <"$work/small.resp" >/dev/null
echo "data store: $(rc DBSIZE) keys, $(rc INFO memory | grep used_memory_human: | tr -d '\r')"
rc CONFIG SET repl-diskless-sync-delay 0 >/dev/null

t() { /usr/bin/time -f "%e %M" "$@" 2>"$work/time" >/dev/null; tail -1 "$work/time"; }
# Backup: the reference first, then the app (twice each, alternating; best of each).
best() { printf '%s\n%s\n' "$1" "$2" | sort -n | head -1; }
r1=$(t redis-cli -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" --rdb "$work/ref1.rdb"); a1=$(t "$build/bin/eicctl" backup datastore --datastore "redis://127.0.0.1:$EIC_TEST_REDIS_PORT" --to "$work/app1")
a2=$(t "$build/bin/eicctl" backup datastore --datastore "redis://127.0.0.1:$EIC_TEST_REDIS_PORT" --to "$work/app2"); r2=$(t redis-cli -h 127.0.0.1 -p "$EIC_TEST_REDIS_PORT" --rdb "$work/ref2.rdb")
ref_b=$(best "${r1% *}" "${r2% *}"); app_b=$(best "${a1% *}" "${a2% *}")
echo "backup : app ${app_b} s (peak RSS ${a1#* } KB) vs redis-cli --rdb ${ref_b} s (peak RSS ${r1#* } KB) -> ratio $(awk -v a="$app_b" -v b="$ref_b" 'BEGIN{printf "%.2f", a/b}')"

file=$(ls "$work"/app1/datastore-*.eicrdb)
"$build/bin/bench-redis-engine" emit-resp "$file" "$work/restore.resp"
rc FLUSHALL >/dev/null
p1=$(t sh -c "redis-cli -h 127.0.0.1 -p $EIC_TEST_REDIS_PORT --pipe <'$work/restore.resp'")
n1=$(rc DBSIZE)
s1=$(t "$build/bin/bench-redis-engine" restore "$file")
n2=$(rc DBSIZE)
rc FLUSHALL >/dev/null
s2=$(t "$build/bin/bench-redis-engine" restore "$file")
rc FLUSHALL >/dev/null
p2=$(t sh -c "redis-cli -h 127.0.0.1 -p $EIC_TEST_REDIS_PORT --pipe <'$work/restore.resp'")
ref_r=$(best "${p1% *}" "${p2% *}"); app_r=$(best "${s1% *}" "${s2% *}")
echo "restore: app ${app_r} s (peak RSS ${s1#* } KB, ${n2} keys) vs redis-cli --pipe ${ref_r} s (peak RSS ${p1#* } KB, ${n1} keys) -> ratio $(awk -v a="$app_r" -v b="$ref_r" 'BEGIN{printf "%.2f", a/b}')"
echo "(the app's restore includes verifying the whole file first and the checks after: counts, 64 keys byte for byte, DEBUG DIGEST)"
