import ElectionTestSupport
import Foundation
import Testing

/// `sala audit verify`: every change to accounts, results and the register is sealed into a
/// chain; an entry edited, removed or moved behind Sala's back is found and named, and a backup
/// whose chain does not hold is not restored.
@Suite(.serialized) struct AuditCommandTests {
    static func sqlite(_ db: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", db, sql]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 refused: \(sql)")
    }

    @Test func anEditedRemovedOrMovedEntryIsFoundAndNamed() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let db = directory.appendingPathComponent("audit.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: db)
        for name in ["audit.one", "audit.two", "audit.three"] {
            #expect(try SalaCommand.run(["user", "add", "--db", db, "--role", "nec-administrator", name]).status == 0)
        }
        #expect(try SalaCommand.run(["user", "disable", "--db", db, "audit.two"]).status == 0)
        let sound = try SalaCommand.run(["audit", "verify", "--db", db])
        #expect(sound.status == 0, "\(sound.output) \(sound.error)")
        #expect(sound.output.contains("The audit chain holds"))
        let counted = try #require(sound.output.firstMatch(of: /([0-9]+) entries/)).1
        let entries = try #require(Int(counted))
        #expect(entries >= 8)
        let backup = directory.appendingPathComponent("before-tampering.sqlite").path
        #expect(try SalaCommand.run(["backup", "--db", db, "--out", backup]).status == 0)

        // Someone with the file changes what an entry says: the account was never disabled.
        try Self.sqlite(db, "UPDATE audit_log SET new_row = replace(new_row, 'disabled', 'enabled') WHERE position = 8")
        let edited = try SalaCommand.run(["audit", "verify", "--db", db])
        #expect(edited.status == 1)
        #expect(edited.output.contains("Entry 8 was changed after it was sealed"), "\(edited.output)")

        // Removing an entry, or swapping two, is named too.
        var copy = directory.appendingPathComponent("removed.sqlite").path
        try FileManager.default.copyItem(atPath: backup, toPath: copy)
        try Self.sqlite(copy, "DELETE FROM audit_log WHERE position = 3")
        let removed = try SalaCommand.run(["audit", "verify", "--db", copy])
        #expect(removed.status == 1)
        #expect(removed.output.contains("Entry 3 is missing"), "\(removed.output)")
        copy = directory.appendingPathComponent("moved.sqlite").path
        try FileManager.default.copyItem(atPath: backup, toPath: copy)
        try Self.sqlite(copy, "UPDATE audit_log SET position = -position WHERE position IN (4, 5); UPDATE audit_log SET position = 9 + position WHERE position IN (-4, -5)")
        let moved = try SalaCommand.run(["audit", "verify", "--db", copy])
        #expect(moved.status == 1)
        #expect(moved.output.contains("Entry 4") && moved.output.contains("Entry 5"), "\(moved.output)")

        // A backup whose chain was changed is not restored.
        let restored = try SalaCommand.run(["restore", "--db", directory.appendingPathComponent("new.sqlite").path, db])
        #expect(restored.status != 0)
        #expect(restored.error.contains("audit chain"), "\(restored.error)")
        let good = try SalaCommand.run(["restore", "--db", directory.appendingPathComponent("good.sqlite").path, backup])
        #expect(good.status == 0, "\(good.error)")
        #expect(good.output.contains("the audit chain holds: \(entries) entries"))
    }
}
