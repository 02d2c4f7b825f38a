#!/usr/bin/env bash
# Start a throwaway PostgreSQL for tests and benchmarks, and print its URL (the only line on stdout).
#
#   export ATLAS_TEST_POSTGRES_URL="$(scripts/start_postgres.sh)"
#
# Installs Debian's postgresql when it is missing (needs root and apt), creates a private cluster
# in $ATLAS_PG_DIR (default /tmp/atlas-pg) owned by the postgres user (or by the current user when
# not root), listening on 127.0.0.1 only, on $ATLAS_PG_PORT (default 5432, or a free port when 5432
# is taken), and a database and user "atlas". Running it again reuses the running cluster.
# Stop it with: scripts/start_postgres.sh --stop
set -euo pipefail

DIR="${ATLAS_PG_DIR:-/tmp/atlas-pg}"
PORT="${ATLAS_PG_PORT:-5432}"
DB_NAME="${ATLAS_PG_DB:-atlas}"
DB_USER="${ATLAS_PG_USER:-atlas}"
DB_PASSWORD="${ATLAS_PG_PASSWORD:-atlas-test}"
DATA="$DIR/data"
log() { echo "start_postgres: $*" >&2; }

find_bin() {
  local v
  for v in $(ls -1 /usr/lib/postgresql 2>/dev/null | sort -rn); do
    if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then
      echo "/usr/lib/postgresql/$v/bin"
      return 0
    fi
  done
  return 1
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL is not installed and this script cannot install it (needs root and apt-get)"
    exit 1
  fi
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends postgresql >&2
  BIN="$(find_bin)"
fi

# Run server tools as the postgres user when we are root (PostgreSQL refuses to run as root).
if [ "$(id -u)" = "0" ]; then
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER="$(id -un)"
  as_owner() { "$@"; }
fi

if [ "${1:-}" = "--stop" ]; then
  if [ -f "$DATA/PG_VERSION" ]; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true
  fi
  exit 0
fi

mkdir -p "$DIR"
chown "$OWNER" "$DIR"
chmod 700 "$DIR"

running_port() {
  # The port of our cluster when it is running (from postmaster.pid line 4), else empty.
  if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    sed -n 4p "$DATA/postmaster.pid"
  fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [ ! -f "$DATA/PG_VERSION" ]; then
  log "creating a cluster in $DATA"
  pwfile="$(mktemp)"
  echo "$DB_PASSWORD" >"$pwfile"
  chown "$OWNER" "$pwfile"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >&2
  rm -f "$pwfile"
fi

CURRENT="$(running_port)"
if [ -n "$CURRENT" ]; then
  PORT="$CURRENT"
  log "cluster already running on port $PORT"
else
  if ! port_free "$PORT"; then
    PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    log "port taken, using $PORT"
  fi
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c max_connections=200 -c fsync=off" start >&2
fi

psql_admin() { as_owner "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
  psql_admin -c "CREATE ROLE \"$DB_USER\" LOGIN PASSWORD '$DB_PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$DB_USER\"" >&2
fi

echo "postgresql+psycopg://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB_NAME"
