/// What an election is before any vote: the election, its constituencies with their seats, the
/// communes and polling stations below them, the parties and each constituency's ballot.
public struct ElectionDefinition: Sendable, Hashable {
    public var election: Election
    public var constituencies: [Constituency]
    public var communes: [Commune]
    public var pollingStations: [PollingStation]
    public var parties: [Party]
    /// The ballot numbers of the parties on each constituency's ballot paper, in ballot order.
    public var ballots: [ProvinceCode: [PartyNumber]]

    public init(
        election: Election, constituencies: [Constituency], communes: [Commune], pollingStations: [PollingStation],
        parties: [Party], ballots: [ProvinceCode: [PartyNumber]]
    ) {
        self.election = election
        self.constituencies = constituencies
        self.communes = communes
        self.pollingStations = pollingStations
        self.parties = parties
        self.ballots = ballots
    }
}
