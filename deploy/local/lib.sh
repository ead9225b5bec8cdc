#!/usr/bin/env bash
# Shared by up.sh, down.sh and token.sh, and by benchmarks/run.sh, drain.sh and shutdown.sh (sourced, not run): paths,
# the JDK, the local tools, the JVM options of a memory limit, waiting for a service to be ready, pid files.
set -euo pipefail

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$LOCAL_DIR/../.." && pwd)"
STATE_DIR="$LOCAL_DIR/.state"
KEYS_DIR="$STATE_DIR/keys"
TOOLS_CP="$ROOT_DIR/deploy/target/classes:$ROOT_DIR/deploy/target/lib/*"
# name:port, in start order
SERVICES=(report-api:8080 aggregation-worker:8081 scheduler-service:8082)

die() {
  echo "error: $*" >&2
  exit 1
}

# The major version of a java executable, 0 if it cannot tell ("1.8.0_402" counts as 1).
java_major() {
  local version
  version=$("$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  echo "${version:-0}"
}

# Sets JAVA (and exports JAVA_HOME for ./mvnw): JAVA_HOME if >= 21, else java on PATH if >= 21, else the newest
# JDK under /usr/lib/jvm.
pick_java() {
  local candidate best="" best_major=0 major
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && $(java_major "$JAVA_HOME/bin/java") -ge 21 ]]; then
    best="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1 && [[ $(java_major java) -ge 21 ]]; then
    best="$(readlink -f "$(command -v java)")"
  else
    for candidate in /usr/lib/jvm/*/bin/java; do
      [[ -x "$candidate" ]] || continue
      major=$(java_major "$candidate")
      if ((major > best_major)); then
        best="$candidate"
        best_major=$major
      fi
    done
    ((best_major >= 21)) || best=""
  fi
  [[ -n "$best" ]] || die "no JDK 21 or newer found: set JAVA_HOME to one (checked JAVA_HOME, java on PATH, /usr/lib/jvm)"
  JAVA="$best"
  JAVA_HOME="$(cd "$(dirname "$best")/.." && pwd)"
  export JAVA_HOME
}

# Runs one of the deploy tools (dev.gatewayreports.deploy.<Tool>).
tool() {
  [[ -d "$ROOT_DIR/deploy/target/classes" && -d "$ROOT_DIR/deploy/target/lib" ]] \
    || die "deploy/target is not built: run ./mvnw -DskipTests package (or up.sh without --no-build)"
  local name=$1
  shift
  "$JAVA" -cp "$TOOLS_CP" "dev.gatewayreports.deploy.$name" "$@"
}

# Prints the installation's secrets key (REPORTS_SECRETS_KEY: base64 of 32 random bytes) of this local
# environment, made once and kept in the state directory (down.sh --purge drops it with the data it sealed).
# The JVM options of a memory limit ("1g", "768m", "1Gi"; "none" for the JVM's default heap): the heap at 50 %
# of the limit, as the JVM manifests assume (deploy/k8s/components/jvm), and exit on an OutOfMemoryError.
memory_options() {
  local size=${1,,}
  size=${size%b}
  size=${size%i}
  [[ "$size" == none ]] && return
  [[ "$size" =~ ^[0-9]+[kmg]?$ ]] || die "not a memory size: $1 (e.g. 768m, 1g, none)"
  echo "-XX:MaxRAM=$size -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
}

secrets_key() {
  local key_file="$STATE_DIR/secrets-key"
  if [[ ! -s "$key_file" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' >"$key_file")
  fi
  cat "$key_file"
}

# True if the pid file names a live process.
# Waits until the service whose HTTP port is <port> reports ready on its management port (the HTTP port + 1000,
# where health, metrics and OpenAPI live), for at most 120 s; returns 1 at once if <pid> exits meanwhile.
await_ready() {
  local port=$1 pid=$2
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://localhost:$((port + 1000))/q/health/ready" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

running() {
  local pid_file=$1
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Stops the process of a pid file: TERM, up to 30 s, then KILL; removes the pid file.
stop_pid() {
  local pid_file=$1 label=$2 pid
  if ! running "$pid_file"; then
    rm -f "$pid_file"
    return 0
  fi
  pid=$(cat "$pid_file")
  echo "Stopping $label (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "  $label did not stop in 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}
