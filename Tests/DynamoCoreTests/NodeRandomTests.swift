import Testing
@testable import DynamoCore

/// Through its wrapper a node draws exactly what the generator it was given would draw, so the
/// wrapper changes no run.
@Test func aNodeDrawsWhatItsGeneratorWouldDraw() {
    var given = TestRandom(state: 42)
    var wrapped = NodeRandom(TestRandom(state: 42))
    for bound in 1...200 {
        #expect(Int.random(in: 0..<bound, using: &wrapped) == Int.random(in: 0..<bound, using: &given))
        #expect(Int.random(in: 0...bound, using: &wrapped) == Int.random(in: 0...bound, using: &given))
    }
    #expect(wrapped.next() == given.next())
}
