import ElectionCore

extension ElectionStore where Self: ElectionRecordStore & ResultStore {
    /// Every election the store holds, the current one and the records, newest polling day first.
    public func elections() async throws -> [ElectionSummary] {
        let all = [ElectionSummary(try await election())] + (try await electionRecords()).map(ElectionSummary.init)
        return all.sorted { ($0.electionDay, $0.current ? 1 : 0) > ($1.electionDay, $1.current ? 1 : 0) }
    }

    /// The election `id` in a record's shape: a kept record as it is, or the current election's
    /// results as they stand (see ``ElectionRecord/init(report:)``).
    public func electionAsRecorded(_ id: String) async throws -> ElectionRecord {
        if try await election().id == id { return ElectionRecord(report: try await resultsReport()) }
        return try await electionRecord(id)
    }
}
