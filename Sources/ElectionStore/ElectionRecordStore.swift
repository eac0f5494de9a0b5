import ElectionCore
import Foundation

/// The elections before the current one, kept as the records of their published figures.
public protocol ElectionRecordStore: Sendable {
    /// Every election kept as a record, newest polling day first.
    func electionRecords() async throws -> [ElectionRecord]
    /// Throws ``StoreError/notFound(_:_:)`` for an id no record has.
    func electionRecord(_ id: String) async throws -> ElectionRecord
    /// Keeps `record`, all or nothing. Refuses the current election's id, and an id already kept
    /// unless `replacing`.
    func keepElectionRecord(_ record: ElectionRecord, replacing: Bool, at time: Date) async throws
}
