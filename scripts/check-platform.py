#!/usr/bin/env python3
"""Static checks of the Datalyptica platform manifests.

Builds every environment with `kubectl kustomize` (the oracle dlsync must
match) and checks the rendered objects against the platform's rules: labels,
pinned images, resources, probes, non-root security contexts, Secrets without
values, namespaces denied by default, HA sizes and PodDisruptionBudgets,
OpenShift Routes / kind Ingresses, and that nothing references a ConfigMap,
Secret, ServiceAccount, PVC or Service that the environment does not contain.

    scripts/check-platform.py                 # all environments
    scripts/check-platform.py prod dev        # some environments
    scripts/check-platform.py --build-only    # only check that everything builds

    scripts/check-platform.py --schema        # also validate every object's fields

Exit status 0 when every check passes, 1 otherwise (each failure is printed).
Needs python3, PyYAML and kubectl (kustomize v5) on PATH. --schema needs the
PyPI package kubernetes-validate, whose oldest schemas are 1.25: objects are
validated strictly (unknown fields are errors) against 1.25 after mapping
policy/v1beta1 and batch/v1beta1 to their v1 successors (same fields for what
the platform uses); OpenShift kinds are skipped.
"""
import argparse
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LAYERS = {
    "storage": ["postgresql", "minio"],
    "control": ["kafka", "schema-registry", "kafka-connect"],
    "data": ["nessie", "trino", "spark", "flink", "clickhouse", "dbt"],
    "analytics": ["great-expectations", "airflow", "jupyterhub", "mlflow", "superset"],
    "management": ["prometheus", "grafana", "loki", "alertmanager", "alloy", "kafka-ui", "gitops"],
    "infrastructure": ["keycloak", "redis"],
}

# environment -> (platform, mode, layers)
ENVIRONMENTS = {
    "dev": ("kind", "standalone", list(LAYERS)),
    "staging": ("openshift", "standalone", list(LAYERS)),
    "prod": ("openshift", "ha", list(LAYERS)),
    "edge": (None, "standalone", [l for l in LAYERS if l != "analytics"]),
}

# UIDs fixed by the seed spec (000_0d9377d0202f7b6b.txt).
SPEC_UIDS = {
    "postgresql": 999, "redis": 999, "minio": 1000, "nessie": 1000, "trino": 1000,
    "flink": 9999, "kafka": 1000, "schema-registry": 1000, "spark": 1000,
    "clickhouse": 101, "airflow": 50000, "superset": 1000,
}

# Secret keys fixed by the seed spec (a Secret may carry more).
SPEC_SECRET_KEYS = {
    ("datalyptica-storage", "postgresql-credentials"): {
        "postgres-password", "nessie-password", "airflow-password", "superset-password", "mlflow-password"},
    ("datalyptica-infrastructure", "redis-credentials"): {"redis-password"},
    ("datalyptica-storage", "minio-credentials"): {"root-user", "root-password", "access-key", "secret-key"},
    ("datalyptica-data", "clickhouse-credentials"): {"default-password"},
    ("datalyptica-analytics", "airflow-credentials"): {"fernet-key"},
    ("datalyptica-analytics", "superset-credentials"): {"secret-key", "admin-password"},
    ("datalyptica-management", "grafana-credentials"): {"admin-password"},
}

# HA replica counts (004_f0246d96860374a1.txt).
HA_REPLICAS = {
    "postgresql": 3, "minio": 4, "kafka": 3, "schema-registry": 3, "kafka-connect": 2,
    "nessie": 3, "trino-coordinator": 1, "trino-worker": 3, "spark-master": 1, "spark-worker": 3,
    "flink-jobmanager": 3, "flink-taskmanager": 3, "clickhouse": 3, "clickhouse-keeper": 3,
    "airflow-webserver": 2, "airflow-scheduler": 2, "airflow-worker": 3,
    "jupyterhub": 2, "mlflow": 2, "superset": 2, "great-expectations": 2,
    "prometheus": 2, "grafana": 2, "loki-read": 3, "loki-write": 3, "loki-backend": 3,
    "alertmanager": 3, "kafka-ui": 2, "dlsync": 2, "keycloak": 2, "redis": 3,
}

