#!/bin/sh
# Fetch promtool (Debian's prometheus package) without installing or starting the Prometheus service:
# download the .deb and extract it into a cache folder. test/deploy/alert-rules-*.test.ts looks for
# $PROMTOOL, then `promtool` on PATH, then $SSR_TOOLS_DIR/prometheus/usr/bin/promtool.
# Usage: scripts/get-promtool.sh   (run `apt-get update` first on a fresh machine; ci-deps.sh does)
set -eu
TOOLS_DIR="${SSR_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ssr-offload-tools}"
TARGET="$TOOLS_DIR/prometheus"
if [ -x "$TARGET/usr/bin/promtool" ]; then
  echo "promtool already at $TARGET/usr/bin/promtool"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "get-promtool: apt-get/dpkg-deb not found (Debian/Ubuntu only); install promtool another way and set PROMTOOL" >&2
  exit 1
fi
WORK="$(mktemp -d)"
chmod 755 "$WORK" # lets apt's _apt user write the download when run as root
trap 'rm -rf "$WORK"' EXIT
# apt-get download writes into the current folder; it needs no root when the package lists exist.
(cd "$WORK" && apt-get download prometheus)
mkdir -p "$TARGET"
dpkg-deb -x "$WORK"/prometheus_*.deb "$TARGET"
"$TARGET/usr/bin/promtool" --version
echo "promtool installed at $TARGET/usr/bin/promtool"
