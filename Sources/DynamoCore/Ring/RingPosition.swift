import Crypto

/// A point on the 128-bit hash ring.
///
/// Dynamo hashes each key with MD5 into a 128-bit identifier (the paper, section 4.1) and reads
/// it as a position on a circle (section 4.2).
public typealias RingPosition = UInt128

extension RingPosition {
    /// The MD5 of `key`'s UTF-8 bytes, read big-endian as a 128-bit integer.
    public static func of(key: String) -> RingPosition {
        var key = key
        var md5 = Insecure.MD5()
        key.withUTF8 { md5.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return md5.finalize().withUnsafeBytes { bytes in
            // The digest read as one big-endian 128-bit number.
            let high = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
            let low = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            return UInt128(high) << 64 | UInt128(low)
        }
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
