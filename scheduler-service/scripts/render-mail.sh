#!/usr/bin/env bash
# Renders the HTML mail of a sample weekly report and screenshots it with headless Chromium.
#   scheduler-service/scripts/render-mail.sh [out.png]      (default: scheduler-service/target/mail-preview/report.png)
# Needs: JDK 25 (JAVA_HOME), PostgreSQL for the @QuarkusTest (TEST_DATABASE_URL, or the embedded one), and
# Chromium (Debian: apt-get install -y chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$here/target/mail-preview/report.png}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "render-mail.sh: no Chromium found; install it with: apt-get install -y chromium" >&2
  exit 1
fi

(cd "$root" && ./mvnw -B -q ${MAVEN_OFFLINE:--o} test -pl scheduler-service -am \
  -Dtest=MailPreviewTest -Dsurefire.failIfNoSpecifiedTests=false)

html="$here/target/mail-preview/report.html"
mkdir -p "$(dirname "$out")"
# 700 px wide like a mail client's reading pane; tall enough for the whole message.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=700,1400 \
  --screenshot="$(realpath -m "$out")" "file://$html" 2>/dev/null
echo "HTML:       $html"
echo "plain text: $here/target/mail-preview/report.txt"
echo "screenshot: $out"
