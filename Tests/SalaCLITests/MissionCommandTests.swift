import ElectionScenario
import ElectionTestSupport
import Foundation
import Testing

/// `sala mission` and `sala report mission` end to end on a copy of the small test database.
@Suite(.serialized) struct MissionCommandTests {
    static func database() async throws -> (db: String, directory: URL) {
        let directory = try TestDatabases.temporaryDirectory()
        let copy = directory.appendingPathComponent("missions.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: copy)
        return (copy, directory)
    }

    /// Anyone can draw the demo mission's quick-count sample again and find the same stations;
    /// once the frame has changed (a sampled station lost its voters), the redraw says so and
    /// fails. The mission's report carries the published quick count.
    @Test func aQuickCountSampleDrawsAgainTheSameUntilItsFrameChanges() async throws {
        let (db, _) = try await Self.database()
        let same = try SalaCommand.run(["mission", "redraw", "--db", db, "demo-2023"])
        #expect(same.status == 0, "\(same.error)")
        #expect(same.output.contains("the same"), "\(same.output)")
        let report = try SalaCommand.run(["report", "mission", "--db", db, "demo-2023", "--format", "md"])
        #expect(report.status == 0 && report.output.contains("Quick count") && report.output.contains("95% interval"), "\(report.error)")

        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", db, """
            UPDATE polling_stations SET registered_voters = 0 WHERE code =
                (SELECT station_code FROM quick_count_stations WHERE mission_id = 'demo-2023' AND substitute IS NULL ORDER BY station_code LIMIT 1)
            """]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0, "sqlite3 could not change the frame")
        let changed = try SalaCommand.run(["mission", "redraw", "--db", db, "demo-2023"])
        #expect(changed.status == 1)
        #expect(changed.output.contains("different"), "\(changed.output)")
    }

    @Test func aMissionIsAddedItsStationsDrawnReproduciblyAndItsReportWritten() async throws {
        let (db, directory) = try await Self.database()
        let file = directory.appendingPathComponent("mission.json")
        try Data("""
            {"mission": {"id": "watch-2023", "organisation": "Citizens Watch", "nameEnglish": "Citizens Watch 2023",
              "nameKhmer": "ការឃ្លាំមើលរបស់ពលរដ្ឋ ២០២៣", "kind": "domestic", "invitedBy": [], "workingGroup": []},
             "members": [{"seat": 1, "name": "Chan Sophea", "body": "Board", "title": "Director", "isHead": true, "accreditation": "accredited"},
                         {"seat": 2, "name": "Keo Dara", "body": "Volunteers", "title": "Observer", "isHead": false, "accreditation": "requested"}]}
            """.utf8).write(to: file)
        let added = try SalaCommand.run(["mission", "add", "--db", db, "--file", file.path])
        #expect(added.status == 0, "\(added.error)")
        #expect(try SalaCommand.run(["mission", "add", "--db", db, "--file", file.path]).error.contains("exists already"))

        let team = try SalaCommand.run(["mission", "team", "--db", db, "watch-2023", "north", "--members", "1,2", "--area", "12,08"])
        #expect(team.status == 0, "\(team.error)")
        #expect(try SalaCommand.run(["mission", "team", "--db", db, "watch-2023", "north", "--members", "7", "--area", "12"]).error.contains("seat 7"))

        let draw = ["mission", "draw", "--db", db, "watch-2023", "--team", "north", "--size", "6", "--seed", "99", "--strata", "province", "--within", "12,08"]
        let first = try SalaCommand.run(draw)
        #expect(first.status == 0, "\(first.error)")
        let second = try SalaCommand.run(draw.map { $0 == "north" ? "south" : $0 })
        let stations = { (text: String) in text.split(separator: "\n").dropFirst().map(String.init) }
        #expect(stations(first.output).count == 6)
        #expect(stations(first.output) == stations(second.output))
        #expect(stations(first.output).allSatisfy { $0.hasPrefix("12") || $0.hasPrefix("08") })
        #expect(try SalaCommand.run(draw.map { $0 == "6" ? "0" : $0 }).status != 0)

        let assigned = try SalaCommand.run(["mission", "assign", "--db", db, "watch-2023", "--team", "city", "120101001", "120101002"])
        #expect(assigned.status == 0, "\(assigned.error)")
        #expect(try SalaCommand.run(["mission", "assign", "--db", db, "watch-2023", "--team", "city", "999999999"]).error.contains("no polling station"))

        let token = try SalaCommand.run(["mission", "token", "--db", db, "watch-2023", "2"])
        #expect(token.status == 0)
        #expect(token.output.trimmingCharacters(in: .whitespacesAndNewlines).wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/) != nil)
        #expect(try SalaCommand.run(["mission", "token", "--db", db, "watch-2023", "9"]).error.contains("no member in seat 9"))

        let report = try SalaCommand.run(["report", "mission", "--db", db, DemoMission.id.rawValue])
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("The mission visited \(DemoMission.visits) polling stations in Kandal and Phnom Penh"))
        // Accredited people as the NEC's records count them: the reference scenario's, not the missions entered here.
        #expect(report.output.contains("The NEC accredited 89,588 national observers from 130 organisations, 412 international observers from 7 missions, and 1,400 journalists from 165 outlets."))
        let html = directory.appendingPathComponent("report.html")
        let written = try SalaCommand.run(["report", "mission", "--db", db, DemoMission.id.rawValue, "--format", "html", "--language", "km", "--out", html.path])
        #expect(written.status == 0, "\(written.error)")
        #expect(try String(contentsOf: html, encoding: .utf8).contains("<html lang=\"km\">"))
        #expect(try SalaCommand.run(["report", "mission", "--db", db, "nobody"]).error.contains("no mission with identifier nobody"))
    }
}
