import ArgumentParser
import Sync

/// What pruning may delete beyond ordinary objects, shared by `sync --prune` and `daemon`.
struct PruneOptions: ParsableArguments {
    @Flag(help: "Allow pruning Namespaces (and so everything in them).")
    var pruneNamespaces = false

    @Flag(help: "Allow pruning PersistentVolumeClaims (and so their data).")
    var prunePvcs = false

    func policy(allowEmpty: Bool = false) -> Pruner.Policy {
        Pruner.Policy(allowEmpty: allowEmpty, pruneNamespaces: pruneNamespaces, prunePVCs: prunePvcs)
    }
}
