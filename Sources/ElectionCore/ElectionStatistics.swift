/// The headline counts of an election's set-up, as `sala stats` prints them.
public struct ElectionStatistics: Sendable, Hashable, Codable {
    public var provinces: Int
    public var communes: Int
    public var pollingStations: Int
    /// Commission members at each level, keyed by ``CommissionLevel`` raw value.
    public var commissionMembers: [String: Int]
    /// The sum of the polling stations' registered voters.
    public var registeredVoters: Int
    /// Voters on the register itself, when counted; equals `registeredVoters` in a consistent store.
    public var votersOnRegister: Int?
    public var parties: Int
    public var candidates: Int
    public var womenCandidates: Int
    public var seats: Int

    public init(
        provinces: Int, communes: Int, pollingStations: Int, commissionMembers: [String: Int],
        registeredVoters: Int, votersOnRegister: Int?, parties: Int, candidates: Int, womenCandidates: Int, seats: Int
    ) {
        self.provinces = provinces
        self.communes = communes
        self.pollingStations = pollingStations
        self.commissionMembers = commissionMembers
        self.registeredVoters = registeredVoters
        self.votersOnRegister = votersOnRegister
        self.parties = parties
        self.candidates = candidates
        self.womenCandidates = womenCandidates
        self.seats = seats
    }
}

/// How many women stand for one party in one constituency.
public struct WomenCandidateCount: Sendable, Hashable, Codable {
    public var partyID: PartyNumber
    public var constituencyCode: ProvinceCode
    public var women: Int
    public var candidates: Int

    public init(partyID: PartyNumber, constituencyCode: ProvinceCode, women: Int, candidates: Int) {
        self.partyID = partyID
        self.constituencyCode = constituencyCode
        self.women = women
        self.candidates = candidates
    }
}
