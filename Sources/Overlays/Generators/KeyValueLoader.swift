/// Turns a generator source path, as written in the kustomization, into the path to read; throws
/// kustomize's loader error when the path may not be read (outside the kustomization root under
/// the default load restrictions, missing, a directory).
public typealias GeneratorPathResolver = (String) throws(BuildError) -> String

/// kustomize's kv loader: reads a generator's env files, literals and files, in that order.
public enum KeyValueLoader {
    /// All pairs of an entry, in kustomize's order (env files, then literals, then files).
    /// Errors read `loading KV pairs: <source kind> [<sources>]: <cause>` as in kustomize.
    public static func load(
        _ args: GeneratorArgs, fs: any FileSystem, resolvePath: GeneratorPathResolver
    ) throws(BuildError) -> [KeyValuePair] {
        do throws(BuildError) {
            var all: [KeyValuePair] = []
            do {
                for path in args.envs {
                    all += try EnvFile.parse(read(path, fs: fs, resolvePath: resolvePath))
                }
            } catch {
                throw error.wrapped("env source files: \(GoSyntax.list(args.envs))")
            }
            do {
                for source in args.literals { all.append(try KeyValueSources.parseLiteral(source)) }
            } catch {
                throw BuildError("literal sources \(GoSyntax.list(args.literals)): \(error.message)")
            }
            do {
                for source in args.files {
                    let (key, path) = try KeyValueSources.parseFileSource(source)
                    all.append(KeyValuePair(key: key, value: try read(path, fs: fs, resolvePath: resolvePath)))
                }
            } catch {
                throw error.wrapped("file sources: \(GoSyntax.list(args.files))")
            }
            return all
        } catch {
            throw error.wrapped("loading KV pairs")
        }
    }

    /// The pairs as the generated object's data, sorted by key (Go byte order). A key seen twice
    /// is an error that says "configmap" even for Secrets, as kustomize's does. kustomize does not
    /// check that keys are valid ConfigMap keys.
    public static func dataMap(name: String, pairs: [KeyValuePair]) throws(BuildError) -> [KeyValuePair] {
        var seen = Set<String>()
        for pair in pairs {
            guard seen.insert(pair.key).inserted else {
                throw BuildError("configmap \(name) illegally repeats the key `\(pair.key)`")
            }
        }
        return pairs.sorted { GoJSON.keyLess($0.key, $1.key) }
    }

    /// Loads a generator's pairs and checks them: kustomize's `makeValidatedDataMap`.
    public static func validatedData(
        _ args: GeneratorArgs, fs: any FileSystem, resolvePath: GeneratorPathResolver
    ) throws(BuildError) -> [KeyValuePair] {
        try dataMap(name: args.name, pairs: load(args, fs: fs, resolvePath: resolvePath))
    }

    private static func read(
        _ path: String, fs: any FileSystem, resolvePath: GeneratorPathResolver
    ) throws(BuildError) -> [UInt8] {
        try fs.readFile(resolvePath(path))
    }
}
