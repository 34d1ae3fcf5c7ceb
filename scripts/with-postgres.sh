#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL cluster on 127.0.0.1; stop it however it ends.
# Exports MEDIATION_DESK_TEST_PG_URL for the tests. Needs PostgreSQL's server binaries.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "找不到 PostgreSQL 服务器程序（initdb）。Debian/Ubuntu: apt-get install postgresql" >&2
  exit 1
fi
DIR=$(mktemp -d /tmp/md-pg.XXXXXX)
PORT=${PG_TEST_PORT:-$((20000 + RANDOM % 20000))}
RUN=()
if [ "$(id -u)" = "0" ]; then
  chown postgres "$DIR"
  RUN=(runuser -u postgres --)
fi
cleanup() {
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM
"${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/log" \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >/dev/null
export MEDIATION_DESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
"$@"
