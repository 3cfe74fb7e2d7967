/// The simulator's random generator: SplitMix64, seeded from `--seed`.
///
/// Each subsystem (ring tokens, network latency, ...) draws from its own stream derived from
/// the seed and the stream's name, so adding draws in one never shifts another.
public struct SimRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator for one named subsystem of a run seeded with `seed`.
    public init(seed: UInt64, stream: String) {
        // FNV-1a over the name: stable across runs and machines, unlike `Hasher`.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        var mixer = SimRandom(seed: seed ^ hash)
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
