import ElectionCore
import ElectionScenario
import ElectionTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `sala`'s commands end to end, on a small scenario.
@Suite(.serialized) struct CLITests {
    @Test func scenarioBuildsStatsCountsAndRebuildingIsRefused() throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("small.sqlite").path
        let build = try SalaCommand.run(["scenario", "cambodia-2023", "--db", db, "--voters", "2500", "--seed", "11"])
        #expect(build.status == 0, "\(build.error)")
        #expect(build.output.contains("Built cambodia-2023 (seed 11)"))
        #expect(!FileManager.default.fileExists(atPath: db + ".partial"))

        // The figures `stats` prints come from the database; compare them with the scenario's own values.
        let scenario = try CambodiaScenario(seed: 11, voters: 2_500)
        let stats = try SalaCommand.run(["stats", "--db", db, "--json"])
        #expect(stats.status == 0)
        let decoded = try JSONDecoder().decode(ElectionStatistics.self, from: Data(stats.output.utf8))
        #expect(decoded.provinces == 25)
        #expect(decoded.communes == scenario.reference.communes.count)
        #expect(decoded.pollingStations == CambodiaScenario.officialPollingStations)
        #expect(decoded.registeredVoters == 2_500)
        #expect(decoded.votersOnRegister == 2_500)
        #expect(decoded.parties == 18)
        #expect(decoded.candidates == CambodiaScenario.officialCandidates)
        #expect(decoded.womenCandidates == CambodiaScenario.officialWomenCandidates)
        #expect(decoded.seats == 125)
        #expect(decoded.commissionMembers["national"] == 9)
        #expect(decoded.commissionMembers["commune"] == 5 * decoded.communes)
        #expect(decoded.commissionMembers["polling-station"] == 6 * decoded.pollingStations)

        let table = try SalaCommand.run(["stats", "--db", db])
        #expect(table.output.contains("polling stations                     23,789"))

        let again = try SalaCommand.run(["scenario", "cambodia-2023", "--db", db, "--voters", "100"])
        #expect(again.status != 0)
        #expect(again.error.contains("already exists; pass --force"))
        let forced = try SalaCommand.run(["scenario", "cambodia-2023", "--db", db, "--voters", "100", "--force"])
        #expect(forced.status == 0)
        #expect(try SalaCommand.run(["stats", "--db", db, "--json"]).output.contains("\"votersOnRegister\" : 100"))
    }

    @Test(arguments: [
        (["scenario", "atlantis-2031", "--db", "/tmp/x.sqlite"], "Unknown scenario 'atlantis-2031'"),
        (["scenario", "cambodia-2023", "--db", "/tmp/x.sqlite", "--voters", "0"], "--voters must be between 1 and 9,710,655"),
        (["scenario", "cambodia-2023"], "Give --db PATH or --postgres URL."),
        (["stats", "--db", "a.sqlite", "--postgres", "postgres://x"], "Give either --db or --postgres, not both."),
        (["stats", "--postgres", "mysql://x"], "--postgres must be a URL starting with postgres://"),
        (["stats", "--db", "/nonexistent/sala.sqlite"], "There is no database at /nonexistent/sala.sqlite"),
        (["serve", "--port", "0"], "--port must be between 1 and 65535"),
        (["frobnicate"], "Unexpected argument 'frobnicate'"),
    ])
    func wrongArgumentsGetAClearMessage(arguments: [String], message: String) throws {
        let result = try SalaCommand.run(arguments)
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test(.enabled(if: TestDatabases.postgresURL != nil, "needs SALA_TEST_POSTGRES_URL"))
    func aWrongPostgresPasswordIsReportedAsSuch() throws {
        let configured = try #require(TestDatabases.postgresURL)
        var url = try #require(URLComponents(string: configured))
        url.password = "not-the-password"
        let result = try SalaCommand.run(["stats", "--postgres", try #require(url.string)])
        #expect(result.status != 0)
        #expect(result.error.contains("could not reach the PostgreSQL server: password authentication failed"), "\(result.error)")
    }

    @Test(.enabled(if: TestDatabases.postgresURL != nil, "needs SALA_TEST_POSTGRES_URL"))
    func aPostgresDatabaseWithAnElectionIsNotOverwritten() async throws {
        let store = try #require(try await TestDatabases.postgres())
        // The election and where it came from (a build would write its own seed and register
        // size): other tests add voters, stations, parties and members to this database meanwhile.
        let before = (try await store.election(), try await store.provenance())
        try await store.close()
        let url = try #require(TestDatabases.postgresURL)
        let result = try SalaCommand.run(["scenario", "cambodia-2023", "--postgres", url, "--voters", "10"])
        #expect(result.status != 0)
        #expect(result.error.contains("already holds an election; pass --force"), "\(result.error)")
        let after = try #require(try await TestDatabases.postgres())
        #expect(try await after.election() == before.0)
        #expect(try await after.provenance() == before.1)
        try await after.close()
    }

    @Test func everyCommandHasHelp() throws {
        let top = try SalaCommand.run(["--help"])
        #expect(top.status == 0)
        for command in ["serve", "scenario", "stats"] {
            #expect(top.output.contains(command))
            let help = try SalaCommand.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.output.contains("USAGE: sala \(command)"))
        }
    }

    @Test func serveBuildsAMissingDatabaseAndServes() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("demo.sqlite").path
        let server = try RunningServer(
            arguments: ["serve", "--db", db, "--demo-voters", "1000"], port: SalaCommand.freePort(),
            log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 120))
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(log.contains("No database at \(db): building the cambodia-2023 scenario with 1,000 voters."))
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/en/")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("1,000"))
    }
}

