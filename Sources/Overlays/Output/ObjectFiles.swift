/// The file names `kustomize build -o <dir>` gives objects: `<group>_<version>_<kind>_<name>.yaml`,
/// lower-cased, prefixed with the namespace when the build spans several namespaces.
public enum ObjectFiles {
    public static func names(for resources: [Resource]) -> [(name: String, resource: Resource)] {
        let namespaced = resources.filter { !$0.gvk.isClusterScoped }
        let namespaces = Set(namespaced.map { $0.id.effectiveNamespace })
        var result: [(name: String, resource: Resource)] = []
        for resource in namespaced {
            var name = baseName(resource)
            if namespaces.count > 1 { name = resource.id.effectiveNamespace.lowercased() + "_" + name }
            result.append((name, resource))
        }
        for resource in resources where resource.gvk.isClusterScoped {
            result.append((baseName(resource), resource))
        }
        return result
    }

    private static func baseName(_ resource: Resource) -> String {
        let gvk = resource.gvk
        let type = [gvk.group, gvk.version, gvk.kind].filter { !$0.isEmpty }.joined(separator: "_")
        return type.lowercased() + "_" + resource.name.lowercased() + ".yaml"
    }
}
