/// The cluster side of dlsync: Cluster (kubeconfig, API client, discovery), Diff (drift detection, unified
/// diffs), Apply (order, inventory, generated Secrets, prune, the sync run) and Health.
public enum SyncModule {}
