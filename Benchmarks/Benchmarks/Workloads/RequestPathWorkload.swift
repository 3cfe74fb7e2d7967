import DynamoCore
import DynamoSim

/// The request path's workload: `operations` puts over `keys` in turn, then as many gets, each
/// request run to its answer exactly as the lab's `put` and `get` commands run it. Each put
/// carries the clock of that key's previous write as its context, so every key keeps one
/// version and every get returns one.
public func runRequestPath(on cluster: Cluster, operations: Int, keys: [String]) throws {
    var contexts = Array(repeating: VectorClock.empty, count: keys.count)
    for index in 0..<operations {
        let slot = index % keys.count
        let reply = try cluster.call(.put(.data("value\(index)"), context: contexts[slot]), key: keys[slot])
        guard case .written(let version, _, _) = reply.outcome else { fatalError("put failed: \(reply)") }
        contexts[slot] = version.clock
    }
    for index in 0..<operations {
        let reply = try cluster.call(.get, key: keys[index % keys.count])
        guard case .read(let siblings, _, _) = reply.outcome, siblings.count == 1 else { fatalError("get failed: \(reply)") }
    }
}
