import ElectionCore

/// Generates what was not published (stations, commissions, candidates) around the published facts.
struct ReferenceBuilder {
    let facts: ReferenceFacts
    let seed: UInt64
    let registerSize: Int

    static let electionDay = CalendarDate(year: 2023, month: 7, day: 23)!

    func build() -> ElectionReferenceData {
        let election = Election(
            id: CambodiaScenario.name,
            nameEnglish: "National Assembly election 2023",
            nameKhmer: "ការបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ នីតិកាលទី៧ ឆ្នាំ២០២៣",
            electionDay: Self.electionDay, pollsOpen: "07:00", pollsClose: "15:00",
            seats: facts.constituencies.reduce(0) { $0 + $1.seats },
            seatAllocationMethod: "highest-average", minimumVotingAge: 18, minimumCandidateAge: 25, citizenship: "KHM",
            utcOffsetMinutes: 7 * 60, reserveCandidates: Self.reserveCandidates, turnoutTimes: ["09:00", "12:00", "15:00"])
        let stations = pollingStations()
        let (commissions, members) = commissionsAndMembers(stations: stations)
        let parties = facts.parties.map {
            Party(id: $0.ballotOrder, nameEnglish: $0.nameEnglish, nameKhmer: $0.nameKhmer, abbreviation: $0.abbreviation)
        }
        return ElectionReferenceData(
            election: election, constituencies: facts.constituencies, outlines: facts.outlines,
            communes: facts.communes, pollingStations: stations, commissions: commissions,
            commissionMembers: members, parties: parties, candidates: candidates(parties: parties),
            calendar: Self.calendar, commissionSizes: Self.commissionSizes,
            provenance: [
                "scenario": CambodiaScenario.name,
                "seed": String(seed),
                "register_size": String(registerSize),
                "official_registered_voters": String(CambodiaScenario.officialRegisteredVoters),
                "generated": "polling stations, commission members, candidate lists and the voter register are generated; no generated person is real",
                "boundaries_attribution": "© OpenStreetMap contributors; geoBoundaries (Runfola et al. 2020, PLoS ONE 15(4): e0231866), ODbL 1.0",
                "communes_source": "NCDD gazetteer via the pumi project (MIT licence)",
                "calendar": "campaign, silence, polling and official results as the NEC held them; the other milestones' dates are approximate",
                "commission_sizes": "the ranges the generated commissions satisfy; the law's figures are not in our sources",
            ])
    }

    /// Reserves per list: as many as the generated lists hold (the law's figure is not in our sources).
    static let reserveCandidates = 0...10

    /// Members per commission at each tier (see the provenance's `commission_sizes` note).
    static let commissionSizes: [CommissionLevel: ClosedRange<Int>] = [
        .national: 9...9, .provincial: 5...9, .commune: 5...9, .pollingStation: 5...9,
    ]

    /// The 2023 calendar (see the provenance's `calendar` note).
    static let calendar: [CalendarEntry] = [
        (Milestone.announcement, "2022-09-01", "2022-09-01"),
        (.voterRegistration, "2022-10-20", "2022-11-08"),
        (.voterListPublication, "2023-01-24", "2023-02-12"),
        (.partyRegistration, "2023-03-01", "2023-04-22"),
        (.nominations, "2023-04-24", "2023-05-08"),
        (.campaign, "2023-07-01", "2023-07-21"),
        (.silence, "2023-07-22", "2023-07-22"),
        (.polling, "2023-07-23", "2023-07-23"),
        (.provisionalResults, "2023-07-24", "2023-07-26"),
        (.complaints, "2023-07-24", "2023-08-04"),
        (.officialResults, "2023-08-05", "2023-08-05"),
    ].map { CalendarEntry(milestone: $0, opens: CalendarDate(iso: $1)!, closes: CalendarDate(iso: $2)!) }

    // MARK: Polling stations

