import ElectionTestSupport
import Foundation
import Testing

/// `sala backup` and `sala restore`: a copy taken from a database in use holds what was written
/// before it and nothing after; a restore is checked before it replaces anything.
@Suite(.serialized) struct BackupCommandTests {
    @Test func anSQLiteBackupRestoresWhatWasWrittenBeforeItAndRefusesADamagedCopy() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("live.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        #expect(try SalaCommand.run(["user", "add", "--db", db, "--role", "nec-administrator", "before.backup"]).status == 0)
        let backup = directory.appendingPathComponent("sala-backup.sqlite").path
        let made = try SalaCommand.run(["backup", "--db", db, "--out", backup])
        #expect(made.status == 0, "\(made.error)")
        #expect(made.output.contains("Backed up to"))
        #expect(try SalaCommand.run(["backup", "--db", db, "--out", backup]).error.contains("exists already"))
        #expect(try SalaCommand.run(["user", "add", "--db", db, "--role", "nec-administrator", "after.backup"]).status == 0)

        // Not over a database that exists, unless told.
        let refused = try SalaCommand.run(["restore", "--db", db, backup])
        #expect(refused.status != 0)
        #expect(refused.error.contains("--force"))
        let restored = try SalaCommand.run(["restore", "--db", db, "--force", backup])
        #expect(restored.status == 0, "\(restored.error)")
        #expect(restored.output.contains("cambodia-2023"))
        let accounts = try SalaCommand.run(["user", "list", "--db", db]).output
        #expect(accounts.contains("before.backup"))
        #expect(!accounts.contains("after.backup"))

        // A damaged copy replaces nothing.
        var damaged = try Data(contentsOf: URL(fileURLWithPath: backup))
        for i in stride(from: 4096, to: min(damaged.count, 4096 * 40), by: 97) { damaged[i] ^= 0x5A }
        let bad = directory.appendingPathComponent("damaged.sqlite")
        try damaged.write(to: bad)
        let badRestore = try SalaCommand.run(["restore", "--db", db, "--force", bad.path])
        #expect(badRestore.status != 0)
        #expect(badRestore.error.contains("nothing was replaced"), "\(badRestore.error)")
        #expect(try SalaCommand.run(["user", "list", "--db", db]).output.contains("before.backup"))
    }

    @Test func aPostgreSQLBackupRoundTripsThroughPgDumpAndPgRestore() async throws {
        guard let url = TestDatabases.postgresURL else { return }
        // The shared database, loaded with the scenario if it is not yet.
        if let store = try await TestDatabases.postgres() { try await store.close() }
        // Other tests add accounts to the shared database while this one runs: the copy must hold
        // every account there was before the backup, and none that was not there after it.
        let mark = UInt32.random(in: 0...UInt32.max)
        #expect(try SalaCommand.run(["user", "add", "--postgres", url, "--role", "nec-administrator", "before.\(mark)"]).status == 0)
        let before = try Self.accounts(url)
        let directory = try TestDatabases.temporaryDirectory()
        let backup = directory.appendingPathComponent("sala.pgdump").path
        let made = try SalaCommand.run(["backup", "--postgres", url, "--out", backup])
        #expect(made.status == 0, "\(made.error)")
        // Restored into a database of its own, made for the test and dropped after.
        let name = "sala_restore_\(UInt32.random(in: 0...UInt32.max))"
        let base = String(url[..<(url.lastIndex(of: "/") ?? url.endIndex)])
        #expect(try Self.psql(url, "CREATE DATABASE \(name)") == 0)
        defer { _ = try? Self.psql(url, "DROP DATABASE IF EXISTS \(name)") }
        let restored = try SalaCommand.run(["restore", "--postgres", "\(base)/\(name)", backup])
        #expect(restored.status == 0, "\(restored.error)")
        #expect(restored.output.contains("cambodia-2023"))
        #expect(try SalaCommand.run(["user", "add", "--postgres", url, "--role", "nec-administrator", "after.\(mark)"]).status == 0)
        let after = try Self.accounts(url)
        let copy = try Self.accounts("\(base)/\(name)")
        #expect(before.contains("before.\(mark)") && after.contains("after.\(mark)"))
        #expect(before.isSubset(of: copy), "\(before.subtracting(copy))")
        #expect(copy.isSubset(of: after) && !copy.contains("after.\(mark)"), "\(copy.subtracting(after))")
    }

    /// The account names `sala user list` gives for the database at `url` (other tests may
    /// disable an account meanwhile, so only the names are compared).
    static func accounts(_ url: String) throws -> Set<Substring> {
        let listed = try SalaCommand.run(["user", "list", "--postgres", url])
        #expect(listed.status == 0, "\(listed.error)")
        return Set(listed.output.split(separator: "\n").compactMap { $0.split(separator: "\t").first })
    }

    static func psql(_ url: String, _ sql: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
