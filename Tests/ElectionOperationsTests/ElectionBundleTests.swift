import ElectionCore
import ElectionOperations
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Election bundles: the test election written out, loaded into an empty database and written
/// again gives the same files byte for byte; a bundle with mistakes is refused with every mistake
/// named by file, line and column, and leaves no database behind.
@Suite struct ElectionBundleTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sala-bundle-\(name)-\(UUID().uuidString)").path
    }

    @Test func exportImportExportGivesTheSameBytes() async throws {
        let first = Self.temporary("first"), second = Self.temporary("second"), db = Self.temporary("db") + ".sqlite"
        defer { for path in [first, second, db] { try? FileManager.default.removeItem(atPath: path) } }
        let store = try await TestDatabases.sqlite()
        try await ElectionBundleFiles.export(store, id: "cambodia-2023", to: first)
        try await store.close()

        let loaded = try await NewDatabase.sqlite(at: db, replacing: false) { try await ElectionBundleFiles.load(first, into: $0) }
        let reference = TestDatabases.scenario.reference
        #expect(loaded.pollingStations.count == reference.pollingStations.count)
        #expect(loaded.commissionMembers.count == reference.commissionMembers.count)
        #expect(loaded.candidates.count == reference.candidates.count)
        #expect(Set(loaded.outlines.keys) == Set(reference.outlines.keys))

        let again = try await SQLElectionStore.openSQLite(path: db)
        try await ElectionBundleFiles.export(again, id: "cambodia-2023", to: second)
        #expect(try await again.constituencies() == reference.constituencies.sorted { $0.id < $1.id })
        try await again.close()
        let written = try ElectionBundleFiles.files(in: first), rewritten = try ElectionBundleFiles.files(in: second)
        #expect(written.keys.sorted() == rewritten.keys.sorted())
        #expect(written.count == 1 + ElectionBundle.tables.count + reference.outlines.count)
        for (path, data) in written { #expect(rewritten[path] == data, "\(path) differs after the round trip") }
    }

    /// The scenario's bundle with a line of `file` changed by `change` (line 1 is the header).
    static func files(changing file: String, line: Int, _ change: (inout [String]) -> Void) throws -> [String: Data] {
        var files = try ElectionBundle.files(of: TestDatabases.scenario.reference)
        var lines = String(decoding: try #require(files[file]), as: UTF8.self).components(separatedBy: "\n")
        var fields = lines[line - 1].components(separatedBy: ",")
        change(&fields)
        lines[line - 1] = fields.joined(separator: ",")
        files[file] = Data(lines.joined(separator: "\n").utf8)
        return files
    }

    @Test func everyMistakeIsNamedByFileLineAndColumn() throws {
        var files = try Self.files(changing: "candidates.csv", line: 2) { $0[0] = "77"; $0[6] = "1990-02-30" }
        let parties = try Self.files(changing: "parties.csv", line: 3) { $0[0] = "1" }
        files["parties.csv"] = parties["parties.csv"]
        files["boundaries/99.geojson"] = Data("{}".utf8)
        files["manifest.json"] = Data(String(decoding: files["manifest.json"]!, as: UTF8.self)
            .replacingOccurrences(of: "\"seatRules\" : {", with: "\"seatRules\" : {\n      \"thresholdPercent\" : \"150\",").utf8)
        files["constituencies.csv"] = Data(String(decoding: files["constituencies.csv"]!, as: UTF8.self)
            .replacingOccurrences(of: "code,name_en", with: "code,name").utf8)
        do {
            _ = try ElectionBundle.read(files)
            Issue.record("a bundle with mistakes was read")
        } catch {
            let found = Set(error.all.map { "\($0.file) \($0.line.map(String.init) ?? "-") \($0.column ?? "-")" })
            for expected in [
                "candidates.csv 2 party", "candidates.csv 2 date_of_birth", "parties.csv 3 number",
                "boundaries/99.geojson - -", "constituencies.csv 1 -", "manifest.json - election.seatRules.thresholdPercent",
            ] {
                #expect(found.contains(expected), "\(expected) not among \(found.sorted())")
            }
        }
    }

    @Test func aBundleWithAMistakeLeavesNoDatabase() async throws {
        let bundle = Self.temporary("bad"), db = Self.temporary("db") + ".sqlite"
        defer { for path in [bundle, db, db + ".partial"] { try? FileManager.default.removeItem(atPath: path) } }
        let files = try Self.files(changing: "polling_stations.csv", line: 2) { $0[7] = "-1" }
        for (path, data) in files {
            let url = URL(fileURLWithPath: bundle).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        await #expect(throws: ElectionBundle.Problems.self) {
            _ = try await NewDatabase.sqlite(at: db, replacing: false) { try await ElectionBundleFiles.load(bundle, into: $0) }
        }
        #expect(!FileManager.default.fileExists(atPath: db))
        #expect(!FileManager.default.fileExists(atPath: db + ".partial"))
    }
}
