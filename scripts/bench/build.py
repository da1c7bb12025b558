#!/usr/bin/env python3
"""Benchmark `dlsync build` against `kubectl kustomize` on a synthetic platform.

Generates a tree with N services (a Deployment, Service, ConfigMap, ServiceAccount, PodDisruptionBudget and
NetworkPolicy each, in one base per service) and two overlays (namespace, namePrefix, labels, images,
replicas, a configMapGenerator and two strategic-merge patches per service), checks that both tools print
the same bytes, and prints the median wall time and peak memory of each and their ratio.

Usage: scripts/bench/build.py [--services 25 250] [--runs 3] [--dlsync .build/release/dlsync]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def service_base(root, i):
    name = f"svc{i:03d}"
    base = os.path.join(root, "base", name)
    write(os.path.join(base, "kustomization.yaml"), f"""resources:
- workload.yaml
- network.yaml
labels:
- pairs:
    app.kubernetes.io/name: {name}
  includeSelectors: true
""")
    write(os.path.join(base, "workload.yaml"), f"""apiVersion: v1
kind: ServiceAccount
metadata:
  name: {name}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
data:
  LOG_LEVEL: info
  ENDPOINT: http://{name}:8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      serviceAccountName: {name}
      containers:
      - name: app
        image: registry.example.com/{name}:1.0.0
        ports:
        - containerPort: 8080
        envFrom:
        - configMapRef:
            name: {name}-config
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: {name}
spec:
  selector:
    app: {name}
  ports:
  - port: 8080
    targetPort: 8080
""")
    write(os.path.join(base, "network.yaml"), f"""apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: {name}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
spec:
  podSelector:
    matchLabels:
      app: {name}
  ingress:
  - from:
    - podSelector: {{}}
""")


def overlay(root, env, services):
    lines = [f"namespace: {env}", f"namePrefix: {env}-", "labels:", "- pairs:", f"    environment: {env}",
             "  includeSelectors: false", "resources:"]
    lines += [f"- ../../base/svc{i:03d}" for i in range(services)]
    lines += ["images:"] + [f"- name: registry.example.com/svc{i:03d}\n  newTag: 2.0.{i}" for i in range(services)]
    lines += ["replicas:"] + [f"- name: svc{i:03d}\n  count: 3" for i in range(services)]
    lines += ["configMapGenerator:"] + [
        f"- name: svc{i:03d}-env\n  literals:\n  - ENVIRONMENT={env}\n  - INDEX={i}" for i in range(services)]
    lines += ["patches:"]
    for i in range(services):
        name = f"svc{i:03d}"
        write(os.path.join(root, "overlays", env, "patches", f"{name}-resources.yaml"), f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  template:
    spec:
      containers:
      - name: app
        resources:
          limits:
            cpu: "1"
            memory: 512Mi
""")
        write(os.path.join(root, "overlays", env, "patches", f"{name}-env.yaml"), f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  template:
    spec:
      containers:
      - name: app
        env:
        - name: ENVIRONMENT
          value: {env}
""")
        lines += [f"- path: patches/{name}-resources.yaml", f"- path: patches/{name}-env.yaml"]
    write(os.path.join(root, "overlays", env, "kustomization.yaml"), "\n".join(lines) + "\n")


def generate(root, services):
    for i in range(services):
        service_base(root, i)
    for env in ("staging", "prod"):
        overlay(root, env, services)
    write(os.path.join(root, "kustomization.yaml"), "resources:\n- overlays/staging\n- overlays/prod\n")


def measure(command, runs):
    """Median wall time (s), peak resident memory (KiB) over the runs, and the output of the last run."""
    times, peaks, out = [], [], None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{proc.stderr.decode()[:2000]}")
        peaks.append(int(proc.stderr.decode().strip().splitlines()[-1]))
        out = proc.stdout
    return statistics.median(times), max(peaks), out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, nargs="+", default=[25, 250])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dlsync", default=".build/release/dlsync")
    args = parser.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time for peak memory: apt-get install -y time")

    results = {}
    for n in args.services:
        root = tempfile.mkdtemp(prefix=f"dlsync-bench-{n}-")
        try:
            generate(root, n)
            k_time, k_mem, k_out = measure(["kubectl", "kustomize", root], args.runs)
            d_time, d_mem, d_out = measure([args.dlsync, "build", root], args.runs)
            same = k_out == d_out
            objects = k_out.count(b"\n---\n") + 1
            results[n] = d_time
            print(f"{n} services ({objects} objects): identical output: {'yes' if same else 'NO'}")
            print(f"  kubectl kustomize: {k_time:8.3f} s  {k_mem / 1024:8.1f} MiB")
            print(f"  dlsync build:      {d_time:8.3f} s  {d_mem / 1024:8.1f} MiB")
            print(f"  speed-up: {k_time / d_time:.1f}x   memory: {d_mem / k_mem:.2f}x of kustomize")
            if not same:
                with open(f"/tmp/dlsync-bench-{n}-kustomize.yaml", "wb") as f:
                    f.write(k_out)
                with open(f"/tmp/dlsync-bench-{n}-dlsync.yaml", "wb") as f:
                    f.write(d_out)
                print(f"  outputs differ: see /tmp/dlsync-bench-{n}-*.yaml")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    if len(results) >= 2:
        small, large = min(results), max(results)
        print(f"growth: {large}/{small} services cost {results[large] / results[small]:.1f}x "
              f"(linear would be {large / small:.0f}x)")


if __name__ == "__main__":
    main()
