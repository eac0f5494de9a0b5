import ElectionCore
import ElectionScenario
import ElectionTestSupport
import Foundation
import Testing

/// `sala user`, `sala results` and `sala tally` end to end on a copy of the small test database.
@Suite(.serialized) struct ResultsCommandTests {
    static func database() async throws -> String {
        let copy = try TestDatabases.temporaryDirectory().appendingPathComponent("results.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: copy)
        return copy
    }

    @Test func userAddPrintsAPasswordOnceAndRefusesBadAccounts() async throws {
        let db = try await Self.database()
        let added = try SalaCommand.run(["user", "add", "--db", db, "--role", "commune-official", "--unit", "010201", "cec.one"])
        #expect(added.status == 0, "\(added.error)")
        let password = try #require(added.output.firstMatch(of: /Password \(shown only now\): ([A-Za-z0-9]{16})/)).1
        #expect(!password.isEmpty)
        let again = try SalaCommand.run(["user", "add", "--db", db, "--role", "commune-official", "--unit", "010201", "cec.one"])
        #expect(again.status != 0)
        #expect(again.error.contains("exists already"))
        let badUnit = try SalaCommand.run(["user", "add", "--db", db, "--role", "commune-official", "--unit", "99", "x.y.z"])
        #expect(badUnit.status != 0)
        #expect(badUnit.error.contains("6-digit"))
        let unknownUnit = try SalaCommand.run(["user", "add", "--db", db, "--role", "commune-official", "--unit", "999999", "x.y.z"])
        #expect(unknownUnit.status != 0)
        #expect(unknownUnit.error.contains("no commune with identifier 999999"))
        let badRole = try SalaCommand.run(["user", "add", "--db", db, "--role", "king", "x.y.z"])
        #expect(badRole.status != 0)
        #expect(badRole.error.contains("--role must be one of"))
        let short = try SalaCommand.run(["user", "add", "--db", db, "--role", "nec-administrator", "--password-stdin", "nec"], input: "short\n")
        #expect(short.status != 0)
        #expect(short.error.contains("at least 12 characters"))
        let listed = try SalaCommand.run(["user", "list", "--db", db])
        #expect(listed.output.contains("cec.one\tcommune-official\t010201"))
        #expect(!listed.output.contains("nec\t"))
        // Found by probing: `aaaaaaaaaaaa` and a password equal to the account's name were accepted.
        for weak in ["aaaaaaaaaaaa", "nec.phnompenh", "nec.phnompenh!!"] {
            let refused = try SalaCommand.run(
                ["user", "add", "--db", db, "--role", "nec-administrator", "--password-stdin", "nec.phnompenh"], input: weak + "\n")
            #expect(refused.status != 0, "\(weak)")
            #expect(refused.error.contains("The password is refused"), "\(refused.error)")
        }
    }

    /// An account's life on the command line: a reset, disabling and enabling, tokens that expire
    /// and are revoked, signing out everywhere, and the log that records each.
    @Test func anAccountIsResetDisabledEnabledAndLogged() async throws {
        let db = try await Self.database()
        #expect(try SalaCommand.run(["user", "add", "--db", db, "--role", "commune-official", "--unit", "010201", "cec.two"]).status == 0)
        let reset = try SalaCommand.run(["user", "password", "--db", db, "cec.two"])
        #expect(reset.status == 0, "\(reset.error)")
        #expect(reset.output.contains("Password (shown only now): "))
        let token = try SalaCommand.run(["user", "token", "--db", db, "--label", "scanner", "--days", "7", "cec.two"])
        #expect(token.status == 0 && token.output.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
        #expect(try SalaCommand.run(["user", "token", "--db", db, "--days", "0", "cec.two"]).error.contains("--days must be between"))
        #expect(try SalaCommand.run(["user", "disable", "--db", db, "--reason", "left the commission", "cec.two"]).status == 0)
        #expect(try SalaCommand.run(["user", "list", "--db", db]).output.contains("cec.two\tcommune-official\t010201\tdisabled"))
        #expect(try SalaCommand.run(["user", "enable", "--db", db, "cec.two"]).status == 0)
        #expect(try SalaCommand.run(["user", "revoke", "--db", db, "--label", "scanner", "cec.two"]).output.contains("1 token of cec.two revoked"))
        #expect(try SalaCommand.run(["user", "sign-out", "--db", db, "cec.two"]).output.contains("0 sessions of cec.two ended"))
        #expect(try SalaCommand.run(["user", "disable", "--db", db, "nobody.here"]).error.contains("There is no account named nobody.here"))
        let log = try SalaCommand.run(["user", "log", "--db", db, "cec.two"]).output.split(separator: "\n").map { $0.split(separator: "\t")[1] }
        #expect(log == ["signed-out-everywhere", "token-revoked", "enabled", "disabled", "token-added", "password-reset", "added"])
    }

    @Test func replayThenTallyAndExportReadTheSameForms() async throws {
        let db = try await Self.database()
        let replay = try SalaCommand.run(["results", "replay", "cambodia-2023", "--db", db, "--seed", "5"])
        #expect(replay.status == 0, "\(replay.error)")
        #expect(replay.output.contains("Replayed 23,789 forms"))
        #expect(replay.output.contains("publication 1"))

        // The forms the replay entered are the generator's: their sum is what tally must print.
        let scenario = TestDatabases.scenario
        let forms = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 5)
            .counts(for: scenario.reference.pollingStations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        var expected = ResultCounts.zero
        for form in forms { expected.add(form) }

        let tally = try SalaCommand.run(["tally", "--db", db, "--json"])
        #expect(tally.status == 0, "\(tally.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(tally.output.utf8)) as? [String: Any])
        let units = try #require(json["units"] as? [[String: Any]])
        #expect(units.count == 26)
        #expect(units[0]["ballotsCast"] as? Int == expected.ballotsInBox)
        #expect(units[0]["validVotes"] as? Int == expected.validVotes)
        #expect(units[0]["invalidBallots"] as? Int == expected.invalidBallots)
        #expect(units[0]["status"] as? String == "official")
        // With a register this small, equal votes can leave a seat to a drawing of lots: the
        // seats allocated and the seats in ties make up the assembly.
        let seats = (units[0]["parties"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["seats"] as? Int ?? 0) }
        let tied = units.dropFirst().reduce(0) { $0 + (($1["tie"] as? [String: Any])?["seats"] as? Int ?? 0) }
        #expect(seats + tied == 125)

        let province = try SalaCommand.run(["tally", "--db", db, "--level", "province", "--code", "12"])
        #expect(province.status == 0)
        #expect(province.output.components(separatedBy: "elected: ").count - 1 == 12)
        let station = try SalaCommand.run(["tally", "--db", db, "--level", "station", "--code", scenario.reference.pollingStations[0].id.rawValue, "--json"])
        #expect(station.status == 0)
        #expect(station.output.contains("\"ballotsCast\" : \(forms[0].ballotsInBox)"))
        let badLevel = try SalaCommand.run(["tally", "--db", db, "--level", "district"])
        #expect(badLevel.status != 0)
        let badCode = try SalaCommand.run(["tally", "--db", db, "--level", "commune", "--code", "12"])
        #expect(badCode.status != 0)
        #expect(badCode.error.contains("6-digit commune code"))

        let exported = try SalaCommand.run(["results", "export", "--db", db, "--format", "nist-cdf-json", "--publication", "1"])
        #expect(exported.status == 0, "\(exported.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(exported.output.utf8)) as? [String: Any])
        #expect(report["Status"] as? String == "certified")
        let counts = (report["Election"] as? [[String: Any]])?.first?["BallotCounts"] as? [[String: Any]] ?? []
        #expect(counts.first { $0["GpUnitId"] as? String == "gpu-national" }?["BallotsCast"] as? Int == expected.ballotsInBox)
        let wrongFormat = try SalaCommand.run(["results", "export", "--db", db, "--format", "xml"])
        #expect(wrongFormat.status != 0)

        // Anyone checks the publication's signature offline with the NEC's public key; a changed copy fails.
        let directory = try TestDatabases.temporaryDirectory()
        let content = directory.appendingPathComponent("publication-1.json").path
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let signatureFile = directory.appendingPathComponent("signature").path
        sqlite.arguments = ["sqlite3", db, "SELECT writefile('\(content)', content), writefile('\(signatureFile)', signature) FROM publications WHERE number = 1"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let signature = try String(contentsOfFile: signatureFile, encoding: .utf8)
        let key = try SalaCommand.run(["accreditation", "key", "--db", db]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let holds = try SalaCommand.run(["verify", "publication", content, "--signature=\(signature)", "--public-key=\(key)"])
        #expect(holds.status == 0, "\(holds.output) \(holds.error)")
        #expect(holds.output.contains("The signature holds"))
        var changed = try Data(contentsOf: URL(fileURLWithPath: content))
        changed[changed.count / 2] ^= 0x01
        try changed.write(to: URL(fileURLWithPath: content))
        let fails = try SalaCommand.run(["verify", "publication", content, "--signature=\(signature)", "--public-key=\(key)"])
        #expect(fails.status == 1)
        #expect(fails.output.contains("does not hold"))

        let twice = try SalaCommand.run(["results", "replay", "cambodia-2023", "--db", db])
        #expect(twice.status != 0)
        #expect(twice.error.contains("already holds result forms"))
    }
}
