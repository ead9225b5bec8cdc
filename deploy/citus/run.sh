#!/usr/bin/env bash
# The same code and migrations on Citus (deploy/SCALING.md §6). Uses the Citus kit (../shared/tools/citus: Citus 13.2.2
# built from source for PostgreSQL 15, a coordinator on 127.0.0.1:5441 and workers on :5442/:5443); needs root for `up`
# (the kit's build installs apt packages and runs the nodes as the postgres OS user).
#
#   deploy/citus/run.sh up          build Citus if not built yet, start the cluster
#   deploy/citus/run.sh db          (re)create the database CITUS_DB on the coordinator, with citus and citus_columnar
#   deploy/citus/run.sh test        db, then the Citus suite with TEST_DATABASE_URL on the coordinator: each test JVM
#                                   migrates the database at start with Flyway (the migrate Job's way), whose
#                                   afterMigrate step distributes the tables
#   deploy/citus/run.sh down        stop the cluster (the build and the data directories stay)
#   deploy/citus/run.sh all         up, test, down
#
# Environment: CITUS_KIT (the kit's directory), CITUS_DB [gateway_reports_citus], COORD_PORT/W1_PORT/W2_PORT [5441-5443],
# CITUS_SHARD_COUNT [8] (shards per distributed table, set on the database before the first migration),
# JAVA_HOME [/usr/lib/jvm/temurin-25-jdk-amd64].
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CITUS_KIT=${CITUS_KIT:-$ROOT/../shared/tools/citus}
CITUS_DB=${CITUS_DB:-gateway_reports_citus}
COORD_PORT=${COORD_PORT:-5441}
W1_PORT=${W1_PORT:-5442}
W2_PORT=${W2_PORT:-5443}
CITUS_SHARD_COUNT=${CITUS_SHARD_COUNT:-8}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JDBC_URL="jdbc:postgresql://127.0.0.1:$COORD_PORT/$CITUS_DB"

# The suite: the engine's equivalence with raw events and the figures of every API against one truth (the two named by
# the scaling issue), exactly-once ingest under concurrent retries, ingest's identity claim (its count of new keys), the
# fold with concurrent workers, the claim, the placement of every table, and the lists kept by the fold (slowest requests,
# newest errors; also over columnar closed days, and through a rolling update).
WORKER_TESTS=StatsEngineEquivalenceTest,RollupCycleTest,SqlFoldTest,WorkQueueClaimTest,RollupRebuildTest,RetentionTest,BacklogMonitorTest,CitusPlacementTest,ColumnarPartitionsTest,CitusQueueConversionTest,KeptListFoldTest,KeptListBackfillMigrationTest
API_TESTS=OneTruthReconciliationTest,ConcurrentIngestTest,IdentityClaimTest,KeptListsFoldedDaysTest

log() { echo "[citus] $*" >&2; }
die() { log "$*"; exit 1; }

kit() {
    [ -x "$CITUS_KIT/citus-cluster.sh" ] || die "no Citus kit at $CITUS_KIT (set CITUS_KIT)"
    COORD_PORT=$COORD_PORT "$CITUS_KIT/citus-cluster.sh" "$@"
}

node() { local port=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
coord() { node "$COORD_PORT" "$@"; }

up() {
    if [ ! -e "$(pg_config --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)/citus.so" ]; then
        local tarball
        tarball=$(ls "$CITUS_KIT"/citus-*.tar.gz | head -n 1)
        kit build "$tarball"
    fi
    kit up
}

db() {
    log "database $CITUS_DB on :$COORD_PORT, workers :$W1_PORT :$W2_PORT ($CITUS_SHARD_COUNT shards per distributed table)"
    # Citus keeps its node list per database: each node gets the database and the extension, then the coordinator
    # registers itself and the workers in it (before any table is distributed, or it would keep the shards itself).
    local port
    for port in "$W1_PORT" "$W2_PORT" "$COORD_PORT"; do
        node "$port" -d postgres -c "drop database if exists $CITUS_DB with (force)" -c "create database $CITUS_DB"
        node "$port" -d "$CITUS_DB" -c "create extension citus" -c "create extension citus_columnar"
    done
    # JIT off where the shards' statements run. report-api and scheduler-service turn it off on their own connections
    # (-c jit=off), but Citus opens its own connections to the workers, which do not inherit it: at 10M events the
    # all-teams comprehensive report's slowest-requests statement compiled on the worker for ~1.5 s (report 2.3 s;
    # 0.37-0.60 s with this, same body; deploy/SCALING.md §6, session 10). A database setting, so new connections get it.
    for port in "$W1_PORT" "$W2_PORT"; do
        node "$port" -d postgres -c "alter database $CITUS_DB set jit = off"
    done
    coord -d "$CITUS_DB" -c "select citus_set_coordinator_host('127.0.0.1', $COORD_PORT)" \
        -c "select citus_add_node('127.0.0.1', $W1_PORT)" -c "select citus_add_node('127.0.0.1', $W2_PORT)" \
        -c "alter database $CITUS_DB set citus.shard_count = $CITUS_SHARD_COUNT"
}

suite() {
    db
    cd "$ROOT"
    TEST_DATABASE_URL=$JDBC_URL ./mvnw -B -ntp -pl aggregation-worker,report-api -am verify \
        -Dtest="$WORKER_TESTS,$API_TESTS" -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dspotless.check.skip=true
}

case "${1:-}" in
    up) up ;;
    db) db ;;
    test) suite ;;
    down) kit down ;;
    all) up; suite; kit down ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
esac
