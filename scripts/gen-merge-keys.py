#!/usr/bin/env python3
"""Generates Sources/Overlays/Schema/KubernetesSchema+MergeKeys.swift from kustomize's embedded
OpenAPI document (kyaml/openapi/kubernetesapi/v1_21_2/swagger.pb, a gnostic OpenAPIv2 protobuf)
and the kustomization API schema (kyaml/openapi/kustomizationapi/swagger.json).

Only what strategic merge needs is kept: for each definition that (transitively) holds a list
with an `x-kubernetes-patch-strategy` containing `merge`, the fields leading to it. Also prints the
cluster-scoped types found in the swagger paths, to check KubernetesSchema.swift against.

Usage: scripts/gen-merge-keys.py /work/ref > Sources/Overlays/Schema/KubernetesSchema+MergeKeys.swift
No dependencies: a minimal protobuf wire-format decoder is included. Field numbers are those of
gnostic's openapiv2/OpenAPIv2.proto.
"""
import json
import sys


def varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, i
        shift += 7


def fields(buf):
    """Yields (field number, wire type, value) of one message; length-delimited values are bytes."""
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(buf, i)
        elif wt == 1:
            v, i = buf[i:i + 8], i + 8
        elif wt == 2:
            n, i = varint(buf, i)
            v, i = buf[i:i + n], i + n
        elif wt == 5:
            v, i = buf[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type %d" % wt)
        yield num, wt, v


def named(buf):
    """NamedSchema / NamedAny / NamedPathItem: (name = 1, value = 2)."""
    name, value = "", b""
    for num, _, v in fields(buf):
        if num == 1:
            name = v.decode()
        elif num == 2:
            value = v
    return name, value


def any_yaml(buf):
    """Any: yaml = 2 (the extension value as YAML text; JSON-compatible for the values we need)."""
    for num, _, v in fields(buf):
        if num == 2:
            return v.decode()
    return ""


def parse_ext_value(text):
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    # Simple YAML forms: a scalar, a flat map, or a block list of scalars / of flat maps.
    if not text.startswith("-"):
        lines = text.splitlines()
        if lines and all(":" in l and not l.startswith(" ") for l in lines):
            return {k.strip(): val.strip().strip('"') for k, val in (l.split(":", 1) for l in lines)}
        return text.strip('"')
    items = []
    for line in text.splitlines():
        if line.startswith("- "):
            body = line[2:]
            if ":" in body and not body.startswith('"'):
                k, val = body.split(":", 1)
                items.append({k.strip(): val.strip().strip('"')})
            else:
                items.append(body.strip().strip('"'))
        elif line.startswith("  ") and ":" in line and isinstance(items[-1], dict):
            k, val = line.strip().split(":", 1)
            items[-1][k.strip()] = val.strip().strip('"')
    return items


def schema(buf):
    """Schema: _ref 1, additional_properties 21, type 22, items 23, properties 25, vendor_extension 31."""
    s = {"ref": None, "type": [], "items": None, "properties": {}, "additional": None, "ext": {}}
    for num, _, v in fields(buf):
        if num == 1:
            s["ref"] = v.decode()
        elif num == 21:
            for n2, _, v2 in fields(v):
                if n2 == 1:
                    s["additional"] = schema(v2)
        elif num == 22:
            s["type"] = [v2.decode() for n2, _, v2 in fields(v) if n2 == 1]
        elif num == 23:
            items = [schema(v2) for n2, _, v2 in fields(v) if n2 == 1]
            s["items"] = items[0] if items else None
        elif num == 25:
            for n2, _, v2 in fields(v):
                if n2 == 1:
                    name, value = named(v2)
                    s["properties"][name] = schema(value)
        elif num == 31:
            name, value = named(v)
            s["ext"][name] = parse_ext_value(any_yaml(value))
    return s


def parse_proto(path):
    buf = open(path, "rb").read()
    definitions, paths = {}, {}
    for num, _, v in fields(buf):
        if num == 9:
            for n2, _, v2 in fields(v):
                if n2 == 1:
                    name, value = named(v2)
                    definitions[name] = schema(value)
        elif num == 8:
            for n2, _, v2 in fields(v):
                if n2 == 2:
                    name, item = named(v2)
                    for n3, _, v3 in fields(item):
                        if n3 == 2:  # get
                            for n4, _, v4 in fields(v3):
                                if n4 == 13:
                                    ename, evalue = named(v4)
                                    if ename == "x-kubernetes-group-version-kind":
                                        paths[name] = parse_ext_value(any_yaml(evalue))
    return definitions, paths


def from_json_schema(d):
    s = {"ref": d.get("$ref"), "type": d.get("type", []), "items": None, "properties": {},
         "additional": None, "ext": {k: v for k, v in d.items() if k.startswith("x-")}}
    if isinstance(s["type"], str):
        s["type"] = [s["type"]]
    if isinstance(d.get("items"), dict):
        s["items"] = from_json_schema(d["items"])
    for k, v in d.get("properties", {}).items():
        s["properties"][k] = from_json_schema(v)
    if isinstance(d.get("additionalProperties"), dict):
        s["additional"] = from_json_schema(d["additionalProperties"])
    return s


def ref_name(ref):
    return ref.split("/")[-1]


def short(name):
    """Definition name without the io.k8s... prefix, kept unique by the caller."""
    return name


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/work/ref"
    defs, paths = parse_proto(root + "/kyaml/openapi/kubernetesapi/v1_21_2/swagger.pb")
    kdoc = json.load(open(root + "/kyaml/openapi/kustomizationapi/swagger.json"))
    for k, v in kdoc["definitions"].items():
        defs[k] = from_json_schema(v)

    def resolve(s):
        seen = 0
        while s is not None and s["ref"] and seen < 50:
            s = defs.get(ref_name(s["ref"]))
            seen += 1
        return s

    def is_merge_list(s):
        if s["type"] != ["array"]:
            return False
        strategy = s["ext"].get("x-kubernetes-patch-strategy")
        return isinstance(strategy, str) and "merge" in strategy.split(",")

    # Which definitions matter: those with a merge list reachable from them.
    memo = {}

    def relevant(name, stack=()):
        if name in memo:
            return memo[name]
        if name in stack:
            return False
        d = defs.get(name)
        result = False
        if d is not None:
            for prop in d["properties"].values():
                if field_relevant(prop, stack + (name,)):
                    result = True
            if d["additional"] is not None and field_relevant(d["additional"], stack + (name,)):
                result = True
        memo[name] = result
        return result

    def target(s):
        """The definition a field refers to, directly or through array items / map values."""
        if s["ref"]:
            return ref_name(s["ref"])
        return None

    def field_relevant(s, stack):
        if is_merge_list(s):
            return True
        if s["ref"]:
            return relevant(ref_name(s["ref"]), stack)
        if s["type"] == ["array"] or s["items"] is not None:
            return False  # a list without merge strategy is replaced, never walked into
        if s["additional"] is not None:
            return field_relevant(s["additional"], stack)
        if s["properties"]:
            return any(field_relevant(p, stack) for p in s["properties"].values())
        return False

    prefixes = ["io.k8s.apimachinery.pkg.apis.", "io.k8s.apiextensions-apiserver.pkg.apis.",
                "io.k8s.kube-aggregator.pkg.apis.", "io.k8s.api."]

    def short(name):
        for prefix in prefixes:
            if name.startswith(prefix):
                return name[len(prefix):]
        return name

    def describe(s):
        """Swift expression of a field schema (only merge lists and what leads to them)."""
        if s["ref"]:
            return '.ref("%s")' % short(ref_name(s["ref"]))
        if s["type"] == ["array"]:
            if not is_merge_list(s):
                return None  # replaced wholesale; elements are never walked
            keys = s["ext"].get("x-kubernetes-list-map-keys")
            if keys is None:
                mk = s["ext"].get("x-kubernetes-patch-merge-key")
                keys = [mk] if mk else []
            items = s["items"]
            item_text = describe(items) if items is not None and field_relevant(items, ()) else None
            return '.list(keys: [%s]%s)' % (
                ", ".join('"%s"' % k for k in keys), ", items: " + item_text if item_text else "")
        if s["additional"] is not None:
            inner = describe(s["additional"])
            return ".map(%s)" % inner if inner else None
        if s["properties"]:
            inner = ", ".join('"%s": %s' % (k, describe(v)) for k, v in sorted(s["properties"].items())
                              if field_relevant(v, ()) and describe(v))
            return ".object([%s])" % inner if inner else None
        return None

    out = []
    out.append("// Generated by scripts/gen-merge-keys.py from kustomize's embedded OpenAPI documents")
    out.append("// (Kubernetes 1.21.2 swagger.pb and the kustomization API). Do not edit by hand.")
    out.append("// Definition names drop their io.k8s.api. / io.k8s.apimachinery.pkg.apis. / ... prefix.")
    out.append("")
    out.append("extension KubernetesSchema {")
    out.append("    /// For each definition that leads to a list with patch strategy `merge`, the fields that")
    out.append("    /// do. Other fields have no strategic-merge behaviour (maps merge, lists are replaced).")
    out.append("    static let mergeDefinitions: [String: [String: MergeSchema.Field]] = [")
    names = sorted(n for n in defs if relevant(n))
    shorts = [short(n) for n in names]
    assert len(set(shorts)) == len(shorts), "short names collide"
    for n in names:
        d = defs[n]
        entries = ['"%s": %s' % (k, describe(v)) for k, v in sorted(d["properties"].items())
                   if field_relevant(v, ()) and describe(v)]
        if not entries:
            entries = [":"]
        line = '        "%s": [%s],' % (short(n), ", ".join(entries))
        if len(line) <= 110:
            out.append(line)
        else:
            out.append('        "%s": [' % short(n))
            for e in entries:
                out.append("            %s," % e)
            out.append("        ],")
    out.append("    ]")
    out.append("")
    out.append("    /// The definition of each built-in type, keyed by \"apiVersion kind\".")
    out.append("    static let definitionsByType: [String: String] = [")
    types = []
    for n, d in defs.items():
        if not relevant(n):
            continue
        for gvk in d["ext"].get("x-kubernetes-group-version-kind", []) or []:
            if not isinstance(gvk, dict):
                continue
            g, v, k = gvk.get("group", ""), gvk.get("version", ""), gvk.get("kind", "")
            api = "%s/%s" % (g, v) if g else v
            types.append((api, k, short(n)))
    for api, k, n in sorted(set(types)):
        out.append('        "%s %s": "%s",' % (api, k, n))
    out.append("    ]")
    out.append("}")
    print("\n".join(out))

    # Namespaceability, as kustomize derives it from the swagger paths.
    ns = {}
    for path, gvk in paths.items():
        if not isinstance(gvk, dict):
            continue
        g, v, k = gvk.get("group", ""), gvk.get("version", ""), gvk.get("kind", "")
        key = ("%s/%s" % (g, v) if g else v, k)
        if "namespaces/{namespace}" in path:
            ns[key] = True
        elif key not in ns:
            ns[key] = False
    cluster = sorted(k for k, v in ns.items() if not v)
    sys.stderr.write("cluster-scoped (%d):\n" % len(cluster))
    for api, k in cluster:
        sys.stderr.write('    ("%s", "%s"),\n' % (api, k))


if __name__ == "__main__":
    main()
