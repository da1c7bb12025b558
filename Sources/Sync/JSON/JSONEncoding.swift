import Overlays

/// Encodes a `Node` as compact JSON, the body format the Kubernetes API reads and writes.
public enum JSONEncoding {
    public static func encode(_ node: Node) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func bytes(_ node: Node) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(node, into: &out)
        return out
    }

    static func write(_ node: Node, into out: inout [UInt8]) {
        switch node {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .int(let i): out.append(contentsOf: Array(String(i).utf8))
        case .uint(let u): out.append(contentsOf: Array(String(u).utf8))
        case .float(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 {
                    out.append(contentsOf: Array(String(Int64(d)).utf8))
                } else {
                    out.append(contentsOf: Array(String(d).utf8))
                }
            } else {
                out.append(contentsOf: Array("null".utf8))
            }
        case .string(let s): writeString(s, into: &out)
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let map):
            out.append(UInt8(ascii: "{"))
            for (i, entry) in map.entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(entry.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(entry.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
