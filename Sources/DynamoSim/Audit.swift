import DynamoCore

/// What Dynamo promises, checked against the cluster as it is now: no acknowledged write lost
/// while siblings are kept, replicas that agree, hints that drain.
public struct Audit: Sendable, Equatable {
    /// Acknowledged writes in the history.
    public let acknowledged: Int
    /// Acknowledged writes neither present on any node nor superseded by a present version.
    public let lost: [Lost]
    /// Keys whose owners (the current preference list) hold different versions.
    public let divergent: [String]
    /// Hints not yet handed off.
    public let pendingHints: Int
    /// How many keys have 1, 2, ... versions, across their owners.
    public let siblingCounts: [Int: Int]

    public struct Lost: Sendable, Equatable {
        public let key: String
        public let value: Value
        public let dot: Dot
        public let client: String
    }
}

extension Cluster {
    /// Checks the cluster's promises against its history.
    public func audit() -> Audit {
        let policy = settings.versioning
        var present: [String: [Version]] = [:]
        for node in nodes {
            for key in node.store.keys { present[key, default: []] += node.store.versions(of: key) }
            for hint in node.hints.all { present[hint.key, default: []] += hint.versions }
        }
        let lost = acknowledgedWrites.filter { write in
            !(present[write.operation.key] ?? []).contains { $0 == write.version || policy.supersedes($0, write.version) }
        }.map { Audit.Lost(key: $0.operation.key, value: $0.version.value, dot: $0.version.dot, client: $0.operation.client) }

        var divergent: [String] = []
        var siblingCounts: [Int: Int] = [:]
        for key in present.keys.sorted() {
            let owners = ring.walk(from: .of(key: key), limit: settings.n)
            let copies = owners.map { node($0).store.versions(of: key) }
            if Set(copies).count > 1 || copies.contains(where: \.isEmpty) { divergent.append(key) }
            let merged = copies.reduce([]) { policy.merge($0, $1) }
            siblingCounts[merged.count, default: 0] += 1
        }
        return Audit(acknowledged: acknowledgedWrites.count, lost: lost, divergent: divergent,
                     pendingHints: nodes.reduce(0) { $0 + $1.hints.count }, siblingCounts: siblingCounts)
    }
}
