#!/usr/bin/env bash
# The browser tests drive a system Chromium through the playwright package: Debian's chromium (installed here
# when missing), or the Chrome/Chromium a CI runner already has (tests/conftest.py finds it, or $CHROMIUM).
# (Never `playwright install`: it downloads a browser build, which our machines cannot fetch.)
set -euo pipefail
[ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ] && exit 0
for b in chromium google-chrome chromium-browser; do command -v "$b" >/dev/null && exit 0; done
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
command -v chromium
