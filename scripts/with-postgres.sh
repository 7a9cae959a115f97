#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 server on 127.0.0.1 (a temp data directory, a free
# port), exporting TCXD_TEST_PG_URL; stops the server and removes the directory afterwards.
# PostgreSQL refuses to run as root: as root, the server runs as the unprivileged user `nobody`.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "with-postgres: PostgreSQL server binaries not found (run scripts/setup.sh test)" >&2; exit 1; }

dir=$(mktemp -d /tmp/tcxd-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$dir"
  as_pg=(runuser -u nobody --)
fi
cleanup() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U tcxd --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${TCXD_PG_OPTIONS:-}" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U tcxd tcxd_test
export TCXD_TEST_PG_URL="postgresql://tcxd@127.0.0.1:$port/tcxd_test"
export TCXD_TEST_PG_PORT="$port"
"$@"
