import ElectionCore
import ElectionOperations
import ElectionScenario
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Building the scenario into a new SQLite file, all or nothing, and the statistics table.
@Suite struct ScenarioBuildTests {
    @Test func aBuildStoresItsVotersOnceAndRefusesToOverwrite() async throws {
        let path = try TestDatabases.temporaryDirectory().appendingPathComponent("built.sqlite").path
        let stored = Stored()
        let report = try await ScenarioBuild(seed: 3, voters: 1_200) { stored.note($0) }.buildSQLite(at: path, replacing: false)
        #expect(report.voters == 1_200)
        #expect(stored.last == 1_200)
        #expect(report.totalSeconds >= report.referenceSeconds + report.registerSeconds - 0.01)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        let store = try await SQLElectionStore.openSQLite(path: path)
        #expect(try await store.statistics(countingRegister: true).votersOnRegister == 1_200)
        // The scenario went in through the bundle reader and lost nothing on the way.
        let generated = try CambodiaScenario(seed: 3, voters: 1_200).reference
        #expect(try ElectionBundle.files(of: try await store.referenceData()) == (try ElectionBundle.files(of: generated)))
        try await store.close()

        await #expect(throws: BuildRefusal.self) {
            try await ScenarioBuild(seed: 3, voters: 10).buildSQLite(at: path, replacing: false)
        }
        #expect(String(describing: BuildRefusal.exists(path)) == "\(path) already exists; pass --force to replace it.")
    }

    @Test func theStatisticsTableAlignsItsCountsInOneColumn() {
        let table = StatisticsReport(ElectionStatistics(
            provinces: 25, communes: 1_652, pollingStations: 23_789,
            commissionMembers: ["national": 9, "provincial": 225, "commune": 14_868, "polling-station": 166_523],
            registeredVoters: 9_710_655, votersOnRegister: nil, parties: 18, candidates: 3_428, womenCandidates: 1_235, seats: 125)).text
        let lines = table.split(separator: "\n")
        #expect(lines.count == 13)
        #expect(lines.first == "provinces                            25")
        #expect(lines.contains("commission members, polling station  166,523"))
        #expect(lines.contains("voters on the register               0"), "a register not counted shows 0")
        let columns = Set(lines.map { line in line.distance(from: line.startIndex, to: line.lastIndex(of: " ")!) })
        #expect(columns.count == 1, "every count starts in the same column: \(table)")
    }
}

/// The last count of voters a build reported.
final class Stored: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var last: Int { lock.withLock { value } }
    func note(_ stored: Int) { lock.withLock { value = stored } }
}
