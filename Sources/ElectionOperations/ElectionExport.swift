import ElectionCore
import ElectionStore
import Foundation

/// `sala election`: the elections a database holds, and one taken out in an open format.
public enum ElectionExport {
    /// One line about each election the store holds (today a store holds one).
    public static func list(_ store: any ElectionStore) async throws -> [Election] {
        [try await store.election()]
    }

    /// The election `id` as a NIST SP 1500-100 v2 pre-election `ElectionReport` (JSON, keys
    /// sorted), or a refusal naming the election the store holds.
    public static func nist(_ store: any ElectionStore, id: String, generatedAt: Date) async throws -> Data {
        let definition = try await store.electionDefinition()
        guard definition.election.id == id else {
            throw OperationRefusal("No election '\(id)' in this database; it holds '\(definition.election.id)'.")
        }
        return try NISTResultsExport.json(definition, generatedAt: generatedAt)
    }
}
