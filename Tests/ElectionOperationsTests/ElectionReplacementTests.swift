import ElectionCore
import ElectionOperations
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Replacing a database's election with a bundle before any result: the new definition, the
/// register and the accounts kept; refused, changing nothing, once results exist or when voters
/// would lose their station. On SQLite and on PostgreSQL.
@Suite struct ElectionReplacementTests {
    /// A built scenario with an account, and its election exported as a bundle.
    static func built() async throws -> (path: String, bundle: String) {
        let directory = try TestDatabases.temporaryDirectory()
        let path = directory.appendingPathComponent("sala.sqlite").path
        _ = try await ScenarioBuild(seed: 3, voters: 1_200).buildSQLite(at: path, replacing: false)
        let store = try await SQLElectionStore.openSQLite(path: path)
        _ = try await store.addOfficial(name: "clerk", role: .communeOfficial, unitCode: "010201", passwordHash: "$2b$04$abc")
        let bundle = directory.appendingPathComponent("bundle").path
        try await ElectionBundleFiles.export(store, id: "cambodia-2023", to: bundle)
        try await store.close()
        return (path, bundle)
    }

    /// Edits one line of a bundle's CSV file.
    static func edit(_ bundle: String, _ file: String, _ change: (inout [String]) -> Void) throws {
        let url = URL(fileURLWithPath: bundle).appendingPathComponent(file)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        change(&lines)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func theDefinitionIsReplacedAndTheRegisterAndAccountsKept() async throws {
        let (path, bundle) = try await Self.built()
        let reader = try await SQLElectionStore.openSQLite(path: path)
        let station = try await reader.pollingStations(inCommune: "010201")[0]
        try await reader.close()
        try Self.edit(bundle, "polling_stations.csv") { lines in
            let index = lines.firstIndex { $0.hasPrefix(station.id.rawValue + ",") }!
            lines[index] = lines[index].replacingOccurrences(of: station.nameEnglish, with: "Renamed School")
        }
        let outcome = try await ElectionReplacement.sqlite(bundle: bundle, at: path)
        #expect(outcome.votersKept == 1_200)
        #expect(outcome.accountsKept == 1)
        #expect(outcome.recordsKept == 1)
        let store = try await SQLElectionStore.openSQLite(path: path)
        #expect(try await store.electionRecord("cambodia-2018").national.totals.validVotes == 6_362_241, "the records of past elections are kept")
        #expect(try await store.pollingStation(station.id).nameEnglish == "Renamed School")
        #expect(try await store.statistics(countingRegister: true).votersOnRegister == 1_200)
        #expect(try await store.officialAccount(named: "clerk")?.passwordHash == "$2b$04$abc")
        #expect(try await store.missions().isEmpty, "the old election's missions are not kept")
        try await store.close()
    }

    @Test func aReplacementIsRefusedOnceResultsExistOrWhenVotersWouldLoseTheirStation() async throws {
        let (path, bundle) = try await Self.built()
        let store = try await SQLElectionStore.openSQLite(path: path)
        let busy = try #require(try await store.stationsWithVoters().min())
        try await store.close()

        // A bundle without a station that has voters.
        try Self.edit(bundle, "polling_stations.csv") { lines in lines.removeAll { $0.hasPrefix(busy.rawValue + ",") } }
        try Self.edit(bundle, "commissions.csv") { lines in lines.removeAll { $0.contains(",\(busy.rawValue),") } }
        try Self.edit(bundle, "commission_members.csv") { lines in lines.removeAll { $0.hasPrefix("PSC-\(busy.rawValue),") } }
        let orphaned = try await #require(throws: OperationRefusal.self) { try await ElectionReplacement.sqlite(bundle: bundle, at: path) }
        #expect(orphaned.description.contains(busy.rawValue))

        // A new election under the id of one the database keeps a record of.
        let (path3, bundle3) = try await Self.built()
        let manifest = URL(fileURLWithPath: bundle3).appendingPathComponent("manifest.json")
        try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "\"cambodia-2023\"", with: "\"cambodia-2018\"")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let taken = try await #require(throws: OperationRefusal.self) { try await ElectionReplacement.sqlite(bundle: bundle3, at: path3) }
        #expect(taken.description.contains("keeps a record of cambodia-2018"))

        // Results entered: refused, whatever the bundle.
        let (path2, bundle2) = try await Self.built()
        let store2 = try await SQLElectionStore.openSQLite(path: path2)
        let nec = try await store2.addOfficial(name: "nec", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
        let station = try #require(try await store2.pollingStations(inProvince: "01").first { $0.registeredVoters > 0 })
        let ballot = try await store2.ballot(constituency: "01")
        let counts = ResultCounts(registeredVoters: station.registeredVoters, ballotsReceived: 1, ballotsIssued: 1, ballotsInBox: 1,
                                  spoiledBallots: 0, unusedBallots: 0, invalidBallots: 0,
                                  votes: Dictionary(uniqueKeysWithValues: ballot.map { ($0, $0 == ballot[0] ? 1 : 0) }))
        let entered = try await store2.apply([FormRequest(stationCode: station.id, expectedVersion: 1, action: .enter(counts), official: nec)], at: Date())
        #expect(throws: Never.self, "the entry is stored") { _ = try entered[0].get() }
        try await store2.close()
        let results = try await #require(throws: OperationRefusal.self) { try await ElectionReplacement.sqlite(bundle: bundle2, at: path2) }
        #expect(results.description.contains("only before any result"))
        // Nor kept as a record while its count is not official.
        let unofficial = try await #require(throws: OperationRefusal.self) {
            try await ElectionReplacement.sqlite(bundle: bundle2, at: path2, archivingCurrent: true)
        }
        #expect(unofficial.description.contains("is not official"))
        let after = try await SQLElectionStore.openSQLite(path: path2)
        #expect(try await after.holdsResults())
        try await after.close()
    }

