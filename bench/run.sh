#!/usr/bin/env bash
# `make bench`: the foundation benchmarks (issue #2) on SQLite, then the same run on PostgreSQL.
# Not a timed test: it prints a table of figures beside their targets and the floor.
#
#   bench/run.sh [BUILD_DIR]
# Environment: TCXD_BENCH_SMALL (default 1000000), TCXD_BENCH_LARGE (default 5500000),
#              TCXD_BENCH_SECONDS (wrk duration, default 15), TCXD_BENCH_DIR (work dir, default /tmp/tcxd-bench),
#              TCXD_BENCH_BACKENDS ("sqlite postgres" by default),
#              TCXD_BENCH_REUSE=1 (SQLite: keep the databases of the previous run instead of generating them again),
#              TCXD_BENCH_IMPORT_ROWS (default 100000: the import/export figures),
#              TCXD_BENCH_ONLY=import (only the import/export figures, on each backend of TCXD_BENCH_BACKENDS).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SMALL=${TCXD_BENCH_SMALL:-1000000}
LARGE=${TCXD_BENCH_LARGE:-5500000}
SECS=${TCXD_BENCH_SECONDS:-15}
DIR=${TCXD_BENCH_DIR:-/tmp/tcxd-bench}
BACKENDS=${TCXD_BENCH_BACKENDS:-sqlite postgres}
PASSWORD='TcxdDemo@2026'
mkdir -p "$DIR"
RESULTS="$DIR/results.tsv"
[ -n "${TCXD_BENCH_NESTED:-}" ] || : >"$RESULTS"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" | tee -a "$RESULTS"; }  # backend figure value target floor

wait_port() {
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$1/api/v1/health" && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  return 1
}

# wrk with random member ids in [1, N]; prints "req/s p99_ms" (p99 from wrk's latency distribution).
run_wrk() {  # port max_id cookie
  local lua="$DIR/member.lua"
  cat >"$lua" <<EOF
math.randomseed(42)
local n = $2
request = function() return wrk.format("GET", "/api/v1/members/" .. math.random(1, n)) end
EOF
  local out
  out=$(taskset -c 1 wrk -t1 -c32 -d"${SECS}s" --latency -s "$lua" -H "Cookie: $3" "http://127.0.0.1:$1" 2>&1)
  echo "$out" >>"$DIR/wrk.log"
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  if [ -n "$non2xx" ]; then echo "warning: $non2xx non-2xx responses" >&2; fi
  echo "$rps $p99"
}

timed_load() {  # db members provinces -> prints "seconds max_rss_kb"
  /usr/bin/time -o "$DIR/time.out" -f '%e %M' "$BUILD/tcxd" demo --db "$1" --members "$2" --provinces "$3" --seed 1 \
    --accounts >/dev/null 2>"$DIR/load.err" || { cat "$DIR/load.err" >&2; return 1; }
  tail -1 "$DIR/time.out"
}

