#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 and runs the database backup/restore benchmark against it.
# Usage: bench/pg_engine.sh [BUILD_DIR] [--size-mb N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; shift || true
# shellcheck source=../scripts/lib/services.sh
source scripts/lib/services.sh
trap svc_stop_all EXIT
svc_init "$(mktemp -d /tmp/eic-bench.XXXXXX)"
svc_start_postgres
"$build/bin/bench-pg-engine" "$@"
