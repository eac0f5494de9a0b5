import ElectionCore
import ElectionStore
import Foundation

/// `sala election`: the elections a database holds, and one taken out in an open format.
public enum ElectionExport {
    /// One line about each election the store holds: the current one and the records, newest first.
    public static func list(_ store: some ElectionStore & ElectionRecordStore) async throws -> [ElectionSummary] {
        try await store.elections()
    }

    /// The election `id` as the store holds it (the register aside), or a refusal naming the
    /// election the store holds.
    public static func election(_ id: String, in store: any ElectionLoading) async throws -> ElectionReferenceData {
        let reference = try await store.referenceData()
        guard reference.election.id == id else {
            throw OperationRefusal(
                "No election '\(id)' is administered in this database; it holds '\(reference.election.id)'. A record of a past election is exported with --format bundle.")
        }
        return reference
    }

    /// The election `id` as a NIST SP 1500-100 v2 pre-election `ElectionReport` (JSON, keys sorted).
    public static func nist(_ store: any ElectionLoading, id: String, generatedAt: Date) async throws -> Data {
        try NISTResultsExport.json(try await election(id, in: store), generatedAt: generatedAt)
    }
}
