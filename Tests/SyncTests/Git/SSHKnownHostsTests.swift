import Foundation
import Sync
import Testing

@Suite struct SSHKnownHostsTests {
    static let keyA = "AAAAC3NzaC1lZDI1NTE5AAAAIHFIypF7fTQRHoGi6LFK4Sh2mAz147ci2tbDo09LZJxH"
    static let keyB = "AAAAC3NzaC1lZDI1NTE5AAAAIE5kCM1JPzMveDFbx6zUByNsMeRgTBY9pk/rnieIBu9B"

    static func blob(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64) ?? Data()) }

    @Test func hostKeyListedForTheHostIsTrusted() {
        let hosts = SSHKnownHosts("# comment\ngit.example.com,10.0.0.7 ssh-ed25519 \(Self.keyA)\n")
        #expect(hosts.trusts(host: "git.example.com", key: Self.blob(Self.keyA)))
        #expect(hosts.trusts(host: "10.0.0.7", key: Self.blob(Self.keyA)))
    }

    @Test func differentKeyForAKnownHostIsRefused() {
        let hosts = SSHKnownHosts("git.example.com ssh-ed25519 \(Self.keyA)")
        #expect(!hosts.trusts(host: "git.example.com", key: Self.blob(Self.keyB)))
        #expect(hosts.knows(host: "git.example.com"))
    }

    @Test func unknownHostIsRefused() {
        let hosts = SSHKnownHosts("git.example.com ssh-ed25519 \(Self.keyA)")
        #expect(!hosts.trusts(host: "evil.example.com", key: Self.blob(Self.keyA)))
        #expect(!hosts.knows(host: "evil.example.com"))
    }

    @Test func bracketedPortWildcardAndNegationMatchLikeOpenSSH() {
        let hosts = SSHKnownHosts(
            """
            [gitea.local]:2222 ssh-ed25519 \(Self.keyA)
            *.corp.example,!bad.corp.example ssh-ed25519 \(Self.keyB)
            """)
        #expect(hosts.trusts(host: "gitea.local", key: Self.blob(Self.keyA)))
        #expect(hosts.trusts(host: "git.corp.example", key: Self.blob(Self.keyB)))
        #expect(!hosts.trusts(host: "bad.corp.example", key: Self.blob(Self.keyB)))
    }

    @Test func revokedAndHashedEntriesAreNeverTrusted() {
        let hosts = SSHKnownHosts(
            """
            git.example.com ssh-ed25519 \(Self.keyA)
            @revoked git.example.com ssh-ed25519 \(Self.keyA)
            |1|c2FsdA==|aGFzaA== ssh-ed25519 \(Self.keyB)
            """)
        #expect(!hosts.trusts(host: "git.example.com", key: Self.blob(Self.keyA)))
        #expect(!hosts.trusts(host: "git.example.com", key: Self.blob(Self.keyB)))
    }
}
