import ElectionCore
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Text that COPY's text format must escape (tabs, line breaks, backslashes, the `\N` that means
/// NULL, the `\.` that once ended the data) comes back from a bulk load exactly as it went in, on
/// every engine: the election's load, the register import, and a load that fails leaves nothing.
@Suite struct BulkLoadTextTests {
    static let awkward = [
        "tab\there", "line\nbreak", "carriage\rreturn", "crlf\r\nend", "back\\slash", "\\N", "\\.", "\\", "ends with \\",
        "\\t is not a tab", "quote ' and \" double", "comma, semicolon; pipe |", "សុខ ដារ៉ា", "កែវ សុខ\u{17D2}\u{178F}ា",
        "🗳 ballot", "bell\u{7} and escape\u{1B}", "  spaces  ", "NULL",
    ]

    /// A new, empty store on `engine`, and how to drop it.
    static func freshStore(_ engine: StoreEngine) async throws -> (SQLElectionStore, @Sendable () async throws -> Void) {
        switch engine {
        case .sqlite:
            let path = try TestDatabases.temporaryDirectory().appendingPathComponent("awkward.sqlite").path
            return (try await SQLElectionStore.openSQLite(path: path), {})
        case .postgres:
            let base = try #require(TestDatabases.postgresURL)
            let schema = "bulk_text_" + UUID().uuidString.prefix(8).lowercased()
            let store = try await SQLElectionStore.connectPostgres(url: try PostgresEngine.url(base, schema: schema))
            return (store, {
                let engine = try await PostgresEngine.connect(url: base)
                try await engine.withTransaction { tx in try await tx.sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run() }
                try await engine.close()
            })
        }
    }

    /// Runs `body` on a new, empty store on `engine`, closed and dropped on every path.
    static func withFreshStore(_ engine: StoreEngine, _ body: (SQLElectionStore) async throws -> Void) async throws {
        let (store, drop) = try await freshStore(engine)
        do {
            try await body(store)
        } catch {
            try? await store.close()
            try await drop()
            throw error
        }
        try await store.close()
        try await drop()
    }

    static func voters(at station: StationCode, from serial: Int) -> [Voter] {
        awkward.enumerated().map { index, text in
            Voter(number: VoterNumber(serial: serial + index), name: PersonName(khmer: text, latin: text), sex: .female,
                  dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!, stationCode: station)
        }
    }

    @Test(arguments: StoreEngine.available)
    func awkwardTextRoundTrips(_ engine: StoreEngine) async throws {
        try await Self.withFreshStore(engine) { store in
            var reference = TestDatabases.scenario.reference
            let station = reference.pollingStations[0].id
            for (index, text) in Self.awkward.enumerated() {
                reference.pollingStations[index].nameEnglish = text
                reference.pollingStations[index].addressKhmer = text
                reference.provenance["awkward \(index)"] = text
            }
            let loaded = Self.voters(at: station, from: 1_000)
            try await store.loadElection(reference) { storeBatch in try await storeBatch(loaded) }
            for voter in loaded { #expect(try await store.voter(voter.number) == voter) }
            for index in Self.awkward.indices {
                let stored = try await store.pollingStation(reference.pollingStations[index].id)
                #expect(stored.nameEnglish == Self.awkward[index] && stored.addressKhmer == Self.awkward[index])
            }
            let provenance = try await store.referenceData().provenance
            for (index, text) in Self.awkward.enumerated() { #expect(provenance["awkward \(index)"] == text) }

            // The register import's path: new voters in, the same ones again recognised, not doubled.
            let imported = Self.voters(at: station, from: 2_000).map { RegisterEntry($0) }
            let started = try await store.startRegisterImport(
                fileName: "awkward.csv", fileDigest: String(repeating: "c", count: 64), fileSize: 1, actor: "test", at: Date())
            let first = try await store.importVoters(imported, into: started.id) { .init(rows: imported.count, added: $0.added) }
            #expect(first.added == imported.count)
            for entry in imported { #expect(try await store.voter(entry.voter.number) == entry.voter) }
            let second = try await store.importVoters(imported, into: started.id) { _ in .init() }
            #expect(second.added == 0 && second.alreadyRegistered == Array(imported.indices))
            // The stored name keys are the ones worked out from the names, so searches find them.
            let found = try await store.searchVoters(VoterSearch(name: Self.awkward[12], dateOfBirth: loaded[12].dateOfBirth))
            #expect(found.map(\.voter.number).contains(loaded[12].number))
            #expect(try await store.statistics(countingRegister: true).votersOnRegister == 2 * Self.awkward.count)
        }
    }

    @Test(arguments: StoreEngine.available)
    func aBatchThatFailsHalfWayInTheRegisterImportLeavesNothing(_ engine: StoreEngine) async throws {
        try await Self.withFreshStore(engine) { store in
            let reference = TestDatabases.scenario.reference
            try await store.loadElection(reference) { _ in }
            // The second half of the batch names a station that does not exist: the whole batch is refused.
            let good = Self.voters(at: reference.pollingStations[0].id, from: 3_000)
            let stray = Self.voters(at: "999999999", from: 4_000)
            let started = try await store.startRegisterImport(
                fileName: "stray.csv", fileDigest: String(repeating: "d", count: 64), fileSize: 1, actor: "test", at: Date())
            await #expect(throws: (any Error).self) {
                _ = try await store.importVoters((good + stray).map { RegisterEntry($0) }, into: started.id) { _ in .init(rows: 1) }
            }
            #expect(try await store.statistics(countingRegister: true).votersOnRegister == 0)
            #expect(try await store.registerImport(fileDigest: started.fileDigest)?.progress == .init())
        }
    }

    /// The JSON that small batches go to PostgreSQL in: every awkward text reads back as written,
    /// a NULL as a key left out, a number as its digits.
    @Test func jsonRecordsReadBackAsWritten() throws {
        let rows: [[BulkValue]] = Self.awkward.enumerated().map { index, text in [.text(text), .integer(index - 3), .null] }
        let text = JSONRecords.text(columns: ["name \"quoted\"", "n", "absent"], rows: rows)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        #expect(parsed == Self.awkward.enumerated().map { index, text in ["name \"quoted\"": text, "n": String(index - 3)] })
        #expect(JSONRecords.text(columns: ["a"], rows: []) == "[]")
    }
}
