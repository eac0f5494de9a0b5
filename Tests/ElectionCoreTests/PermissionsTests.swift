import ElectionCore
import Testing

/// The whole matrix of roles × actions × units against the rules as `docs/result-form-states.md`
/// and `docs/register.md` state them, written out here by hand rather than derived from the code.
@Suite struct PermissionsTests {
    static let nec = Official(id: 1, name: "nec", role: .necAdministrator, unitCode: .nation)
    static let provincial = Official(id: 2, name: "pec", role: .provincialOfficial, unitCode: "01")
    static let commune = Official(id: 3, name: "cec", role: .communeOfficial, unitCode: "010201")
    static let station = Official(id: 4, name: "psc", role: .stationOfficial, unitCode: "010201003")
    static let officials = [nec, provincial, commune, station]

    /// The actions each role may take somewhere within its own unit.
    static let roleMay: [OfficialRole: Set<OfficialAction>] = [
        .necAdministrator: Set(OfficialAction.allCases).subtracting([.reportFromStation]),
        .provincialOfficial: [.enterResult, .resolveDispute, .acknowledgeWarnings, .correctResult, .confirmProvince,
                              .seeRegister, .changeRegister, .decideDuplicate, .followElectionDay, .assignPolice, .handleComplaints,
                              .keepTraining],
        .communeOfficial: [.enterResult, .resolveDispute, .acknowledgeWarnings, .correctResult,
                           .seeRegister, .changeRegister, .decideDuplicate, .followElectionDay, .handleComplaints],
        // A station's report on election day comes from its own officials only, not from above; a
        // station's officials only enter its form (docs/result-form-states.md: "station-official | enter").
        .stationOfficial: [.enterResult, .seeRegister, .reportFromStation, .followElectionDay],
    ]

    /// Units to act on, and which officials' units hold each.
    static let units: [(UnitCode, within: Set<String>)] = [
        ("010201003", ["nec", "pec", "cec", "psc"]),
        ("010201004", ["nec", "pec", "cec"]),
        ("010202001", ["nec", "pec"]),
        ("020101001", ["nec"]),
        ("010201", ["nec", "pec", "cec"]),
        ("01", ["nec", "pec"]),
        ("02", ["nec"]),
        (.nation, ["nec"]),
    ]

    /// The level of unit each action is taken on.
    static func level(of action: OfficialAction) -> ResultLevel {
        switch action {
        case .confirmProvince, .keepTraining: .province
        case .confirmNation, .publishResults, .decideParty, .keepCandidateLists, .overrideDeadline, .drawBallotOrder, .keepStations,
             .keepCommunes, .keepCommissions, .fixVoterList, .decideAccreditation, .publishAirtime, .publishTurnout, .publishDocuments,
             .takeCalls, .keepAccounts: .national
        default: .station
        }
    }

    /// Whether `action` is taken on units of `level`: election day is followed at every level;
    /// complaints are handled by the commissions of communes, provinces and the nation.
    static func takes(_ action: OfficialAction, on level: ResultLevel) -> Bool {
        switch action {
        case .followElectionDay: true
        case .handleComplaints: level != .station
        case .keepTraining: level == .province || level == .national
        default: level == Self.level(of: action)
        }
    }

    @Test(arguments: OfficialAction.allCases)
    func everyRoleAndUnit(_ action: OfficialAction) throws {
        var allowed = 0
        for official in Self.officials {
            for (unit, within) in Self.units {
                let roleMay = Self.roleMay[official.role]!.contains(action)
                let expected = roleMay && within.contains(official.name) && Self.takes(action, on: unit.level)
                #expect(official.may(action, on: unit) == expected, "\(official.name) \(action.rawValue) \(unit)")
                do {
                    try official.require(action, on: unit)
                    #expect(expected, "\(official.name) was let \(action.rawValue) on \(unit)")
                    allowed += 1
                } catch {
                    #expect(!expected, "\(official.name) was refused \(action.rawValue) on \(unit)")
                    #expect(error.reason == (roleMay ? .outsideUnit : .roleMayNot), "\(official.name) \(action.rawValue) \(unit)")
                }
            }
        }
        // Every action is allowed to someone somewhere: the NEC at least.
        #expect(allowed >= 1)
    }

    /// Found by probing: a commune official decided a case with a voter in another province.
    @Test func aDuplicateCaseIsDecidedOnlyByACommissionHoldingAllItsVoters() throws {
        let acrossProvinces: [UnitCode] = ["020101001", "010201004"]
        let refusal = #expect(throws: Refusal.self) { try Self.commune.require(.decideDuplicate, onEveryOf: acrossProvinces) }
        #expect(refusal?.reason == .outsideUnit)
        #expect(throws: Refusal.self) { try Self.provincial.require(.decideDuplicate, onEveryOf: acrossProvinces) }
        try Self.nec.require(.decideDuplicate, onEveryOf: acrossProvinces)
        let acrossCommunes: [UnitCode] = ["010201004", "010202001"]
        #expect(throws: Refusal.self) { try Self.commune.require(.decideDuplicate, onEveryOf: acrossCommunes) }
        try Self.provincial.require(.decideDuplicate, onEveryOf: acrossCommunes)
        try Self.commune.require(.decideDuplicate, onEveryOf: ["010201004", "010201003"])
        #expect(throws: Refusal.self) { try Self.station.require(.decideDuplicate, onEveryOf: ["010201003"]) }
        #expect(throws: Refusal.self) { try Self.nec.require(.decideDuplicate, onEveryOf: []) }
    }

    @Test func codesNestAsTheGeographyDoes() {
        let station: StationCode = "010201003"
        #expect(station.commune == "010201")
        #expect(station.province == "01")
        #expect(UnitCode.province("01").contains(station))
        #expect(!UnitCode.province("02").contains(station))
        #expect(UnitCode.nation.contains(station))
        #expect(!UnitCode.station(station).contains(UnitCode.commune("010201")))
        #expect(StationCode(commune: "010201", number: 7) == "010201007")
        #expect(StationCode(rawValue: "01020100") == nil && StationCode(rawValue: "01020100x") == nil && StationCode(rawValue: "٠١٠٢٠١٠٠٣") == nil)
        #expect(UnitCode(rawValue: "0102") == nil)
        #expect(UnitCode(level: .province, code: "010201") == nil)
        #expect(PartyNumber("0") == nil && PartyNumber("-1") == nil && PartyNumber("18") == 18)
    }
}
