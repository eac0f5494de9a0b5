import ElectionCore
import ElectionOperations
import ElectionStore
import ElectionTestSupport
import Foundation
import Testing

/// The register written out as a register file, and officials' searches timed, on the test
/// database.
@Suite struct RegisterExportTests {
    @Test func theExportIsTheHeaderThenEveryVoterInNumberOrderWhateverThePageSize() async throws {
        let store = try await TestDatabases.sqlite()
        var whole = ""
        try await RegisterExport.write(from: store) { whole += $0 }
        var paged: [String] = []
        try await RegisterExport.write(from: store, pageSize: 700) { paged.append($0) }
        try await store.close()

        #expect(paged.count == 1 + (TestDatabases.testVoters + 699) / 700)
        #expect(paged.joined() == whole)
        let register = try await TestDatabases.register().sorted { $0.number.value < $1.number.value }
        #expect(whole == RegisterFile.headerLine + "\n" + register.map { RegisterFile.line(of: $0, citizenship: "KHM") }.joined())
    }

    @Test func searchesAreReadFromTheQueriesFileAndCountedWhenTheyFindSomeone() async throws {
        let voter = try await TestDatabases.register()[10]
        let queries = """
            \(voter.name.latin),\(voter.dateOfBirth.iso)
            not a query
            Nobody Atall,1901-01-01
            \(voter.name.khmer),1990-02-30
            """
        let searches = SearchTimings.searches(inQueries: queries, toleratesDateSlips: false)
        #expect(searches.map(\.name) == [voter.name.latin, "Nobody Atall"], "lines without a name and a real date are left out")

        let store = try await TestDatabases.sqlite()
        let timings = try await SearchTimings.run(searches, on: store)
        try await store.close()
        #expect(timings.searches == 2)
        #expect(timings.found == 1)
        #expect(timings.milliseconds.count == 2)
        #expect(timings.milliseconds == timings.milliseconds.sorted())
    }

    @Test func percentilesAreReadFromTheSortedLatencies() {
        let timings = SearchTimings(searches: 4, found: 4, milliseconds: [1, 2, 3, 40.125])
        #expect(timings.percentile(0.5) == "3.00")
        #expect(timings.percentile(0.99) == "40.12" || timings.percentile(0.99) == "40.13")
        #expect(timings.percentile(0) == "1.00")
        #expect(SearchTimings(searches: 0, found: 0, milliseconds: []).percentile(1) == "-")
    }
}
