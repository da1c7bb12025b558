#!/bin/sh
# Ordinal 0 starts as master; any other ordinal replicates it. After a
# Sentinel failover the roles are kept in the data directory's config rewrite.
set -eu
ordinal="${HOSTNAME##*-}"
master="redis-0.redis-headless.datalyptica-infrastructure.svc.cluster.local"
set -- --port 6379 --dir /data --appendonly yes \
  --requirepass "${REDIS_PASSWORD}" --masterauth "${REDIS_PASSWORD}" \
  --replica-announce-ip "${HOSTNAME}.redis-headless.datalyptica-infrastructure.svc.cluster.local"
if [ "${ordinal}" != "0" ]; then
  set -- "$@" --replicaof "${master}" 6379
fi
exec redis-server "$@"