    /// Spreads the official voters over provinces (by seats), communes and stations, and the official
    /// number of stations over communes (by voters); then scales the register to the asked size.
    func pollingStations() -> [PollingStation] {
        var rng = SeededGenerator(seed: seed, stream: 1)
        let provinces = facts.constituencies
        // Seats follow population; a little noise keeps provinces with equal seats apart.
        let provinceVoters = Apportionment.largestRemainder(
            CambodiaScenario.officialRegisteredVoters,
            weights: provinces.map { $0.seats * Int.random(in: 900...1_100, using: &rng) })
        var communeVoters: [Int] = []
        for (index, province) in provinces.enumerated() {
            let communes = facts.communes.filter { $0.provinceCode == province.id }
            communeVoters += Apportionment.largestRemainder(
                provinceVoters[index], weights: communes.map { _ in Int.random(in: 500...1_500, using: &rng) })
        }
        let communesInOrder = provinces.flatMap { p in facts.communes.filter { $0.provinceCode == p.id } }
        let stationsPerCommune = Apportionment.largestRemainder(
            CambodiaScenario.officialPollingStations, weights: communeVoters, minimum: 1)
        var officialPerStation: [Int] = []
        for (index, _) in communesInOrder.enumerated() {
            officialPerStation += Apportionment.largestRemainder(
                communeVoters[index],
                weights: (0..<stationsPerCommune[index]).map { _ in Int.random(in: 800...1_200, using: &rng) })
        }
        let registered = registerSize == CambodiaScenario.officialRegisteredVoters
            ? officialPerStation
            : Apportionment.largestRemainder(registerSize, weights: officialPerStation)

        let anchors = StationPlacement(facts: facts, seed: seed)
        // Accessibility from a stream of its own, so the rest of the scenario is drawn as before.
        var access = SeededGenerator(seed: seed, stream: 0xACCE55)
        var stations: [PollingStation] = []
        stations.reserveCapacity(CambodiaScenario.officialPollingStations)
        var next = 0
        for (communeIndex, commune) in communesInOrder.enumerated() {
            let province = provinces.first { $0.id == commune.provinceCode }!
            for number in 1...stationsPerCommune[communeIndex] {
                let venue = StationVenue.all[Int(rng.next() % UInt64(StationVenue.all.count))]
                let isSangkat = commune.kind == "Sangkat"
                let unitEnglish = isSangkat ? "Sangkat" : "Commune"
                let unitKhmer = isSangkat ? "សង្កាត់" : "ឃុំ"
                let provinceKhmer = province.kind == "capital" ? "រាជធានី" : "ខេត្ត"
                stations.append(PollingStation(
                    id: StationCode(commune: commune.id, number: number),
                    nameEnglish: "\(commune.nameEnglish) \(venue.english), polling station \(number)",
                    nameKhmer: "\(venue.khmer)\(commune.nameKhmer) ការិយាល័យបោះឆ្នោតលេខ \(Numerals.khmer(String(number)))",
                    addressEnglish: "\(venue.english), \(commune.nameEnglish) \(unitEnglish), \(commune.districtName), \(province.nameEnglish)",
                    addressKhmer: [venue.khmer, unitKhmer + commune.nameKhmer, commune.districtNameKhmer, provinceKhmer + province.nameKhmer]
                        .filter { !$0.isEmpty }.joined(separator: " "),
                    position: anchors.position(for: commune, using: &rng),
                    registeredVoters: registered[next], accessibility: Self.accessibility(using: &access)))
                next += 1
            }
        }
        return stations
    }

    /// A station's accessibility as the NEC might have recorded it: most stations are classrooms
    /// on the ground floor, few have a ramp, nearly all have a member to assist; a few are not
    /// recorded at all.
    static func accessibility(using rng: inout SeededGenerator) -> StationAccessibility {
        func draw(_ share: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < share }
        guard !draw(0.03) else { return .unrecorded }
        let ramp = draw(0.15), groundFloor = draw(0.8), assistance = draw(0.95)
        return StationAccessibility(ramp: ramp, groundFloor: groundFloor, assistance: assistance)
    }

    // MARK: Commissions

