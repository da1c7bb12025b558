/// The cluster side of dlsync: Git, Cluster, Diff, Apply, Health and the Daemon.
public enum SyncModule {}
