#!/usr/bin/env bash
# Starts the whole product on this machine: Postgres and a mail sink (LocalEnvironment), the three services,
# an org admin with three teams and an ingest key, ~150,000 demo events, two demo alerts and a demo schedule with a
# webhook (to a local receiver).
#   deploy/local/up.sh [--no-build] [--reload] [--embedded] [--events N]
#     --no-build   use the jars already in */target
#     --reload     load a new set of demo events even if one was loaded before
#     --embedded   use an embedded Postgres even if one answers on 127.0.0.1:5432
#     --events N   how many demo events to load (default 150000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUILD=1 RELOAD=0 EMBEDDED=() EVENTS=150000 STARTED_ENVIRONMENT=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --reload) RELOAD=1 ;;
    --embedded) EMBEDDED=(--embedded) ;;
    --events) EVENTS=${2:?--events needs a number}; shift ;;
    -h | --help) sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

ORG=org_demo
ADMIN_EMAIL=admin@demo.example
TEAMS=(team_platform:Platform team_research:Research team_growth:Growth)
API=http://localhost:8080

build() {
  if ((BUILD)); then
    echo "Building (./mvnw -q -B -DskipTests package) ..."
    (cd "$ROOT_DIR" && ./mvnw -q -B -DskipTests package)
  fi
  local entry
  for entry in "${SERVICES[@]}"; do
    [[ -f "$ROOT_DIR/${entry%%:*}/target/quarkus-app/quarkus-run.jar" ]] \
      || die "${entry%%:*} is not built; run without --no-build"
  done
}

start_local_environment() {
  local pid_file="$STATE_DIR/local-env.pid"
  if running "$pid_file"; then
    echo "LocalEnvironment already running (pid $(cat "$pid_file"))"
  else
    echo "Starting LocalEnvironment (Postgres, SMTP/IMAP); log: $STATE_DIR/local-env.log"
    STARTED_ENVIRONMENT=1
    nohup "$JAVA" -cp "$TOOLS_CP" dev.gatewayreports.deploy.LocalEnvironment --state "$STATE_DIR" \
      ${EMBEDDED[@]+"${EMBEDDED[@]}"} >"$STATE_DIR/local-env.log" 2>&1 &
    echo $! >"$pid_file"
  fi
  for _ in $(seq 1 240); do
    [[ -f "$STATE_DIR/env" ]] && return
    running "$pid_file" || break
    sleep 0.5
  done
  tail -n 40 "$STATE_DIR/local-env.log" >&2
  die "LocalEnvironment did not become ready (see $STATE_DIR/local-env.log)"
}

start_service() {
  local name=$1 port=$2 pid_file="$STATE_DIR/$1.pid" jar="$ROOT_DIR/$1/target/quarkus-app/quarkus-run.jar"
  if running "$pid_file" && [[ "$jar" -nt "$pid_file" ]]; then
    echo "$name was rebuilt since it started: restarting it"
    stop_pid "$pid_file" "$name"
  elif running "$pid_file"; then
    echo "$name already running (pid $(cat "$pid_file")) on :$port"
    return
  fi
  # scheduler-service calls report-api with a report_service token (no OIDC provider locally) and mails to the sink.
  local extra=()
  if [[ "$name" == scheduler-service ]]; then
    extra=(REPORTS_SCHEDULER_REPORT_API_URL="$API" REPORTS_SCHEDULER_REPORT_API_TOKEN="$SCHEDULER_TOKEN")
  fi
  # report-api seals alert webhook secrets with this key, scheduler-service opens them to sign: the same key.
  if [[ "$name" == report-api || "$name" == scheduler-service ]]; then
    extra+=(REPORTS_SECRETS_KEY="$SECRETS_KEY")
  fi
  echo "Starting $name on :$port (operations on :$((port + 1000))); log: $STATE_DIR/$name.log"
  QUARKUS_PROFILE=local \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_PORT="$((port + 1000))" \
    QUARKUS_DATASOURCE_JDBC_URL="$GR_JDBC_URL" \
    QUARKUS_DATASOURCE_USERNAME="$GR_DB_USER" \
    QUARKUS_DATASOURCE_PASSWORD="$GR_DB_PASSWORD" \
    QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" \
    QUARKUS_MAILER_HOST="$GR_SMTP_HOST" \
    QUARKUS_MAILER_PORT="$GR_SMTP_PORT" \
    nohup env ${extra[@]+"${extra[@]}"} "$JAVA" -jar "$jar" >"$STATE_DIR/$name.log" 2>&1 &
  echo $! >"$pid_file"
}

