import ElectionCore

extension ElectionStore {
    /// The election as defined, read as one snapshot: its constituencies, communes, polling
    /// stations, parties and each constituency's ballot.
    public func electionDefinition() async throws -> ElectionDefinition {
        try await snapshot { store in
            let constituencies = try await store.constituencies()
            var communes: [Commune] = []
            var stations: [PollingStation] = []
            var ballots: [ProvinceCode: [PartyNumber]] = [:]
            for c in constituencies {
                communes += try await store.communes(inProvince: c.id)
                stations += try await store.pollingStations(inProvince: c.id)
                ballots[c.id] = try await store.ballot(constituency: c.id)
            }
            return ElectionDefinition(
                election: try await store.election(), constituencies: constituencies, communes: communes,
                pollingStations: stations, parties: try await store.parties(), ballots: ballots)
        }
    }
}
