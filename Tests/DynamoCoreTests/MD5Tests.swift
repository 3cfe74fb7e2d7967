import Crypto
import Testing
@testable import DynamoCore

/// DynamoCore's own MD5 against RFC 1321's test suite and against swift-crypto's.
@Suite struct MD5Tests {
    static func digest(_ bytes: [UInt8]) -> UInt128 { bytes.withUnsafeBytes { MD5.digest($0) } }

    /// swift-crypto's digest, read big-endian as one number.
    static func reference(_ bytes: [UInt8]) -> UInt128 {
        Insecure.MD5.hash(data: bytes).reduce(0) { $0 << 8 | UInt128($1) }
    }

    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfc1321TestSuite(input: String, expected: String) {
        let hex = String(Self.digest(Array(input.utf8)), radix: 16)
        #expect(String(repeating: "0", count: 32 - hex.count) + hex == expected)
    }

    /// Every length up to three blocks, so that the tail fills one padding block, exactly
    /// leaves no room for the length (56 to 63 bytes) and follows whole blocks.
    @Test func everyLengthUpToThreeBlocksMatchesSwiftCrypto() {
        for length in 0...192 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ length &* 7) }
            #expect(Self.digest(bytes) == Self.reference(bytes), "\(length) bytes: \(bytes)")
        }
    }

    @Test func keysOfEveryKindMatchSwiftCrypto() {
        let keys = ["cart", "key99999", "naïve café", "ключ", "🛒🥛", String(repeating: "long key ", count: 40)]
            + (0..<1_000).map { "key\($0)" }
        for key in keys {
            #expect(RingPosition.of(key: key) == Self.reference(Array(key.utf8)), "\(key)")
        }
    }
}
