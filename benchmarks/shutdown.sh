#!/usr/bin/env bash
# Checks report-api's graceful shutdown with the packaged jar: SIGTERM while ingest batches are in flight, as a
# rolling update or a scale-down sends it. Per round it starts report-api (the manifest's memory, the production
# profile's shutdown timeout of 20 s), posts 3 NDJSON batches of 10,000 new events at once, sends SIGTERM after
# --delay seconds, and then wants every batch answered 200 with all its events accepted and stored exactly once.
# A request posted just after the signal is reported too. Exits 1 when a round fails.
#   benchmarks/shutdown.sh --db gateway_reports_bench [--rounds 3] [--delay 0.2] [--api-memory 1g]
# Needs the jars and keys of an earlier run.sh (benchmarks/target/apps, benchmarks/target/keys) and a database that
# run.sh kept (--keep): its organization org_bench and teams team_01..team_50. The events (one run_id per round,
# at the window's last midnight UTC) stay in that database. Uses 127.0.0.1:5432 as user postgres (PGHOST, PGPORT,
# PGUSER override).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")
TARGET="$BENCH_DIR/target"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=""
ROUNDS=3
DELAY=0.2
MEMORY=1g
PORT=18095
while [[ $# -gt 0 ]]; do
  case $1 in
    --db) DB=${2:?--db needs a database}; shift ;;
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift ;;
    --delay) DELAY=${2:?--delay needs seconds}; shift ;;
    --api-memory) MEMORY=${2:?--api-memory needs a size}; shift ;;
    -h | --help) sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ -n "$DB" ]] || { echo "error: --db is required (see --help)" >&2; exit 2; }

# shellcheck source=../deploy/local/lib.sh
source "$ROOT_DIR/deploy/local/lib.sh"
pick_java
APP="$TARGET/apps/report-api/quarkus-run.jar"
[[ -f "$APP" && -d "$TARGET/keys" ]] || die "run benchmarks/run.sh once first (no $APP or keys)"
PUBLIC_KEY=$(tool DevTokens public-key "$TARGET/keys")
TOKEN=$(tool DevTokens issue --keys "$TARGET/keys" --org org_bench --role ingest --email gateway@org_bench.example \
  --ttl-hours 1)
WORK=$(mktemp -d)
LOG="$TARGET/logs/shutdown-report-api.log"
mkdir -p "$TARGET/logs"
sql() { psql -X -Atq -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
DAY=$(sql -c "select to_char(date_trunc('day', max(occurred_at) at time zone 'UTC'), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
    from usage_event where org_id = 'org_bench'")
[[ -n "$DAY" ]] || die "$DB holds no events of org_bench: keep a benchmark run's database (run.sh --keep)"

API=""
cleanup() {
  [[ -n "$API" ]] && kill -KILL "$API" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

post() { # post <file> <out>: prints the HTTP status
  curl -s -o "$2" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$1" "http://localhost:$PORT/v1/usage/events" || true # curl prints 000 when cut off
}

failed=0
echo "| round | SIGTERM after | batches answered (HTTP, accepted) | last answer after | stored / sent | a request 0.2 s after SIGTERM | exit after |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  run="shutdown-$(date +%s%N)"
  for b in 1 2 3; do
    awk -v run="$run" -v b="$b" -v day="$DAY" 'BEGIN {
      for (i = 0; i < 10000; i++)
        printf "{\"request_id\":\"%s-%d-%d\",\"occurred_at\":\"%s\",\"team_id\":\"team_%02d\",\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-5\",\"status\":\"success\",\"latency_ms\":%d,\"run_id\":\"%s\",\"input_tokens\":10,\"output_tokens\":5}\n",
          run, b, i, day, i % 50 + 1, 100 + i % 900, run }' >"$WORK/batch-$b.ndjson"
  done
  # shellcheck disable=SC2046 # the options are words
  QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_SHUTDOWN_TIMEOUT=20s \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
    QUARKUS_DATASOURCE_PASSWORD="" QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_FLYWAY_MIGRATE_AT_START=false \
    "$JAVA" $(memory_options "$MEMORY") -jar "$APP" >"$LOG" 2>&1 &
  API=$!
  await_ready "$PORT" "$API" || die "report-api did not become ready on :$PORT (log: $LOG)"
  head -n 100 "$WORK/batch-1.ndjson" | sed "s/$run/$run-warm/g" >"$WORK/warm.ndjson"
  [[ $(post "$WORK/warm.ndjson" "$WORK/warm.json") == 200 ]] || die "report-api did not take a warm-up batch (log: $LOG)"
  start=$(date +%s%N)
  for b in 1 2 3; do
    (post "$WORK/batch-$b.ndjson" "$WORK/answer-$b.json" >"$WORK/status-$b"; date +%s%N >"$WORK/done-$b") &
  done
  sleep "$DELAY"
  kill -TERM "$API"
  signalled=$(date +%s%N)
  sleep 0.2
  late=$(post "$WORK/warm.ndjson" "$WORK/late.json")
  wait $(jobs -p | grep -v "^$API$") 2>/dev/null || true
  wait "$API" 2>/dev/null || true
  exited=$(date +%s%N)
  API=""
  answers="" last=0 ok=1
  for b in 1 2 3; do
    status=$(cat "$WORK/status-$b")
    accepted=$(sed -n 's/.*"accepted":\([0-9]*\).*/\1/p' "$WORK/answer-$b.json" 2>/dev/null || true)
    answers+="${answers:+, }$status ${accepted:-–}"
    [[ $status == 200 && ${accepted:-0} == 10000 ]] || ok=0
    done_at=$(cat "$WORK/done-$b")
    ((done_at > last)) && last=$done_at
  done
  stored=$(sql -c "select count(*) || ' / 30000' || case when count(*) = count(distinct request_id) then '' else ' (duplicates!)' end
      from usage_event where org_id = 'org_bench' and occurred_at = '$DAY' and run_id = '$run'")
  [[ $stored == "30000 / 30000" ]] || ok=0
  ms() { echo "$(( ($1 - start) / 1000000 )) ms"; }
  echo "| $round | $(ms "$signalled") | $answers | $(ms "$last") | $stored | $late | $(ms "$exited") |"
  ((ok)) || failed=1
done
if ((failed)); then
  echo "FAILED: a batch in flight at SIGTERM was not answered 200 and stored whole (log: $LOG)"
  exit 1
fi
echo "Every batch in flight at SIGTERM was answered 200 and stored exactly once."
