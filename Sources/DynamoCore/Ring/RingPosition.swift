/// A point on the 128-bit hash ring.
///
/// Dynamo hashes each key with MD5 and reads the digest as a position on a circle
/// (the paper, section 4.2).
public typealias RingPosition = UInt128

extension RingPosition {
    /// The MD5 of `key`'s UTF-8 bytes, read big-endian as a 128-bit integer.
    public static func of(key: String) -> RingPosition {
        var key = key
        return key.withUTF8 { MD5.digest(UnsafeRawBufferPointer($0)) }
    }

    /// The fraction of the ring this position lies at, in [0, 1).
    public var fraction: Double { Double(self) / 0x1p128 }

    /// A short hexadecimal form (the top 32 bits) for screens and logs.
    public var shortHex: String {
        let top = UInt32(truncatingIfNeeded: self >> 96)
        let hex = String(top, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
