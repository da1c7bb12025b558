"""What `kubectl kustomize`, the oracle, makes of generated patch cases: shared by the fixture generators
(gen-smp-diff-fixtures.py, gen-json6902-diff-fixtures.py)."""
import json
import os
import shutil
import subprocess
import tempfile

import yaml


def klog_message(stderr):
    """kubectl's error text without klog framing or the `error: ` prefix."""
    text = stderr.strip()
    if 'err=<' in text:
        body = text.split("err=<", 1)[1].rsplit(">", 1)[0]
        text = "\n".join(line[1:] if line.startswith("\t") else line for line in body.strip("\n").split("\n"))
    elif 'err="' in text:
        text = json.loads(text.split('err=', 1)[1].strip())
    if text.startswith("error: "):
        text = text[len("error: "):]
    return text.strip()


def build(cases, patch_file, patch_entry):
    """Builds one kustomization holding every (target, patch) case: targets as r<i>.yaml, patches as
    `patch_file % i`, listed by `patch_entry(i, target)`. Returns (stdout, None) or (None, error text)."""
    d = tempfile.mkdtemp()
    try:
        lines = ["resources:"]
        patches = ["patches:"]
        for i, (target, patch) in enumerate(cases):
            with open(os.path.join(d, "r%d.yaml" % i), "w") as f:
                json.dump(target, f)
            with open(os.path.join(d, patch_file % i), "w") as f:
                json.dump(patch, f)
            lines.append("- r%d.yaml" % i)
            patches.append(patch_entry(i, target))
        with open(os.path.join(d, "kustomization.yaml"), "w") as f:
            f.write("\n".join(lines + patches) + "\n")
        p = subprocess.run(["kubectl", "kustomize", d], capture_output=True, text=True)
        if p.returncode != 0:
            return None, klog_message(p.stderr).replace(d, "$CASE")
        return p.stdout, None
    finally:
        shutil.rmtree(d)


def outputs_by_name(stream):
    """Each output document's text by metadata.name."""
    result = {}
    for text in stream.split("\n---\n"):
        text = text if text.endswith("\n") else text + "\n"
        result[yaml.safe_load(text)["metadata"]["name"]] = text
    return result


def results_by_name(cases, patch_file, patch_entry, batch=25):
    """kubectl's output (text, None) or error (None, text) for every case, by the target's name. Cases run
    in batches; a failing batch is run again case by case, so one error does not hide the others."""
    results = {}
    for start in range(0, len(cases), batch):
        group = cases[start:start + batch]
        stdout, _ = build(group, patch_file, patch_entry)
        if stdout is not None:
            results.update({name: (text, None) for name, text in outputs_by_name(stdout).items()})
            continue
        for case in group:
            stdout, err = build([case], patch_file, patch_entry)
            results[case[0]["metadata"]["name"]] = (stdout, err)
    return results


def write_inputs(directory, target, patch_name, patch):
    """A fixture's inputs: target.yaml and the patch, as indented JSON (which is YAML)."""
    os.makedirs(directory, exist_ok=True)
    for name, doc in (("target.yaml", target), (patch_name, patch)):
        with open(os.path.join(directory, name), "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")


def write_expectation(directory, stdout, err):
    """What kubectl made of it: expected.yaml, or expected-error.txt when it failed."""
    if err is None:
        with open(os.path.join(directory, "expected.yaml"), "w") as f:
            f.write(stdout)
    else:
        with open(os.path.join(directory, "expected-error.txt"), "w") as f:
            f.write(err + "\n")
