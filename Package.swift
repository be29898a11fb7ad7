// swift-tools-version:6.0
// tools-version 6.0 puts every target in the Swift 6 language mode (strict concurrency).

import PackageDescription

// MARK: - Shared settings

/// Every Swift target opts into `ExistentialAny` so that an existential reads as `any P` at the use site.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The hash kernels are the product: they are always built optimised, even in debug builds,
/// so that `swift test` exercises the same code paths `rigtop bench` measures.
let kernelCSettings: [CSetting] = [
    .unsafeFlags(["-O3", "-fno-strict-aliasing"]),
]

// MARK: - Dependencies

let argumentParser = Package.Dependency.package(
    url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
let nio = Package.Dependency.package(url: "https://github.com/apple/swift-nio", from: "2.81.0")
let nioSSL = Package.Dependency.package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0")
/// The config file's TOML parser (toml++ underneath); used only by `RigConfig`.
let tomlKit = Package.Dependency.package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0")
/// SQLite for the income ledger; used only by `RigLedgerSQLite`, never by the engine or the runtime.
let grdb = Package.Dependency.package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0")
/// The HTTP API's server; used only by `RigAPI`.
let hummingbird = Package.Dependency.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0")
/// Prometheus' text exposition for `/metrics`; used only by `RigAPI`.
let prometheus = Package.Dependency.package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0")
/// HTTP/1 parts as swift-http-types (the request deadline handler sits in Hummingbird's pipeline).
let nioExtras = Package.Dependency.package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0")
/// The farm's HTTP client (Prometheus' API, rigs' state documents); used only by `RigFarmSources`.
let asyncHTTPClient = Package.Dependency.package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0")

// MARK: - Package

let package = Package(
    name: "rigtop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rigtop", targets: ["rigtop"]),
        .library(name: "RigEngine", targets: ["RigEngine"]),
        .library(name: "RigSensors", targets: ["RigSensors"]),
        .library(name: "RigRuntime", targets: ["RigRuntime"]),
        .library(name: "RigUI", targets: ["RigUI"]),
        .library(name: "RigPools", targets: ["RigPools"]),
        .library(name: "RigNode", targets: ["RigNode"]),
    ],
    dependencies: [argumentParser, nio, nioSSL, tomlKit, grdb, hummingbird, prometheus, nioExtras, asyncHTTPClient],
    targets: [
        // C: SIMD / SHA-NI hash kernels with run-time CPU dispatch. Kernels only.
        .target(name: "CHashKernels", cSettings: kernelCSettings),
        // C: rigtop's own RandomX (v1 and v2): Blake2b, Argon2d, SuperscalarHash, the dataset, AES,
        // the VM as an interpreter and an x86-64 JIT. Kernels only, run-time CPU dispatch.
        .target(name: "CRandomX", cSettings: kernelCSettings),
        // C: thread affinity and naming, GNU extensions Swift's Glibc module does not export.
        .target(name: "CThreadShims"),
        // C: ncursesw (wide-character curses), found through pkg-config.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),

        // Outside input made safe: numbers decoded into ranges with typed errors, text escaped for
        // terminals and logs. Every parser uses it; it depends on nothing.
        .target(name: "RigInput", swiftSettings: swiftSettings),
        // Figures every layer reports in: the engine's rates, the rates of miners rigtop reads,
        // the farm's rows. Values and the rules on them (the current rate, hashes per watt); no I/O.
        .target(name: "RigFigures", swiftSettings: swiftSettings),
        // The wire between a rig and its readers: the state document as Codable types and the
        // Prometheus metric and label names. RigAPI writes it, RigFarmSources reads it; nothing heavy.
        .target(name: "RigSchema", dependencies: ["RigInput"], swiftSettings: swiftSettings),
        // The miner: algorithms, workers, stats and the work-source protocol. No networking, so
        // everything above it that only reads its snapshots (the UI) links no NIO.
        .target(
            name: "RigEngine",
            dependencies: ["RigInput", "RigFigures", "CHashKernels", "CRandomX", "CThreadShims"],
            swiftSettings: swiftSettings),
        // Pool work sources: Stratum v1 and Monero's stratum over TCP or TLS, failover, and the
        // share gate and reconnect backoff that the solo sources (RigNode) share.
        .target(
            name: "RigPools",
            dependencies: [
                "RigEngine", "RigInput",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings),
        // Solo work sources: a coin node's RPC (getblocktemplate, monerod) in place of a pool.
        .target(
            name: "RigNode",
            dependencies: [
                "RigEngine", "RigPools", "RigInput",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "RigSensors",
            dependencies: ["RigInput"],
            swiftSettings: swiftSettings),
        // One running rig (engine, sensors, thermal guard, ledger, market) behind one state value
        // that every front end reads: the dashboard, `rigtop mine` and the API servers. Or, in
        // place of the engine, a miner rigtop does not run, watched through its API (RigMiners).
        .target(
            name: "RigRuntime",
            dependencies: ["RigEngine", "RigPools", "RigFigures", "RigInput", "RigSensors", "RigLedger", "RigMarket", "RigMiners"],
            swiftSettings: swiftSettings),
        // The APIs rig managers and Prometheus read: xmrig's HTTP API, /metrics, rigtop's state,
        // JSON-RPC control, cgminer's and cpuminer's TCP APIs. A front end over the runtime, and
        // the exporter's /metrics for miners rigtop reads (RigMiners) but does not run.
        .target(
            name: "RigAPI",
            dependencies: [
                "RigRuntime", "RigEngine", "RigPools", "RigSensors", "RigSchema", "RigMiners", "RigInput", "RigFigures",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "RigUI",
            dependencies: ["RigEngine", "RigSensors", "RigRuntime", "RigFarm", "CNcurses"],
            swiftSettings: swiftSettings),
        // The farm's data: one farm snapshot (rows, totals per coin, alerts), the board between
        // its reader and the view, and the source protocol. The farm view in RigUI draws it.
        .target(name: "RigFarm", dependencies: ["RigInput", "RigFigures"], swiftSettings: swiftSettings),
        // The farm's sources over HTTP: Prometheus' API, or each rig's /api/v1/state, read into
        // RigFarm's snapshot. A sibling so that the UI, which only draws the snapshot, never links
        // an HTTP client.
        .target(
            name: "RigFarmSources",
            dependencies: [
                "RigFarm", "RigInput", "RigFigures", "RigSchema",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        // Miners rigtop does not run, read through their own APIs (cgminer's TCP API, xmrig's HTTP
        // API, cpuminer-opt's TCP API) into farm rows. Beside RigFarm, which it feeds.
        .target(
            name: "RigMiners",
            dependencies: [
                "RigFarm", "RigFarmSources", "RigInput", "RigFigures", "RigEngine",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        // The config file (TOML): pools, coins, limits, prices. A sibling target so TOMLKit stays out of the engine.
        .target(
            name: "RigConfig",
            dependencies: ["RigEngine", "RigPools", "RigInput", "RigNode", "RigMiners", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: swiftSettings),
        // The income ledger's records, its writer thread and the store protocol it writes through;
        // no database, so the runtime and every front end over it link none.
        .target(name: "RigLedger", dependencies: ["RigEngine", "RigInput"], swiftSettings: swiftSettings),
        // The ledger's store: an SQLite file through GRDB. The executable opens it and hands it to
        // the runtime; `rigtop ledger` reads it.
        .target(
            name: "RigLedgerSQLite",
            dependencies: ["RigLedger", "RigEngine", "RigInput", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // Optional market refresh over HTTP (FoundationNetworking), off unless --market-url is given.
        .target(name: "RigMarket", dependencies: ["RigEngine", "RigInput"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "rigtop",
            dependencies: [
                "RigInput", "RigEngine", "RigPools", "RigSensors", "RigRuntime", "RigUI", "RigAPI", "RigConfig", "RigLedger",
                "RigLedgerSQLite", "RigMarket",
                "RigNode", "RigFarm", "RigFarmSources", "RigMiners",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .testTarget(
            name: "RigEngineTests",
            dependencies: ["RigEngine", "RigInput", "CHashKernels", "CRandomX", "RigTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RigPoolsTests",
            dependencies: [
                "RigPools", "RigEngine", "RigInput", "RigTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RigNodeTests",
            dependencies: ["RigNode", "RigPools", "RigEngine", "RigInput", "RigTestSupport",
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: swiftSettings),
        .testTarget(name: "RigInputTests", dependencies: ["RigInput"], swiftSettings: swiftSettings),
        .testTarget(name: "RigSchemaTests", dependencies: ["RigSchema"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RigSensorsTests", dependencies: ["RigSensors", "RigTestSupport"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        // Shared by the test targets only: finds and prepares ../shared/fixtures.
        .target(name: "RigTestSupport", dependencies: ["RigSensors", "RigEngine", "RigInput", "RigNode"], path: "Tests/RigTestSupport", swiftSettings: swiftSettings),

        .testTarget(
            name: "RigRuntimeTests", dependencies: ["RigRuntime", "RigEngine", "RigFigures", "RigLedger", "RigSensors", "RigMiners", "RigTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RigAPITests",
            dependencies: ["RigAPI", "RigRuntime", "RigEngine", "RigPools", "RigFigures", "RigInput", "RigSensors", "RigSchema", "RigFarm", "RigFarmSources",
                           "RigMiners", "RigTestSupport",
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings),
        .testTarget(name: "RigUITests", dependencies: ["RigUI", "RigRuntime", "RigFarm", "RigFigures", "RigTestSupport"], exclude: ["Snapshots"], swiftSettings: swiftSettings),
        .testTarget(name: "RigFarmTests", dependencies: ["RigFarm", "RigFarmSources", "RigInput", "RigFigures", "RigSchema", "RigTestSupport"], exclude: ["Recorded"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RigMinersTests",
            dependencies: ["RigMiners", "RigFarm", "RigEngine", "RigFigures", "RigInput", "RigAPI", "RigTestSupport",
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(name: "RigConfigTests", dependencies: ["RigConfig", "RigNode", "RigMiners"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RigMarketTests",
            dependencies: ["RigMarket", "RigEngine", .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings),
        // GRDB directly too: the corruption tests write the rows and schemas rigtop never would.
        .testTarget(name: "RigLedgerTests", dependencies: ["RigLedger", "RigLedgerSQLite", "RigEngine", "RigFigures", "RigTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "rigtopTests", dependencies: ["rigtop", "RigEngine", "RigLedger", "RigLedgerSQLite", "RigTestSupport"], swiftSettings: swiftSettings),
    ]
)

// MARK: - Fuzz targets

// libFuzzer targets over the parsers that read outside input, declared only for `scripts/fuzz.sh`
// (`RIGTOP_FUZZ=1`, with libFuzzer and AddressSanitizer, in its own scratch path): libFuzzer
// supplies `main`, so `swift build` and `swift test` must never see them. Sources, seed corpora
// and dictionaries are in `Fuzz/`.
if Context.environment["RIGTOP_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("Stratum", ["RigPools", "RigEngine", "RigInput", .product(name: "NIOCore", package: "swift-nio"),
                     .product(name: "NIOEmbedded", package: "swift-nio")]),
        ("Monero", ["RigPools", "RigEngine", "RigInput"]),
        ("Config", ["RigConfig", "RigPools"]),
        ("Theme", ["RigUI"]),
        ("Sysfs", ["RigSensors"]),
        ("Market", ["RigMarket", "RigEngine"]),
        ("API", ["RigAPI", "RigRuntime", "RigEngine"]),
        ("RandomXJIT", ["CRandomX"]),
        ("Ledger", ["RigLedger", "RigLedgerSQLite", .product(name: "GRDB", package: "GRDB.swift")]),
        ("Miners", ["RigMiners", "RigEngine", "RigInput"]),
    ]
    for target in fuzzTargets {
        package.targets.append(.executableTarget(
            name: "Fuzz\(target.name)", dependencies: target.dependencies, path: "Fuzz/\(target.name)",
            swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]))
    }
}
