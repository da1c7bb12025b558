/// kustomize's SecretGenerator for one `secretGenerator` entry.
public enum SecretGenerator {
    /// Generates the Secret: `type` (default `Opaque`), every value base64 in `data` (present even
    /// when empty), labels, annotations and `immutable` from the entry's options merged with the
    /// kustomization's `generatorOptions` (`globalOptions`). The name has no hash yet:
    /// `Resource.generator` says whether one is due.
    public static func make(
        _ args: GeneratorArgs, options globalOptions: GeneratorOptions?, fs: any FileSystem,
        resolvePath: GeneratorPathResolver
    ) throws(BuildError) -> Resource {
        let options = GeneratorOptions.merged(local: args.options, global: globalOptions)
        var object = try GeneratedObject.base(kind: "Secret", name: args.name, namespace: args.namespace)
        object["type"] = .string(args.type.isEmpty ? "Opaque" : args.type)
        let pairs = try KeyValueLoader.validatedData(args, fs: fs, resolvePath: resolvePath)
        var data = Mapping()
        for pair in pairs { data[pair.key] = .string(GeneratedObject.base64(pair.value)) }
        object["data"] = .mapping(data)
        GeneratedObject.applyOptions(options, to: &object)
        return GeneratedObject.resource(object, args: args, options: options)
    }
}

extension GeneratorArgs {
    /// Generates this entry's ConfigMap or Secret (see `ConfigMapGenerator` and `SecretGenerator`).
    public func generate(
        options globalOptions: GeneratorOptions?, fs: any FileSystem, resolvePath: GeneratorPathResolver
    ) throws(BuildError) -> Resource {
        switch kind {
        case .configMap:
            return try ConfigMapGenerator.make(self, options: globalOptions, fs: fs, resolvePath: resolvePath)
        case .secret:
            return try SecretGenerator.make(self, options: globalOptions, fs: fs, resolvePath: resolvePath)
        }
    }
}
