/// The random source a simulator hands a node, behind a concrete type.
///
/// Drawing `Int.random(in:using:)` straight from an existential generator runs the standard
/// library's unspecialized code, some 1,700 instructions a draw; through this wrapper the draw
/// is specialized and only `next()` goes through the existential. The numbers drawn are the
/// same, so every run is too.
struct NodeRandom: RandomNumberGenerator, Sendable {
    private var source: any RandomNumberGenerator & Sendable

    init(_ source: any RandomNumberGenerator & Sendable) { self.source = source }

    mutating func next() -> UInt64 { source.next() }
}
