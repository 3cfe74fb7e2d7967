/// The command language's reference: what `help` prints and what the parser checks names
/// against.
public struct CommandSpec: Sendable {
    public let name: String
    public let usage: String
    public let summary: String
    public let details: String
}

public enum CommandHelp {
    public static let specs: [CommandSpec] = [
        spec("put", "put KEY VALUE [via NODE] [w=W]", "write, with the context this client's last get of KEY saved",
             "The coordinator (the first live node of KEY's preference list, or NODE) stamps a new version, stores it and sends it to the other N-1 healthy replicas; it answers once W nodes (itself included) have stored it. A replica that is down or cut off is replaced by the next healthy node, which keeps a hint for it. A NODE outside KEY's preference list forwards the write to a node in it (sections 4.5, 6.4), and the answer names both: ok via node4 → coordinated by node2; when no owner it believes up takes the write, NODE coordinates it itself, and the answer says so; a NODE that has left the ring still takes requests, as it would from a client whose view is out of date. The answer names each hint sent before it: stored on a node that acknowledged it, sent to one that had not yet, lost where the network dropped it (a cut link, a node down), or kept by the coordinator itself; when clock-max made the coordinator drop the oldest entries of the context, the answer names them; and when the coordinator has written KEY since this client read it, the new version's clock seems to follow those writes, so the answer adds what it saw (saw {...}): it is their sibling. If NODE is down, or no node is up, the put fails; expect fail checks that. Quote a KEY or VALUE that holds spaces, or that would read as an option (put k \"w=3\"): \"...\" or '...'; inside \"...\", \\\" and \\\\ stand for \" and \\, and any other backslash is itself. Control characters are refused, and so are invisible formatting characters (a zero-width space, a right-to-left override), which would make two keys look alike; the joiners inside emoji stay. A KEY cannot be empty, nor hold spaces other than the plain one or characters drawn as nothing. A put by a client that has not read KEY (a blind write) has an empty context: with the default dotted clocks it supersedes nothing and becomes a sibling of what is held, so get first, then put, to overwrite (with conflicts=lww it replaces what is held, losing it; with clocks=vv its clock counts on from the empty context, so it replaces a version with the same clock, and is itself dropped where the coordinator holds a later one, though acknowledged). Example: put cart milk via node2 w=3"),
        spec("get", "get KEY [via NODE] [r=R]", "read every sibling and save the merged context for this client",
             "The coordinator asks the first N healthy nodes and answers after R replies with every version no other supersedes, each with its clock; replies from nodes standing in for replicas, outside KEY's preference list as the coordinator sees it, are named. Stale replicas are repaired afterwards. A value longer than 200 characters is cut, with its size; --json gives it whole. Two writes from one read through one coordinator show a clock that seems to descend the other's: such a version shows its dot and what it saw (dot node2:4 saw {node2:2}), and it is concurrent with every version whose dot it did not see. If NODE is down, or no node is up, the get fails; expect fail checks that. Example: get cart r=3"),
        spec("delete", "delete KEY [via NODE] [w=W]", "write a tombstone (a delete is a put)",
             "A tombstone is a version like any other: one concurrent with a value is a sibling. Like a put, it carries this client's context for KEY, is acknowledged by W nodes (W of the config unless given), and fails when NODE is down or no node is up. Example: delete cart w=3"),
        spec("kill", "kill NODE", "crash a node; its store and hints survive", "NODE is node3, n3 or 3."),
        spec("restart", "restart NODE", "bring a killed node back with its store", "Volatile state (pending requests, suspicions) starts empty."),
        spec("wipe", "wipe NODE", "permanent failure: the node stops and loses its stores",
             "It keeps its tokens: after restart it serves its ranges again, empty, until anti-entropy (sync, or every 10s) refills it. Having forgotten its counters, it returns as a new actor with a fresh epoch so that its dots are never reused: its clock entries then read node3#2:1. A node wiped again before it restarts has nothing more to lose: that is refused."),
        spec("join", "join [NODE]", "add the next new node to the ring, or one that left back into it",
             "join alone adds the next new node. A new node draws fresh tokens, announces itself by gossip, and the nodes that no longer own a range hand it the keys. A node that left takes its old tokens again, restarting if it is down: nodes \"can be removed and added back multiple times\" (section 4.8.1). A join that makes the ring too large for a suspicion timeout set by hand warns, as config does. Example: join node6"),
        spec("leave", "leave NODE", "decommission a node: it hands its keys over and leaves the ring",
             "Hints held for it go to each key's current owners. A node that is down (failed for good) can leave too: every live node is told (the paper's administrator tells one node and gossip spreads the news; telling each keeps it should that node fail first), and anti-entropy copies its keys to their new owners; the hints it holds wait on its disk until it runs again (restart NODE or join NODE). Unless it left while down, a node that left still runs: it passes gossip on, across a partition that does not name it, and forwards a request sent to it (as from a client with an old view) to the key's owners. It can be killed, restarted and named in a partition, but not wiped or made to leave again until join NODE brings it back."),
        spec("partition", "partition SIDE SIDE...", "cut every link between the sides",
             "A side is a node or a comma-separated list: partition node1,node2 node3,node4,node5. One side alone is cut from every other node, those that left the ring included. Partitions add up: a second one cuts more links and the first stays. nodes shows the sides in force; a live node with no cut link reaches every side. A node that left the ring still gossips: left on no side, it carries news between the sides, and the answer says so."),
        spec("heal", "heal [SIDE SIDE...]", "restore links: all, or between the sides named",
             "Loss, delay and skew stay until set back (loss 0%, delay 1ms..10ms, skew NODE 0); heal names those still in force. Example: heal, or heal node1 node3."),
        spec("cut", "cut NODE -> NODE", "cut one direction of a link", "heal restores it. Example: cut node1 -> node2"),
        spec("loss", "loss P% [NODE -> NODE]", "lose a share of messages, everywhere or on one link", "loss 0% stops it."),
        spec("delay", "delay A..B", "message latency, uniform between A and B [1ms..10ms]", "Example: delay 20ms..200ms"),
        spec("skew", "skew NODE ±T", "move a node's wall clock", "Timestamps (last-write-wins, clock truncation) feel it. Example: skew node3 +5s; skew node3 0 resets."),
        spec("faults", "faults", "list the network faults in force", "A partition's sides come first, then every link it cut, one way each."),
        spec("merkle", "merkle NODE NODE", "compare two nodes' Merkle trees: which ranges and leaves differ", "Nothing is sent; sync repairs."),
        spec("sync", "sync", "run one anti-entropy round on every node now",
             "Shows hashes compared and keys sent next to what comparing every key would cost. The cluster runs until the round is over: 1s of virtual time, longer when messages are slow, so timers and gossip run too. Scheduled rounds go on as usual; the figures are this round's alone, and what scheduled rounds did meanwhile is told apart. Exchanges that never reached their peer, a node believed up that is down or cut off, or whose message was lost, are named with why: nobody answers them."),
        spec("client", "client [NAME]", "switch to a named client session (each keeps its own contexts)",
             "Without NAME, list the clients. The first client is client1."),
        spec("focus", "focus KEY", "the key the screen follows", "put, get, delete and versions focus their key too."),
        spec("save", "save FILE", "write this session as a script that replays to the same state",
             "The script starts from the same settings and seed, then repeats every line since that changed, showed, checked or paused something (say, expect and pause included), with the time that passed live as wait lines; help and the screen's run and speed are left out, and a check that failed is kept as a comment. save overwrites an empty file, or one this session saved that nobody changed since: never another file, nor a session saved by another run. A symbolic link is written through: the file it leads to is the one saved and guarded."),
        spec("audit", "audit", "check Dynamo's promises: acknowledged writes lost, replicas diverging, hints pending, keys to hand over",
             "A write is lost when no node holds it and no chain of overwrites, each by a client whose read had returned the version before, leads from it to a version held (so clock-max truncation does not make an overwritten write look lost, and a clock claiming a write nobody read does not hide its loss). Siblings per key are counted across each key's owners. Keys to hand over are held by a live node outside their preference list, as after a leave (section 4.9); the audit also names live nodes whose view of the ring gossip has yet to update."),
        spec("history", "history [N]", "the last N client operations: invoked, completed, outcome [20]", ""),
        spec("ring", "ring", "tokens in ring order and each node's share of the key space", ""),
        spec("nodes", "nodes [NODE]", "each node's status, keys, hints and which peers it believes down",
             "primary counts the keys a node holds as the first of their preference list, keys all it holds, hints those it keeps for others. The side column names each node's side of the partitions in force; any marks a live node with no cut link, which reaches every side. The view is a column per peer up to 16 nodes; in a larger cluster, the peers a node does not believe up. With NODE: that node's view of every other node, and how long since it last had news of each (silence beyond the suspicion setting makes a peer suspected; twice that, down)."),
        spec("keys", "keys [NODE]", "the keys each node holds, and those it keeps as hints",
             "A key a delete left only tombstones of is still held, and marked (deleted): a get finds nothing."),
        spec("hints", "hints [NODE]", "hints held: holder, intended owner, key", ""),
        spec("versions", "versions KEY", "every node's versions of KEY with their clocks",
             "Each row is one version on one node: its role (replica 1..N of the preference list, a hint for an owner, or a copy to hand over), its value, its vector clock and its dot, the write that made it. saw {...} is the context a write was made from, shown where the clock alone would seem to descend a sibling. stale marks a version that reconciling every node's versions leaves out: another supersedes it, or under conflicts=lww another is later (read repair, anti-entropy or hand-off will replace it); conflict marks every surviving version while no node yet holds them all, as after writes on both sides of a partition: a get that reaches them all returns them as siblings; once a node holds them all, sibling marks versions a node keeps side by side, which a get returns together. A copy of one sibling where another node holds them all is behind and unmarked: read repair and anti-entropy bring it on."),
        spec("trace", "trace [N] [all]", "the last N events: messages delivered and dropped, hints, repairs [20]",
             "A message reads sender → receiver, then what it is: a request (store, fetch, handoff, transfer) or the answer to one, named in the past tense (stored, fetched, handed-off, transferred): node1 → node4 stored is node1 telling node4 that it stored what node4 sent. Routine background traffic (gossip, Merkle exchanges that agree, and the periodic rounds' timers that step shows) is left out unless you add all; a request's deadlines that step shows stay in."),
        spec("wait", "wait DURATION", "let virtual time pass: 500ms, 2s, 1m, 1h", "Messages are delivered and timers fire as time passes. Units: ms, s, m, h, or several from hours down as the lab writes long times (1m30s, 9h17m26.607s); at most 24h. ^C at the prompt (on the screen or the plain one) stops a long wait where it has got to."),
        spec("step", "step [N]", "pause the live clock and run the next N events [1]",
             "Each event is a message delivered, a timer firing or a request reaching its coordinator; step shows each."),
        spec("run", "run", "let virtual time run live on the screen", "Headless, time moves only with wait and step."),
        spec("pause", "pause", "stop the live clock; in a replayed lesson, wait for Enter, which starts it again", "Headless scripts go straight on."),
        spec("speed", "speed X", "live speed: virtual seconds per real second [1]", "A put's round trip is two messages of 1-10ms of virtual time each; speed 0.01 stretches it to 0.2-2 real seconds, enough to watch its messages travel."),
        spec("config", "config [name=value... | name...]", "show or change settings",
             "Settings: n, r, w (quorums; 1 <= r, w <= n <= nodes; after n falls, each node hands the keys it no longer replicates to their owners, and after it rises anti-entropy fills the new replicas), timeout (request timeout), replica-timeout (when a silent replica is replaced; keep it below timeout, or requests end before a silent replica is replaced, and only owners already believed down get hints), handoff (how often hints are offered back), suspicion (silence before a peer is suspected; twice that, down; auto, the default, scales it with the cluster: max(5s, gossip x 2·floor(log2 nodes)), or floor(log2 nodes) + 2 rounds on 3 nodes or fewer, so 5s up to 7 nodes, 12s at 64, 18s at 1000, as a heartbeat takes about log2 nodes gossip rounds to reach everyone; set by hand below floor(log2 nodes) + 2 rounds, it lets nodes suspect healthy peers, and config warns), gossip and anti-entropy (their periods; below 100ms, as for handoff, every node's rounds make virtual time pass slowly, and config warns), merkle-depth (0 to 12: each range's tree has 2^depth leaves), clock-max (clock entries kept), clocks (dvv or vv), conflicts (siblings or lww), nodes and vnodes (these rebuild the cluster). Example: config n=3 r=1 w=3"),
        spec("seed", "seed N", "rebuild the cluster from seed N", "Everything random (tokens, latencies) follows from the seed; state is cleared."),
        spec("reset", "reset", "rebuild the cluster with the same seed and settings", ""),
        spec("expect", "expect CHECK...", "check something; a failed check makes a script exit 1",
             "expect ok / expect fail: whether the last command succeeded, including commands that only look, such as hints; expect, say, help and pause are skipped over, and a line refused as bad input counts as failed (at the prompt: a script stops at such a line). A hint can land after its put is answered: wait 1s before expect hints. expect values KEY V...: the last get of KEY succeeded and returned exactly these values, in any order (no V: not found, or deleted; <deleted>: a delete, alone or among siblings). expect siblings KEY N: it returned N versions. expect hints [NODE] N: hints held now. expect keys NODE N: keys in a node's store. expect view NODE PEER up|suspected|down|left: one node's belief (it fails while NODE is down or has not heard of PEER). expect views agree: every live node believes the same about every node, and sees the cluster's ring. expect lost N, expect divergent N, expect misplaced N: as audit counts them. value, sibling, hint and key do as well as values, siblings, hints and keys."),
        spec("say", "say TEXT", "a caption in a lesson", "TEXT is the rest of the line as typed, or the inside of one quoted string; a tab becomes a space."),
        spec("help", "help [COMMAND | TERM]", "this list, one command in detail, or one of Dynamo's terms",
             "? does the same. help concepts (or terms) explains Dynamo's terms as the lab shows them, and help TERM one of them (help sibling, help sloppy quorum); help scripts tells how to write a lesson."),
        spec("quit", "quit", "leave the lab",
             "exit does the same. On the screen, Ctrl-D on an empty line leaves too, and so does Ctrl-C pressed twice when nothing "
                 + "plays live and no lesson runs (the first only asks); Ctrl-C on a half-typed line clears it, and while a request is on "
                 + "its way runs it to its answer."),
    ]

