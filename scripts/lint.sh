#!/usr/bin/env bash
# Style checks: clang-format (every C++ file) and clang-tidy (the project's sources, .clang-tidy profile).
# Usage: scripts/lint.sh BUILD_DIR   (needs compile_commands.json from a configured build)
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
ls_files() { git ls-files --cached --others --exclude-standard "$@"; }
files=$(ls_files '*.cpp' '*.h')
echo "lint: clang-format"
clang-format --dry-run --Werror $files
echo "lint: clang-tidy"
sources=$(ls_files 'src/*.cpp' | grep -v '_test\.cpp$')
# shellcheck disable=SC2086
printf '%s\n' $sources | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet 2> >(grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed|^Use -header-filter|^Error while processing' >&2)
echo "lint: ok"
