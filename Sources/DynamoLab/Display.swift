import DynamoCore
import DynamoSim

/// Small text formats shared by every command's output.
public enum Display {
    /// The longest value shown in full in a table of replicas; longer ones are cut with their
    /// size noted.
    static let valueWidth = 40
    /// The longest value a `get` shows in full: what was asked for, cut only when very long.
    static let readValueWidth = 200

    /// How a tombstone (a delete) is shown, and written in `expect values`.
    public static let tombstone = "<deleted>"

    /// A value as a person reads it: quoted if it needs quotes to be typed, cut if very long.
    static func value(_ value: Value, width: Int = valueWidth) -> String {
        guard let text = value.string else { return tombstone }
        let count = text.count
        if count > width {
            return Words.quoted(String(text.prefix(width - 1)) + "…") + " (\(text.utf8.count) bytes)"
        }
        return Words.quoted(text)
    }

    static func key(_ key: String) -> String { quoted(key) }

    /// A key or value as it is typed: quoted if it needs quotes, so it types back the same.
    public static func quoted(_ text: String) -> String { Words.quoted(text) }

    /// A factor as typed: `1000`, `0.25`, never `1000.0`.
    static func factor(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The sides of the partitions in force, lettered as `nodes` shows them, then the nodes of
    /// `live` on no side, which reach every side: `A = node1 node2, B = node3; node4 node5
    /// reach every side` (a node that is down reaches none).
    ///
    /// Sides group the nodes whose links are cut alike; after a heal between some of them two
    /// sides may have no link cut between them, and the text names such pairs
    /// (`pairs of sides with no link cut between them: A–B`).
    static func sides(_ sides: [[NodeID]], live: [NodeID], in network: Network) -> String {
        let lettered = sides.enumerated().map { index, side in "\(letter(index)) = \(Display.nodes(side))" }.joined(separator: ", ")
        let everywhere = live.filter { node in !sides.contains { $0.contains(node) } }
        var text = everywhere.isEmpty ? lettered : lettered + "; " + reachingEverySide(everywhere)
        let joined = sides.indices.flatMap { a in
            sides.indices.filter { $0 > a }.compactMap { b -> String? in
                let cut = sides[a].contains { x in
                    sides[b].contains { y in network.isCut(from: x, to: y) || network.isCut(from: y, to: x) }
                }
                return cut ? nil : "\(letter(a))–\(letter(b))"
            }
        }
        if !joined.isEmpty { text += "; pairs of sides with no link cut between them: " + joined.joined(separator: " ") }
        return text
    }

    /// `node4 node5 reach every side (no link of theirs is cut)`: nodes on no side of a partition.
    static func reachingEverySide(_ nodes: [NodeID]) -> String {
        let named = nodes.count <= 8 ? Display.nodes(nodes) : "the other \(nodes.count) nodes"
        return named + (nodes.count == 1 ? " reaches every side (none of its links is cut)" : " reach every side (no link of theirs is cut)")
    }

    /// A side's letter: A, B, ... Z, then A again.
    static func letter(_ index: Int) -> String { Snapshot.sideName(index) }

    /// `up`, `down`, or `left` for a node no longer in the ring: one word wherever a node's
    /// state is shown.
    static func status(_ node: Snapshot.NodeState) -> String {
        !node.member ? "left" : node.alive ? "up" : "down"
    }

    /// A ring position as 32 hex digits, so that string order is ring order.
    static func hex(_ position: RingPosition) -> String {
        let digits = String(position, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }

    static func nodes(_ nodes: [NodeID]) -> String {
        nodes.isEmpty ? "none" : nodes.map(\.name).joined(separator: " ")
    }

    /// Left-aligned columns, two spaces apart, as wide as the terminal draws them.
    static func table(_ rows: [[String]], indent: String = "  ") -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        let widths = (0..<columns).map { column in
            rows.map { column < $0.count ? TextWidth.columns(of: $0[column]) : 0 }.max() ?? 0
        }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - TextWidth.columns(of: cell))
            }
            var line = indent + cells.joined(separator: "  ")
            // Empty cells at the end of a row leave no spaces behind.
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One version: value, clock and dot, as columns; the paper's plain clocks (`dots` false)
    /// show the clock alone. When the dot skips counters the clock alone would claim to have
    /// seen (two writes from one read through one coordinator), the context the write really
    /// saw is shown too: that is why the two are siblings.
    static func versionRow(_ version: Version, valueWidth: Int = valueWidth, dots: Bool = true) -> [String] {
        guard dots else { return [value(version.value, width: valueWidth), "clock \(version.clock)"] }
        let row = [value(version.value, width: valueWidth), "clock \(version.clock)", "dot \(version.dot)"]
        return version.clockOverstatesContext ? row + ["saw \(version.context)"] : row
    }

    /// The values of `versions`, in order, a tombstone's as null, so they line up with their clocks.
    static func valuesJSON(_ versions: [Version]) -> JSON {
        .array(versions.map { $0.value.string.map(JSON.string) ?? .null })
    }

    static func versionJSON(_ version: Version) -> JSON {
        .object([
            ("value", version.value.string.map(JSON.string) ?? .null),
            ("deleted", .bool(version.isTombstone)),
            ("clock", .string(version.clock.description)),
            ("dot", .string(version.dot.description)),
            // What its writer had read: with the dot, what it supersedes, where the clock alone
            // can claim more (clockOverstatesContext).
            ("saw", .string(version.context.description)),
            ("timestamp_ms", .int(version.timestamp)),
        ])
    }

    public static func plural(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }

    static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
