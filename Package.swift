// swift-tools-version: 6.0
import PackageDescription

/// The simulator's hot path crosses from DynamoSim into DynamoCore for every event: optimised
/// builds let each module inline and specialise the other's code (about 10% on the request path).
let crossModuleOptimization: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "dynamo-lab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dynamo-lab", targets: ["dynamo-lab"]),
        .library(name: "DynamoCore", targets: ["DynamoCore"]),
        .library(name: "DynamoSim", targets: ["DynamoSim"]),
        .library(name: "DynamoLab", targets: ["DynamoLab"]),
        .library(name: "DynamoTUI", targets: ["DynamoTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .target(
            name: "DynamoCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), "CPrefetch"],
            swiftSettings: crossModuleOptimization
        ),
        .target(
            name: "DynamoSim",
            dependencies: ["DynamoCore", .product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: crossModuleOptimization
        ),
        .target(name: "DynamoLab", dependencies: ["DynamoCore", "DynamoSim"]),
        .systemLibrary(name: "CPrefetch"),
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "DynamoTUI", dependencies: ["DynamoCore", "DynamoSim", "DynamoLab", "CNCurses", "CReadline"]),
        .executableTarget(
            name: "dynamo-lab",
            dependencies: [
                "DynamoSim",
                "DynamoLab",
                "DynamoTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DynamoCoreTests", dependencies: ["DynamoCore"]),
        .testTarget(name: "DynamoSimTests", dependencies: ["DynamoSim", "DynamoCore"]),
        .testTarget(name: "DynamoLabTests", dependencies: ["DynamoLab", "DynamoSim", "DynamoCore"]),
        .testTarget(name: "DynamoTUITests", dependencies: ["DynamoTUI", "DynamoLab", "DynamoSim", "DynamoCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["dynamo-lab", "DynamoLab"]),
    ]
)
