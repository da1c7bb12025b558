#!/bin/bash
# Ordinal 0 is the primary. Any other ordinal clones the primary once with
# pg_basebackup (-R writes standby.signal + primary_conninfo) and then runs as a
# hot standby that follows it by streaming replication. wal_level=logical also
# serves Debezium CDC (Kafka Connect).
set -euo pipefail
ordinal="${HOSTNAME##*-}"
if [ "${ordinal}" != "0" ] && [ ! -s "${PGDATA}/PG_VERSION" ]; then
  export PGPASSWORD="${POSTGRES_PASSWORD}"
  until pg_basebackup -h "${PRIMARY_HOST}" -U "${POSTGRES_USER}" -D "${PGDATA}" -R -X stream -c fast; do
    echo "primary ${PRIMARY_HOST} not reachable yet; retrying in 5s"
    rm -rf "${PGDATA:?}"/*
    sleep 5
  done
  chmod 0700 "${PGDATA}"
fi
exec docker-entrypoint.sh postgres \
  -c listen_addresses='*' \
  -c wal_level=logical \
  -c max_wal_senders=10 \
  -c max_replication_slots=10 \
  -c hot_standby=on \
  -c wal_keep_size=1GB
