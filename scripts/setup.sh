#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing, without prompts.
# Usage: scripts/setup.sh [build|test|bench]   (test and bench add the tools the test run needs)
set -euo pipefail
what=${1:-build}

pkgs=(build-essential cmake ninja-build ccache pkg-config git
      librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev libspdlog-dev
      libsqlite3-dev libpq-dev libpqxx-dev libicu-dev nlohmann-json3-dev libcli11-dev
      libsodium-dev libxlsxwriter-dev libminizip-dev libexpat1-dev zlib1g-dev
      libpango1.0-dev libcairo2-dev fonts-liberation2
      libgtest-dev libgmock-dev clang-format clang-tidy)
case "$what" in
  test) pkgs+=(postgresql postgresql-contrib curl python3 chromium poppler-utils) ;;
  bench) pkgs+=(postgresql postgresql-contrib curl wrk python3 libbenchmark-dev) ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