/// `sala election` with records of past elections: listed beside the current one, exported and
/// kept again byte for byte, refused twice without --replace.
@Suite struct ElectionRecordCommandTests {
    @Test func aRecordGoesOutAndBackInTheSame() throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("records.sqlite").path
        let first = directory.appendingPathComponent("first").path, second = directory.appendingPathComponent("second").path
        #expect(try SalaCommand.run(["scenario", "cambodia-2023", "--db", db, "--voters", "100", "--without-register"]).status == 0)

        let list = try SalaCommand.run(["election", "list", "--db", db])
        #expect(list.output.contains("cambodia-2023\t2023-07-23\t125 seats\tNational Assembly election 2023\tcurrent"))
        #expect(list.output.contains("cambodia-2018\t2018-07-29\t125 seats\tNational Assembly election 2018\trecord (official)"))

        #expect(try SalaCommand.run(["election", "export", "cambodia-2018", "--format", "bundle", "--out", first, "--db", db]).status == 0)
        let checked = try SalaCommand.run(["election", "import", first, "--check"])
        #expect(checked.output.contains("no problems. cambodia-2018 (2018-07-29, official): 25 constituencies, 20 parties."), "\(checked.error)")
        let twice = try SalaCommand.run(["election", "import", first, "--db", db])
        #expect(twice.status != 0)
        #expect(twice.error.contains("already keeps a record of 'cambodia-2018'; pass --replace"), "\(twice.error)")
        let replaced = try SalaCommand.run(["election", "import", first, "--db", db, "--replace"])
        #expect(replaced.output.contains("Kept the record of cambodia-2018"), "\(replaced.error)")
        #expect(try SalaCommand.run(["election", "export", "cambodia-2018", "--format", "bundle", "--out", second, "--db", db]).status == 0)
        for file in ["manifest.json", "constituencies.csv", "parties.csv", "totals.csv", "results.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first).appendingPathComponent(file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second).appendingPathComponent(file))
            #expect(a == b, "\(file) differs after the round trip")
        }

        // A record with a mistake names it and keeps nothing.
        let results = URL(fileURLWithPath: first).appendingPathComponent("results.csv")
        try (String(contentsOf: results, encoding: .utf8) + "12,1,many,\n").write(to: results, atomically: true, encoding: .utf8)
        let broken = try SalaCommand.run(["election", "import", first, "--db", db, "--replace"])
        #expect(broken.status != 0)
        #expect(broken.error.contains("results.csv, line 47, votes: not a whole number"), "\(broken.error)")
    }
}
