// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Sala",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sala", targets: ["sala"]),
        .executable(name: "sala-fuzz", targets: ["sala-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(name: "ElectionCore"),
        .target(name: "QRCode"),
        .target(name: "ElectionFuzzing", dependencies: ["ElectionCore"]),
        .executableTarget(name: "sala-fuzz", dependencies: ["ElectionFuzzing"]),
        .target(name: "ElectionCredentials", dependencies: ["ElectionCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ElectionStore", dependencies: ["ElectionCore"]),
        .target(
            name: "ElectionStoreSQL",
            dependencies: [
                "ElectionCore", "ElectionStore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Migrations")]
        ),
        .target(
            name: "ElectionScenario",
            dependencies: ["ElectionCore", "ElectionStore"],
            resources: [.copy("Resources/cambodia-2023"), .copy("Resources/cambodia-2018"), .copy("Resources/observation")]
        ),
        .target(
            name: "ElectionWeb",
            dependencies: [
                "ElectionCore", "ElectionStore", "ElectionCredentials", "QRCode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates"), .copy("Assets"), .copy("Strings")]
        ),
        .target(
            name: "ElectionOperations",
            dependencies: [
                "ElectionCore", "ElectionStore", "ElectionStoreSQL", "ElectionScenario", "ElectionCredentials",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "sala",
            dependencies: [
                "ElectionCore", "ElectionStore", "ElectionStoreSQL", "ElectionScenario", "ElectionOperations", "ElectionWeb",
                "ElectionCredentials", "QRCode",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "ElectionTestSupport",
            dependencies: ["ElectionCore", "ElectionStore", "ElectionStoreSQL", "ElectionScenario"],
            path: "Tests/Support"
        ),
        .testTarget(name: "ElectionCoreTests", dependencies: ["ElectionCore", "ElectionTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ElectionScenarioTests", dependencies: ["ElectionCore", "ElectionScenario"]),
        .testTarget(
            name: "ElectionStoreTests",
            dependencies: [
                "ElectionCore", "ElectionStore", "ElectionStoreSQL", "ElectionScenario", "ElectionTestSupport", "ElectionCredentials",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ElectionWebTests",
            dependencies: [
                "ElectionCore", "ElectionStore", "ElectionStoreSQL", "ElectionScenario", "ElectionWeb", "ElectionOperations",
                "ElectionTestSupport", "ElectionCredentials",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "ElectionOperationsTests",
            dependencies: ["ElectionCore", "ElectionStore", "ElectionStoreSQL", "ElectionScenario", "ElectionOperations", "ElectionTestSupport"]
        ),
        .testTarget(name: "ElectionCredentialsTests", dependencies: ["ElectionCore", "ElectionCredentials"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "ElectionTestSupport"]),
        .testTarget(name: "ElectionFuzzingTests", dependencies: ["ElectionFuzzing", "ElectionCore"], resources: [.copy("Corpus")]),
        .testTarget(name: "SalaCLITests", dependencies: ["sala", "ElectionScenario", "ElectionStore", "ElectionStoreSQL", "ElectionTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
