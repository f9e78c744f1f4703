#!/bin/sh
# Dependencies of `npm run bench` and test/bench/harness-smoke.test.ts:
#  - the baseline, Debian's nginx (1.22 on bookworm; nginx-light is enough: upstream, proxy, zone, keepalive);
#  - valgrind, for `npm run bench:instructions` (instructions per page under callgrind);
#  - the bench package's own node_modules (autocannon), bench/ being a package of its own.
# The suite starts nginx itself from a generated config; the system service is never used.
set -eu
cd "$(dirname "$0")/.."
MISSING=""
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then MISSING="nginx-light"; fi
if ! command -v valgrind >/dev/null 2>&1; then MISSING="$MISSING valgrind"; fi
if [ -n "$MISSING" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  # shellcheck disable=SC2086 # the package list is meant to split
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $MISSING
fi
/usr/sbin/nginx -v 2>&1 || nginx -v
valgrind --version
npm --prefix bench ci --no-audit --no-fund
