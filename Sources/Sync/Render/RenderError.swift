/// A render, read, history or rollback failure, phrased context first, cause after, with what to do:
/// `render dev to /srv/rendered.git@rendered/dev failed: …`.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
