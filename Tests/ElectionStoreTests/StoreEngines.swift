import ElectionStoreSQL
import ElectionTestSupport
import Testing

/// The engines a behaviour test runs on: SQLite always, PostgreSQL when configured.
enum StoreEngine: String, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var available: [StoreEngine] {
        TestDatabases.postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// The shared, loaded test store on this engine.
    func store() async throws -> SQLElectionStore {
        switch self {
        case .sqlite: return try await TestDatabases.sqlite()
        case .postgres:
            guard let store = try await TestDatabases.postgres() else { throw Unconfigured() }
            return store
        }
    }

    struct Unconfigured: Error {}
}

@Suite struct PostgreSQLAvailability {
    /// Says in the test output when the PostgreSQL half of the store tests did not run, and fails in CI.
    @Test(.enabled(
        if: TestDatabases.postgresURL != nil || TestDatabases.required("SALA_REQUIRE_POSTGRES"),
        "PostgreSQL not configured: set SALA_TEST_POSTGRES_URL to run the store tests on PostgreSQL too"))
    func postgresIsConfigured() async throws {
        _ = try #require(TestDatabases.postgresURL, "SALA_REQUIRE_POSTGRES=1 but SALA_TEST_POSTGRES_URL is unset")
        // Through the shared build: connecting on its own would migrate the schema while the build
        // drops its tables, and fail now and then.
        let store = try #require(try await TestDatabases.postgres())
        #expect(store.dialect == .postgres)
        try await store.close()
    }
}
