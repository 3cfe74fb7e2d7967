/// A 64-bit FNV-1a digest: cheap, stable across runs and machines, and good enough to tell
/// replicas apart in a Merkle tree. (Not a defence against an adversary; nothing here is.)
public struct Digest: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    }

    public mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    /// The digest of one key's versions: what replicas must agree on.
    public static func of(key: String, versions: [Version]) -> UInt64 {
        var digest = Digest()
        digest.add(key.utf8)
        for version in versions {
            digest.add(UInt64(version.dot.node.index))
            digest.add(UInt64(version.dot.actor.epoch))
            digest.add(version.dot.counter)
            switch version.value {
            case .data(let text): digest.add(text.utf8)
            case .tombstone: digest.add(CollectionOfOne(0xff))
            }
        }
        return digest.value
    }

    /// The hash of an inner tree node from its two children.
    public static func combine(_ left: UInt64, _ right: UInt64) -> UInt64 {
        if left == 0 && right == 0 { return 0 }
        var digest = Digest()
        digest.add(left)
        digest.add(right)
        return digest.value
    }
}