    public static func spec(named name: String) -> CommandSpec? {
        specs.first { $0.name == name }
    }

    /// Help on what is not a command: `help scripts` (or `script`, `lessons`, `lesson`).
    static let scripts = """
        A script, or lesson, is a text file of commands, one per line, as typed at the prompt; a line \
        whose first character other than a space is # is a comment, and blank lines are skipped. Lessons \
        add say TEXT (a caption), pause (a replay waits for Enter there) and expect CHECK (help expect).
          dynamo-lab --script FILE runs one headless: it exits 0 when every expectation held, 1 when one \
        failed, 2 on an error, which it reports as FILE:LINE: error: ...; a failed expectation names its \
        line too. Every line is parsed before any runs, and a file with no command in it is an error. What a lesson shows (the ring, which node \
        stands in for which) follows from the cluster and the seed: start it with both, \
        config nodes=5 vnodes=8 n=3 r=2 w=2 then seed N, as save does and every lesson in demos \
        does, so that --seed, --nodes and the other options on the command line cannot change it.
          dynamo-lab --replay FILE plays one on the screen at reading pace; save FILE writes the session \
        so far as a script that replays to the same state. The demos folder holds lessons to start from.
        """

    /// Help on Dynamo's terms, as the lab shows them: `help concepts` (or `glossary`).
    static let concepts = """
        Dynamo's terms, as the lab shows them (sections of the paper in brackets):
          ring, token, virtual node, vnode, consistent hashing: a key's place on the ring is the MD5 of \
        its bytes; each node owns several tokens, virtual nodes that each end a range of the ring, and \
        holds the keys of its ranges (4.2). ring lists them.
          preference list, fallback: the N distinct nodes met walking clockwise from a key, its replicas (4.3). \
        The paper's list goes on past them; the lab calls those next nodes fallbacks. versions KEY \
        shows the list, and the screen's ring the fallbacks too.
          coordinator: the node that runs a request: it stamps a put's version, asks the replicas and \
        answers the client; typically the first of the preference list (4.5). There is no leader: a \
        read sent to any node (get KEY via NODE) is coordinated there, and a write sent outside the \
        list is forwarded into it (4.5, 6.4).
          N, R, W, quorum: replicas per key, replies a get waits for, acknowledgements a put waits for. With \
        R + W > N, the R nodes that answer a read include one of the W that acknowledged a write, \
        as long as no stand-in has replaced a replica (4.5).
          sloppy quorum: requests go to the first N healthy nodes of the walk, not the first N: a \
        replica the coordinator believes down, or that is silent at its deadline (replica-timeout), \
        is replaced by the next node it believes up (4.6). A put answers once W nodes have \
        acknowledged, so a stand-in may take its hint after the answer.
          hint, hinted handoff: a stand-in keeps the write with a note naming the owner, offers it \
        back until the owner takes it, then deletes it (4.6). hints lists them.
          vector clock: a counter per coordinating node, carried by each version; a version whose clock \
        descends another's saw that write and supersedes it (4.4).
          dot, saw, dvv: the event that wrote a version (node:counter) and the clock of what its writer had \
        read; a version supersedes only what it saw. These dotted version vectors are not in the \
        paper: they refine its clocks (4.4). Under the paper's plain clocks (clocks=vv), two writes \
        through one coordinator from one read get the same clock, and so the same dot, and one \
        replaces the other (demos/10-why-dots.dlab).
          sibling: a version that no other supersedes, kept beside the others and returned with them \
        by a get; a put with that get's context reconciles them into one (4.4).
          conflict: versions no other supersedes that replicas hold apart, before any node holds \
        them together, as after writes on both sides of a partition; a get that reaches both \
        returns them as siblings (4.4). versions KEY marks them.
          clock truncation, clock-max: a clock keeps at most clock-max entries; past that the \
        oldest is dropped, so a version may no longer seem to descend what it saw, and a false \
        conflict appears (4.4); demos/07-clock-truncation.dlab shows it with clocks=vv. Dots make it \
        rarer, as a write supersedes the versions whose dots its context covers, but not impossible: \
        a context cut short no longer covers the versions of the entry dropped, and one that a \
        replica still holds beside the new write comes back as a sibling.
          last-write-wins, lww: with conflicts=lww a replica keeps only the version with the latest \
        wall-clock timestamp, dropping concurrent writes silently; the paper's alternative to \
        siblings (2.3, 6). Skewed clocks make it worse (skew).
          tombstone, delete: a delete writes a version with no value, so it is versioned like a \
        put and can be concurrent with one; a get that finds only tombstones reads the key as deleted.
          partition, side: a cut of the network into groups that cannot reach one another; each \
        side keeps taking requests, with stand-ins for the nodes it cannot reach (4.6). faults \
        shows the sides.
          context: what a get hands its client to send with the next put of the key: the clocks it \
        read, merged. A put without one is blind (4.1).
          stale: a version that another version held for the key supersedes; read repair and \
        anti-entropy replace it.
          read repair: once every node asked has answered, or the request's time is up, the \
        coordinator sends the reconciled versions to the replicas whose answers lacked them, and \
        stores them itself if its own copy lacked them (5).
          anti-entropy, Merkle tree: two replicas of a key range compare trees of hashes, descend only \
        where they differ, and exchange only those keys (4.7). merkle and sync show it.
          gossip, failure detection: every second each node swaps membership records and heartbeats \
        with a random peer, and decides for itself who is suspected or down from silence and \
        unanswered requests (4.8); each change of mind shows in the messages. nodes shows each \
        node's view.
        """

