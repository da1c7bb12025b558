/// The Kustomize-compatible engine: load a kustomization tree, compose it, emit kustomize-identical YAML.
public enum OverlaysModule {}
