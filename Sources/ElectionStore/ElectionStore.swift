import ElectionCore

/// What Sala reads from its database to serve the public: geography, commissions, parties,
/// candidates, and one voter's registration. Every method is named for the question it answers.
public protocol ElectionStore: Sendable {
    /// The election this store holds.
    func election() async throws -> Election
    /// Headline counts: units, commission members, voters, parties, candidates, seats. Counting the
    /// register itself reads every voter, so pages leave it out (`countingRegister: false`).
    func statistics(countingRegister: Bool) async throws -> ElectionStatistics
    /// Facts about where the data came from (scenario, seed, sources).
    func provenance() async throws -> [String: String]

    func constituencies() async throws -> [Constituency]
    /// Throws ``StoreError/notFound(_:_:)`` for an unknown code.
    func constituency(_ code: ProvinceCode) async throws -> Constituency
    /// The outlines of all constituencies, for maps.
    func constituencyOutlines() async throws -> [AreaShape]
    func communes(inProvince code: ProvinceCode) async throws -> [Commune]
    func commune(_ code: CommuneCode) async throws -> Commune

    func pollingStations(inCommune code: CommuneCode) async throws -> [PollingStation]
    func pollingStations(inProvince code: ProvinceCode) async throws -> [PollingStation]
    func pollingStation(_ code: StationCode) async throws -> PollingStation
    /// The stations with these codes (unknown codes are left out), in code order: a few queries for any number.
    func pollingStations(codes: [StationCode]) async throws -> [PollingStation]
    /// The `limit` stations nearest to `point` (at most 100), nearest first, none farther than
    /// ``PollingStation/nearestReachMetres``; with a `need`, only stations recorded as meeting it.
    func nearestPollingStations(to point: GeoPoint, limit: Int, meeting need: StationAccessibility.Need?) async throws -> [PollingStation]

    /// Commissions at `level`, optionally only those under a province or commune code.
    func commissions(level: CommissionLevel, within unitCode: String?) async throws -> [Commission]
    func commission(_ id: String) async throws -> Commission
    /// How many commissions there are at each level (every level listed, 0 where there are none).
    func commissionCounts() async throws -> [CommissionLevel: Int]
    /// Members, the chair first, then vice-chairs, then members, each in seat order.
    func members(ofCommission id: String) async throws -> [CommissionMember]

    func parties() async throws -> [Party]
    func party(_ id: PartyNumber) async throws -> Party
    /// A party's list in one constituency, in list order.
    func candidates(party: PartyNumber, constituency: ProvinceCode) async throws -> [Candidate]
    /// Every candidate, by constituency, party and list position.
    func candidates() async throws -> [Candidate]
    /// The parties with a list in the constituency, in the order of the lines of its ballot paper:
    /// the newest ballot draw's order (parties registered after it follow, by number), or by
    /// number when no draw was made.
    func ballot(constituency code: ProvinceCode) async throws -> [PartyNumber]
    /// Women and all candidates for every party and constituency where the party stands.
    func womenCandidateCounts() async throws -> [WomenCandidateCount]

    /// The voters registered at a station, for its printed list (officials only: personal data):
    /// this election's fixed voter list once it is fixed, the register as it stands before.
    func voters(atStation code: StationCode) async throws -> [Voter]
    /// Up to `limit` voters after `number` (from the first when nil), by voter number: the whole
    /// register in pages, for exports.
    func voters(after number: VoterNumber?, limit: Int) async throws -> [Voter]

    /// Answers one person's question about their own registration. Never returns more than one station.
    func lookUpRegistration(_ question: RegistrationQuestion) async throws -> RegistrationAnswer

    /// Runs `body` against this store as it is at one moment: every read `body` makes sees the
    /// same committed state, whatever is written meanwhile, so a report read in several queries
    /// adds up. Writing through the store `body` is given is refused.
    func snapshot<T: Sendable>(_ body: @Sendable (Self) async throws -> T) async throws -> T
}

/// What loads a new election into an empty store, all or nothing.
public protocol ElectionLoading: Sendable {
    /// Loads the reference data and then the register, which `voters` produces in batches through the
    /// function it is given. Either everything is stored or, on any error, nothing is.
    func loadElection(
        _ reference: ElectionReferenceData,
        voters: @Sendable (_ store: @Sendable ([Voter]) async throws -> Void) async throws -> Void
    ) async throws

    /// Everything ``loadElection(_:voters:)`` loaded but the register, read back whole in one
    /// snapshot: what an election bundle is written from.
    func referenceData() async throws -> ElectionReferenceData
}

extension ElectionStore {
    /// The `limit` stations nearest to `point`, whatever their accessibility.
    public func nearestPollingStations(to point: GeoPoint, limit: Int) async throws -> [PollingStation] {
        try await nearestPollingStations(to: point, limit: limit, meeting: nil)
    }
}
