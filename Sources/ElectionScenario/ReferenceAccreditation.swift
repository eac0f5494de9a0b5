import ElectionCore
import ElectionStore

/// The scenario's accreditation at the scale the NEC reported for 2023: about 90,000 observers,
/// over 400 of them international, from 137 national organisations and international missions,
/// and 1,400 journalists from 165 outlets. Organisations and people are generated from the seed
/// (none is real; the demo mission's organisation and members are its own), every application
/// accepted for the campaign, polling and results days. Codes of conduct are the scenario's own
/// short texts, in both languages.
public struct ReferenceAccreditation: Sendable {
    public static let nationalOrganisations = 130
    public static let internationalMissions = 7
    public static let outlets = 165
    public static let internationalObservers = 412
    public static let nationalObservers = 90_000 - internationalObservers
    public static let journalists = 1_400
    public static let validFrom = CalendarDate(year: 2023, month: 6, day: 26)!
    public static let validUntil = CalendarDate(year: 2023, month: 8, day: 15)!

    public let organisations: [AccreditingOrganisation]
    public let codes: [CodeOfConduct]
    /// Accepted applications, organisation by organisation, not yet numbered.
    public let applications: [AccreditationApplication]

    /// The demo mission's accrediting organisation.
    public static let demoOrganisation = "apco"

    public init(demo: DemoMission, seed: UInt64 = CambodiaScenario.defaultSeed) {
        var random = SeededGenerator(seed: seed, stream: 0xACC2)
        var organisations: [AccreditingOrganisation] = []
        var applications: [AccreditationApplication] = []
        func accept(_ organisation: AccreditingOrganisation, _ name: PersonName, _ sex: Sex, _ nationality: String) {
            applications.append(AccreditationApplication(
                id: 0, organisationID: organisation.id, category: organisation.category, name: name, sex: sex, nationality: nationality,
                codeOfConductVersion: 1, status: .accepted, validFrom: Self.validFrom, validUntil: Self.validUntil))
        }
        let names = NameMaker()
        func cambodian() -> (PersonName, Sex) {
            let sex: Sex = random.next() % 2 == 0 ? .female : .male
            return (names.name(sex: sex, using: &random), sex)
        }

        // National observer organisations: a few large networks, many small ones.
        let nationalSizes = Apportionment.largestRemainder(
            Self.nationalObservers, weights: (1...Self.nationalOrganisations).map { 1_000_000 / ($0 * $0 + 8) }, minimum: 20)
        for (i, combination) in Self.names(OrganisationWords.observers, count: Self.nationalOrganisations, using: &random).enumerated() {
            let organisation = AccreditingOrganisation(
                id: String(format: "obs-%03d", i + 1), nameEnglish: combination.english, nameKhmer: combination.khmer, kind: .national,
                contact: "+855 \(10 + i % 90) \(100 + i) \(200 + i * 7 % 800)")
            organisations.append(organisation)
            for _ in 0..<nationalSizes[i] {
                let (name, sex) = cambodian()
                accept(organisation, name, sex, "KHM")
            }
        }

        // International missions: the demo mission's organisation with its members, and six more.
        let demoOrganisation = AccreditingOrganisation(
            id: Self.demoOrganisation, nameEnglish: demo.mission.organisation, nameKhmer: demo.mission.organisationKhmer ?? demo.mission.nameKhmer,
            kind: .international, contact: "secretariat@apco.example")
        organisations.append(demoOrganisation)
        for member in demo.members {
            let known = ForeignNames.demoMembers[member.name] ?? (khmer: member.name, sex: .female, nationality: "JPN")
            accept(demoOrganisation, PersonName(khmer: known.khmer, latin: member.name), known.sex, known.nationality)
        }
        let missionSizes = Apportionment.largestRemainder(
            Self.internationalObservers - demo.members.count, weights: [30, 24, 18, 12, 10, 6], minimum: 20)
        for (i, region) in OrganisationWords.regions.enumerated() {
            let organisation = AccreditingOrganisation(
                id: "mission-\(i + 1)", nameEnglish: "Election Observation Mission of the \(region.english) Parliamentary Forum",
                nameKhmer: "បេសកកម្មសង្កេតការណ៍ការបោះឆ្នោតនៃវេទិកាសភា\(region.khmer)", kind: .international,
                contact: "mission\(i + 1)@forum.example")
            organisations.append(organisation)
            for _ in 0..<missionSizes[i] {
                let given = ForeignNames.given[Int(random.next() % UInt64(ForeignNames.given.count))]
                let family = ForeignNames.family[Int(random.next() % UInt64(ForeignNames.family.count))]
                let nationality = region.nationalities[Int(random.next() % UInt64(region.nationalities.count))]
                accept(organisation, PersonName(khmer: "\(given.khmer) \(family.khmer)", latin: "\(given.latin) \(family.latin)"),
                       given.sex, nationality)
            }
        }

        // Media outlets.
        let outletSizes = Apportionment.largestRemainder(
            Self.journalists, weights: (1...Self.outlets).map { 100_000 / ($0 + 4) }, minimum: 2)
        for (i, combination) in Self.names(OrganisationWords.outlets, count: Self.outlets, using: &random).enumerated() {
            let organisation = AccreditingOrganisation(
                id: String(format: "media-%03d", i + 1), nameEnglish: combination.english, nameKhmer: combination.khmer, kind: .media,
                contact: "+855 23 \(300 + i) \(400 + i * 3 % 500)")
            organisations.append(organisation)
            for _ in 0..<outletSizes[i] {
                let (name, sex) = cambodian()
                accept(organisation, name, sex, "KHM")
            }
        }
        self.organisations = organisations
        self.applications = applications
        codes = CodesOfConduct.reference
    }

    /// `count` distinct names made of one word from each list, in a seeded order.
    static func names(
        _ words: (first: [(String, String)], second: [(String, String)], third: [(String, String)]), count: Int,
        using random: inout SeededGenerator
    ) -> [(english: String, khmer: String)] {
        var all: [(english: String, khmer: String)] = []
        for a in words.first {
            for b in words.second {
                for c in words.third {
                    all.append(([a.0, b.0, c.0].filter { !$0.isEmpty }.joined(separator: " "), b.1 + a.1 + c.1))
                }
            }
        }
        all.shuffle(using: &random)
        return Array(all.prefix(count))
    }
}

extension ReferenceAccreditation {
    /// Stores the organisations, the codes and the accepted applications.
    /// Stores the organisations, codes and applications; returns the applications numbered.
    @discardableResult
    public func load(into store: some AccreditationStore) async throws -> [AccreditationApplication] {
        for organisation in organisations { try await store.addOrganisation(organisation) }
        for code in codes { try await store.publishCodeOfConduct(code) }
        return try await store.submitApplications(applications)
    }
}
