#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, from the machine's PostgreSQL binaries.
#
#   eval "$(test/pg.sh start)"   initdb's a cluster in a fresh temporary directory, starts it on 127.0.0.1 with a
#                                free port (its unix socket in that directory, too), creates the database "cairn"
#                                and prints  export CAIRN_TEST_POSTGRES=<Npgsql connection string>  and
#                                export CAIRN_TEST_POSTGRES_DIR=<the directory>.
#   test/pg.sh stop [dir]        stops the cluster and deletes its directory (default: $CAIRN_TEST_POSTGRES_DIR).
#
# Both are idempotent: start with $CAIRN_TEST_POSTGRES_DIR naming a cluster that still runs prints its settings again
# instead of starting another; stop of a directory that is gone (or never started) does nothing and succeeds.
#
# PostgreSQL refuses to run as root, so as root the cluster runs as the user "postgres" (which Debian's postgresql
# packages create), else as "nobody" (runuser); otherwise as the caller. Binaries: $PG_BIN, else the newest
# /usr/lib/postgresql/*/bin, else whatever initdb is on PATH.
set -euo pipefail

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$newest" ]; then echo "$newest"; return; fi
  dirname "$(command -v initdb)"
}

owner() {
  if id -u postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$(owner)" -- "$@"; else "$@"; fi
}

print_env() {
  echo "export CAIRN_TEST_POSTGRES_DIR='$1'"
  echo "export CAIRN_TEST_POSTGRES='Host=127.0.0.1;Port=$(cat "$1/port");Database=cairn;Username=postgres'"
}

free_port() {
  local python=/usr/bin/python3
  [ -x "$python" ] || python=python3
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port
  bin=$(pg_bin)
  dir="${CAIRN_TEST_POSTGRES_DIR:-}"
  if [ -n "$dir" ] && [ -f "$dir/port" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    print_env "$dir"
    return
  fi
  dir=$(mktemp -d /tmp/cairn-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown "$(owner):" "$dir"; fi
  # The database's own collation is a linguistic one (ICU en-US) where PostgreSQL has ICU, so a name column that
  # forgot COLLATE "C" sorts wrongly in the tests instead of only in production.
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      --locale-provider=icu --icu-locale=en-US >"$dir/initdb.log" 2>&1; then
    rm -rf "$dir/data"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  # A test cluster: durability off (fsync, synchronous_commit) buys speed; many databases and connections at once.
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 400
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_pred_locks_per_transaction = 256
EOF
  # A port another process takes between our probe and the server's bind makes the start fail: try a few.
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    port=""
  done
  if [ -z "$port" ]; then
    cat "$dir/server.log" >&2 || true
    echo "could not start PostgreSQL in $dir" >&2
    exit 1
  fi
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -c 'CREATE DATABASE cairn' >/dev/null
  echo "$port" >"$dir/port"
  print_env "$dir"
}

stop() {
  local dir="${1:-${CAIRN_TEST_POSTGRES_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
