import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// The pages people use most, in a real browser: headless Chromium driven by selenium
/// (`Tests/browser/portal_test.py`) against a running `sala serve`.
///
/// A machine without one of the browser parts skips these tests, naming what is missing;
/// `SALA_REQUIRE_BROWSER=1` (CI, `.ci/run`) runs them anyway, so a missing part fails.
@Suite(.enabled(if: BrowserParts.missing.isEmpty || TestDatabases.required("SALA_REQUIRE_BROWSER"), "\(BrowserParts.explanation)"))
struct BrowserTests {
    init() throws {
        try #require(BrowserParts.missing.isEmpty, "SALA_REQUIRE_BROWSER=1, but \(BrowserParts.explanation)")
    }

    @Test func registrationCheckAndStationFinderInChromium() async throws {
        let db = try await TestDatabases.sqlitePath()
        let directory = try TestDatabases.temporaryDirectory()
        let server = try RunningServer(
            arguments: ["serve", "--db", db, "--registration-checks-per-minute", "1000"], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))

        let text = try Self.python(["portal_test.py", "--url", "http://127.0.0.1:\(server.port)", "--db", db,
                                    "--screenshots", directory.appendingPathComponent("screenshots").path])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    /// axe-core on the main public pages, English and Khmer, at a phone's width and a desktop's:
    /// no serious or critical violation.
    @Test func theMainPagesPassAxeAtPhoneAndDesktopSizes() async throws {
        let db = try await TestDatabases.sqlitePath()
        let directory = try TestDatabases.temporaryDirectory()
        let server = try RunningServer(arguments: ["serve", "--db", db], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python(["accessibility_test.py", "--url", "http://127.0.0.1:\(server.port)", "--db", db])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    @Test func twoOfficialsEnterAFormAndTheResultsShowItInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("night.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let password = "river stones under moonlight"
        for name in ["clerk.one", "clerk.two"] {
            let added = try SalaCommand.run(
                ["user", "add", "--db", db, "--role", "commune-official", "--unit", "010201", "--password-stdin", name], input: password + "\n")
            #expect(added.status == 0, "\(added.error)")
        }
        let server = try RunningServer(arguments: ["serve", "--db", db], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python(["results_test.py", "--url", "http://127.0.0.1:\(server.port)", "--db", db, "--password", password,
                                    "--screenshots", directory.appendingPathComponent("screenshots").path])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    @Test func anObserverFillsInAChecklistOnAPhoneInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("observe.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let token = try SalaCommand.run(["mission", "token", "--db", db, "demo-2023", "3"])
        #expect(token.status == 0, "\(token.error)")
        let server = try RunningServer(arguments: ["serve", "--db", db], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python(["observe_test.py", "--url", "http://127.0.0.1:\(server.port)",
                                    "--code", token.output.trimmingCharacters(in: .whitespacesAndNewlines),
                                    "--screenshots", directory.appendingPathComponent("screenshots").path])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    @Test func theNECRegistersAPartyAndItsAgentSubmitsAListInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("nominations.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let password = "river stones under moonlight"
        let added = try SalaCommand.run(
            ["user", "add", "--db", db, "--role", "nec-administrator", "--password-stdin", "nec.admin"], input: password + "\n")
        #expect(added.status == 0, "\(added.error)")
        let server = try RunningServer(arguments: ["serve", "--db", db], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python(["nominations_test.py", "--url", "http://127.0.0.1:\(server.port)", "--db", db, "--password", password,
                                    "--screenshots", directory.appendingPathComponent("screenshots").path])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    @Test func anOrganisationAppliesAndTheNECAcceptsAndPrintsTheBadgeInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("accreditation.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let password = "river stones under moonlight"
        let added = try SalaCommand.run(
            ["user", "add", "--db", db, "--role", "nec-administrator", "--password-stdin", "nec.admin"], input: password + "\n")
        #expect(added.status == 0, "\(added.error)")
        let organisation = try SalaCommand.run([
            "accreditation", "add-organisation", "--db", db, "--id", "browser-watch", "--name-en", "Browser Watch",
            "--name-km", "អ្នកឃ្លាំមើល", "--kind", "national",
        ])
        #expect(organisation.status == 0, "\(organisation.error)")
        let code = try SalaCommand.run(["accreditation", "code", "--db", db, "browser-watch"])
        #expect(code.status == 0, "\(code.error)")
        let server = try RunningServer(arguments: ["serve", "--db", db], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python([
            "accreditation_test.py", "--url", "http://127.0.0.1:\(server.port)", "--code", code.output.trimmingCharacters(in: .whitespacesAndNewlines),
            "--password", password, "--screenshots", directory.appendingPathComponent("screenshots").path,
        ])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    @Test func aStationOfficialReportsOpeningOfflineAndTurnoutOnAPhoneInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("election-day.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let store = try await TestDatabases.sqlite()
        let station = try #require(try await store.pollingStations(inCommune: "010201").max { $0.registeredVoters < $1.registeredVoters })
        try await store.close()
        let password = "river stones under moonlight"
        let added = try SalaCommand.run(
            ["user", "add", "--db", db, "--role", "station-official", "--unit", station.id.rawValue, "--password-stdin", "psc.browser"],
            input: password + "\n")
        #expect(added.status == 0, "\(added.error)")
        let server = try RunningServer(
            arguments: ["serve", "--db", db, "--clock-start", "2023-07-23T09:10:00+07:00"], port: SalaCommand.freePort(),
            log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python([
            "election_day_test.py", "--url", "http://127.0.0.1:\(server.port)", "--name", "psc.browser", "--password", password,
            "--station", station.id.rawValue, "--registered", String(station.registeredVoters),
            "--screenshots", directory.appendingPathComponent("screenshots").path,
        ])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    @Test func aCitizenLodgesAComplaintAndFollowsItOnAPhoneInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("complaints.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let store = try await TestDatabases.sqlite()
        let station = try #require(try await store.pollingStations(inCommune: "010201").first)
        try await store.close()
        let password = "river stones under moonlight"
        let added = try SalaCommand.run(
            ["user", "add", "--db", db, "--role", "commune-official", "--unit", "010201", "--password-stdin", "cec.browser"], input: password + "\n")
        #expect(added.status == 0, "\(added.error)")
        let server = try RunningServer(arguments: ["serve", "--db", db], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python([
            "complaint_test.py", "--url", "http://127.0.0.1:\(server.port)", "--station", station.id.rawValue, "--name", "cec.browser",
            "--password", password, "--screenshots", directory.appendingPathComponent("screenshots").path,
        ])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    /// An observer copies a sampled station's count on a phone; the quick count's page, open in
    /// Khmer at a phone's width, counts one more station by itself.
    @Test func anObserverSendsACountAndTheQuickCountUpdatesInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("quick-count.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let store = try await TestDatabases.sqlite()
        let sample = try #require(try await store.quickCountSample(ofMission: "demo-2023"))
        let reported = Set(try await store.observedCounts(ofMission: "demo-2023").map(\.stationCode))
        try await store.close()
        let station = try #require(sample.sampled.first { !reported.contains($0.code) }, "every sampled station has reported").code
        let token = try SalaCommand.run(["mission", "token", "--db", db, "demo-2023", "4"])
        #expect(token.status == 0, "\(token.error)")
        let server = try RunningServer(arguments: ["serve", "--db", db], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))
        let text = try Self.python([
            "quick_count_test.py", "--url", "http://127.0.0.1:\(server.port)", "--code", token.output.trimmingCharacters(in: .whitespacesAndNewlines),
            "--station", station.rawValue, "--screenshots", directory.appendingPathComponent("screenshots").path,
        ])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains(" passed, 0 failed"), "\(text.output)")
    }

    /// Runs a script of `Tests/browser` with python3, returning its exit status and output.
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Python3.run(
            [SalaCommand.packageRoot.appendingPathComponent("Tests/browser/\(arguments[0])").path] + arguments.dropFirst())
    }
}

/// What the browser tests need beyond Swift: Debian's Chromium and its driver at the paths
/// `Tests/browser/portal_test.py` uses, python3 on the PATH, and python's selenium module.
enum BrowserParts {
    /// The missing parts, each with how to install it; empty when the browser tests can run.
    /// Checked once per test process.
    static let missing: [String] = {
        var missing: [String] = []
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            missing.append("/usr/bin/chromium (apt-get install chromium fonts-khmeros)")
        }
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") {
            missing.append("/usr/bin/chromedriver (apt-get install chromium-driver)")
        }
        // The scripts run as `env python3`, so the check asks the same python3 for selenium;
        // env exits with 127 when there is no python3 on the PATH.
        switch (try? Python3.run(["-c", "import selenium, axe_selenium_python"]))?.status {
        case 0: break
        case nil, 126, 127: missing.append("python3 (apt-get install python3), with its selenium and axe-selenium-python modules")
        default: missing.append("the python3 modules selenium and axe-selenium-python (pip install selenium axe-selenium-python)")
        }
        return missing
    }()

    /// Why the browser tests cannot run here, for the skip or failure message.
    static var explanation: String {
        missing.isEmpty ? "every browser part is installed" : "browser parts missing: " + missing.joined(separator: "; ")
    }
}
