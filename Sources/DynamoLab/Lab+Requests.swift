import DynamoCore
import DynamoSim

/// `put`, `delete` and `get`: client requests, run until the coordinator answers.
extension Lab {
    var client: ClientSession { clients[currentClient]! }

    /// Whether versions are shown with their dots: under the paper's plain clocks (`clocks=vv`)
    /// a version is told by its clock alone.
    var showsDots: Bool { cluster.settings.versioning.clocks == .dotted }

    func validateQuorum(_ quorum: Int?, name: String) throws(LabError) {
        guard let quorum else { return }
        let n = cluster.settings.n
        guard (1...n).contains(quorum) else {
            throw .usage("\(name)=\(quorum): \(name) must be from 1 to N, and N is \(n)")
        }
    }

    func write(key: String, value: Value, via: NodeID?, quorum: Int?, command: String) throws(LabError) -> CommandResult {
        try validateQuorum(quorum, name: "w")
        if let via { try checkKnown(via) }
        let context = client.context(for: key)
        let reply: ClientReply
        do {
            reply = try cluster.call(.put(value, context: context), key: key, via: via, quorum: quorum, client: currentClient)
        } catch {
            return unreachable(error, key: key, command: command)
        }
        return writeResult(reply, via: via, quorum: quorum, command: command)
    }

    /// A request no node took (the node named is down, or no node is up): the cluster refused
    /// it, so it failed; the input was fine.
    func unreachable(_ error: ClusterError, key: String, command: String) -> CommandResult {
        if command == "get" { failedReads.insert(key) }
        let reason = error.text(showingKeys: Display.key)
        return CommandResult(command: command, status: .failed, error: reason,
                             text: "\(command) \(Display.key(key)): failed: \(reason)",
                             fields: [("key", .string(key)), ("client", .string(currentClient))])
    }

    /// Renders a write's answer; shared by blocking and live requests. A write sent `via` a
    /// node outside the key's preference list was forwarded to one in it (section 6.4).
    func writeResult(_ reply: ClientReply, via: NodeID?, quorum: Int?, command: String) -> CommandResult {
        let key = reply.key
        focus = key
        // A delete of a key never written here is likely a slip for one that was.
        let meant = command == "delete" && !writtenKeys.contains(key) ? Suggestion.nearest(to: key, among: Array(writtenKeys)) : nil
        writtenKeys.insert(key)
        let w = quorum ?? cluster.settings.w
        var fields: [(String, JSON)] = [
            ("key", .string(key)), ("coordinator", .string(reply.coordinator.name)), ("client", .string(currentClient)),
        ]
        switch reply.outcome {
        case .written(let version, let acks, let hinted):
            let lost = hinted.map { lostReason(of: $0, key: key, from: reply.coordinator, request: reply.id) }
            // The entries of the context sent that clock-max cut (section 4.4).
            let client = cluster.history[Int(reply.id) - 1].client
            let dropped = (clients[client]?.context(for: key).entries ?? []).filter { version.context[$0.actor] == 0 }
            fields += [
                ("acks", .strings(acks.map(\.name))), ("w", .int(w)),
                ("hinted", .array(zip(hinted, lost).map { hint, lost in
                    .object([("holder", .string(hint.holder.name)), ("for", .string(hint.owner.name)),
                             ("acknowledged", .bool(acks.contains(hint.holder))), ("lost", lost.map(JSON.string) ?? .null)])
                })),
                ("clock", .string(version.clock.description)), ("dot", .string(version.dot.description)),
                ("saw", .string(version.context.description)),
                ("truncated", .strings(dropped.map { "\($0.actor):\($0.counter)" })),
            ]
            let forwardedBy = via.flatMap { $0 == reply.coordinator ? nil : $0 }
            if let forwardedBy { fields.append(("forwarded_by", .string(forwardedBy.name))) }
            let route = forwardedBy.map { "\($0) → coordinated by \(reply.coordinator)" } ?? reply.coordinator.name
            var text = "\(command) \(Display.key(key)): ok via \(route), acks from \(Display.nodes(acks)) (W=\(w)); "
                + "clock \(version.clock)" + (showsDots ? " dot \(version.dot)" : "")
            // A write whose coordinator wrote the key since the client's read gets a clock that
            // seems to follow those writes: what it saw tells that it is their sibling.
            if version.clockOverstatesContext { text += " saw \(version.context)" }
            if !dropped.isEmpty {
                let which = dropped.count == 1 ? "the oldest entry" : "the \(dropped.count) oldest entries"
                text += "\n  clock-max=\(cluster.settings.versioning.clockMax) dropped \(which) of its context: "
                    + dropped.map { "\($0.actor):\($0.counter)" }.joined(separator: " ")
            }
            for (hint, lost) in zip(hinted, lost) {
                text += "\n  " + Self.hintLine(hint, coordinator: reply.coordinator, acks: acks, lost: lost, command: command)
            }
            if let kept = keptForward(reply, via: via) {
                text += "\n  " + kept
                fields.append(("coordinated_by_forwarder", .string(kept)))
            }
            if let meant { text += "\n  note: \(Display.key(key)) was never written here: did you mean \(Display.key(meant))?" }
            return CommandResult(command: command, text: text, fields: fields)
        case .failed(let reason):
            var text = "\(command) \(Display.key(key)): failed via \(reply.coordinator): \(reason)"
            // A forward that timed out says so in its reason; any other failure there came from
            // coordinating the write itself.
            if !reason.hasPrefix("forwarded to"), let kept = keptForward(reply, via: via) {
                text += "\n  " + kept
                fields.append(("coordinated_by_forwarder", .string(kept)))
            }
            return CommandResult(command: command, status: .failed, error: reason, text: text, fields: fields)
        case .read:
            preconditionFailure("a write was answered as a read")
        }
    }

