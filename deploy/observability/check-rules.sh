#!/usr/bin/env bash
# Checks prometheus-rules.yaml with Prometheus' own promtool: `check rules` (PromQL syntax and types, annotation
# templates) and `test rules` (prometheus-rules-test.yaml: each alert fires on a history that should page, and not
# on a near miss). promtool comes from PROMTOOL, the PATH, PROMTOOL_CACHE/promtool, or else Debian's `prometheus`
# package (apt-get download and dpkg-deb -x: nothing is installed and no service starts; kept in PROMTOOL_CACHE
# when that is set). Exit 2: no promtool could be had; 1: a check failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch_promtool() {
  local into="$1"
  mkdir -p "$into/deb"
  if ! (cd "$into/deb" && apt-get download -q prometheus >/dev/null 2>&1); then
    # A fresh machine may have no package lists yet.
    apt-get update -qq >/dev/null 2>&1 || return 1
    (cd "$into/deb" && apt-get download -q prometheus >/dev/null 2>&1) || return 1
  fi
  dpkg-deb -x "$into"/deb/prometheus_*.deb "$into/pkg" || return 1
  cp "$into/pkg/usr/bin/promtool" "$into/promtool"
  rm -rf "$into/deb" "$into/pkg"
}

promtool="${PROMTOOL:-$(command -v promtool || true)}"
if [[ -z "$promtool" ]]; then
  cache="${PROMTOOL_CACHE:-$work/promtool-cache}"
  if [[ ! -x "$cache/promtool" ]] && ! fetch_promtool "$cache"; then
    echo "check-rules: no promtool on PATH and Debian's prometheus package could not be downloaded" >&2
    exit 2
  fi
  promtool="$cache/promtool"
fi
"$promtool" --version 2>&1 | head -1

# The PrometheusRule's spec is a plain rules file, indented by two spaces.
sed -n '/^spec:/,$p' "$here/prometheus-rules.yaml" | tail -n +2 | sed 's/^  //' > "$work/rules.yaml"
"$promtool" check rules "$work/rules.yaml"

# For the unit tests, the same rules without their annotations (the tests compare labels and timing).
awk '
  /^[[:space:]]*annotations:/ { skip = 1; indent = match($0, /[^ ]/); next }
  skip { if (match($0, /[^ ]/) > indent) next; skip = 0 }
  { print }' "$work/rules.yaml" > "$work/rules-groups.yaml"
cp "$here/prometheus-rules-test.yaml" "$work/"
"$promtool" test rules "$work/prometheus-rules-test.yaml"
