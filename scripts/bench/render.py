#!/usr/bin/env python3
"""Benchmark `dlsync render` against doing the same job with the `git` CLI.

Generates a synthetic environment of N objects (N/50 namespaces, each with Deployments, Services, ConfigMaps and
ServiceAccounts, ten objects per file), commits it to a source repository, then in the same run measures:

  dlsync render, first     render all objects into a fresh bare repository (build + write + commit)
  dlsync render, one edit  change one ConfigMap value in the source, render again
  dlsync render, no change render again with nothing changed (no commit)
  git CLI pipeline         the same job scripted with the git CLI: build (`dlsync build -o`, the same build
                           engine) into a work tree, rewriting every object file, then `git add -A`, `git commit`;
                           first into a fresh work tree, then after the one edit
  git CLI, files ready     no build at all: write the files dlsync rendered (read back from its branch) into a
                           fresh work tree, `git add -A`, `git commit`; then only the changed files, add, commit.
                           A lower bound for any "build, then commit with git" pipeline, not a like-for-like job.

The pipeline's files are named as `kustomize build -o` names them (flat, `<ns>_<group>_<version>_<kind>_<name>.yaml`)
rather than in dlsync's `<env>/<ns>/<kind>-<name>.yaml` folders, and carry no `dlsync.json`; the objects and their
bytes are the same (the synthetic environment has no Secrets). Each row is the median wall time of --runs runs,
each on a fresh repository; ratios compare medians, > 1x meaning dlsync render takes less time.

Usage: scripts/bench/render.py [--objects 2500] [--runs 3] [--dlsync .build/release/dlsync]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GIT_ENV = dict(
    os.environ,
    GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
    GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com",
    GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", LC_ALL="C",
)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def objects_for(namespace, index):
    name = f"svc{index:04d}"
    kind = index % 4
    if kind == 0:
        return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {namespace}
  labels:
    app.kubernetes.io/name: {name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
    spec:
      serviceAccountName: {name}
      containers:
      - name: main
        image: registry.example.com/{name}:1.0.{index}
        ports:
        - containerPort: 8080
        resources:
          requests: {{cpu: 100m, memory: 128Mi}}
          limits: {{cpu: 500m, memory: 256Mi}}
"""
    if kind == 1:
        return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {namespace}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
  - name: http
    port: 80
    targetPort: 8080
"""
    if kind == 2:
        return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
  namespace: {namespace}
data:
  LOG_LEVEL: info
  ENDPOINT: http://{name}.{namespace}.svc:80
  INDEX: "{index}"
"""
    return f"""apiVersion: v1
kind: ServiceAccount
metadata:
  name: {name}
  namespace: {namespace}
automountServiceAccountToken: false
"""


def generate(env, count):
    files = []
    docs = []
    for i in range(count):
        docs.append(objects_for(f"ns{i // 50:03d}", i))
        if len(docs) == 10 or i == count - 1:
            name = f"objects{len(files):04d}.yaml"
            write(os.path.join(env, name), "---\n".join(docs))
            files.append(name)
            docs = []
    write(os.path.join(env, "kustomization.yaml"), "resources:\n" + "".join(f"- {f}\n" for f in files))


def git(*args, cwd=None):
    subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, stdout=subprocess.DEVNULL)


def timed(command, **kwargs):
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=GIT_ENV, **kwargs)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return elapsed, proc


def edit_one(env, value):
    # objects0000.yaml holds svc0002-config (index 2 is a ConfigMap).
    path = os.path.join(env, "objects0000.yaml")
    with open(path) as f:
        text = f.read()
    text = text.replace("LOG_LEVEL: info", f"LOG_LEVEL: {value}", 1)
    with open(path, "w") as f:
        f.write(text)


def rendered_files(repo, branch, env):
    """The files dlsync rendered, as (path, bytes), read back with git."""
    listing = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", branch, env + "/"],
                             stdout=subprocess.PIPE, check=True, env=GIT_ENV).stdout.decode().split()
    blobs = subprocess.run(["git", "-C", repo, "cat-file", "--batch"],
                           input="".join(f"{branch}:{p}\n" for p in listing).encode(),
                           stdout=subprocess.PIPE, check=True, env=GIT_ENV).stdout
    files, offset = [], 0
    for path in listing:
        header_end = blobs.index(b"\n", offset)
        size = int(blobs[offset:header_end].split()[2])
        files.append((path, blobs[header_end + 1:header_end + 1 + size]))
        offset = header_end + 1 + size + 1
    return files


