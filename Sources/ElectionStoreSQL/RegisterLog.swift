import ElectionCore
import SQLKit

/// The `register_log` table: a line for every change to what the public registration check
/// answers, written in the changing transaction, read by ``RegistrationIndexKeeper``.
enum RegisterLog {
    /// What changed.
    enum Scope: String, Sendable {
        /// One voter (added, moved, removed).
        case voter
        /// Many voters at once (an import, the list fixed): the index is built again.
        case register
        /// Polling stations' details.
        case stations
    }

    /// Notes a change inside transaction `tx`. On PostgreSQL the table is locked first, so that a
    /// later version never becomes visible before an earlier one (a reader keeps the last it saw).
    static func note(_ scope: Scope, voter: VoterNumber? = nil, in tx: any SQLTransaction) async throws {
        if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE register_log IN EXCLUSIVE MODE").run() }
        try await tx.sql.raw(
            "INSERT INTO register_log (scope, voter_number) VALUES (\(bind: scope.rawValue), \(bind: voter?.value))").run()
    }

    /// A line read back.
    struct Line: Sendable {
        let version: Int
        let scope: Scope
        let voter: VoterNumber?
    }

    /// The lines after `version`, oldest first, and the newest version there is (lower than
    /// `version` when the database was replaced under the reader).
    static func lines(after version: Int, in db: any SQLDatabase) async throws -> (lines: [Line], newest: Int) {
        let newest = try await db.raw("SELECT COALESCE(MAX(version), 0) AS n FROM register_log").first()
            .map { try Rows.integer($0, "n") } ?? 0
        guard newest > version else { return ([], newest) }
        let lines = try await db.raw("""
            SELECT version, scope, voter_number FROM register_log WHERE version > \(bind: version) ORDER BY version LIMIT 100001
            """).all().map { row in
            Line(version: try Rows.integer(row, "version"),
                 scope: Scope(rawValue: try Rows.text(row, "scope")) ?? .register,
                 voter: try row.decode(column: "voter_number", as: Int?.self).flatMap(VoterNumber.init(value:)))
        }
        return (lines, newest)
    }
}
