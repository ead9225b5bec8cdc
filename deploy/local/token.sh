#!/usr/bin/env bash
# Prints a signed dev token that the local report-api accepts (aud report-api unless --audience says otherwise).
#   deploy/local/token.sh --org org_demo --team team_platform --role member --email ana@demo.example
# --team, --role and --audience repeat or take comma-separated lists; also --subject S, --ttl-hours 12, --client C
# (azp). The worker's ops endpoints: --role ops --audience aggregation-worker.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -eq 0 || "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,5s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 0
fi
[[ -f "$KEYS_DIR/private-key.pem" ]] || die "no signing key in $KEYS_DIR: run deploy/local/up.sh first"
pick_java
tool DevTokens issue --keys "$KEYS_DIR" "$@"
