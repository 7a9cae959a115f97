#!/usr/bin/env bash
# `make run`: creates the demo database on first start, prints the demo accounts, serves.
set -euo pipefail
db=${1:-data/tcxd.db}
port=${2:-8080}
cd "$(dirname "$0")/.."
if [ ! -f "$db" ]; then
  echo "Tạo cơ sở dữ liệu mẫu $db (một tỉnh, 20.000 đảng viên)..."
  build/tcxd demo --db "$db" --members 20000 --seed 1 --accounts
fi
web=""
[ -f web/dist/index.html ] && web="--web web/dist"
echo
echo "TCXD: http://127.0.0.1:$port/   (API: http://127.0.0.1:$port/api/v1/openapi.json)"
if [ -f "$(dirname "$db")/demo-accounts.txt" ]; then
  echo "Tài khoản mẫu (đăng nhập / mật khẩu / vai trò):"
  cat "$(dirname "$db")/demo-accounts.txt"
fi
echo
# shellcheck disable=SC2086
exec build/tcxd serve --db "$db" --port "$port" $web