def git_cli_commit(worktree, files, message):
    for path, data in files:
        full = os.path.join(worktree, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
    git("add", "-A", cwd=worktree)
    git("commit", "--quiet", "-m", message, cwd=worktree)


def ratio(theirs, ours):
    """How many times less time dlsync takes, spelled out either way round."""
    if ours <= theirs:
        return f"{theirs / ours:.2f}x (dlsync faster)"
    return f"{theirs / ours:.2f}x (dlsync {ours / theirs:.2f}x slower)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--objects", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dlsync", default=".build/release/dlsync")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    dlsync = os.path.abspath(args.dlsync)
    if not os.access(dlsync, os.X_OK):
        sys.exit(f"{dlsync} is not an executable; build it first (swift build -c release) or pass --dlsync")

    root = tempfile.mkdtemp(prefix="dlsync-bench-render-")
    try:
        source = os.path.join(root, "source")
        env = os.path.join(source, "environments", "dev")
        generate(env, args.objects)
        git("init", "--quiet", "--initial-branch=main", source)
        git("add", "-A", cwd=source)
        git("commit", "--quiet", "-m", "Synthetic platform", cwd=source)

        rows = {k: [] for k in ["build", "first", "edit", "same", "git-first", "git-edit", "pipe-first", "pipe-edit"]}
        for run in range(args.runs):
            out = os.path.join(root, f"build-{run}")
            os.makedirs(out)
            rows["build"].append(timed([dlsync, "build", env, "-o", out])[0])

            repo = os.path.join(root, f"rendered-{run}.git")
            render = [dlsync, "render", env, "--repo", repo]
            t, proc = timed(render + ["--init"])
            rows["first"].append(t)
            files_first = rendered_files(repo, "rendered/dev", "dev")
            if len(files_first) != args.objects + 1:
                sys.exit(f"expected {args.objects + 1} files on the branch, found {len(files_first)}")

            # The pipeline one would script with the git CLI: dlsync build -o into a work tree, add, commit.
            pipe = os.path.join(root, f"pipeline-{run}")
            git("init", "--quiet", pipe)
            pipeline = [dlsync, "build", env, "-o", pipe]
            start = time.perf_counter()
            timed(pipeline)
            git("add", "-A", cwd=pipe)
            git("commit", "--quiet", "-m", "render", cwd=pipe)
            rows["pipe-first"].append(time.perf_counter() - start)

            edit_one(env, f"debug{run}")
            git("commit", "--quiet", "-am", f"Debug logs {run}", cwd=source)
            start = time.perf_counter()
            timed(pipeline)
            git("add", "-A", cwd=pipe)
            git("commit", "--quiet", "-m", "render", cwd=pipe)
            rows["pipe-edit"].append(time.perf_counter() - start)
            t, proc = timed(render)
            rows["edit"].append(t)
            if not proc.stdout.strip():
                sys.exit("the incremental render made no commit")
            changed = subprocess.run(["git", "-C", repo, "diff", "--name-only", "rendered/dev~1", "rendered/dev"],
                                     stdout=subprocess.PIPE, check=True, env=GIT_ENV).stdout.decode().split()
            files_edit = dict(rendered_files(repo, "rendered/dev", "dev"))

            t, proc = timed(render)
            rows["same"].append(t)
            if proc.stdout.strip():
                sys.exit("a render with nothing changed made a commit")

            # The same files, with the git CLI, into a fresh work tree.
            worktree = os.path.join(root, f"git-cli-{run}")
            git("init", "--quiet", worktree)
            start = time.perf_counter()
            git_cli_commit(worktree, files_first, "render(dev): synthetic")
            rows["git-first"].append(time.perf_counter() - start)
            start = time.perf_counter()
            git_cli_commit(worktree, [(p, files_edit[p]) for p in changed], "render(dev): one edit")
            rows["git-edit"].append(time.perf_counter() - start)

            # Back to the start for the next run.
            with open(os.path.join(env, "objects0000.yaml")) as f:
                text = f.read()
            with open(os.path.join(env, "objects0000.yaml"), "w") as f:
                f.write(text.replace(f"LOG_LEVEL: debug{run}", "LOG_LEVEL: info", 1))
            git("commit", "--quiet", "-am", f"Back to info {run}", cwd=source)

        med = {k: statistics.median(v) for k, v in rows.items()}
        ms = lambda key: f"{med[key] * 1000:8.0f} ms"
        print(f"{args.objects} objects, median of {args.runs} runs ({dlsync})")
        print(f"  dlsync build -o (reference)           {ms('build')}")
        print(f"  first render      dlsync render       {ms('first')}   target < 1000 ms")
        print(f"                    git CLI pipeline    {ms('pipe-first')}   "
              f"(dlsync build -o into a work tree, git add -A, git commit)")
        print(f"                    git CLI, files ready{ms('git-first')}   "
              f"lower bound, no build (write {args.objects + 1} files, git add -A, git commit)")
        print(f"  one object edited dlsync render       {ms('edit')}   target < 200 ms")
        print(f"                    git CLI pipeline    {ms('pipe-edit')}   "
              f"(dlsync build -o rewrites every file, git add -A, git commit)")
        print(f"                    git CLI, files ready{ms('git-edit')}   "
              f"lower bound, no build (write the 2 changed files, git add -A, git commit)")
        print(f"  nothing changed   dlsync render       {ms('same')}   (no commit)")
        print(f"  dlsync render vs git CLI pipeline (same job):  first {ratio(med['pipe-first'], med['first'])}, "
              f"one edit {ratio(med['pipe-edit'], med['edit'])}")
        print(f"  dlsync render vs git CLI, files ready (lower bound, no build):  "
              f"first {ratio(med['git-first'], med['first'])}, one edit {ratio(med['git-edit'], med['edit'])}")
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
