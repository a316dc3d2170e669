// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "clerkbridge",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "clerkbridge", targets: ["clerkbridge"]),
    ],
    dependencies: [
        // `FullFoundation` only: the default trait set makes SwiftPM recompile Hummingbird on every other build.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .target(
            name: "Reliability",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StorefrontRegistry",
            dependencies: ["CatalogMapping", "ClerkAPI"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Tracking",
            dependencies: [
                "Reliability", "ClerkAPI", "JSONSupport", "StorefrontRegistry", "SyncStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storefront",
            dependencies: [
                "CatalogMapping", "ClerkAPI", "Reliability", "StorefrontRegistry", "SyncStore",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MarketValidation",
            dependencies: ["CatalogMapping", "Reliability", "Storefront", "StorefrontRegistry", "SyncEngine", "SyncStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CatalogMapping",
            dependencies: ["JSONSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "JSONSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BigCommerceAPI",
            dependencies: [
                "JSONSupport", "Reliability",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ClerkAPI",
            dependencies: [
                "JSONSupport", "Reliability",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SyncStore",
            dependencies: [
                "Reliability",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SyncStorePostgres",
            dependencies: [
                "Reliability", "SyncStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PostgresTestSupport",
            dependencies: [
                "SyncStore", "SyncStorePostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SyncEngine",
            dependencies: [
                "Reliability",
                "BigCommerceAPI", "ClerkAPI", "CatalogMapping", "JSONSupport", "StorefrontRegistry", "SyncStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Dashboard",
            dependencies: [
                "BigCommerceAPI", "Reliability", "StorefrontRegistry", "SyncEngine", "SyncStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Compiled into the binary: `serve` serves the dashboard with nothing beside it.
            resources: [
                .embedInCode("Resources/layout.mustache"), .embedInCode("Resources/sign_in.mustache"),
                .embedInCode("Resources/overview.mustache"), .embedInCode("Resources/dead_letters.mustache"),
                .embedInCode("Resources/dead_letter.mustache"), .embedInCode("Resources/jobs.mustache"),
                .embedInCode("Resources/job.mustache"), .embedInCode("Resources/webhooks.mustache"),
                .embedInCode("Resources/storefronts.mustache"), .embedInCode("Resources/problem.mustache"),
                .embedInCode("Resources/admin.css"), .embedInCode("Resources/admin.js"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                "JSONSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                "BigCommerceAPI", "CatalogMapping", "Dashboard", "MarketValidation", "Reliability", "Storefront",
                "StorefrontRegistry", "SyncEngine", "SyncStore", "Tracking",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Compiled into the binary, so it serves the script wherever it is copied.
            resources: [.embedInCode("Resources/storefront.js"), .embedInCode("Resources/storefront.css")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "clerkbridge",
            dependencies: [
                "Reliability", "StorefrontRegistry", "BigCommerceAPI", "ClerkAPI", "CatalogMapping", "Dashboard", "JSONSupport",
                "SyncStore", "SyncStorePostgres", "SyncEngine", "Sandbox", "Server", "Storefront", "Tracking", "MarketValidation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TrackingTests",
            dependencies: [
                "Tracking", "ClerkAPI", "JSONSupport", "Reliability", "StorefrontRegistry", "SyncStore", "Sandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CatalogMappingTests", dependencies: ["CatalogMapping"], swiftSettings: swiftSettings),
        .testTarget(name: "ReliabilityTests", dependencies: ["Reliability"], swiftSettings: swiftSettings),
        .testTarget(name: "JSONSupportTests", dependencies: ["JSONSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MarketValidationTests",
            dependencies: ["MarketValidation"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "StorefrontTests",
            dependencies: [
                "Storefront", "CatalogMapping", "ClerkAPI", "StorefrontRegistry", "SyncStore", "Sandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BigCommerceAPITests",
            dependencies: [
                "BigCommerceAPI", "Reliability", "Sandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ClerkAPITests",
            dependencies: [
                "ClerkAPI", "JSONSupport", "Reliability", "Sandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "BigCommerceAPI", "Reliability", "StorefrontRegistry", "SyncEngine", "SyncStore", "ClerkAPI",
                "CatalogMapping",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SyncStoreTests",
            dependencies: [
                "PostgresTestSupport", "Reliability", "SyncStore", "SyncStorePostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox", "BigCommerceAPI", "JSONSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SyncEngineTests",
            dependencies: [
                "SyncEngine", "Sandbox", "BigCommerceAPI", "ClerkAPI", "CatalogMapping", "JSONSupport", "Reliability",
                "StorefrontRegistry", "SyncStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "SyncEngine", "SyncStore", "BigCommerceAPI", "Tracking", "Storefront", "CatalogMapping", "ClerkAPI",
                "Dashboard", "Reliability", "Sandbox", "StorefrontRegistry",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "clerkbridgeTests",
            dependencies: [
                "clerkbridge", "BigCommerceAPI", "CatalogMapping", "ClerkAPI", "PostgresTestSupport", "Reliability", "Sandbox",
                "Server", "Storefront", "StorefrontRegistry", "SyncEngine", "SyncStore", "SyncStorePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

var swiftSettings: [SwiftSetting] { [.enableUpcomingFeature("ExistentialAny")] }