    @Test(.enabled(if: TestDatabases.postgresURL != nil, "PostgreSQL not configured"))
    func onPostgreSQLTheNewTablesTakeTheOldOnesPlace() async throws {
        let base = try #require(TestDatabases.postgresURL)
        // A schema of its own, so that the shared test database is not touched.
        let schema = "replace_" + UUID().uuidString.prefix(8).lowercased()
        let url = base + (base.contains("?") ? "&" : "?") + "schema=" + schema
        do {
            _ = try await ScenarioBuild(seed: 3, voters: 1_200).buildPostgres(url: url, replacing: false)
            let store = try await SQLElectionStore.connectPostgres(url: url)
            _ = try await store.addOfficial(name: "clerk", role: .communeOfficial, unitCode: "010201", passwordHash: "$2b$04$abc")
            let station = try await store.pollingStations(inCommune: "010201")[0]
            let bundle = try TestDatabases.temporaryDirectory().appendingPathComponent("bundle").path
            try await ElectionBundleFiles.export(store, id: "cambodia-2023", to: bundle)
            try await store.close()
            try Self.edit(bundle, "polling_stations.csv") { lines in
                let index = lines.firstIndex { $0.hasPrefix(station.id.rawValue + ",") }!
                lines[index] = lines[index].replacingOccurrences(of: station.nameEnglish, with: "Renamed School")
            }

            let outcome = try await ElectionReplacement.postgres(bundle: bundle, url: url)
            #expect(outcome.votersKept == 1_200 && outcome.accountsKept == 1 && outcome.recordsKept == 1)
            let after = try await SQLElectionStore.connectPostgres(url: url)
            #expect(try await after.pollingStation(station.id).nameEnglish == "Renamed School")
            #expect(try await after.statistics(countingRegister: true).votersOnRegister == 1_200)
            #expect(try await after.officialAccount(named: "clerk")?.passwordHash == "$2b$04$abc")
            #expect(try await after.electionRecord("cambodia-2018").status == .official)
            let schemas = try await after.engine.read { db in
                try await db.raw("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE \(bind: schema + "%")").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(schemas == [schema], "the new tables moved in and the build's schema is gone")
            try await after.close()
        } catch {
            try await Self.dropSchema(schema, base)
            throw error
        }
        try await Self.dropSchema(schema, base)
    }

    /// Drops the test's schemas, on a connection that does not migrate the shared schema (the
    /// shared build may be dropping its tables meanwhile).
    static func dropSchema(_ schema: String, _ url: String) async throws {
        let engine = try await PostgresEngine.connect(url: url)
        try await engine.withTransaction { tx in
            for name in [schema, schema + "_rebuild"] { try await tx.sql.raw("DROP SCHEMA IF EXISTS \(ident: name) CASCADE").run() }
        }
        try await engine.close()
    }
}
