#!/bin/bash
# Writes server.properties for this pod (node.id = StatefulSet ordinal) and
# formats the KRaft storage directory on first start.
set -euo pipefail
node_id="${HOSTNAME##*-}"
fqdn="${HOSTNAME}.kafka-headless.datalyptica-control.svc.cluster.local"
cat > /config/server.properties <<PROPS
process.roles=broker,controller
node.id=${node_id}
controller.quorum.voters=${KAFKA_CONTROLLER_QUORUM_VOTERS}
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=PLAINTEXT://${fqdn}:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=/var/lib/kafka/data/logs
num.partitions=${KAFKA_NUM_PARTITIONS}
default.replication.factor=${KAFKA_REPLICATION_FACTOR}
min.insync.replicas=${KAFKA_MIN_INSYNC_REPLICAS}
offsets.topic.replication.factor=${KAFKA_REPLICATION_FACTOR}
transaction.state.log.replication.factor=${KAFKA_REPLICATION_FACTOR}
transaction.state.log.min.isr=${KAFKA_MIN_INSYNC_REPLICAS}
auto.create.topics.enable=true
PROPS
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted \
  --cluster-id "${KAFKA_CLUSTER_ID}" --config /config/server.properties
