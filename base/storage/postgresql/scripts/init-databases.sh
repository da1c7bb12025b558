#!/bin/bash
# Runs once, on the primary's first start (docker-entrypoint-initdb.d).
set -euo pipefail
create_database() {
  local database="$1" owner="$2" password="$3"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres <<SQL
CREATE ROLE "${owner}" LOGIN PASSWORD '${password}';
CREATE DATABASE "${database}" OWNER "${owner}";
SQL
}
create_database nessie nessie "${NESSIE_PASSWORD}"
create_database airflow airflow "${AIRFLOW_PASSWORD}"
create_database superset superset "${SUPERSET_PASSWORD}"
create_database mlflow mlflow "${MLFLOW_PASSWORD}"
create_database keycloak keycloak "${KEYCLOAK_PASSWORD}"
create_database jupyterhub jupyterhub "${JUPYTERHUB_PASSWORD}"
# Standbys and Debezium (logical decoding) connect with replication privileges.
echo "host replication all all scram-sha-256" >> "${PGDATA}/pg_hba.conf"
