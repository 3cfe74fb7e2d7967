/// A 64-bit digest for Merkle trees: FNV-1a over bytes, with whole 64-bit words (and strings
/// eight bytes at a time) folded in one step each. Cheap, stable across runs and machines, and good enough to tell replicas apart.
/// (Not a defence against an adversary; nothing here is.)
public struct Digest: Sendable {
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { value = (value ^ UInt64(byte)) &* Self.prime }
    }

    public mutating func add(_ number: UInt64) {
        value = Self.mix(value ^ number)
    }

    /// Adds a string's UTF-8 bytes, eight at a time, then its length. Keys and values are hashed
    /// on every store change and key lookup, so the bytes are read where the string keeps them,
    /// inline, so that a caller hashing a string it only borrows need not retain it.
    @inline(__always)
    public mutating func add(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ add(contiguous: UnsafeRawBufferPointer($0)) }) == nil {
            // A string bridged from elsewhere: made contiguous first.
            var text = text
            text.withUTF8 { add(contiguous: UnsafeRawBufferPointer($0)) }
        }
        add(UInt64(text.utf8.count))
    }

    /// Adds `bytes`, each whole eight as one word, the rest one at a time.
    private mutating func add(contiguous bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index + 8 <= bytes.count {
            add(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        while index < bytes.count {
            value = (value ^ UInt64(bytes[index])) &* Self.prime
            index += 1
        }
    }

    /// The digest of one key's versions: what replicas must agree on. It covers all that makes
    /// two versions equal, timestamp and context included: with plain clocks two writes can
    /// share a dot and a value (two puts from one context through one coordinator), and
    /// replicas holding one each must not look alike to anti-entropy.
    public static func of(key: String, versions: [Version]) -> UInt64 {
        of(keyDigest: of(key: key), versions: versions)
    }

    /// The digest of a key alone: where its versions' digest starts, and the hash the stores'
    /// tables find it by.
    static func of(key: String) -> UInt64 {
        var digest = Digest()
        digest.add(key)
        return digest.value
    }

    /// `of(key:versions:)` from the digest of the key alone, for a caller that has it already.
    static func of(keyDigest: UInt64, versions: [Version]) -> UInt64 {
        var digest = Digest()
        digest.value = keyDigest
        // Each version read in place, by index: bound to a loop variable, its context and value
        // were retained and released around the string's hashing.
        for index in versions.indices {
            digest.add(word(versions[index].dot.actor))
            digest.add(versions[index].dot.counter)
            digest.add(UInt64(bitPattern: versions[index].timestamp))
            switch versions[index].value {
            case .data(let text): digest.add(text)
            case .tombstone: digest.add(CollectionOfOne(0xff))
            }
            digest.add(UInt64(versions[index].context.entries.count))
            for entry in versions[index].context.entries {
                digest.add(word(entry.actor))
                digest.add(entry.counter)
                digest.add(UInt64(bitPattern: entry.timestamp))
            }
        }
        return digest.value
    }

    /// An actor as one word: its node's number above its epoch, each far below 2^32.
    private static func word(_ actor: ActorID) -> UInt64 {
        UInt64(actor.node.index) << 32 | UInt64(UInt32(truncatingIfNeeded: actor.epoch))
    }

    /// The hash of an inner tree node from its two children; an empty subtree hashes to 0.
    public static func combine(_ left: UInt64, _ right: UInt64) -> UInt64 {
        if left == 0 && right == 0 { return 0 }
        return mix(mix(left) ^ right)
    }

    /// A bijective 64-bit mix (the finaliser of MurmurHash3): every input bit moves every output bit.
    private static func mix(_ word: UInt64) -> UInt64 {
        var x = word
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }
}
