#!/usr/bin/env bash
# The browser tests drive Debian's chromium through the playwright package; install it when missing.
# (Never `playwright install`: it downloads a browser build, which our machines cannot fetch.)
set -euo pipefail
command -v chromium >/dev/null && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
command -v chromium
