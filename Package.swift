// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dlsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dlsync", targets: ["dlsync"]),
        .library(name: "Overlays", targets: ["Overlays"]),
        .library(name: "Sync", targets: ["Sync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CGit2", pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]),
        .target(name: "Overlays", dependencies: ["CYAML"]),
        .target(
            name: "Sync",
            dependencies: [
                "Overlays", "CGit2",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .executableTarget(
            name: "dlsync",
            dependencies: [
                "Overlays", "Sync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "OverlaysTests", dependencies: ["Overlays"],
            exclude: ["Cases", "Generators/Fixtures", "Patches/Fixtures", "References/Fixtures"]),
        .testTarget(
            name: "SyncTests",
            dependencies: ["Sync", "Overlays", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            exclude: ["Fixtures", "EndToEnd/Fixtures"]),
        .testTarget(name: "PlatformTests", dependencies: ["Overlays"], exclude: ["Expected"]),
    ]
)