# UIs exposed through Routes (OpenShift) or Ingresses (kind): namespace -> Service names.
UIS = {
    "grafana": "datalyptica-management", "trino": "datalyptica-data",
    "minio-console": "datalyptica-storage", "kafka-ui": "datalyptica-management",
    "jupyterhub": "datalyptica-analytics", "superset": "datalyptica-analytics",
    "airflow": "datalyptica-analytics", "keycloak": "datalyptica-infrastructure",
}
UI_LAYER = {"datalyptica-management": "management", "datalyptica-data": "data",
            "datalyptica-storage": "storage", "datalyptica-analytics": "analytics",
            "datalyptica-infrastructure": "infrastructure"}

# API versions a Kubernetes 1.20 API server serves for the kinds used here.
SERVED_1_20 = {
    "Namespace": {"v1"}, "Service": {"v1"}, "ServiceAccount": {"v1"}, "Secret": {"v1"},
    "ConfigMap": {"v1"}, "PersistentVolumeClaim": {"v1"},
    "Deployment": {"apps/v1"}, "StatefulSet": {"apps/v1"}, "DaemonSet": {"apps/v1"},
    "Job": {"batch/v1"}, "CronJob": {"batch/v1beta1"},
    "PodDisruptionBudget": {"policy/v1beta1"},
    "NetworkPolicy": {"networking.k8s.io/v1"}, "Ingress": {"networking.k8s.io/v1"},
    "Role": {"rbac.authorization.k8s.io/v1"}, "RoleBinding": {"rbac.authorization.k8s.io/v1"},
    "Lease": {"coordination.k8s.io/v1"},
    "ClusterRole": {"rbac.authorization.k8s.io/v1"},
    "ClusterRoleBinding": {"rbac.authorization.k8s.io/v1"},
    "Route": {"route.openshift.io/v1"},
    "SecurityContextConstraints": {"security.openshift.io/v1"},
}

# The synchroniser's ClusterRole (base/management/gitops/rbac.yaml) names exactly the
# kinds the environments contain, with the verbs that sync needs.
SYNC_CLUSTER_ROLE = "datalyptica-dlsync"
SYNC_VERBS = {"get", "list", "watch", "create", "patch", "delete"}

WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "SecurityContextConstraints"}
DNS_RE = re.compile(r"([a-z0-9]([a-z0-9-]*[a-z0-9])?)\.(datalyptica-[a-z]+)\.svc\.cluster\.local")


class Report:
    def __init__(self):
        self.failures = []
        self.checks = 0

    def check(self, ok, env, message):
        self.checks += 1
        if not ok:
            self.failures.append(f"[{env}] {message}")
        return ok


def build(path):
    proc = subprocess.run(["kubectl", "kustomize", path], capture_output=True, text=True)
    if proc.returncode != 0:
        return None, proc.stderr.strip()
    return [d for d in yaml.safe_load_all(proc.stdout) if d], None


def key(obj):
    md = obj.get("metadata", {})
    return obj["kind"], md.get("namespace"), md.get("name")


def api_resource(obj):
    """(API group, plural resource) of an object, as RBAC rules name it."""
    api_version = obj.get("apiVersion", "")
    group = api_version.rsplit("/", 1)[0] if "/" in api_version else ""
    kind = obj["kind"].lower()
    if kind.endswith("constraints"):
        plural = kind
    elif kind.endswith("y"):
        plural = kind[:-1] + "ies"
    elif kind.endswith("s"):
        plural = kind + "es"
    else:
        plural = kind + "s"
    return group, plural


def rule_grants(role, group, resource, verbs):
    return any(group in r.get("apiGroups", []) and resource in r.get("resources", []) and
               verbs <= set(r.get("verbs", [])) for r in (role or {}).get("rules", []) or [])