    /// Why a write sent through a node outside the key's preference list was coordinated there
    /// (section 6.4): no owner it believed up took the write it forwarded, or it believed none
    /// up and forwarded nothing; and how long the request took in all, forwards included. The
    /// lab runs one request at a time, so a forward of the key traced since the request began
    /// is this request's.
    private func keptForward(_ reply: ClientReply, via: NodeID?) -> String? {
        guard let via, via == reply.coordinator, !cluster.preferenceList(for: reply.key, seenBy: via).contains(via) else { return nil }
        let operation = cluster.history[Int(reply.id) - 1]
        let forwarded = cluster.trace.contains { entry in
            guard entry.time >= operation.invokedAt, case .node(via, .forwarded(let key, _)) = entry.kind else { return false }
            return key == reply.key
        }
        let why = forwarded ? "no owner of \(Display.key(reply.key)) it believed up took the write it forwarded"
            : "it believed no owner of \(Display.key(reply.key)) up, so it forwarded nothing"
        let took = operation.completedAt.map { " (\(DurationText.of($0 - operation.invokedAt)) in all)" } ?? ""
        return "\(via) coordinated it itself: \(why)\(took)"
    }

    /// Where a write's hint went, and whether it is known to be there: the answer comes after
    /// W acknowledgements, and a hint sent before it may still be on its way, or lost.
    private static func hintLine(_ hint: HintedWrite, coordinator: NodeID, acks: [NodeID], lost: String?, command: String) -> String {
        if hint.holder == coordinator { return "hint for \(hint.owner) kept by \(hint.holder), the coordinator" }
        if acks.contains(hint.holder) { return "hint for \(hint.owner) stored on \(hint.holder)" }
        if let lost { return "hint for \(hint.owner) sent to \(hint.holder) and lost: \(lost)" }
        return "hint for \(hint.owner) sent to \(hint.holder), not yet acknowledged when the \(command) answered"
    }

    /// Why the hint's `store` never reached its holder, when the trace shows it dropped since
    /// the request was made (`link cut`, `node5 is down`): the coordinator cannot tell, but the
    /// network can.
    private func lostReason(of hint: HintedWrite, key: String, from coordinator: NodeID, request: RequestID) -> String? {
        let since = cluster.history[Int(request) - 1].invokedAt
        for entry in cluster.trace.reversed() {
            guard entry.time >= since else { return nil }
            if case .dropped(coordinator, hint.holder, let message, let reason) = entry.kind,
               message.kind == .store, message.key == key, message.hintFor == hint.owner {
                return reason
            }
        }
        return nil
    }

