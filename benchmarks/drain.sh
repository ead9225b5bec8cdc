#!/usr/bin/env bash
# Measures the worker's fold alone on a fixed backlog: every event of a database a benchmark run kept (run.sh
# --keep) made pending again, drained by one packaged aggregation-worker with the manifest's memory, from a fresh
# copy each run. Prints per run the events folded per second, the CPU per event of the worker and of the database's
# backends (from /proc), and the worker's peak RSS; where PostgreSQL loads pg_stat_statements, the fold's
# statements by total time.
#   benchmarks/drain.sh --db gateway_reports_bench [--runs 3] [--worker-memory 768m] [--keep-template]
#                       [VAR=value ...]   (environment of the worker, e.g. AGGREGATION_EVENTS_PER_CYCLE=150000)
# Needs the jars and keys of an earlier run.sh (benchmarks/target/apps, benchmarks/target/keys) and psql on the
# PATH; uses 127.0.0.1:5432 as user postgres (PGHOST, PGPORT, PGUSER override). The copies are <db>_drain_tpl and
# <db>_drain, dropped at the end (the template kept with --keep-template). Reading: deploy/SCALING.md §2a.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")
TARGET="$BENCH_DIR/target"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
SOURCE=""
RUNS=3
MEMORY=768m
KEEP_TEMPLATE=0
ENV=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --db) SOURCE=${2:?--db needs a database}; shift ;;
    --runs) RUNS=${2:?--runs needs a number}; shift ;;
    --worker-memory) MEMORY=${2:?--worker-memory needs a size}; shift ;;
    --keep-template) KEEP_TEMPLATE=1 ;;
    -h | --help) sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *=*) ENV+=("$1") ;;
    *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ -n "$SOURCE" ]] || { echo "error: --db is required (see --help)" >&2; exit 2; }

# shellcheck source=../deploy/local/lib.sh
source "$ROOT_DIR/deploy/local/lib.sh"
pick_java
JVM_OPTIONS=$(memory_options "$MEMORY")
APP="$TARGET/apps/aggregation-worker/quarkus-run.jar"
[[ -f "$APP" && -d "$TARGET/keys" ]] || die "run benchmarks/run.sh once first (no $APP or keys)"
PUBLIC_KEY=$(tool DevTokens public-key "$TARGET/keys")
TEMPLATE="${SOURCE}_drain_tpl"
RUN_DB="${SOURCE}_drain"
LOG="$TARGET/logs/drain-worker.log"
mkdir -p "$TARGET/logs"
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -Atq -v ON_ERROR_STOP=1 "$@"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pending() { sql -d "$RUN_DB" -c "select coalesce(sum(event_count), 0) from ingest_batch where rolled_up_at is null"; }

WORKER=""
cleanup() {
  [[ -n "$WORKER" ]] && kill "$WORKER" 2>/dev/null && wait "$WORKER" 2>/dev/null
  sql -d postgres -c "drop database if exists $RUN_DB" || true
  if [[ $KEEP_TEMPLATE == 0 ]]; then sql -d postgres -c "drop database if exists $TEMPLATE" || true; fi
}
trap cleanup EXIT

if [[ $(sql -d postgres -c "select count(*) from pg_database where datname = '$TEMPLATE'") == 0 ]]; then
  echo "Making $TEMPLATE: $SOURCE with every rollup and kept list emptied and every batch pending"
  sql -d postgres -c "create database $TEMPLATE template $SOURCE"
  tables=$(sql -d "$TEMPLATE" -c "select string_agg(relname, ', ' order by relname) from pg_class
      where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relispartition
        and (relname like 'rollup\_%' or relname in ('slowest_request', 'newest_error'))")
  sql -d "$TEMPLATE" -c "truncate $tables" \
    -c "update ingest_batch set rolled_up_at = null, slowest_kept = false, errors_kept = false" \
    -c "vacuum analyze"
fi
STATEMENTS=$(sql -d postgres -c "select count(*) from pg_settings
    where name = 'shared_preload_libraries' and setting like '%pg_stat_statements%'")

echo "| run | events | s | events/s | worker µs CPU/event | backends µs CPU/event | worker peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for run in $(seq 1 "$RUNS"); do
  sql -d postgres -c "drop database if exists $RUN_DB" -c "create database $RUN_DB template $TEMPLATE"
  if [[ $STATEMENTS == 1 ]]; then
    sql -d "$RUN_DB" -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" \
      >/dev/null
  fi
  total=$(pending)
  # shellcheck disable=SC2086 # the options are words
  env "${ENV[@]}" QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=28081 QUARKUS_MANAGEMENT_PORT=29081 \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$RUN_DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
    QUARKUS_DATASOURCE_PASSWORD="" QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" \
    "$JAVA" $JVM_OPTIONS -jar "$APP" >"$LOG" 2>&1 &
  WORKER=$!
  # Timed from the first claim's commit, so JVM start-up is not in the figures (nor that claim's events).
  while events=$(pending) && [[ $events == "$total" ]]; do
    kill -0 "$WORKER" 2>/dev/null || die "the worker stopped; see $LOG"
    sleep 0.2
  done
  start=$(date +%s.%N)
  worker_start=$(cpu_ticks "$WORKER")
  while [[ $(pending) != 0 ]]; do
    kill -0 "$WORKER" 2>/dev/null || die "the worker stopped; see $LOG"
    sleep 0.5
  done
  end=$(date +%s.%N)
  worker_cpu=$(($(cpu_ticks "$WORKER") - worker_start))
  backends_cpu=0
  for pid in $(sql -d postgres -c "select pid from pg_stat_activity where datname = '$RUN_DB'
      and pid <> pg_backend_pid()"); do
    backends_cpu=$((backends_cpu + $(cpu_ticks "$pid")))
  done
  rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$WORKER/status")
  kill "$WORKER"
  wait "$WORKER" 2>/dev/null || true
  WORKER=""
  awk -v run="$run" -v n="$events" -v a="$start" -v b="$end" -v w="$worker_cpu" -v p="$backends_cpu" -v r="$rss" \
    'BEGIN { d = b - a; printf "| %d | %d | %.1f | %.0f | %.1f | %.1f | %s |\n", run, n, d, n / d,
             w / 100 / n * 1e6, p / 100 / n * 1e6, r }'
  if [[ $STATEMENTS == 1 ]]; then
    echo
    echo "| calls | s | rows | statement |"
    echo "|---|---|---|---|"
    sql -d "$RUN_DB" -F ' | ' -c "select calls, round(total_exec_time::numeric / 1000, 2), rows,
        left(regexp_replace(query, '\s+', ' ', 'g'), 70) from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database()) and total_exec_time > 50
        order by total_exec_time desc limit 15" | sed 's/^/| /; s/$/ |/'
    echo
  fi
done