def pod_spec(obj):
    spec = obj.get("spec", {})
    if obj["kind"] == "CronJob":
        return spec["jobTemplate"]["spec"]["template"]["spec"], spec["jobTemplate"]["spec"]["template"]
    return spec["template"]["spec"], spec["template"]


def walk_strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from walk_strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk_strings(v)


def generated_keys(secret):
    ann = secret.get("metadata", {}).get("annotations", {}) or {}
    return {k.strip() for k in ann.get("dlsync.io/generate", "").split(",") if k.strip()}


def selector_matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def check_environment(env, objs, r):
    platform, mode, layers = ENVIRONMENTS[env]
    index = {key(o): o for o in objs}
    by_kind = {}
    for o in objs:
        by_kind.setdefault(o["kind"], []).append(o)
    namespaces = {o["metadata"]["name"] for o in by_kind.get("Namespace", [])}

    def exists(kind, ns, name):
        return (kind, ns, name) in index

    # --- API versions, labels, namespaces --------------------------------------------
    for o in objs:
        kind, ns, name = key(o)
        where = f"{kind} {ns}/{name}"
        r.check(o.get("apiVersion") in SERVED_1_20.get(kind, {o.get("apiVersion")}), env,
                f"{where}: apiVersion {o.get('apiVersion')} is not served by Kubernetes 1.20")
        labels = o.get("metadata", {}).get("labels", {}) or {}
        for label in ("app.kubernetes.io/name", "app.kubernetes.io/component"):
            r.check(bool(labels.get(label)), env, f"{where}: missing label {label}")
        r.check(labels.get("app.kubernetes.io/part-of") == "datalyptica", env,
                f"{where}: label app.kubernetes.io/part-of must be datalyptica")
        if kind not in CLUSTER_SCOPED:
            r.check(ns in namespaces, env, f"{where}: namespace {ns} is not part of the build")

    expected_ns = {f"datalyptica-{l}" for l in layers}
    r.check(namespaces == expected_ns, env, f"namespaces {sorted(namespaces)} != {sorted(expected_ns)}")

    # --- services present -----------------------------------------------------------
    names = {o["metadata"]["labels"].get("app.kubernetes.io/name") for o in objs
             if o["kind"] in WORKLOADS}
    for layer, services in LAYERS.items():
        for svc in services:
            if layer in layers:
                r.check(svc in names, env, f"service {svc} ({layer}) has no workload")
            else:
                r.check(svc not in names, env, f"service {svc} ({layer}) should be turned off")
    if "analytics" in layers:
        hub_cfg = [o for o in by_kind.get("ConfigMap", [])
                   if o["metadata"]["name"].startswith("jupyterhub-config")]
        r.check(any("KubeSpawner" in "".join(walk_strings(o.get("data", {}))) for o in hub_cfg), env,
                "JupyterHub must spawn JupyterLab pods (KubeSpawner config)")

    # --- Secrets ----------------------------------------------------------------------
    for s in by_kind.get("Secret", []):
        _, ns, name = key(s)
        where = f"Secret {ns}/{name}"
        r.check(s.get("type") == "Opaque", env, f"{where}: type must be Opaque")
        r.check("data" not in s and "stringData" not in s, env, f"{where}: must not carry data/stringData")
        r.check(bool(generated_keys(s)), env, f"{where}: missing dlsync.io/generate annotation")
        spec_keys = SPEC_SECRET_KEYS.get((ns, name))
        if spec_keys:
            r.check(spec_keys <= generated_keys(s), env,
                    f"{where}: missing spec keys {sorted(spec_keys - generated_keys(s))}")
    for (ns, name), _ in SPEC_SECRET_KEYS.items():
        if ns in namespaces:
            r.check(exists("Secret", ns, name), env, f"Secret {ns}/{name} required by the spec is missing")

    # --- workloads --------------------------------------------------------------------
    used_sas = set()
    pod_templates = []  # (namespace, labels, workload)
    for w in [o for o in objs if o["kind"] in WORKLOADS]:
        kind, ns, name = key(w)
        where = f"{kind} {ns}/{name}"
        spec, template = pod_spec(w)
        labels = template.get("metadata", {}).get("labels", {}) or {}
        pod_templates.append((ns, labels, w))
        app = w["metadata"]["labels"].get("app.kubernetes.io/name")
        sa = spec.get("serviceAccountName")
        r.check(bool(sa), env, f"{where}: serviceAccountName not set")
        if sa:
            used_sas.add((ns, sa))
            r.check(exists("ServiceAccount", ns, sa), env, f"{where}: ServiceAccount {sa} missing")
        psc = spec.get("securityContext", {}) or {}
        r.check(psc.get("runAsNonRoot") is True, env, f"{where}: pod runAsNonRoot must be true")
        r.check(isinstance(psc.get("runAsUser"), int) and psc.get("runAsUser") > 0, env,
                f"{where}: pod runAsUser must be an explicit non-zero UID")
        r.check(isinstance(psc.get("fsGroup"), int), env, f"{where}: pod fsGroup must be explicit")
        if app in SPEC_UIDS and kind not in ("Job", "CronJob"):
            r.check(psc.get("runAsUser") == SPEC_UIDS[app], env,
                    f"{where}: runAsUser {psc.get('runAsUser')} != spec UID {SPEC_UIDS[app]}")
        r.check(not spec.get("hostNetwork") and not spec.get("hostPID") and not spec.get("hostIPC"), env,
                f"{where}: host namespaces are not allowed")
        volumes = {v["name"]: v for v in spec.get("volumes", []) or []}
        for v in volumes.values():
            if "hostPath" in v:
                r.check(app == "alloy", env, f"{where}: hostPath volume {v['name']} (only Alloy may read logs)")
            if "configMap" in v:
                r.check(exists("ConfigMap", ns, v["configMap"]["name"]), env,
                        f"{where}: ConfigMap {v['configMap']['name']} missing")
            if "secret" in v:
                r.check(exists("Secret", ns, v["secret"]["secretName"]), env,
                        f"{where}: Secret {v['secret']['secretName']} missing")
            if "persistentVolumeClaim" in v:
                claim = v["persistentVolumeClaim"]["claimName"]
                r.check(exists("PersistentVolumeClaim", ns, claim), env, f"{where}: PVC {claim} missing")
        vct = {t["metadata"]["name"] for t in w.get("spec", {}).get("volumeClaimTemplates", []) or []}
        if kind == "StatefulSet":
            r.check(bool(vct), env, f"{where}: StatefulSet without volumeClaimTemplates")
            if platform == "kind":
                for t in w["spec"]["volumeClaimTemplates"]:
                    r.check(t["spec"].get("storageClassName") == "standard", env,
                            f"{where}: volumeClaimTemplate {t['metadata']['name']} must use storage class standard on kind")
        containers = [(c, False) for c in spec.get("containers", [])] + \
                     [(c, True) for c in spec.get("initContainers", []) or []]
        for c, init in containers:
            cwhere = f"{where} container {c['name']}"
            image = c.get("image", "")
            tag = image.rsplit(":", 1)[1] if ":" in image.rsplit("/", 1)[-1] else ""
            r.check(bool(tag) and tag != "latest", env, f"{cwhere}: image {image} must be pinned")
            res = c.get("resources", {}) or {}
            for part in ("requests", "limits"):
                r.check({"cpu", "memory"} <= set((res.get(part) or {}).keys()), env,
                        f"{cwhere}: resources.{part} needs cpu and memory")
            csc = c.get("securityContext", {}) or {}
            r.check(csc.get("allowPrivilegeEscalation") is False, env,
                    f"{cwhere}: allowPrivilegeEscalation must be false")
            r.check(not csc.get("privileged"), env, f"{cwhere}: privileged container")
            r.check(csc.get("runAsUser", 1) != 0, env, f"{cwhere}: runs as root")
            if not init and kind not in ("Job", "CronJob"):
                r.check("livenessProbe" in c and "readinessProbe" in c, env,
                        f"{cwhere}: liveness and readiness probes required")
                names = {p.get("name") for p in c.get("ports", []) or []}
                for probe in ("livenessProbe", "readinessProbe"):
                    handler = (c.get(probe) or {}).get("httpGet") or (c.get(probe) or {}).get("tcpSocket") or {}
                    if isinstance(handler.get("port"), str):
                        r.check(handler["port"] in names, env,
                                f"{cwhere}: {probe} uses port {handler['port']}, which the container does not name")
            for m in c.get("volumeMounts", []) or []:
                r.check(m["name"] in volumes or m["name"] in vct, env,
                        f"{cwhere}: volumeMount {m['name']} has no volume")
            for e in c.get("env", []) or []:
                ref = (e.get("valueFrom") or {})
                if "secretKeyRef" in ref:
                    sk = ref["secretKeyRef"]
                    secret = index.get(("Secret", ns, sk["name"]))
                    if r.check(secret is not None, env, f"{cwhere}: Secret {sk['name']} missing"):
                        r.check(sk["key"] in generated_keys(secret), env,
                                f"{cwhere}: Secret {sk['name']} has no key {sk['key']}")
                if "configMapKeyRef" in ref:
                    ck = ref["configMapKeyRef"]
                    cm = index.get(("ConfigMap", ns, ck["name"]))
                    if r.check(cm is not None, env, f"{cwhere}: ConfigMap {ck['name']} missing"):
                        r.check(ck["key"] in (cm.get("data") or {}), env,
                                f"{cwhere}: ConfigMap {ck['name']} has no key {ck['key']}")
            for ef in c.get("envFrom", []) or []:
                if "configMapRef" in ef:
                    r.check(exists("ConfigMap", ns, ef["configMapRef"]["name"]), env,
                            f"{cwhere}: ConfigMap {ef['configMapRef']['name']} missing")
                if "secretRef" in ef:
                    r.check(exists("Secret", ns, ef["secretRef"]["name"]), env,
                            f"{cwhere}: Secret {ef['secretRef']['name']} missing")

        # replicas per mode
        if kind in ("Deployment", "StatefulSet"):
            replicas = w["spec"].get("replicas", 1)
            if mode == "standalone":
                r.check(replicas == 1, env, f"{where}: standalone runs 1 replica, found {replicas}")
            elif name in HA_REPLICAS:
                r.check(replicas == HA_REPLICAS[name], env,
                        f"{where}: HA size {HA_REPLICAS[name]} expected, found {replicas}")
            affinity = spec.get("affinity", {}) or {}
            spread = spec.get("topologySpreadConstraints")
            if mode == "standalone":
                r.check("podAntiAffinity" not in affinity and not spread, env,
                        f"{where}: standalone must not use anti-affinity/topology spread")
            elif replicas > 1:
                r.check("podAntiAffinity" in affinity or bool(spread), env,
                        f"{where}: replicated workload without anti-affinity or topologySpreadConstraints")
    if mode == "ha":
        present = {o["metadata"]["name"] for o in objs if o["kind"] in ("Deployment", "StatefulSet")}
        active = [s for l in layers for s in LAYERS[l]]
        for name in HA_REPLICAS:
            if any(name == s or name.startswith(s + "-") for s in active):
                r.check(name in present, env, f"HA workload {name} is missing")

    # --- ServiceAccounts are used -------------------------------------------------------
    configmap_text = {}
    for cm in by_kind.get("ConfigMap", []):
        configmap_text.setdefault(cm["metadata"]["namespace"], "")
        configmap_text[cm["metadata"]["namespace"]] += "\n".join(walk_strings(cm.get("data", {})))
    for sa in by_kind.get("ServiceAccount", []):
        _, ns, name = key(sa)
        spawned = re.search(r"service_account\s*=\s*[\"']%s[\"']" % re.escape(name), configmap_text.get(ns, ""))
        r.check((ns, name) in used_sas or bool(spawned), env, f"ServiceAccount {ns}/{name} is not used")

    # --- RBAC references ------------------------------------------------------------------
    for b in by_kind.get("RoleBinding", []) + by_kind.get("ClusterRoleBinding", []):
        kind, ns, name = key(b)
        ref = b["roleRef"]
        if ref["kind"] == "Role":
            r.check(exists("Role", ns, ref["name"]), env, f"{kind} {ns}/{name}: Role {ref['name']} missing")
        elif not ref["name"].startswith("system:"):
            r.check(exists("ClusterRole", None, ref["name"]), env,
                    f"{kind} {ns}/{name}: ClusterRole {ref['name']} missing")
        for s in b.get("subjects", []):
            if s["kind"] == "ServiceAccount":
                r.check(exists("ServiceAccount", s.get("namespace"), s["name"]), env,
                        f"{kind} {ns}/{name}: ServiceAccount {s.get('namespace')}/{s['name']} missing")
    # --- the synchroniser may write every kind of the build ------------------------------
    sync_role = index.get(("ClusterRole", None, SYNC_CLUSTER_ROLE))
    if r.check(sync_role is not None, env, f"ClusterRole {SYNC_CLUSTER_ROLE} (gitops) missing"):
        for group, resource in sorted({api_resource(o) for o in objs}):
            r.check(rule_grants(sync_role, group, resource, SYNC_VERBS), env,
                    f"ClusterRole {SYNC_CLUSTER_ROLE}: no {'/'.join(sorted(SYNC_VERBS))} on "
                    f"{resource}.{group or 'core'}, which the build contains")
        for verb in ("bind", "escalate"):
            for resource in ("roles", "clusterroles"):
                r.check(rule_grants(sync_role, "rbac.authorization.k8s.io", resource, {verb}), env,
                        f"ClusterRole {SYNC_CLUSTER_ROLE}: needs {verb} on {resource} to write the platform's RBAC")

    # --- Services select pods; DNS names resolve ---------------------------------------
    def container_ports(workload):
        spec, _ = pod_spec(workload)
        return [p for c in spec.get("containers", []) for p in c.get("ports", []) or []]

    for svc in by_kind.get("Service", []):
        _, ns, name = key(svc)
        sel = svc["spec"].get("selector") or {}
        sel = {k: v for k, v in sel.items() if k != "statefulset.kubernetes.io/pod-name"}
        matched = [w for pns, labels, w in pod_templates if pns == ns and selector_matches(sel, labels)]
        if not r.check(bool(matched), env, f"Service {ns}/{name}: selector {sel} matches no pod template"):
            continue
        for port in svc["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            r.check(all(any(target in (cp.get("name"), cp["containerPort"]) for cp in container_ports(w))
                        for w in matched), env,
                    f"Service {ns}/{name}: targetPort {target} is not a container port of every selected pod")
    for o in objs:
        if o["kind"] == "Secret":
            continue
        for text in walk_strings(o):
            for m in DNS_RE.finditer(text):
                svc_name, ns = m.group(1), m.group(3)
                r.check(exists("Service", ns, svc_name), env,
                        f"{o['kind']} {o['metadata'].get('namespace')}/{o['metadata']['name']}: "
                        f"{m.group(0)} names no Service in the build")

    # --- NetworkPolicies ------------------------------------------------------------------
    for ns in namespaces:
        pols = [p for p in by_kind.get("NetworkPolicy", []) if p["metadata"]["namespace"] == ns]
        deny = [p for p in pols if p["spec"].get("podSelector") == {} and
                p["spec"].get("policyTypes") == ["Ingress"] and not p["spec"].get("ingress")]
        r.check(bool(deny), env, f"namespace {ns} has no default-deny ingress NetworkPolicy")
        pnames = {p["metadata"]["name"] for p in pols}
        for required in ("allow-intra-namespace", "allow-from-management"):
            r.check(required in pnames, env, f"namespace {ns}: NetworkPolicy {required} missing")
        for p in pols:
            r.check(p["metadata"]["name"] == "default-deny-ingress" or p["metadata"]["name"].startswith("allow-"),
                    env, f"NetworkPolicy {ns}/{p['metadata']['name']} must be named for its flow")
    flows = {("datalyptica-control", "allow-from-storage"), ("datalyptica-data", "allow-from-control"),
             ("datalyptica-storage", "allow-from-data"), ("datalyptica-data", "allow-from-analytics")}
    for ns, name in flows:
        if ns in namespaces and ns.replace("datalyptica-", "") in layers and \
                name.replace("allow-from-", "") in layers:
            r.check(exists("NetworkPolicy", ns, name), env, f"NetworkPolicy {ns}/{name} missing")

    # --- PodDisruptionBudgets ---------------------------------------------------------------
    pdbs = by_kind.get("PodDisruptionBudget", [])
    if mode != "ha":
        r.check(not pdbs, env, f"{len(pdbs)} PodDisruptionBudgets in a standalone environment")
    else:
        for w in [o for o in objs if o["kind"] in ("Deployment", "StatefulSet")]:
            kind, ns, name = key(w)
            if w["spec"].get("replicas", 1) < 2:
                continue
            labels = w["spec"]["template"]["metadata"]["labels"]
            r.check(any(p["metadata"]["namespace"] == ns and
                        selector_matches(p["spec"]["selector"].get("matchLabels"), labels) for p in pdbs), env,
                    f"{kind} {ns}/{name}: replicated workload without a PodDisruptionBudget")
        for p in pdbs:
            sel = p["spec"]["selector"].get("matchLabels")
            r.check(any(pns == p["metadata"]["namespace"] and selector_matches(sel, labels)
                        for pns, labels, _ in pod_templates), env,
                    f"PodDisruptionBudget {p['metadata']['namespace']}/{p['metadata']['name']} selects nothing")

    # --- platform networking ----------------------------------------------------------------
    def backend_ok(ns, svc_name, port, where):
        svc = index.get(("Service", ns, svc_name))
        if not r.check(svc is not None, env, f"{where}: Service {ns}/{svc_name} missing"):
            return
        ports = {p.get("name") for p in svc["spec"]["ports"]} | {p["port"] for p in svc["spec"]["ports"]}
        r.check(port in ports, env, f"{where}: Service {svc_name} has no port {port}")

    if platform == "openshift":
        routes = {o["metadata"]["name"]: o for o in by_kind.get("Route", [])}
        for ui, ns in UIS.items():
            if UI_LAYER[ns] not in layers:
                continue
            route = routes.get(ui)
            if not r.check(route is not None and route["metadata"]["namespace"] == ns, env,
                           f"Route {ns}/{ui} missing"):
                continue
            tls = route["spec"].get("tls") or {}
            r.check(tls.get("termination") == "edge", env, f"Route {ui}: tls termination must be edge")
            r.check(tls.get("insecureEdgeTerminationPolicy") == "Redirect", env,
                    f"Route {ui}: insecureEdgeTerminationPolicy must be Redirect")
            backend_ok(ns, route["spec"]["to"]["name"], route["spec"]["port"]["targetPort"], f"Route {ui}")
        sccs = by_kind.get("SecurityContextConstraints", [])
        r.check(len(sccs) >= 2, env, "SecurityContextConstraints for stateful services and Alloy expected")
        for scc in sccs:
            r.check(not scc.get("allowPrivilegedContainer"), env,
                    f"SCC {scc['metadata']['name']} allows privileged containers")
        scc_users = set()
        for b in by_kind.get("RoleBinding", []):
            if b["roleRef"]["name"].startswith("system:openshift:scc:"):
                for s in b.get("subjects", []):
                    scc_users.add((s.get("namespace"), s["name"]))
        for sa_ns, sa in used_sas:
            r.check((sa_ns, sa) in scc_users, env, f"ServiceAccount {sa_ns}/{sa} is bound to no SCC")
        r.check(not by_kind.get("Ingress"), env, "Ingress objects on OpenShift (Routes expected)")
    elif platform == "kind":
        ingresses = {o["metadata"]["name"]: o for o in by_kind.get("Ingress", [])}
        for ui, ns in UIS.items():
            if UI_LAYER[ns] not in layers:
                continue
            ing = ingresses.get(ui)
            if not r.check(ing is not None and ing["metadata"]["namespace"] == ns, env, f"Ingress {ns}/{ui} missing"):
                continue
            r.check(ing["spec"].get("ingressClassName") == "nginx", env, f"Ingress {ui}: ingressClassName must be nginx")
            for rule in ing["spec"]["rules"]:
                for path in rule["http"]["paths"]:
                    svc = path["backend"]["service"]
                    port = svc["port"].get("name") or svc["port"].get("number")
                    backend_ok(ns, svc["name"], port, f"Ingress {ui}")
        r.check(not by_kind.get("Route"), env, "Routes on kind (Ingresses expected)")
        r.check(os.path.exists(os.path.join(ROOT, "platforms/kind/cluster.yaml")), env,
                "platforms/kind/cluster.yaml missing")