    /// The topics `help` knows besides the commands, each with its text.
    static let topics: [(names: [String], text: String)] = [
        (["scripts", "script", "lessons", "lesson"], scripts),
        (["concepts", "concept", "glossary", "terms", "term"], concepts),
    ]

    /// The names a mistyped command is matched against: the commands, and `exit`.
    static var commandNames: [String] { specs.map(\.name) + ["exit"] }

    /// The names a mistyped help topic is matched against: the singular forms left out, as each
    /// is one letter from its plural and would make every near miss of one ambiguous.
    static var suggestedNames: [String] {
        commandNames + ["scripts", "lessons", "concepts", "glossary", "terms"] + conceptTerms.filter { !$0.contains(" ") && $0.count > 3 }
    }

    /// Each term `help concepts` explains, as its entries name them.
    static var conceptTerms: [String] { conceptEntries.flatMap(terms(of:)) }

    /// The entries of `concepts`, one a line, after its heading.
    private static var conceptEntries: [Substring] { Array(concepts.split(separator: "\n").dropFirst()) }

    /// The terms one entry of `concepts` explains: `hint, hinted handoff: ...` explains two.
    private static func terms(of entry: Substring) -> [String] {
        (entry.split(separator: ":", maxSplits: 1).first ?? "").split(separator: ",").map { String($0).trimmingWhitespace.lowercased() }
    }