bench_backend() {
  local backend=$1 small_db large_db
  local reuse=""
  if [ "$backend" = sqlite ]; then
    small_db="$DIR/small.db"
    large_db="$DIR/large.db"
    if [ -n "${TCXD_BENCH_REUSE:-}" ] && [ -f "$small_db" ] && [ -f "$large_db" ]; then
      reuse=1
    else
      rm -f "$DIR"/small.db* "$DIR"/large.db* "$DIR"/demo-accounts.txt
    fi
  else
    psql -q -h 127.0.0.1 -p "$TCXD_TEST_PG_PORT" -U tcxd -d tcxd_test -c 'DROP DATABASE IF EXISTS bsmall' -c 'DROP DATABASE IF EXISTS blarge' -c 'CREATE DATABASE bsmall' -c 'CREATE DATABASE blarge'
    small_db="postgresql://tcxd@127.0.0.1:$TCXD_TEST_PG_PORT/bsmall"
    large_db="postgresql://tcxd@127.0.0.1:$TCXD_TEST_PG_PORT/blarge"
  fi
  if [ -z "$reuse" ]; then
    echo "== $backend: generate + load $SMALL members" >&2
    read -r secs rss <<<"$(timed_load "$small_db" "$SMALL" 1)"
    row "$backend" "load ${SMALL} members (s)" "$secs" "≤ 20" "-"
    echo "== $backend: generate + load $LARGE members (34 provinces)" >&2
    read -r secs rss <<<"$(timed_load "$large_db" "$LARGE" 34)"
    row "$backend" "load ${LARGE} members (s)" "$secs" "≤ 90" "-"
  fi

  echo "== $backend: search and counts (in process)" >&2
  # PostgreSQL searches of common names over the whole register take seconds each (docs/benchmarks.md):
  # fewer queries there, and a time limit, so that the run ends.
  local queries=2000
  [ "$backend" = postgres ] && queries=${TCXD_BENCH_PG_QUERIES:-200}
  timeout 900 "$BUILD/tcxd_bench" --db "$large_db" --queries "$queries" >"$DIR/inproc.$backend.tsv" ||
    echo "in-process benchmark stopped (time limit)" >&2
  cat "$DIR/inproc.$backend.tsv" >&2
  awk -F'\t' -v b="$backend" '$1=="search_first_page_root" {printf "%s\tsearch, first page of 50, whole register: p95 (ms) [median %.3f]\t%.3f\t≤ 5\t-\n", b, $2, $3}' "$DIR/inproc.$backend.tsv" | tee -a "$RESULTS"
  awk -F'\t' -v b="$backend" '$1 ~ /^counts_depth/ {d=substr($1,13); printf "%s\tcounts by status, subtrees at depth %s (%s samples): max (ms) [median %.3f]\t%.3f\t≤ 20\t-\n", b, d, $5, $2, $4}' "$DIR/inproc.$backend.tsv" | tee -a "$RESULTS"

  echo "== $backend: restructuring: a committee of about 50,000 members moved to another province and back" >&2
  "$BUILD/tcxd_bench" --db "$large_db" --restructure >"$DIR/restructure.$backend.tsv" || echo "restructure benchmark failed" >&2
  cat "$DIR/restructure.$backend.tsv" >&2
  awk -F'\t' -v b="$backend" '$1=="restructure_move_subtree" {printf "%s\trestructure: move a subtree (%s): max (ms) [median %.1f]\t%.1f\t≤ 10000 (readers ≤ 1000)\t-\n", b, $6, $2, $4}' "$DIR/restructure.$backend.tsv" | tee -a "$RESULTS"

  echo "== $backend: GET /api/v1/members/{id}, 32 connections, server on core 0, wrk on core 1" >&2
  local port pid cookie
  port=$(free_port)
  taskset -c 0 "$BUILD/tcxd" serve --db "$large_db" --port "$port" --threads 1 >"$DIR/serve.$backend.log" 2>&1 &
  pid=$!
  wait_port "$port"
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"login\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$port/api/v1/auth/login" |
    awk -F'[: ;]+' 'tolower($1)=="set-cookie" && $2 ~ /^tcxd_session=/ {print $2; exit}')
  [ -n "$cookie" ] || { echo "login failed" >&2; kill "$pid"; return 1; }
  run_wrk "$port" "$LARGE" "$cookie" >/dev/null  # warm-up
  read -r rps p99 <<<"$(run_wrk "$port" "$LARGE" "$cookie")"
  local rss
  rss=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true

  local frps="-" fp99="-"
  if [ "$backend" = sqlite ]; then
    port=$(free_port)
    taskset -c 0 "$BUILD/floor_server" --db "$large_db" --port "$port" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/members/1" && break; sleep 0.1; done
    run_wrk "$port" "$LARGE" "x=y" >/dev/null
    read -r frps fp99 <<<"$(run_wrk "$port" "$LARGE" "x=y")"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    FLOOR_RPS=$frps
  fi
  local base=${FLOOR_RPS:-}
  local ratio="-"
  [ -n "$base" ] && ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.0f %%", 100*a/b}')
  row "$backend" "GET member: req/s (ratio to floor $ratio)" "$rps" "≥ 50 % of floor" "$base"
  row "$backend" "GET member: p99 (ms)" "$p99" "≤ 5" "$fp99"
  row "$backend" "server peak resident memory (MB)" "$rss" "≤ 300" "-"
  if [ "$backend" = sqlite ]; then
    row "$backend" "database file (MB)" "$(du -m "$DIR/large.db" | cut -f1)" "-" "-"
  fi
}

