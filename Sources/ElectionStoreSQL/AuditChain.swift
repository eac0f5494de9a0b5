import Crypto
import ElectionStore
import Foundation
import SQLKit

/// The audit chain: the changes the triggers of migration 034 wrote into `audit_pending`, sealed
/// into `audit_log` before each transaction commits, each entry with the SHA-256 of the entry
/// before it and of its own fields. An entry edited, removed or moved breaks the chain where it
/// happened; rewriting the whole chain after it changes the head, which is printed by
/// `sala audit verify` to be kept outside the database.
enum AuditChain {
    /// The hash before the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// Seals what the transaction's triggers wrote, in the order they wrote it. On PostgreSQL the
    /// chain's table is locked until commit, so transactions seal one after another and the
    /// chain never forks.
    static func seal(_ tx: any SQLTransaction) async throws {
        // Taken out in one statement: the rows this transaction's triggers wrote (another
        // transaction's are not visible until it commits, and each seals its own before then).
        // RETURNING gives no order; the triggers' order is the ids'.
        let pending = try await tx.sql.raw("DELETE FROM audit_pending RETURNING *").all()
            .map { row in (id: try row.decode(column: "id", as: Int.self), row: row) }
            .sorted { $0.id < $1.id }
        guard !pending.isEmpty else { return }
        if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE audit_log IN EXCLUSIVE MODE").run() }
        let head = try await tx.sql.raw("SELECT position, hash FROM audit_log ORDER BY position DESC LIMIT 1").first()
        var position = try head.map { try $0.decode(column: "position", as: Int.self) } ?? 0
        var previous = try head.map { try $0.decode(column: "hash", as: String.self) } ?? genesis
        var rows: [[BulkValue]] = []
        for (_, row) in pending {
            position += 1
            let entry = AuditEntry(
                position: position, at: try row.decode(column: "at", as: String.self),
                subject: try row.decode(column: "subject", as: String.self), operation: try row.decode(column: "operation", as: String.self),
                oldRow: try row.decode(column: "old_row", as: String?.self), newRow: try row.decode(column: "new_row", as: String?.self),
                previousHash: previous, hash: "")
            let hash = entry.computedHash
            rows.append([.integer(position), .text(entry.at), .text(entry.subject), .text(entry.operation), .optional(entry.oldRow),
                         .optional(entry.newRow), .text(previous), .text(hash)])
            previous = hash
        }
        try await tx.bulkInsert(
            into: "audit_log", columns: ["position", "at", "subject", "operation", "old_row", "new_row", "previous_hash", "hash"], rows: rows)
    }

    /// Walks the whole chain, a page at a time, and says where it does not hold.
    static func verify(_ db: any SQLDatabase) async throws -> AuditVerdict {
        var problems: [AuditVerdict.Problem] = []
        var expected = 1
        var previous = genesis
        var last = 0
        while problems.count < 20 {
            let page = try await db.raw("""
                SELECT * FROM audit_log WHERE position > \(bind: last) ORDER BY position LIMIT 10000
                """).all().map(AuditEntry.init(row:))
            guard !page.isEmpty else { break }
            for entry in page {
                if entry.position != expected {
                    problems.append(.init(position: expected, kind: .removed))
                }
                if entry.computedHash != entry.hash {
                    problems.append(.init(position: entry.position, kind: .edited))
                } else if entry.previousHash != previous {
                    problems.append(.init(position: entry.position, kind: .outOfOrder))
                }
                expected = entry.position + 1
                previous = entry.hash
                last = entry.position
            }
        }
        let pending = try await db.raw("SELECT COUNT(*) AS n FROM audit_pending").first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
        return AuditVerdict(entries: last, head: previous, unsealed: pending, problems: Array(problems.prefix(20)))
    }
}

/// One sealed entry of the audit chain.
struct AuditEntry {
    let position: Int
    let at: String
    let subject: String
    let operation: String
    let oldRow: String?
    let newRow: String?
    let previousHash: String
    let hash: String

    init(position: Int, at: String, subject: String, operation: String, oldRow: String?, newRow: String?, previousHash: String, hash: String) {
        (self.position, self.at, self.subject, self.operation, self.oldRow, self.newRow, self.previousHash, self.hash) =
            (position, at, subject, operation, oldRow, newRow, previousHash, hash)
    }

    init(row: any SQLRow) throws {
        self.init(
            position: try row.decode(column: "position", as: Int.self), at: try row.decode(column: "at", as: String.self),
            subject: try row.decode(column: "subject", as: String.self), operation: try row.decode(column: "operation", as: String.self),
            oldRow: try row.decode(column: "old_row", as: String?.self), newRow: try row.decode(column: "new_row", as: String?.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }

    /// SHA-256 of the previous hash and every field, each field's length before it so that no two
    /// different entries write the same bytes.
    var computedHash: String {
        var hasher = SHA256()
        hasher.update(data: Array(previousHash.utf8))
        for field in [String(position), at, subject, operation, oldRow ?? "\u{0}", newRow ?? "\u{0}"] {
            hasher.update(data: Array("\n\(field.utf8.count):".utf8))
            hasher.update(data: Array(field.utf8))
        }
        return Canonical.hex(hasher.finalize())
    }

}
