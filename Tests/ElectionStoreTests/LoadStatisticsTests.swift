import ElectionCore
@testable import ElectionStoreSQL
import ElectionTestSupport
import SQLKit
import Testing

/// After a load on PostgreSQL, the tables that hold rows have statistics and the empty ones have
/// none. An empty table analysed is recorded as empty, and foreign-key checks against it are then
/// planned as whole-table scans for as long as a connection lives, while the table fills.
@Suite struct LoadStatisticsTests {
    @Test(.enabled(if: TestDatabases.postgresURL != nil, "PostgreSQL not configured"))
    func onlyTablesThatHoldRowsAreAnalysed() async throws {
        try await BulkLoadTextTests.withFreshStore(.postgres) { store in
            let reference = TestDatabases.scenario.reference
            let voters = BulkLoadTextTests.voters(at: reference.pollingStations[0].id, from: 5_000)
            try await store.loadElection(reference) { storeBatch in try await storeBatch(voters) }
            let estimates = try await store.engine.read { db in
                try await db.raw("""
                    SELECT c.relname, c.reltuples FROM pg_class c
                    WHERE c.relnamespace = current_schema()::regnamespace AND c.relname IN ('voters', 'polling_stations', 'result_entries', 'result_forms')
                    """).all().map { (try $0.decode(column: "relname", as: String.self), try $0.decode(column: "reltuples", as: Double.self)) }
            }
            let rows = Dictionary(uniqueKeysWithValues: estimates)
            #expect(rows["voters"] == Double(voters.count))
            #expect(rows["polling_stations"] == Double(reference.pollingStations.count))
            // -1: never analysed, so planned by its key until autovacuum sees rows.
            #expect(rows["result_entries"] == -1)
            #expect(rows["result_forms"] == -1)
        }
    }
}