# Import and export (issue #4): a fresh 100,000-member province; export all of it to .xlsx, then import
# 100,000 new members (a generated .xlsx, rows spread over every branch) in one transaction.
bench_import_export() {
  local backend=${1:-sqlite} db
  local rows=${TCXD_BENCH_IMPORT_ROWS:-100000}
  if [ "$backend" = sqlite ]; then
    db="$DIR/import.db"
    rm -f "$DIR"/import.db*
  else
    psql -q -h 127.0.0.1 -p "$TCXD_TEST_PG_PORT" -U tcxd -d tcxd_test -c 'DROP DATABASE IF EXISTS bimport' -c 'CREATE DATABASE bimport'
    db="postgresql://tcxd@127.0.0.1:$TCXD_TEST_PG_PORT/bimport"
  fi
  rm -f "$DIR/import.xlsx" "$DIR/export.xlsx"
  echo "== $backend: import and export, $rows members" >&2
  "$BUILD/tcxd" demo --db "$db" --members "$rows" --seed 3 >/dev/null 2>&1
  "$BUILD/tcxd_bench" --db "$db" --make-import "$DIR/import.xlsx" --rows "$rows" 2>/dev/null
  /usr/bin/time -o "$DIR/time.out" -f '%e %M' "$BUILD/tcxd" export members --db "$db" --org T01 -o "$DIR/export.xlsx" >/dev/null
  read -r secs rss <<<"$(tail -1 "$DIR/time.out")"
  row "$backend" "export ${rows} members to .xlsx (s) [peak memory $((rss / 1024)) MB]" "$secs" "≤ 15" "-"
  /usr/bin/time -o "$DIR/time.out" -f '%e %M' "$BUILD/tcxd" import members "$DIR/import.xlsx" --db "$db" --org T01 >/dev/null
  read -r secs rss <<<"$(tail -1 "$DIR/time.out")"
  row "$backend" "import ${rows} members from .xlsx, validate + apply (s) ($(du -m "$DIR/import.xlsx" | cut -f1) MB file)" "$secs" "≤ 30" "-"
  row "$backend" "import: peak memory (MB)" "$((rss / 1024))" "≤ 500" "-"
  # The member sheet as PDF: the time the command reports (register + dossier read, layout, PDF), median
  # of 9 members; each run is a new process, so each pays the font loading (~40 ms) a server pays once.
  local ms=()
  for id in 11 222 3333 4444 5555 6666 7777 8888 9999; do
    ms+=("$("$BUILD/tcxd" print member --db "$db" --id "$id" -o "$DIR/sheet.pdf" | sed -n 's/.*(\([0-9]*\) ms).*/\1/p')")
  done
  row "$backend" "PDF of one member sheet, median of 9 (ms) [new process each]" \
    "$(printf '%s\n' "${ms[@]}" | sort -n | sed -n 5p)" "≤ 300" "-"
  ms=()
  for id in 11 222 3333 4444 5555 6666 7777 8888 9999; do
    ms+=("$("$BUILD/tcxd" print member --db "$db" --id "$id" --form cv -o "$DIR/cv.pdf" | sed -n 's/.*(\([0-9]*\) ms).*/\1/p')")
  done
  row "$backend" "PDF of one member CV, median of 9 (ms) [new process each]" \
    "$(printf '%s\n' "${ms[@]}" | sort -n | sed -n 5p)" "≤ 300" "-"
}

ONLY_IMPORT=""
[ "${TCXD_BENCH_ONLY:-}" = import ] && ONLY_IMPORT=1
for b in $BACKENDS; do
  if [ "$b" = sqlite ]; then
    [ -n "$ONLY_IMPORT" ] || bench_backend sqlite
  elif [ -n "${TCXD_TEST_PG_PORT:-}" ]; then
    [ -n "$ONLY_IMPORT" ] || bench_backend postgres
    bench_import_export postgres
  else
    # Re-run this script inside a throw-away PostgreSQL; its rows are appended to the same results file.
    FLOOR_RPS=${FLOOR_RPS:-} TCXD_BENCH_NESTED=1 TCXD_BENCH_BACKENDS=postgres TCXD_BENCH_ONLY=${TCXD_BENCH_ONLY:-} \
      scripts/with-postgres.sh "$0" "$BUILD"
  fi
done

[ -z "${TCXD_BENCH_NESTED:-}" ] || exit 0
case " $BACKENDS " in *" sqlite "*) bench_import_export sqlite ;; esac
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
printf '%-10s | %-78s | %10s | %16s | %8s\n' backend figure value target floor
sed 's/\t/|/g' "$RESULTS" | awk -F'|' '{printf "%-10s | %-78s | %10s | %16s | %8s\n", $1, $2, $3, $4, $5}'
