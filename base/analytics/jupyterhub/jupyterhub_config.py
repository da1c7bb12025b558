# JupyterHub configuration: Keycloak login, KubeSpawner for JupyterLab pods.
import hashlib
import os
from urllib.parse import quote

c = get_config()  # noqa: F821

c.JupyterHub.hub_ip = "0.0.0.0"
c.JupyterHub.hub_port = 8081
c.JupyterHub.hub_connect_ip = "jupyterhub.datalyptica-analytics.svc.cluster.local"
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cookie_secret = hashlib.sha256(os.environ["COOKIE_SECRET"].encode()).digest()
c.JupyterHub.db_url = "postgresql://jupyterhub:{}@postgresql.datalyptica-storage.svc.cluster.local:5432/jupyterhub".format(
    quote(os.environ["JUPYTERHUB_DB_PASSWORD"], safe="")
)

# The proxy runs as its own Deployment (jupyterhub-proxy).
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = "http://jupyterhub-proxy-api.datalyptica-analytics.svc.cluster.local:8001"

# Login through Keycloak (client "jupyterhub" in realm "datalyptica").
keycloak = "http://keycloak.datalyptica-infrastructure.svc.cluster.local:8080/realms/datalyptica/protocol/openid-connect"
c.JupyterHub.authenticator_class = "generic-oauth"
c.GenericOAuthenticator.client_id = "jupyterhub"
c.GenericOAuthenticator.client_secret = os.environ["OAUTH_CLIENT_SECRET"]
c.GenericOAuthenticator.authorize_url = keycloak + "/auth"
c.GenericOAuthenticator.token_url = keycloak + "/token"
c.GenericOAuthenticator.userdata_url = keycloak + "/userinfo"
c.GenericOAuthenticator.username_claim = "preferred_username"
c.GenericOAuthenticator.scope = ["openid", "profile", "email"]
c.GenericOAuthenticator.allow_all = True

# JupyterLab pods.
c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"
c.KubeSpawner.namespace = "datalyptica-analytics"
c.KubeSpawner.image = "quay.io/jupyter/pyspark-notebook:spark-3.5.3"
c.KubeSpawner.pod_name_template = "jupyterlab-{username}"
c.KubeSpawner.service_account = "jupyterlab"
c.KubeSpawner.automount_service_account_token = False
c.KubeSpawner.uid = 1000
c.KubeSpawner.gid = 100
c.KubeSpawner.fs_gid = 100
c.KubeSpawner.cpu_guarantee = 0.5
c.KubeSpawner.cpu_limit = 2
c.KubeSpawner.mem_guarantee = "1G"
c.KubeSpawner.mem_limit = "4G"
c.KubeSpawner.common_labels = {
    "app.kubernetes.io/name": "jupyterlab",
    "app.kubernetes.io/component": "notebook",
    "app.kubernetes.io/part-of": "datalyptica",
}
c.KubeSpawner.pod_security_context = {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}}
c.KubeSpawner.container_security_context = {
    "allowPrivilegeEscalation": False,
    "privileged": False,
    "capabilities": {"drop": ["ALL"]},
}
c.KubeSpawner.storage_pvc_ensure = True
c.KubeSpawner.pvc_name_template = "jupyterlab-{username}"
c.KubeSpawner.storage_capacity = "10Gi"
c.KubeSpawner.volumes = [{"name": "home", "persistentVolumeClaim": {"claimName": "jupyterlab-{username}"}}]
c.KubeSpawner.volume_mounts = [{"name": "home", "mountPath": "/home/jovyan"}]
c.KubeSpawner.environment = {
    "SPARK_MASTER": "spark://spark-master.datalyptica-data.svc.cluster.local:7077",
    "TRINO_HOST": "trino.datalyptica-data.svc.cluster.local",
    "NESSIE_URI": "http://nessie.datalyptica-data.svc.cluster.local:19120/api/v2",
    "KAFKA_BOOTSTRAP_SERVERS": "kafka.datalyptica-control.svc.cluster.local:9092",
    "MLFLOW_TRACKING_URI": "http://mlflow.datalyptica-analytics.svc.cluster.local:5000",
    "AWS_ENDPOINT_URL": "http://minio.datalyptica-storage.svc.cluster.local:9000",
    "AWS_ACCESS_KEY_ID": {"valueFrom": {"secretKeyRef": {"name": "jupyterlab-minio-credentials", "key": "access-key"}}},
    "AWS_SECRET_ACCESS_KEY": {"valueFrom": {"secretKeyRef": {"name": "jupyterlab-minio-credentials", "key": "secret-key"}}},
}
