#!/usr/bin/env bash
# PostgreSQL, Redis and nginx for the scale-out tests and benchmark, from
# Debian packages, on loopback only. Idempotent and fast when present:
#   - installs postgresql, redis-server and nginx with apt-get when missing
#     (needs root, as on CI and the development machines);
#   - starts the PostgreSQL cluster (listening on 127.0.0.1) and creates the
#     role and database the tests use;
#   - starts a Redis of its own on 127.0.0.1:$SCALEOUT_REDIS_PORT (no disk
#     persistence: it holds only conversation locks);
#   - nginx is started by the tests themselves, with deployment/nginx/.
# Prints the environment the tests and the benchmark read, as KEY=VALUE lines.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_USER="${SCALEOUT_PG_USER:-assistant}"
PG_PASSWORD="${SCALEOUT_PG_PASSWORD:-assistant-test}"
PG_DB="${SCALEOUT_PG_DB:-assistant_test}"
PG_PORT="${SCALEOUT_PG_PORT:-5432}"
REDIS_PORT="${SCALEOUT_REDIS_PORT:-6391}"

fail() { echo "services: $*" >&2; exit 1; }

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; install them: sudo apt-get install -y ${missing[*]}"
  echo "services: installing ${missing[*]} (Debian packages) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } >/tmp/services-apt.log 2>&1 \
    || fail "apt-get install ${missing[*]} failed (log: /tmp/services-apt.log)"
fi

# PostgreSQL: the Debian cluster, loopback only.
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
[ -n "$cluster" ] || fail "no PostgreSQL cluster found (pg_lsclusters); try: pg_createcluster 15 main"
read -r pg_version pg_name <<<"$cluster"
conf="/etc/postgresql/$pg_version/$pg_name/postgresql.conf"
if ! grep -q "^listen_addresses = '127.0.0.1'" "$conf"; then
  echo "listen_addresses = '127.0.0.1'" >>"$conf"
fi
if ! pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1==v && $2==n {print $4}' | grep -q online; then
  pg_ctlcluster "$pg_version" "$pg_name" start || fail "PostgreSQL did not start (see /var/log/postgresql/)"
fi
psql_admin() { runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }
for _ in $(seq 1 50); do psql_admin -c "select 1" >/dev/null 2>&1 && break; sleep 0.2; done
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$PG_USER'")" != "1" ]; then
  psql_admin -c "create role $PG_USER login password '$PG_PASSWORD'"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = '$PG_DB'")" != "1" ]; then
  psql_admin -c "create database $PG_DB owner $PG_USER"
fi

# Redis: our own instance, loopback only, no persistence.
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --pidfile "/tmp/assistant-redis-$REDIS_PORT.pid" --logfile "/tmp/assistant-redis-$REDIS_PORT.log" \
    || fail "redis-server did not start (log: /tmp/assistant-redis-$REDIS_PORT.log)"
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

cat <<ENV
TRACKER_DB_DIALECT=postgresql
TRACKER_DB_HOST=127.0.0.1
TRACKER_DB_PORT=$PG_PORT
TRACKER_DB_NAME=$PG_DB
TRACKER_DB_USER=$PG_USER
TRACKER_DB_PASSWORD=$PG_PASSWORD
LOCK_STORE_TYPE=redis
REDIS_HOST=127.0.0.1
REDIS_PORT=$REDIS_PORT
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
ENV
