#!/usr/bin/env python3
"""Benchmark `dlsync diff` on a cluster in sync against per-object server-side dry runs (the Flux approach).

Generates a kustomization with N objects (default 2,500: Namespaces, ConfigMaps, Secrets, ServiceAccounts,
headless Services (the test cluster's service range is a /24) and Deployments, spread over 10 namespaces), syncs it once into the test cluster of
scripts/test-cluster.sh, then in the same run measures:

  1. `dlsync diff`                          one LIST per kind, local comparison, dry run only on suspicion
  2. `dlsync diff --strategy dry-run-each`  a GET and a server-side dry-run apply per object (Flux's way,
                                            same client, same concurrency)
  3. `kubectl apply --server-side --dry-run=server` per object, on a sample (default 50), extrapolated

and prints requests and wall time of each and the ratios. Every run must report "in sync" (exit 0).

Usage: scripts/bench/diff.py [--objects 2500] [--runs 3] [--kubectl-sample 50]
                             [--dlsync .build-sync/release/dlsync] [--keep]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

STATE = os.environ.get("DLSYNC_TEST_CLUSTER_DIR", "/tmp/dlsync-test-cluster")
KUBECONFIG = os.path.join(STATE, "kubeconfig")
NAME = "bench-diff"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def generate(root, total, namespaces=10):
    """Writes one file per object and a kustomization listing them; returns the file names."""
    kinds = ["ConfigMap", "Secret", "ServiceAccount", "Service", "Deployment"]
    files = []
    for n in range(namespaces):
        ns = f"bench-{n:02d}"
        files.append((f"ns-{ns}.yaml", f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n"))
    i = 0
    while len(files) < total:
        kind = kinds[i % len(kinds)]
        ns = f"bench-{(i // len(kinds)) % namespaces:02d}"
        name = f"obj-{i:05d}"
        labels = f"    app.kubernetes.io/name: svc-{i // 25:03d}\n"
        if kind == "ConfigMap":
            body = (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n{labels}"
                    f"data:\n  key: value-{i}\n  mode: fast\n")
        elif kind == "Secret":
            body = (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n{labels}"
                    f"type: Opaque\nstringData:\n  token: t-{i}\n")
        elif kind == "ServiceAccount":
            body = f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n{labels}"
        elif kind == "Service":
            body = (f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n{labels}"
                    f"spec:\n  clusterIP: None\n  selector:\n    app: {name}\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n")
        else:
            body = (f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
                    f"  labels:\n{labels}spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: {name}\n"
                    f"  template:\n    metadata:\n      labels:\n        app: {name}\n    spec:\n      containers:\n"
                    f"      - name: app\n        image: nginx:1.25\n        ports:\n        - containerPort: 8080\n          protocol: TCP\n"
                    f"        resources:\n          limits:\n            cpu: 100m\n            memory: 64Mi\n")
        files.append((f"{kind.lower()}-{name}.yaml", body))
        i += 1
    for name, body in files:
        write(os.path.join(root, name), body)
    write(os.path.join(root, "kustomization.yaml"), "resources:\n" + "".join(f"- {n}\n" for n, _ in files))
    return [os.path.join(root, n) for n, _ in files]


def run(cmd, check=True):
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if check and p.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])}… failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return p, elapsed


def requests(stderr):
    m = re.search(r"(\d+) requests \(([^)]*)\)", stderr)
    return (int(m.group(1)), m.group(2)) if m else (None, "")


def phases(stderr):
    """(build seconds, cluster seconds) from `dlsync diff --stats`."""
    m = re.search(r"build ([\d.]+)s, cluster ([\d.]+)s", stderr)
    return (float(m.group(1)), float(m.group(2))) if m else (None, None)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--objects", type=int, default=2500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--kubectl-sample", type=int, default=50)
    ap.add_argument("--dlsync", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the objects in the cluster afterwards")
    args = ap.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    dlsync = args.dlsync or next((p for p in [
        os.path.join(root, ".build-sync/release/dlsync"), os.path.join(root, ".build-sync/debug/dlsync"),
        os.path.join(root, ".build/release/dlsync"), os.path.join(root, ".build/debug/dlsync")] if os.path.exists(p)),
        None)
    if not dlsync:
        sys.exit("no dlsync binary; build it: swift build -c release --scratch-path .build-sync")
    if not os.path.exists(KUBECONFIG):
        sys.exit(f"no test cluster ({KUBECONFIG}); start it: scripts/test-cluster.sh up")

    tmp = tempfile.mkdtemp(prefix="dlsync-bench-diff-")
    tree = os.path.join(tmp, NAME)
    files = generate(tree, args.objects)
    common = ["--kubeconfig", KUBECONFIG, "--name", NAME]
    print(f"dlsync {dlsync}\n{len(files)} objects in {tree}")

    p, t = run([dlsync, "sync", tree, "--stats"] + common)
    print(f"initial sync: {t:.1f}s, {requests(p.stderr)[0]} requests ({p.stdout.strip().splitlines()[-1]})")

    # Let controllers finish their follow-up writes (ServiceAccount token secrets, Endpoints) first.
    time.sleep(10)
    results = {}
    for label, extra in [("dlsync diff", []), ("per-object dry run (dlsync client)", ["--strategy", "dry-run-each"])]:
        walls, clusters, reqs, detail = [], [], None, ""
        for _ in range(args.runs):
            p, t = run([dlsync, "diff", tree, "--stats"] + extra + common, check=False)
            if p.returncode != 0:
                sys.exit(f"{label}: expected no drift, got exit {p.returncode}:\n{p.stdout[:2000]}{p.stderr[-2000:]}")
            walls.append(t)
            clusters.append(phases(p.stderr)[1] or t)
            reqs, detail = requests(p.stderr)
        results[label] = (statistics.median(clusters), statistics.median(walls), reqs, detail)
        print(f"{label}: {reqs} requests, cluster part {results[label][0]:.2f}s, wall {results[label][1]:.2f}s"
              f" ({detail})", flush=True)

    # kubectl on a 1.20 server needs objects as the API stores them (ports with protocol, quantities as
    # strings); the generator writes them that way.
    sample = files[: args.kubectl_sample]
    start = time.monotonic()
    for f in sample:
        run(["kubectl", "--kubeconfig", KUBECONFIG, "apply", "--server-side", "--field-manager=dlsync",
             "--force-conflicts", "--dry-run=server", "-f", f])
    per_object = (time.monotonic() - start) / len(sample)
    # kubectl apply --server-side does a GET and the dry-run PATCH per object (discovery is cached on disk).
    kubectl_estimate = per_object * len(files)

    print()
    print(f"{len(files)} objects in sync; time = the cluster part (after the local build), median of {args.runs}")
    print(f"{'method':44} {'requests':>9} {'time (s)':>9} {'wall (s)':>9}")
    for label, (c, w, r, detail) in results.items():
        print(f"{label:44} {r:>9} {c:>9.2f} {w:>9.2f}   {detail}")
    print(f"{'kubectl apply --dry-run=server, per object':44} {2 * len(files):>9} {kubectl_estimate:>9.1f} {'':>9}"
          f"   ~2 per object; {len(sample)} measured, {per_object * 1000:.0f} ms each, extrapolated")
    base_c, _, base_r, _ = results["dlsync diff"]
    flux_c, _, flux_r, _ = results["per-object dry run (dlsync client)"]
    print()
    print(f"per-object dry run / dlsync diff: {flux_r / base_r:.0f}x the requests, {flux_c / base_c:.1f}x the time")
    print(f"kubectl per object / dlsync diff: {2 * len(files) / base_r:.0f}x the requests, "
          f"{kubectl_estimate / base_c:.0f}x the time")

    if not args.keep:
        empty = os.path.join(tmp, "empty")
        write(os.path.join(empty, "kustomization.yaml"), "resources: []\n")
        run([dlsync, "sync", empty, "--prune", "--allow-empty", "--prune-namespaces"] + common, check=False)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
