import DynamoSim
import Foundation
import Workloads

/// The `RequestPath` benchmark's workload run once, untimed, for counting instructions with
/// valgrind's callgrind, which gives the same count on a busy host as on a quiet one:
/// `request-path-workload OPERATIONS KEYS` puts OPERATIONS values over KEYS keys, then gets as
/// many, on a default cluster with tracing on.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
guard arguments.count == 2, arguments.allSatisfy({ $0 > 0 }) else {
    print("usage: request-path-workload OPERATIONS KEYS")
    exit(2)
}
let cluster = Cluster(config: ClusterConfig(seed: 1))
try runRequestPath(on: cluster, writing: requestPathValues(arguments[0]), keys: (0..<arguments[1]).map { "key\($0)" })
print("\(2 * arguments[0]) operations over \(arguments[1]) keys; virtual time \(TraceEntry.format(cluster.now))")
