# shellcheck shell=bash
# Throwaway PostgreSQL, Redis and keyring instances for the tests and the sandbox.
#
# Source this file, then:
#   svc_init DIR             remember (and create) the state dir; everything lives in it
#   svc_start_postgres       PostgreSQL 15 on 127.0.0.1, superuser eic, database eic_test;
#                            plain TCP and TLS on the same port (client picks with sslmode)
#   svc_start_redis          Redis 7 on 127.0.0.1 with a password, a second TLS port and
#                            two ACL users
#   svc_start_redis_topologies  after svc_start_redis: a Sentinel (master "eic") and a
#                            three-master Redis Cluster, same password
#   svc_make_test_ca         the test PKI in DIR/tls (the start functions call it; idempotent)
#   svc_sample_data          a little data that looks like an integration cell's
#   svc_with_keyring CMD...  run CMD (a program, not a shell function) in a private D-Bus
#                            session with an unlocked gnome-keyring; returns CMD's status
#   svc_stop_all             stop everything, remove DIR; quiet, never fails (EXIT traps)
#   svc_free_port            print a free TCP port on 127.0.0.1
#
# Connection details are exported and appended as `export` lines to DIR/env (mode 0600: it
# holds the passwords), so another terminal can `source DIR/env`:
#   EIC_TEST_PGHOST EIC_TEST_PGPORT EIC_TEST_PGUSER EIC_TEST_PGPASSWORD EIC_TEST_PGDATABASE
#   EIC_TEST_REDIS_HOST EIC_TEST_REDIS_PORT EIC_TEST_REDIS_PASSWORD   (user `default`)
#   EIC_TEST_REDIS_TLS_PORT       same server over TLS (server certificate only)
#   EIC_TEST_REDIS_ACL_USER       eic-backup: ~* &* +@all
#   EIC_TEST_REDIS_ACL_PASSWORD
#   EIC_TEST_REDIS_RO_USER        eic-readonly: ~* +@read +ping +info +client|list +scan,
#   EIC_TEST_REDIS_RO_PASSWORD      but -dump -restore -flushall (NOPERM)
#   EIC_TEST_CA                   DIR/tls/ca.crt: signed both servers' certificate
#                                 (SAN IP:127.0.0.1, DNS:localhost)
#   EIC_TEST_OTHER_CA             DIR/tls/other-ca.crt: an unrelated CA, for "wrong CA" tests
# Passwords are generated here and never put on a command line: child processes get them
# through files or the environment, which other users cannot read.
#
# Tunables: SVC_PG_BIN (default /usr/lib/postgresql/15/bin), SVC_KEYRING_TIMEOUT (s, 20).
#
# The functions do not rely on `set -e` (callers may or may not use it, and it is ignored
# inside `if`/`||` anyway): every step checks its own status. Each prints one short line on
# stderr; on failure it prints the tail of the service's log and returns non-zero.

_SVC_LIB=$(readlink -f "${BASH_SOURCE[0]}")
# The sample data is shared with the sandbox of the app (compiled into it from there).
_SVC_SAMPLES=$(dirname -- "$(dirname -- "$(dirname -- "$_SVC_LIB")")")/core/sandbox
SVC_DIR=${SVC_DIR:-}
SVC_PG_BIN=${SVC_PG_BIN:-/usr/lib/postgresql/15/bin}
# Marks a directory as ours, so svc_stop_all never removes a directory it did not create.
_SVC_MARKER=.eic-services

_svc_say() { printf 'services: %s\n' "$*" >&2; }

# _svc_fail MESSAGE [LOGFILE]: report a failure with the end of the log that explains it.
# Returns 0 so that a caller under `set -e` reaches its own `return N`.
_svc_fail() {
  _svc_say "$1"
  if [ -n "${2:-}" ] && [ -s "$2" ]; then
    _svc_say "last lines of $2:"
    tail -n 15 -- "$2" | sed 's/^/  | /' >&2
  fi
  return 0
}

