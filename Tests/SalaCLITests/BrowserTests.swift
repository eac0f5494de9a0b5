import ElectionTestSupport
import Foundation
import Testing

/// The pages people use most, in a real browser: headless Chromium driven by selenium
/// (`Tests/browser/portal_test.py`) against a running `sala serve`.
@Suite struct BrowserTests {
    static var browserAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
    }

    @Test(.enabled(
        if: browserAvailable || TestDatabases.required("SALA_REQUIRE_BROWSER"),
        "Chromium not installed: apt-get install chromium chromium-driver fonts-khmeros, pip install selenium"))
    func registrationCheckAndStationFinderInChromium() async throws {
        let db = try await TestDatabases.sqlitePath()
        let directory = try TestDatabases.temporaryDirectory()
        let server = try RunningServer(
            arguments: ["serve", "--db", db, "--registration-checks-per-minute", "1000"], port: SalaCommand.freePort(), log: directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        #expect(try await server.waitUntilReady(seconds: 60))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", SalaCommand.packageRoot.appendingPathComponent("Tests/browser/portal_test.py").path,
            "--url", "http://127.0.0.1:\(server.port)", "--db", db,
            "--screenshots", directory.appendingPathComponent("screenshots").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains(" passed, 0 failed"), "\(text)")
    }

    @Test(.enabled(
        if: browserAvailable || TestDatabases.required("SALA_REQUIRE_BROWSER"),
        "Chromium not installed: apt-get install chromium chromium-driver fonts-khmeros, pip install selenium"))
    func twoOfficialsEnterAFormAndTheResultsShowItInChromium() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("night.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        let password = "browser test passphrase"
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

    @Test(.enabled(
        if: browserAvailable || TestDatabases.required("SALA_REQUIRE_BROWSER"),
        "Chromium not installed: apt-get install chromium chromium-driver fonts-khmeros, pip install selenium"))
    func anObserverFillsInAChecklistOnAPhoneInChromium() async throws {
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

    /// Runs a script of `Tests/browser` with python3, returning its exit status and output.
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SalaCommand.packageRoot.appendingPathComponent("Tests/browser/\(arguments[0])").path]
            + arguments.dropFirst()
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