    func commissionsAndMembers(stations: [PollingStation]) -> ([Commission], [CommissionMember]) {
        var rng = SeededGenerator(seed: seed, stream: 2)
        let names = NameMaker()
        var commissions: [Commission] = []
        var members: [CommissionMember] = []
        func add(_ level: CommissionLevel, _ unit: UnitCode, _ en: String, _ km: String, size: Int) {
            let id = Commission.id(level: level, unitCode: unit)
            commissions.append(Commission(id: id, level: level, unitCode: unit, nameEnglish: en, nameKhmer: km))
            for seat in 1...size {
                let sex: Sex = Int.random(in: 0..<100, using: &rng) < 35 ? .female : .male
                members.append(CommissionMember(
                    commissionID: id, seat: seat, role: seat == 1 ? .chair : seat == 2 ? .viceChair : .member,
                    name: names.name(sex: sex, using: &rng), sex: sex))
            }
        }
        add(.national, .nation, "National Election Committee", "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត", size: 9)
        for p in facts.constituencies {
            let khmerUnit = p.kind == "capital" ? "រាជធានី" : "ខេត្ត"
            add(.provincial, .province(p.id), "\(p.nameEnglish) Provincial Election Commission",
                "គណៈកម្មការរៀបចំការបោះឆ្នោត\(khmerUnit)\(p.nameKhmer)", size: Int.random(in: 5...7, using: &rng))
        }
        for c in facts.communes {
            let commission = Commission.forNewCommune(c)
            add(.commune, .commune(c.id), commission.nameEnglish, commission.nameKhmer, size: 5)
        }
        for s in stations {
            let commission = Commission.forNewStation(s.id)
            add(.pollingStation, .station(s.id), commission.nameEnglish, commission.nameKhmer, size: 6)
        }
        return (commissions, members)
    }

    // MARK: Candidates

    /// Every party stands in every constituency with a closed list of at least as many candidates
    /// as seats; the reserves bring the total to the official 3,428, of whom exactly 1,235 are women.
    func candidates(parties: [Party]) -> [Candidate] {
        var rng = SeededGenerator(seed: seed, stream: 3)
        let names = NameMaker()
        let provinces = facts.constituencies
        let lists = parties.flatMap { party in provinces.map { (party: party, province: $0) } }
        let titulars = lists.reduce(0) { $0 + $1.province.seats }
        let reserves = Apportionment.largestRemainder(
            CambodiaScenario.officialCandidates - titulars, weights: lists.map { $0.province.seats })
        let total = CambodiaScenario.officialCandidates
        var women = Set<Int>()
        var slots = Array(0..<total)
        slots.shuffle(using: &rng)
        women.formUnion(slots.prefix(CambodiaScenario.officialWomenCandidates))
        var candidates: [Candidate] = []
        candidates.reserveCapacity(total)
        let day = Self.electionDay.daysSinceEpoch
        for (index, list) in lists.enumerated() {
            for position in 1...(list.province.seats + reserves[index]) {
                let sex: Sex = women.contains(candidates.count) ? .female : .male
                // Aged 25 to 75 on election day.
                let born = CalendarDate(daysSinceEpoch: day - Int.random(in: (26 * 365)...(75 * 365), using: &rng))
                candidates.append(Candidate(
                    partyID: list.party.id, constituencyCode: list.province.id, listPosition: position,
                    name: names.name(sex: sex, using: &rng), sex: sex, dateOfBirth: born))
            }
        }
        return candidates
    }
}

/// Where polling stations usually are, in both languages.
struct StationVenue: Sendable {
    let english: String
    let khmer: String

    static let all = [
        StationVenue(english: "Primary School", khmer: "សាលាបឋមសិក្សា"),
        StationVenue(english: "Secondary School", khmer: "អនុវិទ្យាល័យ"),
        StationVenue(english: "High School", khmer: "វិទ្យាល័យ"),
        StationVenue(english: "Pagoda", khmer: "វត្ត"),
        StationVenue(english: "Commune Hall", khmer: "សាលាឃុំ"),
    ]
}
