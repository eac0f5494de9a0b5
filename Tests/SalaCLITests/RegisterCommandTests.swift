import ElectionCore
import ElectionTestSupport
import Foundation
import Testing

/// `sala export voters` and `sala register list` on the small test database.
@Suite struct RegisterCommandTests {
    @Test func theExportHoldsEveryVoterOnceWithTheirStation() async throws {
        let db = try await TestDatabases.sqlitePath()
        let out = try TestDatabases.temporaryDirectory().appendingPathComponent("voters.csv")
        let run = try SalaCommand.run(["export", "voters", "--db", db, "--out", out.path])
        #expect(run.status == 0, "\(run.error)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "voter_number,name_km,name_latin,sex,date_of_birth,station_code,citizenship,disqualification")
        let register = try await TestDatabases.register()
        #expect(lines.count == register.count + 1)
        let exported = Set(lines.dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(exported == Set(register.map(\.number.description)))
    }

    @Test func withoutOutTheExportGoesToStandardOutput() async throws {
        let db = try await TestDatabases.sqlitePath()
        let out = try TestDatabases.temporaryDirectory().appendingPathComponent("voters.csv")
        #expect(try SalaCommand.run(["export", "voters", "--db", db, "--out", out.path]).status == 0)
        let run = try SalaCommand.run(["export", "voters", "--db", db])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output == (try String(contentsOf: out, encoding: .utf8)))
    }

    @Test func aStationsListHasEachOfItsVotersAndACommuneAPagePerStation() async throws {
        let db = try await TestDatabases.sqlitePath()
        let register = try await TestDatabases.register()
        let busiest = Dictionary(grouping: register, by: \.stationCode).max { $0.value.count < $1.value.count }!
        let list = try SalaCommand.run(["register", "list", "--db", db, "--station", busiest.key.rawValue])
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.components(separatedBy: "<td class=\"signature\">").count - 1 == busiest.value.count)
        for voter in busiest.value { #expect(list.output.contains(voter.number.description)) }
        let commune = busiest.key.commune
        let stations = Set(TestDatabases.scenario.reference.pollingStations.filter { $0.communeCode == commune }.map(\.id))
        let pages = try SalaCommand.run(["register", "list", "--db", db, "--commune", commune.rawValue])
        #expect(pages.output.components(separatedBy: "<section class=\"station\">").count - 1 == stations.count)
        #expect(try SalaCommand.run(["register", "list", "--db", db, "--station", "999999999"]).error.contains("no polling station"))
        #expect(try SalaCommand.run(["register", "list", "--db", db]).status != 0)
    }
}
