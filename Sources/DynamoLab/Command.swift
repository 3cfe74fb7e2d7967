import DynamoCore
import DynamoSim

/// One parsed line of the command language (DESIGN.md, section 3).
public enum Command: Equatable, Sendable {
    case put(key: String, value: String, via: NodeID?, w: Int?)
    case get(key: String, via: NodeID?, r: Int?)
    case delete(key: String, via: NodeID?, w: Int?)
    case kill(NodeID)
    case restart(NodeID)
    case wipe(NodeID)
    /// A node to add or bring back; nil for the next new one.
    case join(NodeID?)
    case leave(NodeID)
    case partition([[NodeID]])
    case heal([[NodeID]])
    case client(String?)
    case focus(String)
    case save(String)
    case cut(from: NodeID, to: NodeID)
    case loss(Double, from: NodeID?, to: NodeID?)
    case delay(ClosedRange<Millis>)
    case skew(NodeID, Millis)
    case faults
    case merkle(NodeID, NodeID)
    case audit
    case history(Int)
    case sync
    case ring
    case nodes(NodeID?)
    case keys(NodeID?)
    case hints(NodeID?)
    case versions(String)
    /// The last N trace entries; background chatter (gossip, agreeing Merkle roots) only with `all`.
    case trace(Int, all: Bool)
    case wait(Millis)
    case step(Int)
    case run
    case speed(Double)
    case config([Setting])
    /// `config NAME...`: those settings only.
    case showConfig([String])
    case seed(UInt64)
    case reset
    case expect(Expectation)
    case say(String)
    case pause
    case help(String?)
    case quit

    /// The command's name, as the `cmd` field of its JSON line.
    public var name: String {
        switch self {
        case .put: "put"
        case .get: "get"
        case .delete: "delete"
        case .kill: "kill"
        case .restart: "restart"
        case .wipe: "wipe"
        case .join: "join"
        case .leave: "leave"
        case .cut: "cut"
        case .loss: "loss"
        case .delay: "delay"
        case .skew: "skew"
        case .faults: "faults"
        case .merkle: "merkle"
        case .audit: "audit"
        case .history: "history"
        case .sync: "sync"
        case .partition: "partition"
        case .heal: "heal"
        case .client: "client"
        case .focus: "focus"
        case .save: "save"
        case .ring: "ring"
        case .nodes: "nodes"
        case .keys: "keys"
        case .hints: "hints"
        case .versions: "versions"
        case .trace: "trace"
        case .wait: "wait"
        case .step: "step"
        case .run: "run"
        case .speed: "speed"
        case .config, .showConfig: "config"
        case .seed: "seed"
        case .reset: "reset"
        case .expect: "expect"
        case .say: "say"
        case .pause: "pause"
        case .help: "help"
        case .quit: "quit"
        }
    }

    /// True for the lines `save` writes: those that change the cluster or the session, which a
    /// replay must repeat, and those that show or check it, or stop it for a moment (`pause`),
    /// which make the replay the lesson that was given: every command but the screen's `run`
    /// and `speed`, `save`, `help` and `quit`.
    public var isSaved: Bool {
        switch self {
        case .run, .speed, .save, .help, .quit: false
        default: true
        }
    }

    /// True for commands that change the cluster or the session.
    public var changesState: Bool {
        switch self {
        case .put, .get, .delete, .kill, .restart, .wipe, .join, .leave, .partition, .heal, .cut, .loss, .delay, .skew, .sync,
             .client, .focus, .wait, .step, .config, .seed, .reset:
            true
        default:
            false
        }
    }
}

/// One `name=value` pair of `config`.
public struct Setting: Equatable, Sendable {
    public let name: String
    public let value: String
}

/// A check in a script (`expect ...`); a failed one makes the script exit 1.
public enum Expectation: Equatable, Sendable {
    /// The last command succeeded, or failed.
    case outcome(ok: Bool)
    /// The last `get` of the key returned exactly these values, in any order.
    /// `<deleted>` typed unquoted is a tombstone; quoted, the text itself.
    case values(key: String, [Value])
    /// The last `get` of the key returned this many versions.
    case siblings(key: String, Int)
    /// Hints held now: by every node, or by one.
    case hints(NodeID?, Int)
    /// Keys a node holds in its own store.
    case keys(NodeID, Int)
    /// What one node believes about another.
    case view(NodeID, of: NodeID, PeerStatus)
    /// Every live node believes the same about every node.
    case viewsAgree
    /// Acknowledged writes lost, by `audit`'s definition.
    case lost(Int)
    /// Keys whose owners hold different versions.
    case divergent(Int)
    /// Keys held off their preference list, as `audit` counts them.
    case misplaced(Int)
}
