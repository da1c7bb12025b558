/// The version of dlsync, recorded in every render (`Rendered-By: dlsync <version>`, `dlsync.json`).
public enum DLSyncVersion {
    public static let current = "0.1.0"
}
