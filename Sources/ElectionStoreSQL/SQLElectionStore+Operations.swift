import ElectionCore
import ElectionStore
import SQLKit

extension SQLElectionStore: OperationsStore {
    public func checkReachable() async throws {
        // A closed SQLite connection must not be queried at all (SQLite's handle is gone).
        if let sqlite = engine as? SQLiteEngine, sqlite.isClosed { throw StoreError.refused("the database is closed") }
        _ = try await engine.read { db in try await db.raw("SELECT 1 AS one").first() }
    }

    /// Two queries: one pass over the result forms (a row per station and version) and counts of
    /// the few complaints and applications, by their indexes.
    public func queueDepths() async throws -> QueueDepths {
        try await engine.read { db in
            var forms = Dictionary(uniqueKeysWithValues: FormStatus.allCases.filter { $0 != .accepted }.map { ($0, 0) })
            for row in try await db.raw("SELECT status, COUNT(*) AS n FROM result_forms WHERE status <> 'accepted' GROUP BY status").all() {
                if let status = FormStatus(rawValue: try Rows.text(row, "status")) { forms[status] = try Rows.integer(row, "n") }
            }
            let counts = try await db.raw("""
                SELECT
                    (SELECT COUNT(*) FROM complaints c
                     WHERE (SELECT kind FROM complaint_steps s WHERE s.complaint_id = c.id ORDER BY number DESC LIMIT 1) <> 'decision') AS complaints,
                    (SELECT COUNT(*) FROM accreditation_applications WHERE status = 'submitted') AS submitted,
                    (SELECT COUNT(*) FROM accreditation_applications WHERE status = 'more-information') AS more_information
                """).first()
            return QueueDepths(
                resultForms: forms,
                complaintsUndecided: try counts.map { try Rows.integer($0, "complaints") } ?? 0,
                accreditationApplications: [
                    .submitted: try counts.map { try Rows.integer($0, "submitted") } ?? 0,
                    .moreInformation: try counts.map { try Rows.integer($0, "more_information") } ?? 0,
                ])
        }
    }
}
