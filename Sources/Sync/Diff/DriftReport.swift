import Overlays

/// What the drift check found for one desired object.
public struct DriftReport: Sendable {
    public enum State: String, Sendable {
        /// Live equals desired (no write needed).
        case inSync = "unchanged"
        /// The object does not exist.
        case missing = "missing"
        /// Live differs; applying would change it.
        case drifted = "drifted"
    }

    public var object: DesiredObject
    public var state: State
    /// The live object (nil when missing).
    public var live: Node?
    /// What the server says the object would become (dry-run apply), when drift was confirmed.
    public var predicted: Node?
    /// Why: the first differing field, or how the object was found.
    public var reason: String

    public var ref: ObjectRef { object.ref }
}
