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

// MARK: - Package

let package = Package(
    name: "rigtop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rigtop", targets: ["rigtop"]),
        .library(name: "RigEngine", targets: ["RigEngine"]),
        .library(name: "RigSensors", targets: ["RigSensors"]),
        .library(name: "RigUI", targets: ["RigUI"]),
    ],
    dependencies: [argumentParser, nio],
    targets: [
        // C: SIMD / SHA-NI hash kernels with run-time CPU dispatch. Kernels only.
        .target(name: "CHashKernels", cSettings: kernelCSettings),
        // C: thread affinity and naming, GNU extensions Swift's Glibc module does not export.
        .target(name: "CThreadShims"),
        // C: ncursesw (wide-character curses), found through pkg-config.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),

        .target(
            name: "RigEngine",
            dependencies: [
                "CHashKernels", "CThreadShims",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "RigSensors",
            swiftSettings: swiftSettings),
        .target(
            name: "RigUI",
            dependencies: ["RigEngine", "RigSensors", "CNcurses"],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "rigtop",
            dependencies: [
                "RigEngine", "RigSensors", "RigUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        .testTarget(
            name: "RigEngineTests",
            dependencies: [
                "RigEngine", "CHashKernels",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RigSensorsTests", dependencies: ["RigSensors"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(name: "RigUITests", dependencies: ["RigUI"], swiftSettings: swiftSettings),
        .testTarget(name: "rigtopTests", dependencies: ["rigtop"], swiftSettings: swiftSettings),
    ]
)
