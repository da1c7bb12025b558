import Overlays
import Testing

struct SHA256Tests {
    /// Pieces of every size around the 64-byte block boundary give the one-shot digest.
    @Test(arguments: [1, 7, 55, 56, 63, 64, 65, 127, 200])
    func streamingInPiecesEqualsOneShot(pieceSize: Int) {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        var offset = 0
        while offset < message.count {
            hasher.update(message[offset..<min(offset + pieceSize, message.count)])
            offset += pieceSize
        }
        #expect(hasher.finalizeHex() == SHA256.hex(message))
    }

    @Test func millionAsMatchesTheFIPSVector() {
        var hasher = SHA256()
        for _ in 0..<1000 { hasher.update(String(repeating: "a", count: 1000)) }
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
