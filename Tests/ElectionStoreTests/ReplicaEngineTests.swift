import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import SQLKit
import Synchronization
import Testing

/// How a store over replicas shares its reads: in turn among the replicas, to the primary when a
/// replica fails (never an error for the reader), and every transaction to the primary. The
/// replicas here stand in front of the shared SQLite database; ReplicaReadsTests runs real ones.
@Suite struct ReplicaEngineTests {
    /// An engine that passes everything to another and counts the reads and transactions it saw.
    final class Counting: SQLEngine {
        let inner: any SQLEngine
        let failing: Bool
        let reads = Mutex(0)
        let transactions = Mutex(0)
        var dialect: ElectionStoreSQL.SQLDialect { inner.dialect }

        init(_ inner: any SQLEngine, failing: Bool = false) {
            self.inner = inner
            self.failing = failing
        }

        func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            reads.withLock { $0 += 1 }
            if failing { throw StoreError.refused("connection refused") }
            return try await inner.read(body)
        }

        func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            try await read { _ in () }
            return try await inner.snapshot(body)
        }

        func withTransaction<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
            transactions.withLock { $0 += 1 }
            return try await inner.withTransaction(body)
        }

        func close() async throws {}
        func setSealing(_ on: Bool) {}
    }

    /// Runs `body` with a store whose reads go to `replicas` (each a counting engine over the shared
    /// test database), its primary counting too.
    static func withReplicas(
        failing: [Bool], writable: Bool = false, restAfterFailure: Duration = .seconds(3600), _ body: (SQLElectionStore, _ primary: Counting, _ replicas: [Counting]) async throws -> Void
    ) async throws {
        let base = try await writable ? TestDatabases.writableSQLite() : TestDatabases.sqlite()
        do {
            let primary = Counting(base.engine)
            let replicas = failing.map { Counting(base.engine, failing: $0) }
            // Patience and rest long enough for a loaded test machine: these tests count where reads
            // went, and a replica read past its patience goes to the primary, while a failed replica
            // whose rest ran out during a few slow reads is asked again (both seen under a full run).
            let store = SQLElectionStore(engine: ReplicaEngine(
                replicas: replicas.enumerated().map { .init(engine: $1, name: "replica \($0)") }, primary: primary,
                restAfterFailure: restAfterFailure, patience: .seconds(120)))
            try await body(store, primary, replicas)
        } catch {
            try await base.close()
            throw error
        }
        try await base.close()
    }

    @Test func readsGoToEachReplicaInTurnAndNeverToThePrimary() async throws {
        try await Self.withReplicas(failing: [false, false]) { store, primary, replicas in
            for _ in 0..<6 { _ = try await store.election() }
            #expect(replicas.map { $0.reads.withLock { $0 } } == [3, 3])
            _ = try await store.resultsReport()
            #expect(replicas.map { $0.reads.withLock { $0 } }.reduce(0, +) > 6)
            #expect(primary.reads.withLock { $0 } == 0)
        }
    }

    @Test func aFailingReplicaIsRestedAndThePrimaryAnswersInstead() async throws {
        try await Self.withReplicas(failing: [true, false]) { store, primary, replicas in
            let expected = try await TestDatabases.sqlite()
            let election = try await expected.election()
            try await expected.close()
            for _ in 0..<4 { #expect(try await store.election() == election) }
            // The failed replica was asked once, then rested; the primary answered that one read.
            #expect(replicas[0].reads.withLock { $0 } == 1)
            #expect(primary.reads.withLock { $0 } == 1)
            #expect(replicas[1].reads.withLock { $0 } == 3)
        }
    }

    @Test func aReplicaIsAskedAgainOnceItsRestIsOver() async throws {
        try await Self.withReplicas(failing: [true, false], restAfterFailure: .zero) { store, primary, replicas in
            for _ in 0..<4 { _ = try await store.election() }
            // Each turn of the failed replica comes round again, and each time the primary answers.
            #expect(replicas[0].reads.withLock { $0 } == 2)
            #expect(primary.reads.withLock { $0 } == 2)
            #expect(replicas[1].reads.withLock { $0 } == 2)
        }
    }

    @Test func withEveryReplicaFailingThePrimaryAnswersEveryRead() async throws {
        try await Self.withReplicas(failing: [true]) { store, primary, replicas in
            for _ in 0..<3 { _ = try await store.parties() }
            #expect(replicas[0].reads.withLock { $0 } == 1)
            #expect(primary.reads.withLock { $0 } == 3)
        }
    }

    @Test func nothingFoundOnAReplicaIsTheAnswerAndNotAskedAgainOfThePrimary() async throws {
        try await Self.withReplicas(failing: [false]) { store, primary, _ in
            await #expect(throws: StoreError.notFound("polling station", "999999999")) {
                try await store.pollingStation("999999999")
            }
            #expect(primary.reads.withLock { $0 } == 0)
        }
    }

    @Test func transactionsGoToThePrimary() async throws {
        try await Self.withReplicas(failing: [false], writable: true) { store, primary, replicas in
            let answer = try await store.engine.withTransaction { _ in 42 }
            #expect(answer == 42)
            #expect(primary.transactions.withLock { $0 } == 1)
            #expect(replicas[0].transactions.withLock { $0 } == 0)
        }
    }

    @Test(.enabled(if: TestDatabases.postgresURL != nil))
    func aReplicaConnectionWritesNothing() async throws {
        let engine = try await PostgresEngine.connect(url: try #require(TestDatabases.postgresURL), readOnly: true)
        await #expect(throws: StoreError.self) {
            try await engine.withTransaction { try await $0.sql.raw("CREATE TABLE replica_write_probe (a INT)").run() }
        }
        let made = try await engine.read { try await $0.raw("SELECT to_regclass('replica_write_probe') IS NOT NULL AS made").first() }
        #expect(try made?.decode(column: "made", as: Bool.self) == false)
        try await engine.close()
    }

    @Test(.enabled(if: TestDatabases.postgresURL != nil))
    func aDatabaseThatIsNotACopyOfThePrimaryIsRefusedAsAReplica() async throws {
        let url = try #require(TestDatabases.postgresURL)
        let primary = try #require(try await TestDatabases.postgres())
        do {
            // A schema with no Sala tables: what a replica of another database would look like.
            let elsewhere = try PostgresEngine.url(url, schema: "sala_not_a_copy")
            let refusal = await #expect(throws: StoreConfigurationError.self) {
                _ = try await primary.replicated(by: [elsewhere], catchUpWithin: .milliseconds(500))
            }
            #expect(refusal?.description.contains("is not a copy of the primary's database") == true)
            // The primary itself, read-only, is a faithful copy: accepted.
            let itself = try await primary.replicated(by: [url])
            #expect(try await itself.election() == (try await primary.election()))
            try await itself.close()
        } catch {
            try await primary.close()
            throw error
        }
        try await primary.close()
    }

    @Test func aReplicaIsNamedWithoutItsPassword() {
        #expect(SQLElectionStore.replicaName("postgres://sala:secret@db2.example:5433/sala") == "db2.example:5433/sala")
        #expect(SQLElectionStore.replicaName("postgresql://u:p@10.0.0.5/sala?schema=x") == "10.0.0.5:5432/sala")
    }
}