def validate_schemas(env, objs, r):
    try:
        import kubernetes_validate
    except ImportError:
        r.check(False, env, "--schema needs the kubernetes-validate package (pip install kubernetes-validate)")
        return
    for o in objs:
        if o["kind"] in ("Route", "SecurityContextConstraints"):
            continue
        o = dict(o)
        o["apiVersion"] = {"policy/v1beta1": "policy/v1", "batch/v1beta1": "batch/v1"}.get(o["apiVersion"], o["apiVersion"])
        try:
            kubernetes_validate.validate(o, "1.25.0", True)
            r.check(True, env, "")
        except Exception as e:  # ValidationError, SchemaNotFoundError, ...
            r.check(False, env, f"{o['kind']} {o['metadata'].get('namespace')}/{o['metadata']['name']}: {e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("environments", nargs="*", default=list(ENVIRONMENTS))
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--schema", action="store_true", help="validate fields against Kubernetes schemas")
    args = parser.parse_args()
    r = Report()
    # Every kustomization in the tree must build (components only through an environment).
    for dirpath, _, files in os.walk(ROOT):
        if "kustomization.yaml" not in files or "/." in dirpath or "/Sources" in dirpath \
                or os.path.relpath(dirpath, ROOT).split(os.sep)[0] == "Tests":
            continue
        with open(os.path.join(dirpath, "kustomization.yaml")) as f:
            kind = (yaml.safe_load(f) or {}).get("kind", "Kustomization")
        if kind == "Component":
            continue
        objs, err = build(dirpath)
        r.check(objs is not None, os.path.relpath(dirpath, ROOT), f"kubectl kustomize failed: {err}")
    if not args.build_only:
        contained = set()  # (group, resource) of every object of every environment checked
        sync_role = None
        for env in args.environments:
            objs, err = build(os.path.join(ROOT, "environments", env))
            if not r.check(objs is not None, env, f"kubectl kustomize failed: {err}"):
                continue
            contained |= {api_resource(o) for o in objs}
            sync_role = next((o for o in objs if o["kind"] == "ClusterRole" and
                              o["metadata"]["name"] == SYNC_CLUSTER_ROLE), sync_role)
            check_environment(env, objs, r)
            if args.schema:
                validate_schemas(env, objs, r)
            print(f"{env}: {len(objs)} objects")
            if env == "prod":
                # The restore Jobs are applied by hand into a running environment:
                # check them against prod.
                restore, err = build(os.path.join(ROOT, "base", "restore"))
                if r.check(restore is not None, "restore", f"kubectl kustomize failed: {err}"):
                    check_environment("prod", objs + restore, r)
                    print(f"prod + base/restore: {len(objs) + len(restore)} objects")
        if sync_role is not None and set(args.environments) == set(ENVIRONMENTS):
            # Least privilege: no rule for a kind that no environment contains (subresources
            # such as routes/custom-host are checked by review, not here).
            for rule in sync_role.get("rules", []):
                for group in rule.get("apiGroups", []):
                    for resource in rule.get("resources", []):
                        r.check("/" in resource or (group, resource) in contained, "all",
                                f"ClusterRole {SYNC_CLUSTER_ROLE}: {resource}.{group or 'core'} is in no environment")
    for f in r.failures:
        print("FAIL", f)
    print(f"{r.checks} checks, {len(r.failures)} failures")
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
