#!/usr/bin/env bash
# Benchmarks ingest, rollups and report queries against the naive-SQL baseline, in one run over one data set.
#   benchmarks/run.sh [--events 10000000] [--teams 50] [--days 30] [--keep] [--no-build]
#                     [--api-port 18080] [--worker-port 18081] [--raw-api-port 18083]
#                     [--api-memory 1g] [--worker-memory 768m] [--workers 1] [--pg-host 127.0.0.1] [--pg-port 5432]
#                     [--pg-user postgres] [--citus] [--label name]
#                     [any option of the Java main, e.g. --runs 20 --sustain-seconds 60]
#     --keep         keep the database gateway_reports_bench instead of dropping it; the run then adds events
#                    with a new seed (the same seed would only measure duplicates)
#     --no-build     use the jars already built
#     --api-port, --worker-port   where report-api and aggregation-worker listen (defaults stay clear of the
#                    8080-8082 of deploy/local/up.sh, which may be running); each service's operations
#                    endpoints (/q/health, /q/metrics) are on its port + 1000
#     --raw-api-port where a second report-api listens whose engine reads raw events only
#                    (REPORTS_STATS_RAW_BELOW=P36500D): the baseline of the report-generation timings
#     --api-memory, --worker-memory   the memory limit of report-api and aggregation-worker, as their JVM
#                    manifests give it (deploy/k8s/components/jvm: 1Gi, 768Mi); the JVM gets -XX:MaxRAM=<limit>
#                    -XX:MaxRAMPercentage=50 (the heap at 50 %, as the manifests assume) and exits on an
#                    OutOfMemoryError; "none" runs it with the JVM's default heap. Peak RSS is printed per service
#     --workers      aggregation-worker replicas (default 1), each with --worker-memory, on --worker-port, +10, +20, …
#     --pg-host, --pg-port, --pg-user   the PostgreSQL the run uses (database gateway_reports_bench)
#     --citus        run against a Citus coordinator on 127.0.0.1 (default port 5441): the database is made by
#                    deploy/citus/run.sh db (unless --keep) instead of dropped and created here; report-api's
#                    migrations distribute the tables (see benchmarks/README.md)
#     --label        a name for this run's column in benchmarks/compare.sh (default postgres, or citus)
#   Passed on to the Java main: --seed 42 --parallel 3 --batch 10000 --copy-events 1000000 --runs 20 --probes 20
#     --zone America/New_York --small-events <events/10> --sustain-seconds <600 at 10M events or more, else 60>
# Needs a JDK >= 21, curl, and PostgreSQL (by default on 127.0.0.1:5432) that takes its user without a password.
# Prints one Markdown table and writes it to benchmarks/target/results.md; logs in benchmarks/target/logs/.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
TARGET="$BENCH_DIR/target"
LOGS="$TARGET/logs"
DB_NAME=${BENCH_DB:-gateway_reports_bench}
ORG=org_bench
PROBE_ORG=org_bench_probe

EVENTS=10000000 TEAMS=50 DAYS=30 KEEP=0 BUILD=1 API_PORT=18080 WORKER_PORT=18081 RAW_API_PORT=18083
WORKERS=1 API_MEMORY=1g WORKER_MEMORY=768m PG_HOST=127.0.0.1 PG_PORT="" DB_USER=postgres CITUS=0 LABEL=""
PASS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events) EVENTS=${2:?--events needs a number}; shift ;;
    --teams) TEAMS=${2:?--teams needs a number}; shift ;;
    --days) DAYS=${2:?--days needs a number}; shift ;;
    --api-port) API_PORT=${2:?--api-port needs a port}; shift ;;
    --worker-port) WORKER_PORT=${2:?--worker-port needs a port}; shift ;;
    --raw-api-port) RAW_API_PORT=${2:?--raw-api-port needs a port}; shift ;;
    --api-memory) API_MEMORY=${2:?--api-memory needs a size}; shift ;;
    --worker-memory) WORKER_MEMORY=${2:?--worker-memory needs a size}; shift ;;
    --workers) WORKERS=${2:?--workers needs a number}; shift ;;
    --pg-host) PG_HOST=${2:?--pg-host needs a host}; shift ;;
    --pg-port) PG_PORT=${2:?--pg-port needs a port}; shift ;;
    --pg-user) DB_USER=${2:?--pg-user needs a user}; shift ;;
    --label) LABEL=${2:?--label needs a name}; shift ;;
    --citus) CITUS=1 ;;
    --keep) KEEP=1 ;;
    --no-build) BUILD=0 ;;
    -h | --help) sed -n '2,28s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    --*) PASS+=("$1" "${2:?$1 needs a value}"); shift ;;
    *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
