// swift-tools-version: 6.1
// Benchmarks live in their own package so that building and testing Dynamo Lab never
// compiles package-benchmark. Run them with `swift package benchmark` from this folder.
import PackageDescription

let package = Package(
    name: "dynamo-lab-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "dynamo-lab", path: ".."),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // No traits: the default ones preload a malloc and a runtime interposer into every
        // benchmark, and no benchmark here counts allocations or retains. The malloc interposer
        // alone cost the request path 460 instructions per operation (3 % of them) and 3–8 % of
        // its time, which the bare event loop, allocating almost nothing, did not pay.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: []),
    ],
    targets: [
        .target(
            name: "Workloads",
            dependencies: [
                .product(name: "DynamoCore", package: "dynamo-lab"),
                .product(name: "DynamoSim", package: "dynamo-lab"),
            ],
            path: "Benchmarks/Workloads"
        ),
        .executableTarget(
            name: "RequestPath",
            dependencies: [
                "Workloads",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DynamoCore", package: "dynamo-lab"),
                .product(name: "DynamoSim", package: "dynamo-lab"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            path: "Benchmarks/RequestPath",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The request path's workload once, untimed, for counting its instructions (README).
        .executableTarget(
            name: "request-path-workload",
            dependencies: ["Workloads", .product(name: "DynamoSim", package: "dynamo-lab")],
            path: "Benchmarks/RequestPathWorkload"
        ),
        .executableTarget(
            name: "Scale",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DynamoCore", package: "dynamo-lab"),
                .product(name: "DynamoSim", package: "dynamo-lab"),
            ],
            path: "Benchmarks/Scale",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "AntiEntropy",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DynamoCore", package: "dynamo-lab"),
            ],
            path: "Benchmarks/AntiEntropy",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Rendering",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DynamoLab", package: "dynamo-lab"),
                .product(name: "DynamoSim", package: "dynamo-lab"),
                .product(name: "DynamoTUI", package: "dynamo-lab"),
            ],
            path: "Benchmarks/Rendering",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
