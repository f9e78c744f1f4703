#!/bin/sh
# Debian tools the deploy tests (test/deploy) need at test time, fetched without installing services.
# Called by .ci/run before `npm test`. kubectl is not in Debian's apt sources at a usable version: it
# must already be on the machine (/usr/bin/kubectl); the kustomize tests fail with a clear message if not.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq
fi
sh "$HERE/get-promtool.sh"
if command -v kubectl >/dev/null 2>&1; then
  kubectl version --client 2>/dev/null | head -n 2
else
  echo "ci-deps: kubectl not found; test/deploy kustomize checks will fail (they need kubectl kustomize)" >&2
fi
