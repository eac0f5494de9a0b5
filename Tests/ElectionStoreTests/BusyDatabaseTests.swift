import ElectionCore
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Found by probing: with the database locked by another process, writes waited 10 s and got a
/// generic 500 (and those queued behind them 20 s).
@Suite struct BusyDatabaseTests {
    @Test func aWriteThatFindsTheDatabaseLockedIsAnsweredBusyAndLeavesNothing() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let path = directory.appendingPathComponent("busy.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: path)
        let store = try await SQLElectionStore.openSQLite(path: path)

        // Another process (the sqlite3 shell) takes the write lock and keeps it.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        shell.arguments = ["sqlite3", path]
        let input = Pipe(), output = Pipe()
        shell.standardInput = input
        shell.standardOutput = output
        try shell.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            seen.append(output.fileHandleForReading.availableData)
        }

        let refused = await #expect(throws: StoreError.self) {
            _ = try await store.addOfficial(name: "while-locked", role: .necAdministrator, unitCode: "", passwordHash: "!")
        }
        #expect(refused == .busy)

        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        #expect(try await store.officialAccount(named: "while-locked") == nil)
        // Once the lock is gone the same write goes through.
        _ = try await store.addOfficial(name: "while-locked", role: .necAdministrator, unitCode: "", passwordHash: "!")
        #expect(try await store.officialAccount(named: "while-locked") != nil)
        try await store.close()
    }
}
