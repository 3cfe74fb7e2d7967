/// MD5 (RFC 1321), computed in registers and on the stack.
///
/// The ring places keys by MD5 (the paper, section 4.2), and every request hashes its key.
/// swift-crypto's `Insecure.MD5`, a cryptographic API, allocates a context for each hash, copies
/// it to finalize and zeroes both: twice the work of the digest itself, which placement, keeping
/// no secret, does not need. The tests check this one against swift-crypto's.
enum MD5 {
    /// The digest of `bytes`, read big-endian as one 128-bit number.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt128 {
        var state = State()
        var offset = 0
        while bytes.count - offset >= 64 {
            state.compress(bytes.baseAddress! + offset)
            offset += 64
        }
        // The tail, the 0x80 byte, zeros and the length in bits: one block, or two when the tail
        // leaves no room for the length's eight bytes.
        return withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { padded in
            padded.initializeMemory(as: UInt8.self, repeating: 0)
            let tail = bytes.count - offset
            if tail > 0 { padded.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: tail) }
            padded[tail] = 0x80
            let blocks = tail < 56 ? 1 : 2
            padded.storeBytes(of: UInt64(bytes.count &* 8).littleEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
            for block in 0..<blocks { state.compress(padded.baseAddress! + block * 64) }
            return state.bigEndianValue
        }
    }

    /// The four words a digest is built in.
    private struct State {
        var a: UInt32 = 0x6745_2301
        var b: UInt32 = 0xefcd_ab89
        var c: UInt32 = 0x98ba_dcfe
        var d: UInt32 = 0x1032_5476

        /// The four 32-bit words little-endian, read as one big-endian number.
        var bigEndianValue: UInt128 {
            func bigEndian(_ word: UInt32) -> UInt128 { UInt128(word.byteSwapped) }
            return bigEndian(a) << 96 | bigEndian(b) << 64 | bigEndian(c) << 32 | bigEndian(d)
        }

        /// Mixes one 64-byte block into the state: RFC 1321's four rounds of sixteen steps, each
        /// with its word of the block, its rotation and its constant (the integer part of
        /// |sin(step)| × 2³²).
        mutating func compress(_ block: UnsafeRawPointer) {
            @inline(__always) func m(_ index: Int) -> UInt32 {
                UInt32(littleEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            }
            @inline(__always) func step(_ a: inout UInt32, _ b: UInt32, _ mixed: UInt32, _ word: UInt32, _ shift: UInt32, _ constant: UInt32) {
                let sum = a &+ mixed &+ word &+ constant
                a = b &+ (sum << shift | sum >> (32 - shift))
            }
            @inline(__always) func f(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ word: UInt32, _ shift: UInt32, _ constant: UInt32) {
                step(&a, b, d ^ (b & (c ^ d)), word, shift, constant)
            }
            @inline(__always) func g(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ word: UInt32, _ shift: UInt32, _ constant: UInt32) {
                step(&a, b, c ^ (d & (b ^ c)), word, shift, constant)
            }
            @inline(__always) func h(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ word: UInt32, _ shift: UInt32, _ constant: UInt32) {
                step(&a, b, b ^ c ^ d, word, shift, constant)
            }
            @inline(__always) func i(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ word: UInt32, _ shift: UInt32, _ constant: UInt32) {
                step(&a, b, c ^ (b | ~d), word, shift, constant)
            }
            var (a, b, c, d) = (self.a, self.b, self.c, self.d)
            f(&a, b, c, d, m(0), 7, 0xd76a_a478); f(&d, a, b, c, m(1), 12, 0xe8c7_b756); f(&c, d, a, b, m(2), 17, 0x2420_70db); f(&b, c, d, a, m(3), 22, 0xc1bd_ceee)
            f(&a, b, c, d, m(4), 7, 0xf57c_0faf); f(&d, a, b, c, m(5), 12, 0x4787_c62a); f(&c, d, a, b, m(6), 17, 0xa830_4613); f(&b, c, d, a, m(7), 22, 0xfd46_9501)
            f(&a, b, c, d, m(8), 7, 0x6980_98d8); f(&d, a, b, c, m(9), 12, 0x8b44_f7af); f(&c, d, a, b, m(10), 17, 0xffff_5bb1); f(&b, c, d, a, m(11), 22, 0x895c_d7be)
            f(&a, b, c, d, m(12), 7, 0x6b90_1122); f(&d, a, b, c, m(13), 12, 0xfd98_7193); f(&c, d, a, b, m(14), 17, 0xa679_438e); f(&b, c, d, a, m(15), 22, 0x49b4_0821)
            g(&a, b, c, d, m(1), 5, 0xf61e_2562); g(&d, a, b, c, m(6), 9, 0xc040_b340); g(&c, d, a, b, m(11), 14, 0x265e_5a51); g(&b, c, d, a, m(0), 20, 0xe9b6_c7aa)
            g(&a, b, c, d, m(5), 5, 0xd62f_105d); g(&d, a, b, c, m(10), 9, 0x0244_1453); g(&c, d, a, b, m(15), 14, 0xd8a1_e681); g(&b, c, d, a, m(4), 20, 0xe7d3_fbc8)
            g(&a, b, c, d, m(9), 5, 0x21e1_cde6); g(&d, a, b, c, m(14), 9, 0xc337_07d6); g(&c, d, a, b, m(3), 14, 0xf4d5_0d87); g(&b, c, d, a, m(8), 20, 0x455a_14ed)
            g(&a, b, c, d, m(13), 5, 0xa9e3_e905); g(&d, a, b, c, m(2), 9, 0xfcef_a3f8); g(&c, d, a, b, m(7), 14, 0x676f_02d9); g(&b, c, d, a, m(12), 20, 0x8d2a_4c8a)
            h(&a, b, c, d, m(5), 4, 0xfffa_3942); h(&d, a, b, c, m(8), 11, 0x8771_f681); h(&c, d, a, b, m(11), 16, 0x6d9d_6122); h(&b, c, d, a, m(14), 23, 0xfde5_380c)
            h(&a, b, c, d, m(1), 4, 0xa4be_ea44); h(&d, a, b, c, m(4), 11, 0x4bde_cfa9); h(&c, d, a, b, m(7), 16, 0xf6bb_4b60); h(&b, c, d, a, m(10), 23, 0xbebf_bc70)
            h(&a, b, c, d, m(13), 4, 0x289b_7ec6); h(&d, a, b, c, m(0), 11, 0xeaa1_27fa); h(&c, d, a, b, m(3), 16, 0xd4ef_3085); h(&b, c, d, a, m(6), 23, 0x0488_1d05)
            h(&a, b, c, d, m(9), 4, 0xd9d4_d039); h(&d, a, b, c, m(12), 11, 0xe6db_99e5); h(&c, d, a, b, m(15), 16, 0x1fa2_7cf8); h(&b, c, d, a, m(2), 23, 0xc4ac_5665)
            i(&a, b, c, d, m(0), 6, 0xf429_2244); i(&d, a, b, c, m(7), 10, 0x432a_ff97); i(&c, d, a, b, m(14), 15, 0xab94_23a7); i(&b, c, d, a, m(5), 21, 0xfc93_a039)
            i(&a, b, c, d, m(12), 6, 0x655b_59c3); i(&d, a, b, c, m(3), 10, 0x8f0c_cc92); i(&c, d, a, b, m(10), 15, 0xffef_f47d); i(&b, c, d, a, m(1), 21, 0x8584_5dd1)
            i(&a, b, c, d, m(8), 6, 0x6fa8_7e4f); i(&d, a, b, c, m(15), 10, 0xfe2c_e6e0); i(&c, d, a, b, m(6), 15, 0xa301_4314); i(&b, c, d, a, m(13), 21, 0x4e08_11a1)
            i(&a, b, c, d, m(4), 6, 0xf753_7e82); i(&d, a, b, c, m(11), 10, 0xbd3a_f235); i(&c, d, a, b, m(2), 15, 0x2ad7_d2bb); i(&b, c, d, a, m(9), 21, 0xeb86_d391)
            self.a &+= a
            self.b &+= b
            self.c &+= c
            self.d &+= d
        }
    }
}
