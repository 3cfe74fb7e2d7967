import DynamoCore
import DynamoSim

/// The request path's workload: a put of each of `values` in turn, over `keys` in turn, then as
/// many gets, each request run to its answer exactly as the lab's `put` and `get` commands run
/// it. Each put carries the clock of that key's previous write as its context, so every key
/// keeps one version and every get returns one. The values are made beforehand
/// (`requestPathValues`), as a client has its data before it sends it.
public func runRequestPath(on cluster: Cluster, writing values: [Value], keys: [String]) throws {
    var contexts = Array(repeating: VectorClock.empty, count: keys.count)
    for (index, value) in values.enumerated() {
        let slot = index % keys.count
        let reply = try cluster.call(.put(value, context: contexts[slot]), key: keys[slot])
        guard case .written(let version, _, _) = reply.outcome else { fatalError("put failed: \(reply)") }
        contexts[slot] = version.clock
    }
    for index in values.indices {
        let reply = try cluster.call(.get, key: keys[index % keys.count])
        guard case .read(let siblings, _, _) = reply.outcome, siblings.count == 1 else { fatalError("get failed: \(reply)") }
    }
}

/// The values of `count` puts: `value0`, `value1`, ...
public func requestPathValues(_ count: Int) -> [Value] { (0..<count).map { .data("value\($0)") } }
