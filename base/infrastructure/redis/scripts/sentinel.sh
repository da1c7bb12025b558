#!/bin/sh
# Sentinel (overlays/ha): monitors the master "datalyptica", quorum 2.
set -eu
master="redis-0.redis-headless.datalyptica-infrastructure.svc.cluster.local"
self="${HOSTNAME}.redis-headless.datalyptica-infrastructure.svc.cluster.local"
cat > /sentinel/sentinel.conf <<CONF
port 26379
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip ${self}
sentinel monitor datalyptica ${master} 6379 2
sentinel auth-pass datalyptica ${REDIS_PASSWORD}
sentinel down-after-milliseconds datalyptica 10000
sentinel failover-timeout datalyptica 60000
sentinel parallel-syncs datalyptica 1
CONF
exec redis-sentinel /sentinel/sentinel.conf
