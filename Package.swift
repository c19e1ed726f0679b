// swift-tools-version:6.0
// ketensim — discrete-event simulation for regional capacity planning of Dutch civic integration.
import PackageDescription

// The kernel's generic types (calendar, resources) are specialised in the model's module;
// cross-module optimisation lets the optimiser see their bodies there.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "ketensim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ketensim", targets: ["ketensim"]),
    ],
    dependencies: [
        // CLI parsing (subcommands, --help everywhere).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Deque for FIFO queues in the resources; Heap as the benchmark rival of the event calendar.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // Scenario files (YAML → Codable).
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The HTML report's page template (no dependencies of its own).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // GNU GSL as a system library (Debian: libgsl-dev; macOS: brew install gsl).
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "Stochastics", dependencies: ["CGSL"], swiftSettings: crossModule),
        .target(
            name: "SimKernel",
            dependencies: [
                "Stochastics", "CGSL",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: crossModule
        ),
        // The limits every YAML file the tool reads is held to (size, nodes, expanded text).
        .target(name: "YAMLLimits", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "InburgeringModel",
            dependencies: ["SimKernel", "Stochastics", "YAMLLimits", .product(name: "Yams", package: "Yams")],
            swiftSettings: crossModule
        ),
        .target(
            name: "Experiments",
            dependencies: ["InburgeringModel", "SimKernel", "Stochastics", .product(name: "Yams", package: "Yams")],
            swiftSettings: crossModule
        ),
        // The result files' readers (header-based CSV), shared by the report and the MCA.
        .target(name: "ResultFiles"),
        .target(name: "MCA", dependencies: ["Stochastics", "YAMLLimits", "ResultFiles", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Reports",
            dependencies: ["Experiments", "InburgeringModel", "SimKernel", "Stochastics", "ResultFiles", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .executableTarget(
            name: "ketensim",
            dependencies: [
                "MCA", "Reports", "ResultFiles", "Experiments", "InburgeringModel", "SimKernel", "Stochastics",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz target: `make fuzz` builds it with libFuzzer; otherwise it replays input files.
        .executableTarget(name: "ketensim-fuzz", dependencies: ["InburgeringModel", "Experiments", "MCA", "Reports", "ResultFiles"], path: "Sources/KetensimFuzz"),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics"]),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel", "Stochastics"]),
        .testTarget(
            name: "InburgeringModelTests",
            dependencies: ["InburgeringModel", "SimKernel", "Stochastics", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "MCATests", dependencies: ["MCA"]),
        .testTarget(name: "ResultFilesTests", dependencies: ["ResultFiles", "Reports"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ResultFiles", "Experiments", "InburgeringModel", "Stochastics"]),
        .testTarget(name: "CLITests", dependencies: ["ketensim", "ResultFiles"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Reports", "ResultFiles", "InburgeringModel", "SimKernel", "Stochastics"]),
    ]
)
