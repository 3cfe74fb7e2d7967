import DynamoCore
import DynamoSim

/// `audit` and `history`: the lab checking Dynamo's promises about itself.
extension Lab {
    func auditReport() -> CommandResult {
        let audit = cluster.audit()
        let keys = audit.siblingCounts.values.reduce(0, +)
        var lines = [
            "audit: \(Display.plural(audit.acknowledged, "acknowledged write")), \(audit.lost.count) lost; "
                + "\(audit.divergent.count) of \(Display.plural(keys, "key")) diverge; \(Display.plural(audit.pendingHints, "hint")) pending",
        ]
        let stranded = cluster.snapshot(traceLimit: 0).nodes.filter { $0.leftWhileDown && !$0.hints.isEmpty }
        for node in stranded {
            lines.append("  \(Display.plural(node.hints.count, "hint")) held by \(node.id), which left while down: "
                         + (node.hints.count == 1 ? "it waits" : "they wait") + " for it to run again (restart or join \(node.id))")
        }
        for lost in audit.lost {
            lines.append("  lost: \(Display.key(lost.key)) = \(Display.value(lost.value)) (dot \(lost.dot), by \(lost.client))")
        }
        if !audit.divergent.isEmpty { lines.append("  diverging: " + Self.shortList(audit.divergent.map(Display.key))) }
        if !audit.misplaced.isEmpty {
            lines.append("  held off their preference list, to hand over: " + Self.shortList(audit.misplaced.map(Display.key)))
        }
        if !audit.staleRings.isEmpty { lines.append("  ring not yet gossiped to: " + Self.shortList(audit.staleRings.map(\.name))) }
        let counts = audit.siblingCounts.sorted { $0.key < $1.key }
        if !counts.isEmpty {
            // `5 keys hold 1 version each, 1 key holds 2 versions (siblings)`
            lines.append("  " + counts.map { versions, keys in
                "\(Display.plural(keys, "key")) " + (keys == 1 ? "holds " : "hold ") + Display.plural(versions, "version")
                    + (keys > 1 && versions == 1 ? " each" : keys > 1 ? " each (siblings)" : versions > 1 ? " (siblings)" : "")
            }.joined(separator: ", "))
        }
        return CommandResult(command: "audit", text: lines.joined(separator: "\n"), fields: [
            ("acknowledged", .int(audit.acknowledged)),
            ("lost", .array(audit.lost.map { .object([
                ("key", .string($0.key)), ("value", $0.value.string.map(JSON.string) ?? .null),
                ("dot", .string($0.dot.description)), ("client", .string($0.client)),
            ]) })),
            ("divergent", .strings(audit.divergent)), ("hints_pending", .int(audit.pendingHints)),
            ("hints_held_by_nodes_left_down", .int(stranded.reduce(0) { $0 + $1.hints.count })),
            ("misplaced", .strings(audit.misplaced)), ("stale_rings", .strings(audit.staleRings.map(\.name))),
            ("siblings", .object(counts.map { (String($0.key), JSON.int($0.value)) })),
        ])
    }

    /// The first 20 of `items`, then an ellipsis.
    private static func shortList(_ items: [String]) -> String {
        items.prefix(20).joined(separator: " ") + (items.count > 20 ? " …" : "")
    }

    func historyReport(_ count: Int) -> CommandResult {
        let operations = Array(cluster.history.suffix(count))
        let rows = operations.map { operation -> [String] in
            let what: String
            switch operation.value {
            case nil: what = "get \(Display.key(operation.key))"
            case .tombstone?: what = "delete \(Display.key(operation.key))"
            case let value?: what = "put \(Display.key(operation.key)) \(Display.value(value))"
            }
            let done = operation.completedAt.map(TraceEntry.format) ?? "…"
            let outcome: String
            switch operation.outcome {
            case .pending: outcome = "pending"
            case .written(let version): outcome = "ok \(version.dot)"
            case .read(let siblings): outcome = "ok " + (siblings.isEmpty ? "not found" : siblings.map { Display.value($0.value) }.joined(separator: " "))
            case .failed(let reason): outcome = "failed: \(reason)"
            }
            return [TraceEntry.format(operation.invokedAt), done, operation.client, what, outcome]
        }
        let text = rows.isEmpty ? "no client operations yet" : Display.table([["invoked", "completed", "client", "operation", "outcome"]] + rows, indent: "")
        return CommandResult(command: "history", text: text, fields: [("operations", .array(operations.map(Self.historyJSON)))])
    }

    /// One operation of `history` as JSON: what was written or read, and how it ended.
    private static func historyJSON(_ operation: Operation) -> JSON {
        var fields: [(String, JSON)] = [
            ("client", .string(operation.client)), ("key", .string(operation.key)),
            ("op", .string(operation.value == nil ? "get" : operation.value == .tombstone ? "delete" : "put")),
            ("invoked_ms", .int(operation.invokedAt)), ("completed_ms", operation.completedAt.map { .int($0) } ?? .null),
        ]
        if let written = operation.value?.string { fields.append(("value", .string(written))) }
        switch operation.outcome {
        case .pending:
            fields.append(("ok", .bool(false)))
        case .written(let version):
            fields += [("ok", .bool(true)), ("dot", .string(version.dot.description)), ("clock", .string(version.clock.description))]
        case .read(let siblings):
            fields += [("ok", .bool(true)), ("values", Display.valuesJSON(siblings)),
                       ("siblings", .int(siblings.count))]
        case .failed(let reason):
            fields += [("ok", .bool(false)), ("reason", .string(reason))]
        }
        return .object(fields)
    }
}
