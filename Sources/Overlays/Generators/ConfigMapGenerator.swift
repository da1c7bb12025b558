/// kustomize's ConfigMapGenerator for one `configMapGenerator` entry.
public enum ConfigMapGenerator {
    /// Generates the ConfigMap: UTF-8 values in `data`, other values base64 in `binaryData`
    /// (neither field present when empty), labels, annotations and `immutable` from the entry's
    /// options merged with the kustomization's `generatorOptions` (`globalOptions`). The name has
    /// no hash yet: `Resource.generator` says whether one is due.
    public static func make(
        _ args: GeneratorArgs, options globalOptions: GeneratorOptions?, fs: any FileSystem,
        resolvePath: GeneratorPathResolver
    ) throws(BuildError) -> Resource {
        let options = GeneratorOptions.merged(local: args.options, global: globalOptions)
        var object = try GeneratedObject.base(kind: "ConfigMap", name: args.name, namespace: args.namespace)
        let pairs = try KeyValueLoader.validatedData(args, fs: fs, resolvePath: resolvePath)
        var data = Mapping()
        var binaryData = Mapping()
        for pair in pairs {
            if isValidUTF8(pair.value) {
                data[pair.key] = .string(String(decoding: pair.value, as: UTF8.self))
            } else {
                binaryData[pair.key] = .string(GeneratedObject.base64(pair.value))
            }
        }
        if !data.isEmpty { object["data"] = .mapping(data) }
        if !binaryData.isEmpty { object["binaryData"] = .mapping(binaryData) }
        GeneratedObject.applyOptions(options, to: &object)
        return GeneratedObject.resource(object, args: args, options: options)
    }
}
