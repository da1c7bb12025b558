import Foundation
import Overlays

/// dlsync's ApplySet (KEP-3659): a parent ConfigMap in the inventory namespace whose id every applied
/// object carries in its `applyset.kubernetes.io/part-of` label, and which lists the group-kinds in use.
public struct Inventory: Sendable, Equatable {
    public static let partOfLabel = "applyset.kubernetes.io/part-of"
    public static let idLabel = "applyset.kubernetes.io/id"
    public static let groupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds"
    public static let namespacesAnnotation = "applyset.kubernetes.io/additional-namespaces"
    public static let toolingAnnotation = "applyset.kubernetes.io/tooling"

    /// The parent's name (`dlsync-<name>`) and namespace.
    public var parentName: String
    public var parentNamespace: String

    /// - Parameter name: what the set is called, usually the environment (`dev`, from `environments/dev`).
    public init(name: String, namespace: String = "kube-system") {
        parentName = "dlsync-" + Inventory.sanitize(name)
        parentNamespace = namespace
    }

    /// `applyset-<base64url(sha256("<name>.<namespace>.ConfigMap."))>-v1`, as the ApplySet spec defines it.
    public var id: String {
        let digest = SHA256.digest(Array("\(parentName).\(parentNamespace).ConfigMap.".utf8))
        return "applyset-\(Inventory.base64URL(digest))-v1"
    }

    /// The label selector of every object in the set.
    public var selector: String { "\(Inventory.partOfLabel)=\(id)" }

    public static let parentResource = APIResource(
        group: "", version: "v1", kind: "ConfigMap", name: "configmaps", namespaced: true)

    /// The parent object, listing the given group-kinds (`Deployment.apps`) and namespaces.
    public func parent(groupKinds: Set<String>, namespaces: Set<String>) -> Node {
        let others = namespaces.subtracting([parentNamespace, ""]).sorted()
        return .mapping(
            Mapping([
                "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                "metadata": .mapping(
                    Mapping([
                        "name": .string(parentName), "namespace": .string(parentNamespace),
                        "labels": .mapping(Mapping([Inventory.idLabel: .string(id)])),
                        "annotations": .mapping(
                            Mapping([
                                Inventory.toolingAnnotation: .string("dlsync/v1"),
                                Inventory.groupKindsAnnotation: .string(groupKinds.sorted().joined(separator: ",")),
                                Inventory.namespacesAnnotation: .string(others.joined(separator: ",")),
                            ])),
                    ])),
            ]))
    }

    /// The group-kinds a live parent lists.
    public static func groupKinds(ofParent parent: Node?) -> Set<String> {
        guard let text = parent?["metadata", "annotations", groupKindsAnnotation]?.string else { return [] }
        return Set(text.split(separator: ",").map { String($0) }.filter { !$0.isEmpty })
    }

    static func sanitize(_ name: String) -> String {
        let allowed = name.lowercased().map { ($0.isLetter || $0.isNumber) && $0.isASCII ? $0 : "-" }
        let s = String(allowed).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return s.isEmpty ? "default" : String(s.prefix(200))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        var s = Base64.encode(bytes)
        s = s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while s.hasSuffix("=") { s.removeLast() }
        return s
    }
}