# Milliseconds since the epoch; strip the decimal point whatever the locale prints.
_svc_now_ms() {
  local t=${EPOCHREALTIME//[!0-9]/}
  printf '%s\n' "$((10#$t / 1000))"
}

_svc_elapsed() { # START_MS -> "0.42 s"
  local ms=$(($(_svc_now_ms) - $1))
  printf '%d.%02d s' "$((ms / 1000))" "$((ms % 1000 / 10))"
}

# 48 hex characters from the kernel's CSPRNG; od reads exactly 24 bytes (no SIGPIPE games).
_svc_secret() {
  local s
  s=$(od -An -vtx1 -N24 /dev/urandom | tr -d ' \n') || return 1
  [ ${#s} -eq 48 ] || return 1
  printf '%s' "$s"
}

# Alive means: the process exists and is not a zombie. Our daemons are reparented to PID 1,
# which reaps them a little later; `kill -0` alone would call a zombie alive.
_svc_alive() {
  local stat
  [ -n "${1:-}" ] || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# _svc_stop_pid PID [SECONDS]: SIGTERM, wait, then SIGKILL.
_svc_stop_pid() {
  local pid=$1 deadline=$(($(_svc_now_ms) + ${2:-5} * 1000))
  _svc_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while _svc_alive "$pid" && [ "$(_svc_now_ms)" -lt "$deadline" ]; do sleep 0.05; done
  if _svc_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  return 0
}

_svc_require_init() {
  if [ -z "$SVC_DIR" ] || [ ! -f "$SVC_DIR/$_SVC_MARKER" ]; then
    _svc_say "call svc_init DIR first"
    return 1
  fi
}

# Append `export NAME=value` lines for the named (already set) variables to DIR/env.
_svc_env_add() {
  local name
  for name in "$@"; do
    printf 'export %s=%q\n' "$name" "${!name}" >>"$SVC_DIR/env" || return 1
  done
}

# Print a free TCP port on 127.0.0.1. The kernel picks it (bind to port 0); another process
# could take it before we use it, so the start functions retry with a new port.
svc_free_port() {
  local py=/usr/bin/python3
  [ -x "$py" ] || py=python3
  "$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# svc_init [DIR]: use DIR (default: a new mktemp -d under /tmp) as the state directory.
# The postgres system user must reach DIR when we run as root, hence mode 755 and a check
# that every parent is traversable; the secrets inside get their own 0600/0700 modes.
svc_init() {
  local dir=${1:-}
  if [ -z "$dir" ]; then
    dir=$(mktemp -d /tmp/eic-services.XXXXXX) || { _svc_say "cannot create a state dir"; return 1; }
  fi
  mkdir -p -- "$dir" || { _svc_say "cannot create $dir"; return 1; }
  dir=$(cd -- "$dir" && pwd -P) || return 1
  # svc_stop_all removes the dir: refuse one that holds anything we did not put there.
  if [ ! -f "$dir/$_SVC_MARKER" ] && [ -n "$(ls -A -- "$dir")" ]; then
    _svc_say "$dir is not empty; give svc_init a new directory (mktemp -d)"
    return 1
  fi
  chmod 755 -- "$dir" || return 1
  local p=$dir mode
  while [ "$(id -u)" -eq 0 ] && [ "$p" != / ]; do
    p=$(dirname -- "$p")
    mode=$(stat -c %A -- "$p") || return 1
    # The 10th character is "others may traverse": x, or t on sticky dirs such as /tmp.
    case ${mode:9:1} in
      x | t) ;;
      *)
        _svc_say "$p is not traversable by other users; PostgreSQL (user postgres) cannot reach $dir"
        return 1
        ;;
    esac
  done
  : >"$dir/$_SVC_MARKER" || return 1
  (umask 077 && : >>"$dir/env") || return 1
  chmod 600 -- "$dir/env"
  SVC_DIR=$dir
  export SVC_DIR
}

# svc_make_test_ca: a throwaway PKI in DIR/tls, made once (later calls only re-export):
#   ca.crt, ca.key (0600)      the test CA
#   server.crt, server.key     signed by it for IP:127.0.0.1 and DNS:localhost (Redis uses
#                              these; server.key is 0600)
#   pg-server.key              a copy of server.key that PostgreSQL accepts: 0600 and owned
#                              by the server's user (postgres when we are root)
#   other-ca.crt               a second, unrelated CA that signed nothing (its key is gone)
# EC P-256 keys (generated in milliseconds), valid 30 days. The start functions call it;
# it is silent unless it fails (log: DIR/tls.log).
svc_make_test_ca() {
  _svc_require_init || return 1
  local tls=$SVC_DIR/tls tmp log=$SVC_DIR/tls.log serial
  if [ ! -f "$tls/.complete" ]; then
    if ! command -v openssl >/dev/null; then
      _svc_fail "tls: openssl not found (run scripts/setup)"
      return 1
    fi
    # Built in a scratch dir and renamed at the end, so a half-made PKI is never reused.
    rm -rf -- "$SVC_DIR/tls.tmp"
    tmp=$SVC_DIR/tls.tmp
    mkdir -- "$tmp" && : >"$log" || return 1
    # Our own config: the system openssl.cnf's defaults would add or clash with extensions.
    cat >"$tmp/openssl.cnf" <<'EOF' || return 1
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
EOF
    serial=$(_svc_secret) || return 1
    # Keys are created under umask 077; the CSR, the other CA's key and the config go.
    if ! (
      umask 077 && cd -- "$tmp" &&
        for k in ca server other-ca; do
          openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$k.key" || exit 1
        done &&
        openssl req -new -x509 -config openssl.cnf -extensions v3_ca -key ca.key -sha256 \
          -days 30 -subj '/O=eic-restore tests/CN=eic-restore test CA' -out ca.crt &&
        openssl req -new -x509 -config openssl.cnf -extensions v3_ca -key other-ca.key -sha256 \
          -days 30 -subj '/O=eic-restore tests/CN=eic-restore unrelated test CA' -out other-ca.crt &&
        openssl req -new -config openssl.cnf -key server.key -subj '/O=eic-restore tests/CN=localhost' \
          -out server.csr &&
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -set_serial "0x${serial:0:32}" \
          -sha256 -days 30 -extfile openssl.cnf -extensions v3_server -out server.crt &&
        openssl verify -CAfile ca.crt server.crt &&
        cp -- server.key pg-server.key &&
        rm -f -- server.csr other-ca.key openssl.cnf &&
        chmod 644 -- ca.crt other-ca.crt server.crt
    ) >>"$log" 2>&1; then
      _svc_fail "tls: creating the test CA failed" "$log"
      return 1
    fi
    # PostgreSQL (as user postgres when we are root) must traverse the dir and own its key.
    chmod 755 -- "$tmp" || return 1
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: -- "$tmp/pg-server.key" || return 1
    fi
    : >"$tmp/.complete" && mv -T -- "$tmp" "$tls" || return 1
  fi
  export EIC_TEST_CA=$tls/ca.crt EIC_TEST_OTHER_CA=$tls/other-ca.crt
  # Once in DIR/env, however often we are called.
  if ! grep -q '^export EIC_TEST_CA=' "$SVC_DIR/env" 2>/dev/null; then
    _svc_env_add EIC_TEST_CA EIC_TEST_OTHER_CA || return 1
  fi
}

# Run a PostgreSQL server program: PostgreSQL refuses to run as root, so as root it runs
# as the postgres system user (from DIR, since root's cwd is usually unreadable to it).
_svc_pg_run() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd -- "$SVC_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

svc_start_postgres() {
  _svc_require_init || return 1
  local t0 bin=$SVC_PG_BIN data=$SVC_DIR/pg sock=$SVC_DIR/pgsock log=$SVC_DIR/pg.log
  local pwfile=$SVC_DIR/pg.pwfile pw port="" attempt started=0 version
  t0=$(_svc_now_ms)
  if [ ! -x "$bin/initdb" ]; then
    _svc_fail "postgres: $bin/initdb not found (run scripts/setup)"
    return 1
  fi
  if [ -e "$data" ]; then
    _svc_fail "postgres: already started in $SVC_DIR"
    return 1
  fi
  svc_make_test_ca || return 1
  pw=$(_svc_secret) || { _svc_fail "postgres: cannot generate a password"; return 1; }
  mkdir -p -- "$data" "$sock" && chmod 700 -- "$data" "$sock" && : >"$log" || return 1
  # initdb reads the password from a real file (process substitution is not readable by
  # the postgres user); it exists only while initdb runs.
  (umask 077 && printf '%s\n' "$pw" >"$pwfile") || return 1
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: -- "$data" "$sock" "$log" "$pwfile" || { rm -f -- "$pwfile"; return 1; }
    if ! runuser -u postgres -- test -x "$SVC_DIR"; then
      rm -f -- "$pwfile"
      _svc_fail "postgres: user postgres cannot reach $SVC_DIR"
      return 1
    fi
  fi
  # -A scram-sha-256 covers host and local connections: the cluster has no trust entry.
  # --no-sync: nothing here has to survive a power cut.
  if ! _svc_pg_run "$bin/initdb" -D "$data" -U eic --pwfile="$pwfile" -A scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >>"$log" 2>&1; then
    rm -f -- "$pwfile"
    _svc_fail "postgres: initdb failed" "$log"
    return 1
  fi
  rm -f -- "$pwfile"
  # Loopback only, socket inside DIR; durability is pointless for a throwaway cluster and
  # turning it off makes the tests' many small transactions fast. TLS is offered on the
  # same port: initdb's `host` lines in pg_hba.conf match TLS and plain TCP alike (both
  # scram-sha-256), so clients choose with sslmode.
  cat >>"$data/postgresql.conf" <<EOF || return 1

# eic-restore test cluster (scripts/lib/services.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
ssl = on
ssl_cert_file = '$SVC_DIR/tls/server.crt'
ssl_key_file = '$SVC_DIR/tls/pg-server.key'
EOF
  for attempt in 1 2 3; do
    port=$(svc_free_port) || { _svc_fail "postgres: no free port"; return 1; }
    # Later lines win in postgresql.conf, so a retry simply appends a new port.
    printf 'port = %s\n' "$port" >>"$data/postgresql.conf" || return 1
    # pg_ctl's own chatter goes to pg_ctl.log; the server writes pg.log.
    if _svc_pg_run "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >>"$SVC_DIR/pg_ctl.log" 2>&1; then
      started=1
      break
    fi
    _svc_say "postgres: start on port $port failed (attempt $attempt)"
  done
  if [ "$started" -ne 1 ]; then
    _svc_fail "postgres: did not start" "$log"
    return 1
  fi
  # Over verified TLS: this also proves the certificate setup works.
  if ! PGPASSWORD=$pw PGCONNECT_TIMEOUT=10 PGSSLMODE=verify-full PGSSLROOTCERT=$EIC_TEST_CA \
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U eic eic_test >>"$log" 2>&1; then
    _svc_fail "postgres: createdb eic_test failed" "$log"
    return 1
  fi
  export EIC_TEST_PGHOST=127.0.0.1 EIC_TEST_PGPORT=$port EIC_TEST_PGUSER=eic
  export EIC_TEST_PGPASSWORD=$pw EIC_TEST_PGDATABASE=eic_test
  _svc_env_add EIC_TEST_PGHOST EIC_TEST_PGPORT EIC_TEST_PGUSER EIC_TEST_PGPASSWORD \
    EIC_TEST_PGDATABASE || return 1
  version=$("$bin/postgres" -V 2>/dev/null | awk '{print $3}')
  _svc_say "postgres ${version:-15} on 127.0.0.1:$port (plain and TLS), database eic_test, user eic ($(_svc_elapsed "$t0"))"
}

_svc_stop_postgres() {
  local data=$SVC_DIR/pg pid child
  [ -f "$data/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
  _svc_pg_run "$SVC_PG_BIN/pg_ctl" -D "$data" -m fast -w -t 20 stop >>"$SVC_DIR/pg_ctl.log" 2>&1 && return 0
  # pg_ctl could not stop it: kill the backends, then the postmaster, by pid.
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
    for child in $(pgrep -P "$pid"); do kill -KILL "$child" 2>/dev/null; done
    _svc_stop_pid "$pid" 2
  fi
  return 0
}

svc_start_redis() {
  _svc_require_init || return 1
  local t0 dir=$SVC_DIR/redis log=$SVC_DIR/redis.log pw port="" attempt started=0
  local pidfile=$SVC_DIR/redis/redis.pid conf=$SVC_DIR/redis/redis.conf deadline offset
  local tls=$SVC_DIR/tls tls_port="" backup_pw ro_pw
  t0=$(_svc_now_ms)
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    _svc_fail "redis: redis-server/redis-cli not found (run scripts/setup)"
    return 1
  fi
  if [ -e "$dir" ]; then
    _svc_fail "redis: already started in $SVC_DIR"
    return 1
  fi
  svc_make_test_ca || return 1
  if ! { pw=$(_svc_secret) && backup_pw=$(_svc_secret) && ro_pw=$(_svc_secret); }; then
    _svc_fail "redis: cannot generate a password"
    return 1
  fi
  mkdir -p -- "$dir" && chmod 700 -- "$dir" && : >"$log" || return 1
  for attempt in 1 2 3; do
    if ! { port=$(svc_free_port) && tls_port=$(svc_free_port); }; then
      _svc_fail "redis: no free port"
      return 1
    fi
    # Two calls may return the same port (each socket is closed before the next bind).
    while [ "$tls_port" = "$port" ]; do
      tls_port=$(svc_free_port) || { _svc_fail "redis: no free port"; return 1; }
    done
    # The passwords go in a 0600 config file: `--requirepass` or `ACL SETUSER` on a command
    # line would show in ps.
    # No RDB save points (tests call SAVE/BGSAVE when they want a snapshot); DEBUG is
    # allowed from loopback, Redis 7 refuses it otherwise.
    # TLS on a second port, server certificate only (no client certificates).
    # ACL users besides `default` (requirepass): eic-backup may do anything, eic-readonly
    # may read but not DUMP (which @read includes), RESTORE or FLUSHALL.
    (umask 077 && cat >"$conf" <<EOF) || return 1
bind 127.0.0.1
port $port
dir "$dir"
daemonize yes
pidfile "$pidfile"
logfile "$log"
save ""
appendonly no
enable-debug-command local
requirepass "$pw"
tls-port $tls_port
tls-cert-file "$tls/server.crt"
tls-key-file "$tls/server.key"
tls-ca-cert-file "$tls/ca.crt"
tls-auth-clients no
user eic-backup on >$backup_pw ~* &* +@all
user eic-readonly on >$ro_pw ~* resetchannels -@all +@read +ping +info +client|list +scan -dump -restore -flushall
EOF
    offset=$(stat -c %s -- "$log")
    if ! redis-server "$conf" >>"$log" 2>&1; then
      _svc_fail "redis: redis-server refused to start" "$log"
      return 1
    fi
    # The daemonized server may still die (port taken): it then logs "Failed listening".
    # Each PING is bounded: if someone else holds the port, it may accept and never answer.
    deadline=$(($(_svc_now_ms) + 15000))
    while [ "$(_svc_now_ms)" -lt "$deadline" ]; do
      # A certificate or key it cannot load fails the same way on any port: no retry.
      if tail -c +"$((offset + 1))" -- "$log" | grep 'Failed to configure TLS' >/dev/null; then
        _svc_fail "redis: TLS setup failed" "$log"
        return 1
      fi
      if tail -c +"$((offset + 1))" -- "$log" | grep 'Failed listening\|aborting' >/dev/null; then break; fi
      if [ "$(REDISCLI_AUTH=$pw timeout 2 redis-cli --no-auth-warning -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; then
        # Both listeners are up once the plain one answers; prove the TLS one works too.
        if [ "$(REDISCLI_AUTH=$pw timeout 5 redis-cli --no-auth-warning --tls --cacert "$tls/ca.crt" \
          -h 127.0.0.1 -p "$tls_port" ping 2>>"$log")" = PONG ]; then
          started=1
          break 2
        fi
        break
      fi
      sleep 0.05
    done
    _svc_say "redis: start on ports $port (plain), $tls_port (TLS) failed (attempt $attempt)"
    # A server that started but never answered must not survive the retry.
    [ -f "$pidfile" ] && _svc_stop_pid "$(cat "$pidfile")" 2
    rm -f -- "$pidfile"
  done
  if [ "$started" -ne 1 ]; then
    _svc_fail "redis: did not answer PING" "$log"
    return 1
  fi
  export EIC_TEST_REDIS_HOST=127.0.0.1 EIC_TEST_REDIS_PORT=$port EIC_TEST_REDIS_PASSWORD=$pw
  export EIC_TEST_REDIS_TLS_PORT=$tls_port
  export EIC_TEST_REDIS_ACL_USER=eic-backup EIC_TEST_REDIS_ACL_PASSWORD=$backup_pw
  export EIC_TEST_REDIS_RO_USER=eic-readonly EIC_TEST_REDIS_RO_PASSWORD=$ro_pw
  _svc_env_add EIC_TEST_REDIS_HOST EIC_TEST_REDIS_PORT EIC_TEST_REDIS_PASSWORD \
    EIC_TEST_REDIS_TLS_PORT EIC_TEST_REDIS_ACL_USER EIC_TEST_REDIS_ACL_PASSWORD \
    EIC_TEST_REDIS_RO_USER EIC_TEST_REDIS_RO_PASSWORD || return 1
  _svc_say "redis $(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p') on 127.0.0.1:$port, TLS on :$tls_port, ACL users eic-backup, eic-readonly ($(_svc_elapsed "$t0"))"
}

# svc_start_redis_topologies: after svc_start_redis, a Sentinel watching it (master name
# "eic", same password) and a three-master Redis Cluster (same password, no replicas), each on
# free loopback ports. Exports EIC_TEST_REDIS_SENTINEL_PORT, EIC_TEST_REDIS_CLUSTER_PORTS.
svc_start_redis_topologies() {
  _svc_require_init || return 1
  local t0 dir=$SVC_DIR/redis pw=${EIC_TEST_REDIS_PASSWORD:-} sport p ports=() i deadline state
  t0=$(_svc_now_ms)
  [ -n "$pw" ] && [ -d "$dir" ] || { _svc_fail "redis topologies: start redis first"; return 1; }
  sport=$(svc_free_port) || { _svc_fail "redis: no free port"; return 1; }
  (umask 077 && printf '%s\n' "bind 127.0.0.1" "port $sport" "dir \"$dir\"" "daemonize yes" \
    "pidfile \"$dir/sentinel.pid\"" "logfile \"$SVC_DIR/redis-sentinel.log\"" "requirepass \"$pw\"" \
    "sentinel monitor eic 127.0.0.1 $EIC_TEST_REDIS_PORT 1" "sentinel auth-pass eic $pw" >"$dir/sentinel.conf") || return 1
  redis-server "$dir/sentinel.conf" --sentinel >>"$SVC_DIR/redis-sentinel.log" 2>&1 ||
    { _svc_fail "redis: sentinel refused to start" "$SVC_DIR/redis-sentinel.log"; return 1; }
  for i in 1 2 3; do
    p=$(svc_free_port) || { _svc_fail "redis: no free port"; return 1; }
    # Cluster nodes also listen on port+10000 (the bus, so at most 65535): pick again if that one is taken.
    while [ "$p" -gt 55535 ] || [[ " ${ports[*]} " == *" $p "* ]] || [ "$p" = "$sport" ] || (: >"/dev/tcp/127.0.0.1/$((p + 10000))") 2>/dev/null; do
      p=$(svc_free_port) || { _svc_fail "redis: no free port"; return 1; }
    done
    ports+=("$p")
    mkdir -p -- "$dir/cluster-$p" || return 1
    (umask 077 && printf '%s\n' "bind 127.0.0.1" "port $p" "dir \"$dir/cluster-$p\"" "daemonize yes" \
      "pidfile \"$dir/cluster-$p/redis.pid\"" "logfile \"$SVC_DIR/redis-cluster-$p.log\"" 'save ""' \
      "appendonly no" "enable-debug-command local" "cluster-enabled yes" "cluster-config-file nodes.conf" \
      "requirepass \"$pw\"" "masterauth \"$pw\"" >"$dir/cluster-$p/redis.conf") || return 1
    redis-server "$dir/cluster-$p/redis.conf" >>"$SVC_DIR/redis-cluster-$p.log" 2>&1 ||
      { _svc_fail "redis: cluster node $p refused to start" "$SVC_DIR/redis-cluster-$p.log"; return 1; }
  done
  deadline=$(($(_svc_now_ms) + 15000))
  for p in "${ports[@]}" "$sport"; do
    until [ "$(REDISCLI_AUTH=$pw timeout 2 redis-cli --no-auth-warning -h 127.0.0.1 -p "$p" ping 2>/dev/null)" = PONG ]; do
      [ "$(_svc_now_ms)" -lt "$deadline" ] || { _svc_fail "redis: node $p did not answer PING"; return 1; }
      sleep 0.05
    done
  done
  if ! REDISCLI_AUTH=$pw redis-cli --no-auth-warning --cluster create "${ports[@]/#/127.0.0.1:}" \
    --cluster-yes >>"$SVC_DIR/redis-cluster.log" 2>&1; then
    _svc_fail "redis: cluster create failed" "$SVC_DIR/redis-cluster.log"
    return 1
  fi
  for p in "${ports[@]}"; do
    until state=$(REDISCLI_AUTH=$pw redis-cli --no-auth-warning -h 127.0.0.1 -p "$p" cluster info 2>/dev/null) &&
      [[ $state == *cluster_state:ok* ]]; do
      [ "$(_svc_now_ms)" -lt "$deadline" ] || { _svc_fail "redis: the cluster did not become ok" "$SVC_DIR/redis-cluster.log"; return 1; }
      sleep 0.05
    done
  done
  export EIC_TEST_REDIS_SENTINEL_PORT=$sport EIC_TEST_REDIS_CLUSTER_PORTS="${ports[*]}"
  _svc_env_add EIC_TEST_REDIS_SENTINEL_PORT EIC_TEST_REDIS_CLUSTER_PORTS || return 1
  _svc_say "redis sentinel on :$sport (master eic), cluster of 3 masters on ${ports[*]} ($(_svc_elapsed "$t0"))"
}

_svc_stop_redis() {
  local pidfile=$SVC_DIR/redis/redis.pid pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile" 2>/dev/null)
  # SIGTERM is Redis's own clean shutdown; with no save points it writes nothing.
  case "$(cat "/proc/$pid/comm" 2>/dev/null)" in
    redis-server*) _svc_stop_pid "$pid" 5 ;;
  esac
  rm -f -- "$pidfile"
  for pidfile in "$SVC_DIR"/redis/sentinel.pid "$SVC_DIR"/redis/cluster-*/redis.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile" 2>/dev/null)
    case "$(cat "/proc/$pid/comm" 2>/dev/null)" in
      redis-server* | redis-sentinel*) _svc_stop_pid "$pid" 5 ;;
    esac
    rm -f -- "$pidfile"
  done
  return 0
}

# Every process of a keyring session inherits _EIC_SVC_KEYRING_SESSION=its dir.
# Kill every process whose environment carries that tag under PREFIX: the
# D-Bus daemon, gnome-keyring-daemon, anything activated on that bus, and any child the
# command left behind. The environment is read straight from /proc (no process names).
_svc_sweep_tagged() {
  local prefix=$1 p pid kv pids=() deadline
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    if [ "$pid" = "$$" ] || [ "$pid" = "$BASHPID" ]; then continue; fi
    # Some environ files are unreadable even to root (PID 1 here): skip them, and do not
    # let the failed redirection end a caller running under `set -e`.
    while IFS= read -r -d '' kv; do
      case $kv in
        "_EIC_SVC_KEYRING_SESSION=$prefix"*) pids+=("$pid"); break ;;
      esac
    done 2>/dev/null <"$p/environ" || true
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  # Give them a moment to leave on their own (the bus closing makes the keyring exit).
  deadline=$(($(_svc_now_ms) + 1000))
  for pid in "${pids[@]}"; do
    while _svc_alive "$pid" && [ "$(_svc_now_ms)" -lt "$deadline" ]; do sleep 0.05; done
  done
  for pid in "${pids[@]}"; do _svc_stop_pid "$pid" 2; done
  return 0
}

# Runs inside dbus-run-session (in a fresh bash that sourced this file): start the keyring,
# wait until it really stores and returns a secret, then run the command.
_svc_keyring_session() {
  local kdir=${_EIC_SVC_KEYRING_SESSION:-} t0 pw gk deadline rc=0 probe got version
  t0=$(_svc_now_ms)
  unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  pw=$(cat "$kdir/pw") || return 125
  rm -f -- "$kdir/pw"
  # --unlock reads the password on stdin; a non-empty one creates and unlocks the login
  # keyring without a prompt (an empty one tries a GUI prompt and fails).
  printf '%s' "$pw" | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >>"$kdir/keyring.log" 2>&1 &
  gk=$!
  # First wait for the name on the bus: calling secret-tool earlier would make the bus
  # activate a second, locked daemon from the .service file.
  deadline=$(($(_svc_now_ms) + ${SVC_KEYRING_TIMEOUT:-20} * 1000))
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'; do
    if ! _svc_alive "$gk" || [ "$(_svc_now_ms)" -ge "$deadline" ]; then
      _svc_fail "keyring: gnome-keyring-daemon did not appear on the session bus" "$kdir/keyring.log"
      _svc_stop_pid "$gk" 2
      return 125
    fi
    sleep 0.02
  done
  # Then a real round trip, each call bounded: a locked keyring would wait for a prompt.
  probe=$(_svc_secret)
  got=""
  while [ "$(_svc_now_ms)" -lt "$deadline" ]; do
    if printf '%s' "$probe" | timeout 5 secret-tool store --label=eic-probe eic-probe 1 2>>"$kdir/keyring.log"; then
      got=$(timeout 5 secret-tool lookup eic-probe 1 2>>"$kdir/keyring.log") || got=""
      timeout 5 secret-tool clear eic-probe 1 2>>"$kdir/keyring.log" || true
      [ "$got" = "$probe" ] && break
    fi
    sleep 0.1
  done
  if [ "$got" != "$probe" ]; then
    _svc_fail "keyring: secret store/lookup round trip failed" "$kdir/keyring.log"
    _svc_stop_pid "$gk" 2
    return 125
  fi
  version=$(gnome-keyring-daemon --version 2>/dev/null | awk 'NR==1{print $2}')
  _svc_say "keyring gnome-keyring ${version:-?} unlocked, HOME=$HOME ($(_svc_elapsed "$t0"))"
  export EIC_TEST_KEYRING=1
  "$@" || rc=$?
  _svc_stop_pid "$gk" 2
  return "$rc"
}

# svc_with_keyring CMD [ARGS...]: run CMD in its own D-Bus session with an unlocked
# gnome-keyring, a fresh HOME and fresh XDG dirs under DIR. Returns CMD's exit status,
# or 125 if the keyring could not be started. Nothing of the session outlives it.
svc_with_keyring() {
  _svc_require_init || return 1
  if [ $# -eq 0 ]; then
    _svc_say "usage: svc_with_keyring CMD [ARGS...]"
    return 2
  fi
  local kdir home dbusd tool rc=0
  dbusd=$(command -v dbus-daemon) || { _svc_fail "keyring: dbus-daemon not found (run scripts/setup)"; return 1; }
  for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
    command -v "$tool" >/dev/null || { _svc_fail "keyring: $tool not found (run scripts/setup)"; return 1; }
  done
  kdir=$(mktemp -d "$SVC_DIR/keyring.XXXXXX") || return 1
  home=$kdir/home
  mkdir -p -- "$home/.local/share" "$home/.config" "$home/.cache" "$kdir/runtime" || return 1
  chmod 700 -- "$kdir" "$kdir/runtime" || return 1
  (umask 077 && _svc_secret >"$kdir/pw") || return 1
  # dbus-run-session starts this instead of dbus-daemon, so the daemon's warnings (as root:
  # "Failed to set fd limit") go to a log and not into the command's output.
  cat >"$kdir/dbus-daemon" <<EOF || return 1
#!/bin/sh
exec '$dbusd' "\$@" 2>>"\$_EIC_SVC_KEYRING_SESSION/dbus.log"
EOF
  chmod 755 -- "$kdir/dbus-daemon" || return 1
  # bash -c (not a function) because dbus-run-session needs a program; it sources this
  # file again to get _svc_keyring_session. $1 and $@ belong to that inner bash.
  # shellcheck disable=SC2016
  HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config \
    XDG_CACHE_HOME=$home/.cache XDG_RUNTIME_DIR=$kdir/runtime \
    SVC_DIR=$SVC_DIR _EIC_SVC_KEYRING_SESSION=$kdir \
    dbus-run-session --dbus-daemon="$kdir/dbus-daemon" -- \
    bash -c 'source "$1" && shift && _svc_keyring_session "$@"' svc-keyring "$_SVC_LIB" "$@" ||
    rc=$?
  _svc_sweep_tagged "$kdir"
  return "$rc"
}

# svc_stop_all: stop whatever was started and remove DIR. Quiet, idempotent, always 0, so
# it is safe in an EXIT trap after a start that failed half-way.
svc_stop_all() {
  local dir=${SVC_DIR:-}
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  {
    _svc_sweep_tagged "$dir/keyring."
    _svc_stop_redis
    _svc_stop_postgres
  } >/dev/null 2>&1 || true
  if [ -f "$dir/$_SVC_MARKER" ]; then rm -rf -- "$dir" 2>/dev/null || true; fi
  SVC_DIR=""
  # Stale connection details would point a later svc_sample_data (or a test) at nothing.
  unset EIC_TEST_PGHOST EIC_TEST_PGPORT EIC_TEST_PGUSER EIC_TEST_PGPASSWORD \
    EIC_TEST_PGDATABASE EIC_TEST_REDIS_HOST EIC_TEST_REDIS_PORT EIC_TEST_REDIS_PASSWORD \
    EIC_TEST_REDIS_TLS_PORT EIC_TEST_REDIS_ACL_USER EIC_TEST_REDIS_ACL_PASSWORD \
    EIC_TEST_REDIS_RO_USER EIC_TEST_REDIS_RO_PASSWORD EIC_TEST_CA EIC_TEST_OTHER_CA \
    EIC_TEST_REDIS_SENTINEL_PORT EIC_TEST_REDIS_CLUSTER_PORTS
  return 0
}

# svc_sample_data: a little data in whatever was started, shaped like an integration
# cell's: PostgreSQL schemas edc and policy (7 tables, FKs across schemas, indexes, a
# sequence, a view; 789 rows, deterministic, so tests can count them), Redis keys of every
# type, some with TTLs (42 in db 0, 2 in db 1). Loading again replaces it.
svc_sample_data() {
  _svc_require_init || return 1
  local t0 rows keys db out done_any=0 parts=()
  t0=$(_svc_now_ms)
  if [ -n "${EIC_TEST_PGPORT:-}" ]; then
    if ! out=$(PGPASSWORD=$EIC_TEST_PGPASSWORD "$SVC_PG_BIN/psql" -X -q -1 -v ON_ERROR_STOP=1 \
      -h "$EIC_TEST_PGHOST" -p "$EIC_TEST_PGPORT" -U "$EIC_TEST_PGUSER" -d "$EIC_TEST_PGDATABASE" \
      -At <"$_SVC_SAMPLES/sample.sql" 2>&1
    ); then
      printf '%s\n' "$out" >>"$SVC_DIR/pg.log"
      _svc_fail "sample data: loading PostgreSQL failed" "$SVC_DIR/pg.log"
      return 1
    fi
    rows=$(printf '%s\n' "$out" | tail -n 1)
    parts+=("postgres $rows rows in schemas edc, policy")
    done_any=1
  fi
  if [ -n "${EIC_TEST_REDIS_PORT:-}" ]; then
    if ! out=$(_svc_redis_sample_commands | REDISCLI_AUTH=$EIC_TEST_REDIS_PASSWORD redis-cli \
      --no-auth-warning -h "$EIC_TEST_REDIS_HOST" -p "$EIC_TEST_REDIS_PORT" 2>&1) ||
      printf '%s\n' "$out" | grep '^\((error) \)\?\(ERR\|WRONGTYPE\|NOAUTH\)' >/dev/null; then
      printf '%s\n' "$out" >>"$SVC_DIR/redis.log"
      _svc_fail "sample data: loading Redis failed" "$SVC_DIR/redis.log"
      return 1
    fi
    keys=$(for db in 0 1; do
      REDISCLI_AUTH=$EIC_TEST_REDIS_PASSWORD redis-cli --no-auth-warning -h "$EIC_TEST_REDIS_HOST" \
        -p "$EIC_TEST_REDIS_PORT" -n "$db" dbsize
    done | paste -sd' ')
    parts+=("redis ${keys% *} keys in db 0, ${keys#* } in db 1")
    done_any=1
  fi
  if [ "$done_any" -ne 1 ]; then
    _svc_fail "sample data: start postgres or redis first"
    return 1
  fi
  _svc_say "sample data: ${parts[0]}${parts[1]:+; ${parts[1]}} ($(_svc_elapsed "$t0"))"
}

# The Redis side of the sample data, as redis-cli input lines: the policy engine's kind of
# keys.
_svc_redis_sample_commands() {
  grep -v '^#' -- "$_SVC_SAMPLES/sample.redis"
}
