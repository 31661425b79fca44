# A throwaway PostgreSQL server for the store's conformance tests (packages/store/test/postgres-*):
# Debian's `postgresql` package (installed when missing), a new cluster in a temp dir on a free
# port, trust authentication on 127.0.0.1 only, no fsync (its data is thrown away; POSTGRES_DURABLE=1
# keeps fsync and synchronous commit on, as the engine bench wants).
#
# Source it, then:
#   postgres_start   # exports COSEARCH_TEST_POSTGRES=postgresql://postgres@127.0.0.1:PORT/postgres
#   postgres_stop    # stops the server and deletes its folder
# As root the server runs as the `postgres` user (initdb refuses root); otherwise as you.
# By hand: `source .ci/postgres.sh && postgres_start && pnpm -s vitest run packages/store`.

postgres_bin() {
  { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1
}

postgres_install() {
  if [ -n "$(postgres_bin)" ] && [ -x "$(postgres_bin)/initdb" ]; then return 0; fi
  echo "== installing Debian's postgresql (store conformance tests)"
  local sudo_cmd=""
  if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
postgres_as_owner() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

postgres_start() {
  postgres_install
  local bin port
  bin="$(postgres_bin)"
  # POSTGRES_DURABLE=1 keeps the server's default durability (fsync, synchronous commit): for benches.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${POSTGRES_DURABLE:-}" = "1" ]; then durability=""; fi
  POSTGRES_DIR="$(mktemp -d /tmp/cosearch-postgres.XXXXXX)"
  if [ "$(id -u)" = "0" ]; then chown postgres "$POSTGRES_DIR"; fi
  # A free port: the kernel's pick for a socket bound to port 0.
  port="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })')"
  postgres_as_owner "'$bin/initdb' -D '$POSTGRES_DIR/data' -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >'$POSTGRES_DIR/initdb.log' 2>&1" || {
    cat "$POSTGRES_DIR/initdb.log"
    return 1
  }
  postgres_as_owner "'$bin/pg_ctl' -D '$POSTGRES_DIR/data' -l '$POSTGRES_DIR/server.log' -w -t 30 \
    -o \"-p $port -k '$POSTGRES_DIR' -c listen_addresses=127.0.0.1 $durability -c max_connections=200\" start >/dev/null" || {
    cat "$POSTGRES_DIR/server.log"
    return 1
  }
  export COSEARCH_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "== postgres: $("$bin/postgres" --version) at $COSEARCH_TEST_POSTGRES"
}

postgres_stop() {
  if [ -z "${POSTGRES_DIR:-}" ] || [ ! -d "$POSTGRES_DIR" ]; then return 0; fi
  postgres_as_owner "'$(postgres_bin)/pg_ctl' -D '$POSTGRES_DIR/data' -m fast -w stop >/dev/null 2>&1" || true
  rm -rf "$POSTGRES_DIR"
  POSTGRES_DIR=""
}