wait_ready() {
  local name=$1 port=$2 pid_file="$STATE_DIR/$1.pid"
  await_ready "$port" "$(cat "$pid_file" 2>/dev/null)" && return
  echo "--- last lines of $STATE_DIR/$name.log" >&2
  tail -n 40 "$STATE_DIR/$name.log" >&2
  # A Quarkus app that failed to start can linger without listening; stop it so that a re-run starts it afresh.
  stop_pid "$pid_file" "$name"
  die "$name did not become ready on :$port within 120 s (log above; the rest keeps running, re-run up.sh after a fix)"
}

# POST with the admin token; prints the body, then the status code on a line of its own.
admin_post() {
  curl -sS -X POST "$API$1" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "$2" -w '\n%{http_code}'
}

create_teams() {
  local entry answer status
  for entry in "${TEAMS[@]}"; do
    answer=$(admin_post /v1/admin/teams "{\"team_id\":\"${entry%%:*}\",\"name\":\"${entry#*:}\"}")
    status=${answer##*$'\n'}
    case "$status" in
      201) echo "Created team ${entry%%:*}" ;;
      409) echo "Team ${entry%%:*} exists" ;;
      *) die "creating team ${entry%%:*}: HTTP $status ${answer%$'\n'*}" ;;
    esac
  done
}

# Reuses the saved ingest key while report-api still accepts it (an empty batch answers 400, a dead key 401).
ingest_key() {
  local key_file="$STATE_DIR/ingest-key" status answer
  if [[ -s "$key_file" ]]; then
    status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$API/v1/usage/events" \
      -H "Authorization: Bearer $(cat "$key_file")" -H 'Content-Type: application/x-ndjson' --data-binary '')
    [[ "$status" != 401 && "$status" != 403 ]] && return
  fi
  answer=$(admin_post /v1/admin/service-keys '{"name":"demo ingest","scopes":["ingest"]}')
  [[ "${answer##*$'\n'}" == 201 ]] || die "creating the ingest key: ${answer}"
  sed -n 's/.*"key"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"${answer%$'\n'*}" >"$key_file"
  [[ -s "$key_file" ]] || die "no key in the answer: ${answer%$'\n'*}"
  chmod 600 "$key_file"
  echo "Created an ingest service key"
}

load_demo_data() {
  local marker="$STATE_DIR/demo-loaded" seed=42 team_ids
  if [[ -f "$marker" ]] && ((!RELOAD)); then
    echo "Demo data already loaded ($(cat "$marker")); --reload loads a new set"
    return
  fi
  [[ -f "$marker" ]] && seed=$(date +%s)
  team_ids=$(printf '%s,' "${TEAMS[@]%%:*}")
  echo "Loading $EVENTS demo events (seed $seed) ..."
  tool DemoData --url "$API" --key "$(cat "$STATE_DIR/ingest-key")" --teams "${team_ids%,}" \
    --events "$EVENTS" --days 14 --seed "$seed" --zone Europe/Berlin
  echo "$EVENTS events, seed $seed, $(date -u +%FT%TZ)" >"$marker"
}

# GET with the admin token; prints the body.
admin_get() {
  curl -sS -f "$API$1" -H "Authorization: Bearer $ADMIN_TOKEN"
}