((CITUS)) && PG_PORT=${PG_PORT:-5441}
PG_PORT=${PG_PORT:-5432}
LABEL=${LABEL:-$( ((CITUS)) && echo citus || echo postgres)}
JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME"

# die, java_major, pick_java (JAVA_HOME if >= 21, else java on the PATH, else the newest under /usr/lib/jvm) and
# memory_options.
# shellcheck source=../deploy/local/lib.sh
source "$ROOT_DIR/deploy/local/lib.sh"

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The services run from a copy of their quarkus-app, so a rebuild by someone else mid-run cannot pull a jar
# from under them.
snapshot() {
  local name=$1
  [[ -f "$ROOT_DIR/$name/target/quarkus-app/quarkus-run.jar" ]] || die "$name is not built; run without --no-build"
  rm -rf "$TARGET/apps/$name"
  mkdir -p "$TARGET/apps"
  cp -a "$ROOT_DIR/$name/target/quarkus-app" "$TARGET/apps/$name"
}

PIDS=()
stop_services() {
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_services EXIT
trap 'exit 130' INT TERM

# start_service <app> <port> <log name> <memory limit> [VAR=value ...]: the extra variables go to that process
# only. Sets STARTED_PID.
start_service() {
  local name=$1 port=$2 log=$3 memory=$4
  shift 4
  local jvm
  jvm=$(memory_options "$memory")
  echo "Starting $log on :$port (operations on :$((port + 1000))), memory $memory${jvm:+ ($jvm)}; log: $LOGS/$log.log"
  # shellcheck disable=SC2086 # the options are words
  env "$@" QUARKUS_PROFILE=local \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_PORT="$((port + 1000))" \
    QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_DATASOURCE_PASSWORD="" \
    QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" \
    "$JAVA" $jvm -jar "$TARGET/apps/$name/quarkus-run.jar" >"$LOGS/$log.log" 2>&1 &
  PIDS+=($!)
  local pid=$!
  STARTED_PID=$pid
  await_ready "$port" "$pid" && return
  tail -n 40 "$LOGS/$log.log" >&2
  die "$log did not become ready on :$port within 120 s (log above)"
}

# Prints a new ingest service key of an organization, minted with an org-admin dev token.
mint_ingest_key() {
  local org=$1 token answer key
  token=$(issue_token "$org" org_admin "admin@$org.example")
  answer=$(curl -sS -X POST "http://localhost:$API_PORT/v1/admin/service-keys" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"name":"bench","scopes":["ingest"]}' -w '\n%{http_code}')
  [[ "${answer##*$'\n'}" == 201 ]] || die "minting an ingest key for $org: $answer"
  key=$(sed -n 's/.*"key"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"${answer%$'\n'*}")
  [[ -n "$key" ]] || die "no key in the answer: ${answer%$'\n'*}"
  echo "$key"
}

# Prints a dev token: issue_token <org> <role> <email> [--team a,b,...]
issue_token() {
  local org=$1 role=$2 email=$3
  shift 3
  tools DevTokens issue --keys "$TARGET/keys" --org "$org" --role "$role" --email "$email" --ttl-hours 12 "$@"
}

tools() {
  local name=$1
  shift
  "$JAVA" -cp "$ROOT_DIR/deploy/target/classes:$ROOT_DIR/deploy/target/lib/*" "dev.gatewayreports.deploy.$name" "$@"
}

bench() {
  local name=$1
  shift
  "$JAVA" -cp "$TARGET/classes:$TARGET/lib/*" "dev.gatewayreports.benchmarks.$name" "$@"
}

main() {
  command -v curl >/dev/null 2>&1 || die "curl is required"
  memory_options "$API_MEMORY" >/dev/null
  memory_options "$WORKER_MEMORY" >/dev/null
  pick_java
  echo "Using $JAVA ($(java_major "$JAVA"))"
  if ((BUILD)); then
    echo "Building (./mvnw -q -B -DskipTests package) ..."
    (cd "$ROOT_DIR" && ./mvnw -q -B -DskipTests package -pl report-api,aggregation-worker,deploy,benchmarks -am)
  fi
  [[ -d "$TARGET/lib" && -d "$ROOT_DIR/deploy/target/lib" ]] || die "not built; run without --no-build"
  port_free "$API_PORT" || die "port $API_PORT is in use (--api-port picks another)"
  [[ "$WORKERS" =~ ^[1-9][0-9]?$ ]] || die "--workers must be 1 to 99, got $WORKERS"
  local w
  for ((w = 0; w < WORKERS; w++)); do
    port_free "$((WORKER_PORT + 10 * w))" || die "port $((WORKER_PORT + 10 * w)) is in use (--worker-port picks another)"
  done
  port_free "$RAW_API_PORT" || die "port $RAW_API_PORT is in use (--raw-api-port picks another)"
  mkdir -p "$LOGS"
  snapshot report-api
  snapshot aggregation-worker
  if ((KEEP)); then
    [[ " ${PASS[*]-} " == *" --seed "* ]] || PASS+=(--seed "$(date +%s)")
  fi
  if ((CITUS)); then
    # The cluster's database needs the citus extension on every node: deploy/citus/run.sh db makes it. report-api
    # then migrates it at start like any other, and the migrations' afterMigrate step distributes the tables.
    [[ -x "$ROOT_DIR/deploy/citus/run.sh" ]] || die "--citus needs deploy/citus/run.sh (not in this tree)"
    [[ "$PG_HOST" == 127.0.0.1 || "$PG_HOST" == localhost ]] || die "--citus: deploy/citus/run.sh serves 127.0.0.1 only"
    if ((KEEP)); then
      echo "Keeping $DB_NAME on the Citus coordinator :$PG_PORT"
    else
      CITUS_DB=$DB_NAME COORD_PORT=$PG_PORT "$ROOT_DIR/deploy/citus/run.sh" db
    fi
  elif ((KEEP)); then
    bench BenchDatabase ensure "$JDBC_URL" "$DB_USER"
  else
    bench BenchDatabase reset "$JDBC_URL" "$DB_USER"
  fi
  tools DevTokens init "$TARGET/keys" >/dev/null
  PUBLIC_KEY=$(tools DevTokens public-key "$TARGET/keys")
  # report-api first: it migrates the schema, the worker only validates it.
  local api_pid worker_pid
  start_service report-api "$API_PORT" report-api "$API_MEMORY"
  api_pid=$STARTED_PID
  start_service aggregation-worker "$WORKER_PORT" aggregation-worker "$WORKER_MEMORY"
  worker_pid=$STARTED_PID
  # More worker replicas (--workers): ports WORKER_PORT+10, +20, …; they share the queue as replicas do (SKIP
  # LOCKED claims, team locks). The benchmark samples the first one's metrics and every one's memory.
  for ((w = 2; w <= WORKERS; w++)); do
    start_service aggregation-worker "$((WORKER_PORT + 10 * (w - 1)))" "aggregation-worker-$w" "$WORKER_MEMORY"
    worker_pid="$worker_pid,$STARTED_PID"
  done
  # The reports' baseline: the same report-api, its engine reading raw events for every window (no rollups, no
  # pending batches); it leaves the schema to the first one. A baseline, not a deployed service: default heap.
  start_service report-api "$RAW_API_PORT" report-api-raw none REPORTS_STATS_RAW_BELOW=P36500D \
    QUARKUS_FLYWAY_MIGRATE_AT_START=false
  local ingest_key probe_key member_token admin_token revision status
  ingest_key=$(mint_ingest_key "$ORG")
  # The probes' team lives in another organization, so $ORG holds exactly the generated teams.
  probe_key=$(mint_ingest_key "$PROBE_ORG")
  # Report tokens: a member of every generated team (team_01 …), and an org admin for team_id all.
  member_token=$(issue_token "$ORG" member "member@$ORG.example" --team "$(seq -f 'team_%02g' -s, 1 "$TEAMS")")
  admin_token=$(issue_token "$ORG" org_admin "admin@$ORG.example")
  revision="$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git -C "$ROOT_DIR" diff --quiet HEAD 2>/dev/null || revision="$revision + uncommitted changes"
  set +e
  BENCH_INGEST_KEY="$ingest_key" BENCH_PROBE_KEY="$probe_key" BENCH_MEMBER_TOKEN="$member_token" \
    BENCH_ADMIN_TOKEN="$admin_token" bench Benchmark --api "http://localhost:$API_PORT" \
    --worker "http://localhost:$((WORKER_PORT + 1000))" --raw-api "http://localhost:$RAW_API_PORT" --jdbc "$JDBC_URL" \
    --db-user "$DB_USER" --events "$EVENTS" \
    --teams "$TEAMS" --days "$DAYS" --work-dir "$TARGET" --org "$ORG" --probe-org "$PROBE_ORG" \
    --revision "$revision" --label "$LABEL" --api-pid "$api_pid" --api-memory "$API_MEMORY" \
    --worker-pid "$worker_pid" --worker-memory "$WORKER_MEMORY" \
    ${PASS[@]+"${PASS[@]}"} 2>&1 | tee "$LOGS/benchmark.log"
  status=${PIPESTATUS[0]}
  set -e
  echo "Stopping the services"
  stop_services
  return "$status"
}

main
