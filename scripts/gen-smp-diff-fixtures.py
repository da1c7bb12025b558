#!/usr/bin/env python3
"""Generates random strategic-merge cases and records what kustomize (kubectl kustomize) makes of
them, as fixtures for Tests/OverlaysTests/Patches (differential tests of StrategicMerge).

Usage: scripts/gen-smp-diff-fixtures.py OUT_DIR COUNT [SEED]
Each case OUT_DIR/NNN/ gets target.yaml, patch.yaml and expected.yaml (the patched object) or
expected-error.txt (kubectl's message).
"""
import os
import random
import sys

import kustomize_oracle

R = random.Random()


def maybe(p=0.5):
    return R.random() < p


def container(name, rich=True):
    c = {"image": R.choice(["nginx", "envoy", "busybox"]) + ":" + str(R.randint(1, 3))}
    if name is not None:
        c["name"] = name
    if rich and maybe():
        c["env"] = [env(n) for n in R.sample(["A", "B", "C"], R.randint(1, 3))]
    if rich and maybe():
        c["ports"] = [port() for _ in range(R.randint(1, 3))]
    if rich and maybe(0.3):
        c["args"] = R.sample(["--a", "--b", "--c"], R.randint(1, 2))
    if rich and maybe(0.3):
        c["volumeMounts"] = [{"name": "v" + str(i), "mountPath": "/m" + str(i)} for i in R.sample(range(3), R.randint(1, 2))]
    return c


def env(name):
    e = {"name": name}
    if maybe(0.8):
        e["value"] = R.choice(["1", "x", "on"])
    else:
        e["valueFrom"] = {"fieldRef": {"fieldPath": "metadata.name"}}
    return e


def port():
    p = {"containerPort": R.choice([80, 8080, 9090])}
    if maybe(0.6):
        p["protocol"] = R.choice(["TCP", "UDP"])
    if maybe(0.5):
        p["name"] = R.choice(["http", "metrics", "udp"])
    return p


def deployment(partial):
    names = R.sample(["a", "b", "c", "d"], R.randint(1, 3))
    spec = {"containers": [container(n, not partial or maybe()) for n in names]}
    if maybe(0.4):
        spec["initContainers"] = [container(n, False) for n in R.sample(["i", "j"], R.randint(1, 2))]
    if maybe(0.4):
        spec["volumes"] = [{"name": "v" + str(i), R.choice(["emptyDir", "configMap"]): {} if maybe() else {"name": "x"}}
                           for i in R.sample(range(3), R.randint(1, 2))]
    if maybe(0.3):
        spec["imagePullSecrets"] = [{"name": n} for n in R.sample(["r1", "r2", "r3"], R.randint(1, 2))]
    meta = {"name": "web"}
    if maybe(0.4):
        meta["labels"] = {k: "v" + str(R.randint(1, 3)) for k in R.sample(["app", "tier", "x"], R.randint(1, 2))}
    if maybe(0.3):
        meta["finalizers"] = R.sample(["f/a", "f/b", "f/c"], R.randint(1, 3))
    doc = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
           "spec": {"template": {"spec": spec}}}
    if maybe(0.5):
        doc["spec"]["replicas"] = R.randint(1, 5)
    if maybe(0.3):
        doc["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}
    return doc


def service(partial):
    ports = []
    for _ in range(R.randint(1, 3)):
        p = {"port": R.choice([80, 443, 9090])}
        if maybe(0.5):
            p["protocol"] = R.choice(["TCP", "UDP"])
        if maybe(0.5):
            p["targetPort"] = R.choice([8080, "http"])
        if maybe(0.5):
            p["name"] = R.choice(["http", "https", "m"])
        ports.append(p)
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
            "spec": {"ports": ports, "selector": {"app": "web"}}}


def custom(partial):
    items = [{"name": n, "value": R.randint(1, 9)} for n in R.sample(["a", "b", "c"], R.randint(1, 3))]
    spec = {"items": items, "settings": {"size": R.randint(1, 5), "color": R.choice(["red", "blue"])}}
    if maybe(0.4):
        spec["template"] = deployment(partial)
    return {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "web"}, "spec": spec}


def mutate_patch(doc):
    """Random directives, nulls and removals inside a patch."""
    def walk(node, depth):
        if isinstance(node, dict):
            for k in list(node.keys()):
                if k in ("apiVersion", "kind", "metadata") and depth == 0:
                    continue
                if k == "name" and depth <= 1:
                    continue
                r = R.random()
                if r < 0.06:
                    node[k] = None
                elif r < 0.12 and depth > 0:
                    del node[k]
                else:
                    walk(node[k], depth + 1)
            r = R.random()
            if depth > 1 and r < 0.05:
                node["$patch"] = "delete"
            elif depth > 1 and r < 0.09:
                node["$patch"] = "replace"
        elif isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
            r = R.random()
            if node and isinstance(node[0], dict) and r < 0.06:
                node.insert(R.randint(0, len(node)), {"$patch": R.choice(["replace", "delete", "merge"])})
            elif r < 0.1:
                R.shuffle(node)
    walk(doc, 0)
    return doc


EDGE = False


def roughen(doc):
    """Edge cases: items without keys, duplicates, odd directives, nulls, type clashes."""
    def walk(node, depth):
        if isinstance(node, dict):
            for k in list(node.keys()):
                if depth == 0 and k in ("apiVersion", "kind", "metadata"):
                    continue
                r = R.random()
                if r < 0.03:
                    node[k] = R.choice(["text", 5, {"x": 1}, [1, 2], None])
                else:
                    walk(node[k], depth + 1)
            if depth > 1 and R.random() < 0.03:
                node["$patch"] = R.choice(["bogus", None, "delete", "replace"])
        elif isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
            r = R.random()
            if r < 0.08 and node and isinstance(node[0], dict):
                node.append(dict(R.choice(node)))  # duplicate key
            elif r < 0.14 and node and isinstance(node[0], dict):
                item = dict(R.choice(node))
                for key in ("name", "containerPort", "port", "protocol"):
                    if key in item and R.random() < 0.7:
                        del item[key]
                node.append(item)
            elif r < 0.17:
                node.append(R.choice(["scalar", {}, {"$patch": "replace", "x": 1}]))
    walk(doc, 0)
    return doc


def case():
    kind = R.choice([deployment, deployment, service, custom])
    target = kind(False)
    patch = mutate_patch(kind(True))
    if EDGE:
        target = roughen(target)
        patch = roughen(patch)
    if maybe(0.1):
        patch["metadata"]["$patch"] = R.choice(["replace", "merge"])
    return target, patch


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    R.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    global EDGE
    EDGE = "--edge" in sys.argv
    os.makedirs(out, exist_ok=True)
    cases = []
    for i in range(count):
        target, patch = case()
        name = "w%03d" % i
        target["metadata"]["name"] = name
        patch["metadata"]["name"] = name
        cases.append((target, patch))
    results = kustomize_oracle.results_by_name(cases, "p%d.yaml", lambda i, t: "- path: p%d.yaml" % i)
    for i, (target, patch) in enumerate(cases):
        name = target["metadata"]["name"]
        stdout, err = results.get(name, ("", None))
        if err is not None and "name reference" in err:
            continue  # fails after the merge, in another transformer
        d = os.path.join(out, name)
        kustomize_oracle.write_inputs(d, target, "patch.yaml", patch)
        kustomize_oracle.write_expectation(d, stdout, err)

if __name__ == "__main__":
    main()
