import Foundation
import Logging

/// One log line per event on stderr: `text` for people (`2026-11-21T20:00:00Z info reconciled result=success`),
/// `json` for log collectors (one object per line, metadata as fields).
struct LogOutput: LogHandler {
    enum Format: String, CaseIterable {
        case text, json
    }

    var format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let time = Date().formatted(.iso8601)
        let line: String
        switch format {
        case .text:
            let pairs = fields.keys.sorted().map { "\($0)=\(Self.quoted("\(fields[$0]!)"))" }
            line = ([time, event.level.rawValue, "\(event.message)"] + pairs).joined(separator: " ")
        case .json:
            var object: [String: String] = [
                "time": time, "level": event.level.rawValue, "msg": "\(event.message)",
            ]
            for (key, value) in fields { object[key] = "\(value)" }
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            line = data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Values with spaces or quotes are quoted, so `key=value` pairs stay splittable.
    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || value.isEmpty else {
            return value
        }
        return "\""
            + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            + "\""
    }
}
