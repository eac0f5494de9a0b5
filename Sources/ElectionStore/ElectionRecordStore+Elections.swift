import ElectionCore

extension ElectionStore where Self: ElectionRecordStore {
    /// Every election the store holds, the current one and the records, newest polling day first.
    public func elections() async throws -> [ElectionSummary] {
        let all = [ElectionSummary(try await election())] + (try await electionRecords()).map(ElectionSummary.init)
        return all.sorted { ($0.electionDay, $0.current ? 1 : 0) > ($1.electionDay, $1.current ? 1 : 0) }
    }
}
