/// Everything about an election that is fixed before polling day, except the voter register:
/// geography, commissions, parties and candidate lists. A scenario produces it; a store loads it.
public struct ElectionReferenceData: Sendable {
    public var election: Election
    public var constituencies: [Constituency]
    /// Each constituency's outline as a GeoJSON geometry object (Polygon or MultiPolygon), by code.
    public var outlines: [String: String]
    public var communes: [Commune]
    public var pollingStations: [PollingStation]
    public var commissions: [Commission]
    public var commissionMembers: [CommissionMember]
    public var parties: [Party]
    public var candidates: [Candidate]
    /// The milestones and their dates.
    public var calendar: [CalendarEntry]
    /// How many members a commission has at each tier (a tier left out has no rule).
    public var commissionSizes: [CommissionLevel: ClosedRange<Int>]
    /// Facts about where the data came from (scenario name, seed, sources), shown to users and engineers.
    public var provenance: [String: String]

    public init(
        election: Election, constituencies: [Constituency], outlines: [String: String], communes: [Commune],
        pollingStations: [PollingStation], commissions: [Commission], commissionMembers: [CommissionMember],
        parties: [Party], candidates: [Candidate], calendar: [CalendarEntry],
        commissionSizes: [CommissionLevel: ClosedRange<Int>], provenance: [String: String]
    ) {
        self.election = election
        self.constituencies = constituencies
        self.outlines = outlines
        self.communes = communes
        self.pollingStations = pollingStations
        self.commissions = commissions
        self.commissionMembers = commissionMembers
        self.parties = parties
        self.candidates = candidates
        self.calendar = calendar
        self.commissionSizes = commissionSizes
        self.provenance = provenance
    }
}

extension ElectionReferenceData {
    /// Each constituency's ballot: the parties with a list there, in ballot order.
    public var ballots: [ProvinceCode: [PartyNumber]] {
        Dictionary(grouping: candidates, by: \.constituencyCode).mapValues { Set($0.map(\.partyID)).sorted() }
    }
}