# Two demo alerts, made through the API as a user would (once: skipped when they exist): team_platform's spend over
# the last day above half of what it spent yesterday (so it fires on the demo data), and an organization budget.
demo_alerts() {
  local existing yesterday threshold answer
  existing=$(admin_get /v1/alerts) || die "listing alerts failed"
  if grep -q '"Platform daily spend"' <<<"$existing"; then
    echo "Demo alerts exist"
    return
  fi
  yesterday=$( (admin_get '/v1/reports/quick/cost?days=1&team_id=team_platform' || true) \
    | grep -o '"total_cost_usd"[[:space:]]*:[[:space:]]*[0-9.]*' | head -n 1 | sed 's/.*://; s/[[:space:]]//g' \
    || true)
  threshold=$(awk -v c="${yesterday:-0}" 'BEGIN { t = c / 2; if (t < 1) t = 1; printf "%.2f", t }')
  answer=$(admin_post /v1/alerts "{\"name\":\"Platform daily spend\",\"team_id\":\"team_platform\",
    \"measure\":\"cost_usd\",\"window\":\"last_day\",\"comparison\":\"gt\",\"threshold\":\"$threshold\",
    \"timezone\":\"Europe/Berlin\",\"for_minutes\":0,\"recipients\":[\"platform-leads@demo.example\"]}")
  [[ "${answer##*$'\n'}" == 201 ]] || die "creating the team alert: ${answer}"
  answer=$(admin_post /v1/alerts "{\"name\":\"Organization monthly budget\",\"kind\":\"budget\",
    \"measure\":\"cost_usd\",\"window\":\"month_to_date\",\"comparison\":\"gte\",\"threshold\":\"5000\",
    \"timezone\":\"Europe/Berlin\",\"recipients\":[\"$ADMIN_EMAIL\"]}")
  [[ "${answer##*$'\n'}" == 201 ]] || die "creating the organization budget: ${answer}"
  echo "Created demo alerts: team_platform cost over last_day > \$$threshold, organization budget \$5000/month"
}