    func read(key: String, via: NodeID?, quorum: Int?) throws(LabError) -> CommandResult {
        try validateQuorum(quorum, name: "r")
        if let via { try checkKnown(via) }
        let reply: ClientReply
        do {
            reply = try cluster.call(.get, key: key, via: via, quorum: quorum, client: currentClient)
        } catch {
            return unreachable(error, key: key, command: "get")
        }
        return readResult(reply, quorum: quorum)
    }

    /// Renders a read's answer and saves its context for the current client; shared by
    /// blocking and live requests.
    func readResult(_ reply: ClientReply, quorum: Int?) -> CommandResult {
        let key = reply.key
        focus = key
        let r = quorum ?? cluster.settings.r
        var fields: [(String, JSON)] = [
            ("key", .string(key)), ("coordinator", .string(reply.coordinator.name)), ("client", .string(currentClient)),
        ]
        switch reply.outcome {
        case .read(let siblings, let context, let replied):
            clients[currentClient]!.remember(context, for: key)
            lastReads[key] = siblings
            failedReads.remove(key)
            fields += [
                ("values", Display.valuesJSON(siblings)),
                ("siblings", .int(siblings.count)),
                ("clocks", .strings(siblings.map(\.clock.description))),
                ("versions", .array(siblings.map(Display.versionJSON))),
                ("replied", .strings(replied.map(\.name))), ("r", .int(r)),
                ("context", .string(context.description)),
            ]
            let summary: String
            if siblings.isEmpty {
                let meant = writtenKeys.contains(key) ? nil : Suggestion.nearest(to: key, among: Array(writtenKeys))
                summary = "not found" + (meant.map { " (did you mean \(Display.key($0))?)" } ?? "")
            } else if siblings.allSatisfy(\.isTombstone) {
                summary = "deleted"
            } else {
                summary = siblings.count == 1 ? "1 version" : "\(siblings.count) siblings"
            }
            // Reads too go to the first N healthy nodes (section 4.6): name those that stood in,
            // outside the preference list as the coordinator sees it.
            let owners = cluster.preferenceList(for: key, seenBy: reply.coordinator)
            let standIns = replied.filter { !owners.contains($0) }
            fields.append(("stand_ins", .strings(standIns.map(\.name))))
            let standing = standIns.isEmpty ? "" : "; \(Display.nodes(standIns)) standing in, outside the preference list as \(reply.coordinator) sees it"
            var text = "\(Display.key(key)): \(summary), replies from \(Display.nodes(replied)) (R=\(r)\(standing)); "
                + "context saved for \(currentClient)"
            if !siblings.isEmpty {
                text += "\n" + Display.table(siblings.map { Display.versionRow($0, valueWidth: Display.readValueWidth, dots: showsDots) })
            }
            return CommandResult(command: "get", text: text, fields: fields)
        case .failed(let reason):
            failedReads.insert(key)
            return CommandResult(command: "get", status: .failed, error: reason,
                                 text: "get \(Display.key(key)): failed via \(reply.coordinator): \(reason)", fields: fields)
        case .written:
            preconditionFailure("a read was answered as a write")
        }
    }

    func switchClient(_ name: String?) -> CommandResult {
        guard let name else {
            let names = clients.keys.sorted()
            return CommandResult(command: "client", text: "clients: " + names.map { $0 == currentClient ? "*\($0)" : $0 }.joined(separator: " "),
                                 fields: [("current", .string(currentClient)), ("clients", .strings(names))])
        }
        let isNew = clients[name] == nil
        if isNew { clients[name] = ClientSession(name: name) }
        currentClient = name
        return CommandResult(command: "client", text: isNew ? "now \(name) (new client, no contexts yet)" : "now \(name)",
                             fields: [("current", .string(name)), ("new", .bool(isNew))])
    }
}