    /// Other names people reach for: `exit` for quit, `?` for help.
    static let aliases = ["exit": "quit", "?": "help"]

    /// The help on `topic`, a command (or another name for one), one of `topics`, or a term of
    /// `concepts`; nil for none.
    static func text(of topic: String) -> String? {
        if let spec = spec(named: aliases[topic] ?? topic) { return detail(spec) }
        if let text = topics.first(where: { $0.names.contains(topic) })?.text { return text }
        let entries = conceptEntries.filter { names(in: $0).contains(topic) }
        guard !entries.isEmpty else { return nil }
        return (entries + ["help concepts explains every term"]).joined(separator: "\n")
    }

    /// The names `help` knows a concept's entry by: each term it explains (`sloppy quorum`), each
    /// word of one (`sloppy`), and their plurals.
    private static func names(in entry: Substring) -> Set<String> {
        let terms = terms(of: entry)
        let words = terms + terms.flatMap { $0.split(separator: " ").map(String.init) }
        return Set(words + words.map { $0 + "s" })
    }

    private static func spec(_ name: String, _ usage: String, _ summary: String, _ details: String) -> CommandSpec {
        CommandSpec(name: name, usage: usage, summary: summary, details: details)
    }

    /// The overview `help` prints.
    static var overview: String {
        let width = specs.map(\.usage.count).max() ?? 0
        let lines = specs.map { spec in
            let pad = String(repeating: " ", count: width - spec.usage.count)
            return "  \(spec.usage)\(pad)  \(spec.summary)"
        }
        return (["commands (NODE is node3, n3 or 3; quote words with spaces):"] + lines
            + ["help COMMAND (or ? COMMAND) for more; help concepts for Dynamo's terms, help TERM for one; help scripts on writing lessons; "
                   + "exit leaves, as quit does.",
               "On the screen: Enter on an empty line closes a long answer or goes on in a lesson; Tab completes; "
                   + "Up, Down and ^R recall lines; PgUp/PgDn scroll; ^L redraws; ^Z stops until fg; ^C clears the line, stops a wait "
                   + "(a lesson's runs at once), runs a request on its way to its answer, goes on in a lesson, or else on an empty line asks, and a second ^C leaves."]).joined(separator: "\n")
    }

    static func detail(_ spec: CommandSpec) -> String {
        var text = "usage: \(spec.usage)\n  \(spec.summary)"
        if !spec.details.isEmpty { text += "\n  \(spec.details)" }
        return text
    }
}
