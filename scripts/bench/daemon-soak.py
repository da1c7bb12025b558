#!/usr/bin/env python3
"""Soak `dlsync daemon` on the test cluster: 2,500 objects, reconciles without changes, then with drift.

Renders a synthetic environment (ConfigMaps, Roles and headless Services in N/50 namespaces) into a bare
repository, starts one daemon following it (release build by default), waits for the first full sync, then:

  steady  --rounds reconciles with nothing changed, each asked for with POST /reconcile?wait=true
  drift   --rounds rounds of random drift: 1-5 random ConfigMaps edited and one deleted by hand, then
          waiting until the daemon (its watch, not the interval) has put every one of them back

and prints, per phase, API requests per reconcile and p50/p99 reconcile time (from the daemon's JSON log,
which records every reconcile, including the ones its watch starts), how long drift took to heal, and the
daemon's resident memory (VmRSS) after the first sync and at the end. Not a test: nothing is asserted.

Needs the test cluster (scripts/test-cluster.sh up), kubectl and git.

Usage: scripts/bench/daemon-soak.py [--objects 2500] [--rounds 60] [--dlsync .build/release/dlsync]
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KUBECONFIG = os.path.join(os.environ.get("DLSYNC_TEST_CLUSTER_DIR", "/tmp/dlsync-test-cluster"), "kubeconfig")


def kubectl(*args, check=True):
    return subprocess.run(["kubectl", "--kubeconfig", KUBECONFIG, *args], check=check, capture_output=True, text=True)


def write_environment(directory, objects, env):
    """Writes <directory>/<env>: one kustomization with `objects` objects; returns the namespaces."""
    os.makedirs(directory)
    run = f"{random.randrange(16 ** 4):04x}"  # namespaces of earlier runs may still be terminating
    namespaces = [f"soak-{run}-{i:03d}" for i in range(max(1, objects // 50))]
    files = []
    count = 0
    for namespace in namespaces:
        docs = [f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {namespace}\n"]
        count += 1
        index = 0
        while count < objects and index < 49:
            name = f"obj{index:03d}"
            kind = index % 4
            if kind in (0, 1):
                docs.append(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {namespace}\n"
                            f"data:\n  value: \"{index}\"\n  mode: steady\n")
            elif kind == 2:
                docs.append(f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {name}\n"
                            f"  namespace: {namespace}\nrules:\n- apiGroups: [\"\"]\n  resources: [configmaps]\n"
                            f"  verbs: [get, list]\n")
            else:
                docs.append(f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {namespace}\n"
                            f"spec:\n  clusterIP: None\n  selector:\n    app: {name}\n  ports:\n  - port: 80\n")
            index += 1
            count += 1
        file = f"{namespace}.yaml"
        with open(os.path.join(directory, file), "w") as f:
            f.write("---\n".join(docs))
        files.append(file)
        if count >= objects:
            break
    with open(os.path.join(directory, "kustomization.yaml"), "w") as f:
        f.write("resources:\n" + "".join(f"- {file}\n" for file in files))
    return namespaces[: len(files)]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def http(port, method, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def metric(port, series):
    for line in http(port, "GET", "/metrics")[1].splitlines():
        if line.startswith(series + " "):
            return float(line.split()[-1])
    return 0.0


def reconciles(log_path):
    """Every `reconciled` event of the daemon's JSON log, in order."""
    events = []
    with open(log_path) as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("msg") == "reconciled":
                events.append(event)
    return events


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarize(name, events):
    seconds = [float(e["seconds"]) for e in events]
    requests = [int(e["requests"]) for e in events]
    print(f"{name:<8} {len(events):>4} reconciles  requests/reconcile mean {statistics.mean(requests):6.1f} "
          f"max {max(requests):4d}  time p50 {percentile(seconds, 50) * 1000:7.1f} ms  "
          f"p99 {percentile(seconds, 99) * 1000:7.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=2500)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--dlsync", default=None, help="the dlsync binary (default: release build, else debug)")
    parser.add_argument("--keep", action="store_true", help="keep the namespaces and the work directory")
    args = parser.parse_args()
    dlsync = args.dlsync or next(
        (p for p in (os.path.join(ROOT, ".build/release/dlsync"), os.path.join(ROOT, ".build/debug/dlsync"))
         if os.path.exists(p)), None)
    if not dlsync:
        sys.exit("no dlsync binary: run `swift build -c release` first")
    if kubectl("get", "--raw", "/readyz", check=False).returncode != 0:
        sys.exit("no test cluster: run scripts/test-cluster.sh up first")

    work = tempfile.mkdtemp(prefix="dlsync-soak-")
    env = "soak"
    source = os.path.join(work, env)
    namespaces = write_environment(source, args.objects, env)
    rendered = os.path.join(work, "rendered.git")
    subprocess.run(["git", "init", "--quiet", "--bare", rendered], check=True)
    subprocess.run([dlsync, "render", source, "--repo", rendered], check=True, capture_output=True)

    log_path = os.path.join(work, "daemon.log")
    port = 20000 + random.randrange(20000)
    log = open(log_path, "w")
    daemon = subprocess.Popen(
        [dlsync, "daemon", "--git", f"file://{rendered}@rendered/{env}", "--kubeconfig", KUBECONFIG,
         "--interval", "30m", "--listen", f"127.0.0.1:{port}", "--workdir", os.path.join(work, "cache"),
         "--no-leader-election", "--log-format", "json"],
        stdout=log, stderr=log)
    try:
        for _ in range(100):
            time.sleep(0.2)
            try:
                if http(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
        print(f"dlsync daemon ({dlsync}), {args.objects} objects in {len(namespaces)} namespaces")
        start = time.monotonic()
        while http(port, "GET", "/readyz")[0] != 200:
            time.sleep(0.5)
            if time.monotonic() - start > 600:
                sys.exit(f"the first sync did not finish in 10 minutes; see {log_path}")
        # Let the watch-triggered follow-up of the first sync settle.
        time.sleep(3)
        first = reconciles(log_path)
        print(f"first sync: {float(first[0]['seconds']):.2f} s, {first[0]['requests']} requests")
        rss_start = rss_kib(daemon.pid)

        before = len(reconciles(log_path))
        for _ in range(args.rounds):
            status, body = http(port, "POST", "/reconcile?wait=true")
            if status != 200:
                sys.exit(f"reconcile failed ({status}): {body}")
        steady = reconciles(log_path)[before:]
        rss_steady = rss_kib(daemon.pid)

        configmaps = [(ns, f"obj{i:03d}") for ns in namespaces for i in range(49) if i % 4 in (0, 1)]
        heal_times = []
        before = len(reconciles(log_path))
        corrected = metric(port, "dlsync_drift_corrections_total")
        for _ in range(args.rounds):
            edited = random.sample(configmaps, random.randint(1, 5))
            deleted = random.choice([c for c in configmaps if c not in edited])
            began = time.monotonic()
            for ns, name in edited:
                kubectl("patch", "configmap", name, "-n", ns, "--type", "merge", "-p", '{"data":{"mode":"drifted"}}')
            kubectl("delete", "configmap", deleted[1], "-n", deleted[0], "--wait=false")
            corrected += len(edited) + 1
            while metric(port, "dlsync_drift_corrections_total") < corrected:
                time.sleep(0.05)
                if time.monotonic() - began > 60:
                    sys.exit(f"drift was not put back within 60 s; see {log_path}")
            heal_times.append(time.monotonic() - began)
        drift = reconciles(log_path)[before:]
        rss_end = rss_kib(daemon.pid)

        summarize("steady", steady)
        summarize("drift", drift)
        print(f"drift healed (from the first hand edit to the last correction): "
              f"p50 {percentile(heal_times, 50):.2f} s, p99 {percentile(heal_times, 99):.2f} s")
        print(f"resident memory: {rss_start / 1024:.1f} MiB after the first sync, {rss_steady / 1024:.1f} MiB after "
              f"the steady reconciles, {rss_end / 1024:.1f} MiB at the end ({(rss_end - rss_start) / 1024:+.1f} MiB)")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        if not args.keep:
            kubectl("delete", "namespace", *namespaces, "--wait=false", check=False)
            kubectl("delete", "configmap", "-n", "kube-system", f"dlsync-{env}", f"dlsync-{env}-status",
                    "--ignore-not-found", check=False)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
