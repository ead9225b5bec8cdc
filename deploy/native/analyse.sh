#!/usr/bin/env bash
# Native-image analysis of the three services, on a plain JDK 25 (no GraalVM, no container).
#
#   deploy/native/analyse.sh [--no-package] [service ...]      (default: all three)
#
# 1. packages each service's native sources (Quarkus build with quarkus.native.sources-only: the runner jar, its
#    libraries and the native-image.args Quarkus computed);
# 2. runs the GraalVM 25 native-image builder on them up to the end of points-to analysis and the image-heap scan
#    (the kit in ../shared/tools/native-analysis, see its README);
# 3. prints a table (service, result, seconds, peak RSS) and exits 1 when any service has an analysis error.
#
# It catches what the builder's stages 1-2 catch: build-time class initialization errors (a Random, a Thread or a
# similar object in the image heap), unsupported features, classes missing at build time. It cannot catch what
# fails only in stages 3-8 (compile, link) or at run time (missing reflection or resource registration): no
# executable is made. The JSON reflection guard (NativeJsonTypesTest) and the integration tests cover part of that.
#
# Environment: NATIVE_ANALYSIS_KIT (kit directory), JAVA_HOME (the JDK 21+ that packages), NATIVE_ANALYSIS_JDK
# (the JDK 25 the builder runs on, default Temurin 25), and the kit's own variables (NATIVE_ANALYSIS_XMX, NATIVE_ANALYSIS_TIMEOUT, ...). The first run fetches the GraalVM builder jars
# (~54 MB) from Maven Central and prepares ~/.cache/native-analysis (~360 MB, once).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

KIT=${NATIVE_ANALYSIS_KIT:-$ROOT/../shared/tools/native-analysis}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export NATIVE_ANALYSIS_JDK=${NATIVE_ANALYSIS_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MVN=${MVN:-$ROOT/mvnw -B -ntp}
ALL=(report-api aggregation-worker scheduler-service)

package=1
services=()
for arg in "$@"; do
  case "$arg" in
    --no-package) package=0 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    report-api|aggregation-worker|scheduler-service) services+=("$arg") ;;
    *) echo "analyse.sh: unknown argument '$arg' (services: ${ALL[*]})" >&2; exit 2 ;;
  esac
done
[ ${#services[@]} -gt 0 ] || services=("${ALL[@]}")
[ -x "$KIT/native-analysis.sh" ] || { echo "analyse.sh: no native-analysis kit at $KIT (set NATIVE_ANALYSIS_KIT)" >&2; exit 2; }

log() { printf '[native] %s\n' "$*"; }

if [ "$package" = 1 ]; then
  modules=$(IFS=,; echo "${services[*]}")
  log "packaging native sources of $modules"
  start=$SECONDS
  ./mvnw -B -ntp -q -DskipTests package -pl "$modules" -am \
    -Dquarkus.native.enabled=true -Dquarkus.package.jar.enabled=false -Dquarkus.native.sources-only=true
  log "packaged in $((SECONDS - start)) s"
fi

failed=0
rows=()
for s in "${services[@]}"; do
  sources=$s/target/native-sources
  out=$s/target/native-analysis.log
  [ -f "$sources/native-image.args" ] || { echo "analyse.sh: $sources missing (run without --no-package)" >&2; exit 2; }
  log "$s: analysing (log: $out)"
  start=$SECONDS
  rc=0
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$s/target/native-analysis.rss" "$KIT/native-analysis.sh" "$sources" >"$out" 2>&1 || rc=$?
  else
    echo 0 >"$s/target/native-analysis.rss"
    "$KIT/native-analysis.sh" "$sources" >"$out" 2>&1 || rc=$?
  fi
  seconds=$((SECONDS - start))
  rss_kb=$(tail -n 1 "$s/target/native-analysis.rss" 2>/dev/null || echo 0)
  reachable=$(sed -n 's/^ *\([0-9,]*\) types, .* \([0-9,]*\) methods found reachable.*/\1 types, \2 methods/p' "$out" | tail -n 1)
  case "$rc" in
    0) result="clean" ;;
    1) result="ERROR"; failed=1 ;;
    124) result="TIMEOUT"; failed=1 ;;
    *) result="SETUP($rc)"; failed=1 ;;
  esac
  if [ "$rc" != 0 ]; then
    grep -m 3 -E '^(Fatal error|Error:)' "$out" | cut -c1-400 | sed "s/^/[native] $s: /" || tail -n 20 "$out"
  fi
  rows+=("$(printf '%-20s %-10s %8s %10s   %s' "$s" "$result" "$seconds" "$((rss_kb / 1024)) MB" "${reachable:--}")")
done

echo
printf '%-20s %-10s %8s %10s   %s\n' service result seconds "peak RSS" "reachable"
printf '%s\n' "${rows[@]}"
exit "$failed"