# A demo schedule with a webhook (once: skipped when team_platform has one): its daily cost report by e-mail and to
# LocalEnvironment's webhook receiver, at the next whole minute but one in Berlin, so its first delivery by each
# channel shows on the dashboard's Schedules page within about two minutes. The signing secret, answered this once,
# is kept in $STATE_DIR/webhook-secret for the signature recipe (docs/webhooks.md).
demo_schedule() {
  local existing at answer secret
  [[ -n "${GR_HOOK_URL:-}" ]] || { echo "No webhook receiver (LocalEnvironment predates it): no demo schedule"; return; }
  existing=$(admin_get '/v1/reports/preferences/all?team_id=team_platform') || die "listing schedules failed"
  if grep -q '"webhook_url":"http' <<<"$existing"; then
    echo "Demo schedule exists"
    return
  fi
  at=$(TZ=Europe/Berlin date -d '+2 minutes' +%H:%M)
  answer=$(admin_post /v1/reports/schedule "{\"team_id\":\"team_platform\",\"report_type\":\"cost\",
    \"frequency\":\"daily\",\"schedule_time\":\"$at\",\"timezone\":\"Europe/Berlin\",\"format\":\"csv\",
    \"recipients\":[\"platform-leads@demo.example\"],\"webhook_url\":\"$GR_HOOK_URL/hooks/team_platform/reports\"}")
  [[ "${answer##*$'\n'}" == 200 ]] || die "creating the demo schedule: ${answer}"
  secret=$(sed -n 's/.*"webhook_secret"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"${answer%$'\n'*}")
  (umask 077 && echo "$secret" >"$STATE_DIR/webhook-secret")
  echo "Created demo schedule: team_platform's daily cost report at $at Europe/Berlin by e-mail and webhook"
}

print_summary() {
  cat <<SUMMARY

Gateway reports is running.
  report-api          http://localhost:8080   (OpenAPI: http://localhost:9080/q/swagger-ui)
  dashboard           http://localhost:8080/ui/ (the link below signs you in as the org admin)
  aggregation-worker  http://localhost:8081
  scheduler-service   http://localhost:8082   (sends due schedules every 30 s to the SMTP sink below)
  operations          http://localhost:9080, :9081, :9082 (/q/health, /q/metrics; not on the public ports)
  Postgres            $GR_JDBC_URL ($GR_DB_MODE, user $GR_DB_USER)
  SMTP                $GR_SMTP_HOST:$GR_SMTP_PORT (accepts any recipient)
  webhook receiver    ${GR_HOOK_URL:-none} (answers 204; calls in $STATE_DIR/webhooks.log, bodies in webhooks/,
                      the demo schedule's signing secret in $STATE_DIR/webhook-secret)
  IMAP                imap://$GR_IMAP_HOST:$GR_IMAP_PORT  user $GR_MAIL_USER / $GR_MAIL_PASSWORD
                      curl -u $GR_MAIL_USER:$GR_MAIL_PASSWORD imap://$GR_IMAP_HOST:$GR_IMAP_PORT/INBOX -X 'SEARCH ALL'

Org admin token ($ORG, $ADMIN_EMAIL; valid 12 h; also in $STATE_DIR/admin-token):
$ADMIN_TOKEN

Dashboard on the demo data, signed in as $ADMIN_EMAIL (open in a browser; the token leaves the URL at once):
$API/ui/#access_token=$ADMIN_TOKEN

Ingest key (also in $STATE_DIR/ingest-key):
$(cat "$STATE_DIR/ingest-key")

Ingest two events:
curl -sS -X POST $API/v1/usage/events -H "Authorization: Bearer \$(cat $STATE_DIR/ingest-key)" \\
  -H 'Content-Type: application/x-ndjson' --data-binary \$'{"request_id":"demo-$(date +%s)-1","occurred_at":"$(date -u +%FT%TZ)","team_id":"team_platform","provider":"anthropic","model":"claude-sonnet-4-5","status":"success","latency_ms":912,"input_tokens":1200,"output_tokens":340}\\n{"request_id":"demo-$(date +%s)-2","occurred_at":"$(date -u +%FT%TZ)","team_id":"team_growth","provider":"replicate","model":"flux-schnell","status":"success","latency_ms":1450,"cost_usd":0.003}\\n'

Schedules (team_platform's daily cost report by e-mail and webhook; its last deliveries on the Schedules page):
curl -sS $API/v1/reports/preferences/all -H "Authorization: Bearer \$(cat $STATE_DIR/admin-token)"

Alerts (evaluated every minute by scheduler-service; events at /v1/alerts/{id}/events):
curl -sS $API/v1/alerts -H "Authorization: Bearer \$(cat $STATE_DIR/admin-token)"

More tokens: deploy/local/token.sh --org $ORG --team team_research --role member --email ana@demo.example
Stop: deploy/local/down.sh   (--purge also deletes the data)
SUMMARY
}

main() {
  command -v curl >/dev/null 2>&1 || die "curl is required"
  pick_java
  echo "Using $JAVA ($(java_major "$JAVA"))"
  build
  mkdir -p "$STATE_DIR"
  tool DevTokens init "$KEYS_DIR"
  start_local_environment
  # shellcheck disable=SC1091
  source "$STATE_DIR/env"
  if ((STARTED_ENVIRONMENT)) && [[ "$GR_DB_CREATED" == 1 ]]; then
    # a new, empty database: what up.sh made in an earlier one is gone with it
    rm -f "$STATE_DIR/demo-loaded" "$STATE_DIR/ingest-key"
  fi
  PUBLIC_KEY=$(tool DevTokens public-key "$KEYS_DIR")
  SECRETS_KEY=$(secrets_key)
  # 30 days: the scheduler reads it once at start; up.sh restarts it with a new one when it is rebuilt.
  SCHEDULER_TOKEN=$(tool DevTokens issue --keys "$KEYS_DIR" --role report_service --subject scheduler-service \
    --ttl-hours 720)
  local entry
  # One after the other: report-api migrates the schema at start, and the other two only validate it.
  for entry in "${SERVICES[@]}"; do
    start_service "${entry%%:*}" "${entry#*:}"
    wait_ready "${entry%%:*}" "${entry#*:}"
  done
  ADMIN_TOKEN=$(tool DevTokens issue --keys "$KEYS_DIR" --org "$ORG" --role org_admin --email "$ADMIN_EMAIL" \
    --team "$(printf '%s,' "${TEAMS[@]%%:*}")")
  echo "$ADMIN_TOKEN" >"$STATE_DIR/admin-token"
  create_teams
  ingest_key
  load_demo_data
  demo_alerts
  demo_schedule
  print_summary
}

main
