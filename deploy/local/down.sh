#!/usr/bin/env bash
# Stops what up.sh started: the three services, then LocalEnvironment (Postgres, mail).
#   deploy/local/down.sh [--purge]
#     --purge  also delete the data: everything in deploy/local/.state except keys/ (so tokens already issued
#              stay valid), and when the Postgres on 127.0.0.1:5432 was used, its database gateway_reports.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PURGE=0
case "${1:-}" in
  "") ;;
  --purge) PURGE=1 ;;
  -h | --help) sed -n '2,5s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) die "unknown option $1 (see --help)" ;;
esac

DB_MODE=""
if [[ -f "$STATE_DIR/env" ]]; then
  DB_MODE=$(sed -n 's/^GR_DB_MODE=//p' "$STATE_DIR/env")
elif [[ -f "$STATE_DIR/db-mode" ]]; then
  # env goes when LocalEnvironment stops; db-mode stays, so --purge after a plain down.sh still drops the database.
  DB_MODE=$(cat "$STATE_DIR/db-mode")
fi

for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
  name=${SERVICES[i]%%:*}
  if running "$STATE_DIR/$name.pid"; then
    stop_pid "$STATE_DIR/$name.pid" "$name"
  else
    echo "$name is not running"
    rm -f "$STATE_DIR/$name.pid"
  fi
done

if ((PURGE)) && [[ "$DB_MODE" == existing ]]; then
  pick_java
  echo "Dropping database gateway_reports on 127.0.0.1:5432"
  tool LocalEnvironment --drop-database
fi

if running "$STATE_DIR/local-env.pid"; then
  stop_pid "$STATE_DIR/local-env.pid" "LocalEnvironment"
else
  echo "LocalEnvironment is not running"
  rm -f "$STATE_DIR/local-env.pid"
fi

if ((PURGE)) && [[ -d "$STATE_DIR" ]]; then
  echo "Deleting $STATE_DIR (keeping keys/)"
  find "$STATE_DIR" -mindepth 1 -maxdepth 1 ! -name keys -exec rm -rf {} +
fi
