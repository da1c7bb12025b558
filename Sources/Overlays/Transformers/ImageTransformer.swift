/// `images:` — rewrites container image names, tags and digests, in every `containers` and
/// `initContainers` list (kustomize's legacy walk) and at the configured field specs.
enum ImageTransformer {
    /// Applies the entries in order. kustomize runs each entry over every object; running every entry
    /// over each object is the same result (objects are independent) and lets an object skip the
    /// entries whose image it does not use.
    static func apply(_ images: [ImageSpec], specs: [FieldSpec], to map: inout ResourceMap) throws(BuildError) {
        guard !images.isEmpty else { return }
        let rules = ImageRules(images)
        try map.transform { (resource: inout Resource) throws(BuildError) in
            guard resource.kind != "CustomResourceDefinition" else { return }
            var present = try imageValues(in: resource, specs: specs)
            var next = 0
            while let index = rules.firstCandidate(from: next, for: present) {
                next = index + 1
                let rule = rules.rules[index]
                let update: (inout Node) -> Void = { value in
                    guard case .string(let current) = value, rule.matches(current) else { return }
                    value = .string(rewrite(current, with: rule.image))
                }
                walkContainers(&resource.node, update)
                for spec in specs {
                    try FieldPath.apply(spec, to: &resource, create: nil) { (value: inout Node) throws(BuildError) in
                        update(&value)
                    }
                }
                present = try imageValues(in: resource, specs: specs)
            }
        }
    }

    static func apply(_ image: ImageSpec, specs: [FieldSpec], to map: inout ResourceMap) throws(BuildError) {
        try apply([image], specs: specs, to: &map)
    }

    /// Every image an object uses, where the transformer would look (read only: no copies of the object).
    static func imageValues(in resource: Resource, specs: [FieldSpec]) throws(BuildError) -> Set<String> {
        var images = Set<String>()
        collectContainerImages(resource.node, into: &images)
        let gvk = resource.gvk
        for spec in specs where gvk.isSelected(by: spec.gvk) {
            FieldPath.forEachValue(in: resource.node, segments: spec.segments[...]) { value in
                if case .string(let s) = value { images.insert(s) }
            }
        }
        return images
    }

    private static func collectContainerImages(_ node: Node, into images: inout Set<String>) {
        switch node {
        case .mapping(let map):
            for entry in map {
                if entry.key == "containers" || entry.key == "initContainers", let items = entry.value.sequence {
                    for item in items {
                        if case .string(let s)? = item["image"] { images.insert(s) }
                    }
                }
                collectContainerImages(entry.value, into: &images)
            }
        case .sequence(let items):
            for item in items { collectContainerImages(item, into: &images) }
        default:
            return
        }
    }

    /// Visits `image` of every element of any `containers` / `initContainers` list, at any depth.
    private static func walkContainers(_ node: inout Node, _ update: (inout Node) -> Void) {
        switch node {
        case .mapping(var map):
            var changed = false
            for i in map.entries.indices {
                let key = map.entries[i].key
                var value = map.entries[i].value
                walkContainers(&value, update)
                if key == "containers" || key == "initContainers", case .sequence(var items) = value {
                    for j in items.indices {
                        guard var container = items[j].mapping, var image = container["image"] else { continue }
                        update(&image)
                        container["image"] = image
                        items[j] = .mapping(container)
                    }
                    value = .sequence(items)
                }
                if value != map.entries[i].value {
                    map[key] = value
                    changed = true
                }
            }
            if changed { node = .mapping(map) }
        case .sequence(var items):
            for i in items.indices { walkContainers(&items[i], update) }
            node = .sequence(items)
        default:
            return
        }
    }

    static func rewrite(_ current: String, with image: ImageSpec) -> String {
        var (name, tag, digest) = split(current)
        if let newName = image.newName, !newName.isEmpty { name = newName }
        let newTag = image.newTag ?? ""
        let newDigest = image.digest ?? ""
        if !newTag.isEmpty && !newDigest.isEmpty {
            tag = newTag
            digest = newDigest
        } else if !newTag.isEmpty {
            tag = newTag
            digest = ""
        } else if !newDigest.isEmpty {
            tag = ""
            digest = newDigest
        } else if let suffix = image.tagSuffix, !suffix.isEmpty {
            tag += suffix
            digest = ""
        }
        var result = name
        if !tag.isEmpty { result += ":" + tag }
        if !digest.isEmpty { result += "@" + digest }
        return result
    }

    /// Splits `registry:port/name:tag@digest`; a colon before the first slash belongs to the registry.
    static func split(_ image: String) -> (name: String, tag: String, digest: String) {
        let chars = Array(image)
        var searchStart = 0
        if let slash = chars.firstIndex(of: "/"), slash > 0 { searchStart = slash }
        let search = chars[searchStart...]
        let at = search.firstIndex(of: "@")
        let colon = search.firstIndex(of: ":")
        if at == nil && colon == nil { return (image, "", "") }
        if let at, colon == nil || at < colon! {
            return (String(chars[..<at]), "", String(chars[(at + 1)...]))
        }
        guard let colon else { return (image, "", "") }
        if let at {
            return (String(chars[..<colon]), String(chars[(colon + 1)..<at]), String(chars[(at + 1)...]))
        }
        return (String(chars[..<colon]), String(chars[(colon + 1)...]), "")
    }
}
