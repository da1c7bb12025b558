#!/usr/bin/env python3
"""Generates random JSON 6902 patches and records what kustomize (kubectl kustomize) makes of
them, as fixtures for Tests/OverlaysTests/Patches (differential tests of JSONPatch).

Usage: scripts/gen-json6902-diff-fixtures.py OUT_DIR COUNT [SEED]
"""
import os
import random
import sys

import yaml

import kustomize_oracle

R = random.Random()


def target(name):
    return {
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name, "labels": {"app": "web", "a/b": "slash", "t~x": "tilde"}},
        "data": {"k": "v", "n": "1"},
        "spec": {"list": ["a", "b", "c"], "nums": [1, 2.5, 1000000, 123456789012],
                 "objs": [{"name": "x", "v": 1}, {"name": "y", "v": {"deep": True}}],
                 "empty": {}, "nothing": None, "f": 1.0},
    }


def paths():
    return R.choice([
        "/data/k", "/data/new", "/data", "/metadata/labels/app", "/metadata/labels/a~1b",
        "/metadata/labels/t~0x", "/metadata/labels/missing", "/spec/list/0", "/spec/list/-",
        "/spec/list/3", "/spec/list/9", "/spec/list/-1", "/spec/list/-4", "/spec/list/x",
        "/spec/list/01", "/spec/objs/1/v/deep", "/spec/objs/0", "/spec/objs/2/v", "/spec/nums/2",
        "/spec/nothing/x", "/spec/nothing", "/spec/empty/a", "/spec/missing/deeper", "/data/k/x",
        "spec/list/0", "/", "", "/spec/f", "/spec/objs/-/name", "/spec/list/+1",
    ])


def value():
    return R.choice(["s", 7, 2.50, True, None, [1, "two"], {"m": 1}, "yes", 1e21, -0.0])


SIMPLE = False


def op():
    kinds = ["add", "add", "remove", "replace", "replace", "move", "copy", "test"]
    kind = R.choice(kinds if SIMPLE else kinds + ["bogus"])
    o = {"op": kind}
    if R.random() < 0.95:
        o["path"] = paths()
    if kind in ("add", "replace", "test") and R.random() < 0.9:
        o["value"] = value()
    if kind in ("move", "copy") and R.random() < 0.95:
        o["from"] = paths()
    if kind == "test" and R.random() < 0.5:
        o["value"] = R.choice(["v", "1", 1, "web", ["a", "b", "c"]])
    return o


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    R.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    global SIMPLE
    SIMPLE = "--simple" in sys.argv
    os.makedirs(out, exist_ok=True)
    prefix = "s" if SIMPLE else "j"
    cases = [(target("%s%03d" % (prefix, i)), [op() for _ in range(1 if SIMPLE else R.randint(1, 3))])
             for i in range(count)]
    results = kustomize_oracle.results_by_name(
        cases, "p%d.json", lambda i, t: "- path: p%d.json\n  target:\n    name: %s" % (i, t["metadata"]["name"]))
    for t, ops in cases:
        name = t["metadata"]["name"]
        if name not in results:
            continue  # renamed or removed by the patch
        stdout, err = results[name]
        if err is not None and ("name reference" in err or "no matches for" in err):
            continue
        d = os.path.join(out, name)
        kustomize_oracle.write_inputs(d, t, "patch.json", ops)
        if err is None and yaml.safe_load(stdout)["metadata"]["name"] != name:
            continue
        kustomize_oracle.write_expectation(d, stdout, err)

if __name__ == "__main__":
    main()
