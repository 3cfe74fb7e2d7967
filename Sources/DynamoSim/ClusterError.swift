import DynamoCore

/// Why an operator action on the cluster was refused; the cluster is unchanged.
public enum ClusterError: Error, Equatable, CustomStringConvertible {
    case unknownNode(NodeID, count: Int)
    case alreadyDown(NodeID)
    case alreadyUp(NodeID)
    case alreadyWiped(NodeID)
    case nodeDown(NodeID)
    case noLiveNode(key: String)
    case alreadyMember(NodeID)
    case notNextNode(NodeID, next: NodeID)
    case notMember(NodeID)
    case tooFewMembers(n: Int)
    case noLiveMember(NodeID)

    public var description: String { text(showingKeys: { $0 }) }

    /// The description, with a key written by `show` (the lab quotes one that needs it).
    public func text(showingKeys show: (String) -> String) -> String {
        switch self {
        case .unknownNode(let node, let count): "unknown node \(node.name): expected node1..node\(count)"
        case .alreadyDown(let node): "\(node) is already down"
        case .alreadyUp(let node): "\(node) is already up"
        case .alreadyWiped(let node): "\(node) is already wiped: `restart \(node)` brings it back empty"
        case .nodeDown(let node): "\(node) is down: a client cannot reach it"
        case .noLiveNode(let key): "no node is up to take a request for \(show(key))"
        case .alreadyMember(let node): "\(node) is already in the cluster"
        case .notNextNode(let node, let next): "cannot join \(node): the next new node is \(next)"
        case .notMember(let node): "\(node) is not in the ring"
        case .tooFewMembers(let n): "a leave needs more than N=\(n) nodes in the ring, so that N=\(n) remain to hold each key's replicas"
        case .noLiveMember(let node): "no node is up to announce that \(node) left the ring"
        }
    }
}
