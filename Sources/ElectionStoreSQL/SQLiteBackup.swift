import ElectionStore
import Foundation
import Logging
import SQLiteNIO

/// Copies of an SQLite database taken while Sala serves it, and checks of such copies.
public enum SQLiteBackup {
    /// Writes a consistent copy of the database at `path` to `destination` with `VACUUM INTO`: a
    /// read transaction of its own connection, so that Sala keeps answering and writing while the
    /// copy is made, and the copy holds every write committed before it began and none after.
    public static func copy(_ path: String, to destination: String) async throws {
        guard !FileManager.default.fileExists(atPath: destination) else { throw StoreError.refused("\(destination) exists already") }
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: Logger(label: "sala.backup"))
        do {
            _ = try await connection.query("PRAGMA busy_timeout = 10000")
            _ = try await connection.query("VACUUM INTO ?", [.text(destination)])
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// SQLite's own check of every page and index of the file at `path`: nil when it is sound, the
    /// first problems SQLite reports otherwise (or why the file is no database at all).
    public static func problems(_ path: String) async -> String? {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: Logger(label: "sala.backup"))
        } catch {
            return "\(error)"
        }
        let found: [String]
        do {
            found = try await connection.query("PRAGMA integrity_check(5)").compactMap { $0.column("integrity_check")?.string }
        } catch {
            found = ["\(error)"]
        }
        try? await connection.close()
        return found == ["ok"] ? nil : found.joined(separator: "; ")
    }
}
