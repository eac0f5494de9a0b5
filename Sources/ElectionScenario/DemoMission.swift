import ElectionCore
import ElectionStore
import Foundation

/// The reference scenario's observer mission: eight members of an intergovernmental
/// organisation (a head, three members of its parliamentary assembly, four of its secretariat),
/// invited by the foreign ministry and the NEC, who meet the commission and parties and visit
/// 68 polling stations in Phnom Penh and Kandal on election day. Everything is generated from
/// the seed; no member is a real person and the organisation is fictional.
public struct DemoMission: Sendable {
    public static let id: MissionID = "demo-2023"
    /// Stations the teams visit, drawn at random by province from Phnom Penh and Kandal (fewer
    /// only when a tiny demo register leaves fewer stations with voters there).
    public static let visits = 68

    public let mission: ObserverMission
    public let members: [MissionMember]
    public let activities: [MissionActivity]
    /// Team → the draw that chose its stations.
    public let draws: [(team: String, draw: StationDraw, stations: [StationCode])]
    public let teams: [ObserverTeam]
    public let visits: [StationVisit]
    public let submissions: [ChecklistSubmission]
    /// The head of mission's assessment and conclusions, in English and Khmer.
    public let statement: MissionStatement

    public init(reference: ElectionReferenceData, forms: [ChecklistForm], seed: UInt64 = CambodiaScenario.defaultSeed) throws {
        let day = reference.election.electionDay
        func date(_ text: String) -> CalendarDate { CalendarDate(iso: text) ?? day }
        mission = ObserverMission(
            id: Self.id, organisation: "Asian Parliamentary Cooperation Organisation (fictional)",
            nameEnglish: "Election Observation Mission to the 2023 National Assembly Election",
            nameKhmer: "បេសកកម្មសង្កេតការណ៍ការបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ ឆ្នាំ២០២៣", kind: "international",
            invitationDate: date("2023-06-19"),
            invitedBy: ["the Ministry of Foreign Affairs and International Cooperation", "the National Election Committee"],
            workingGroup: ["Secretariat, Department of Political Affairs", "Secretariat, Protocol Unit"],
            organisationKhmer: "អង្គការសហប្រតិបត្តិការសភាអាស៊ី (ប្រឌិត)",
            invitedByKhmer: ["ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ", "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត"],
            workingGroupKhmer: ["លេខាធិការដ្ឋាន នាយកដ្ឋានកិច្ចការនយោបាយ", "លេខាធិការដ្ឋាន អង្គភាពពិធីការ"])
        let secretariat = ("Secretariat", "លេខាធិការដ្ឋាន"), assembly = ("Parliamentary Assembly", "សភានីតិបញ្ញត្តិ")
        let mp = ("Member of Parliament", "សមាជិកសភា")
        let people: [(name: String, body: (String, String), title: (String, String))] = [
            ("Amara Wijesinghe", secretariat, ("Deputy Secretary General, head of mission", "អគ្គលេខាធិការរង ប្រធានបេសកកម្ម")),
            ("Farid Rahman", assembly, mp),
            ("Lin Mei", assembly, mp),
            ("Nguyen Thanh Ha", assembly, mp),
            ("Siti Rahayu", secretariat, ("Director of Political Affairs", "នាយកកិច្ចការនយោបាយ")),
            ("Tenzin Dorji", secretariat, ("Senior Programme Officer", "មន្ត្រីកម្មវិធីជាន់ខ្ពស់")),
            ("Kenji Sato", secretariat, ("Programme Officer", "មន្ត្រីកម្មវិធី")),
            ("Maria Santos", secretariat, ("Legal Adviser", "ទីប្រឹក្សាច្បាប់")),
        ]
        members = people.enumerated().map { i, p in
            MissionMember(
                missionID: Self.id, seat: i + 1, name: p.name, body: p.body.0, title: p.title.0, isHead: i == 0, accreditation: .accredited,
                bodyKhmer: p.body.1, titleKhmer: p.title.1)
        }
        func activity(_ kind: MissionActivity.Kind, _ day: String, with: (String, String), notes: (String, String)) -> MissionActivity {
            MissionActivity(missionID: Self.id, kind: kind, day: date(day), with: with.0, notes: notes.0, withKhmer: with.1, notesKhmer: notes.1)
        }
        let foreignMinistry = ("Ministry of Foreign Affairs and International Cooperation", "ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ")
        activities = [
            activity(.legalFramework, "2023-07-19",
                     with: ("Law on the Election of Members of the National Assembly (LEMNA, 2015, as amended)",
                            "ច្បាប់ស្តីពីការបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ (ឆ្នាំ២០១៥ និងវិសោធនកម្ម)"),
                     notes: ("125 members elected in 25 constituencies from closed party lists by highest average; polling from 07:00 to 15:00.",
                             "តំណាងរាស្ត្រ ១២៥ រូប ត្រូវបានជ្រើសតាំងក្នុងមណ្ឌលបោះឆ្នោត ២៥ តាមបញ្ជីបេក្ខជនបិទរបស់គណបក្ស ដោយវិធីមធ្យមភាគខ្ពស់បំផុត។ ការបោះឆ្នោតពីម៉ោង ០៧:០០ ដល់ម៉ោង ១៥:០០។")),
            activity(.meeting, "2023-07-20", with: ("National Election Committee", "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត"),
                     notes: ("Briefing on preparations, voter registration, polling station commissions and the results process.",
                             "បទបង្ហាញអំពីការរៀបចំ ការចុះឈ្មោះបោះឆ្នោត គណៈកម្មការការិយាល័យបោះឆ្នោត និងដំណើរការលទ្ធផល។")),
            activity(.meeting, "2023-07-20", with: foreignMinistry,
                     notes: ("Accreditation and security arrangements for the mission.", "ការទទួលស្គាល់ និងការរៀបចំសន្តិសុខសម្រាប់បេសកកម្ម។")),
        ] + reference.parties.prefix(3).map {
            activity(.meeting, "2023-07-21", with: ($0.nameEnglish, $0.nameKhmer),
                     notes: ("Views on the campaign and election day.", "ទស្សនៈលើយុទ្ធនាការ និងថ្ងៃបោះឆ្នោត។"))
        } + [
            activity(.campaignEvent, "2023-07-21", with: ("Closing campaign rally, Phnom Penh", "ការជួបជុំបិទយុទ្ធនាការ រាជធានីភ្នំពេញ"),
                     notes: ("Peaceful; no incidents seen.", "ដោយសន្តិភាព។ មិនបានឃើញឧប្បត្តិហេតុទេ។")),
            activity(.mediaMonitoring, "2023-07-22", with: ("National television and online news", "ទូរទស្សន៍ជាតិ និងព័ត៌មានអនឡាញ"),
                     notes: ("Coverage of the NEC's voter information on polling hours and stations.",
                             "ការផ្សព្វផ្សាយព័ត៌មានរបស់ គ.ជ.ប ដល់អ្នកបោះឆ្នោត អំពីម៉ោងបោះឆ្នោត និងការិយាល័យបោះឆ្នោត។")),
        ]
        // Four teams of two: A and B in Phnom Penh, C and D in Kandal.
        let teams: [(name: String, province: ProvinceCode, seats: [Int])] = [("A", "12", [1, 2]), ("B", "12", [3, 4]), ("C", "08", [5, 6]), ("D", "08", [7, 8])]
        self.teams = teams.map { ObserverTeam(missionID: Self.id, name: $0.name, members: $0.seats, area: [.province($0.province)]) }
        let frame = reference.pollingStations.filter { ["12", "08"].contains($0.provinceCode) && $0.registeredVoters > 0 }.map(\.id)
        // A tiny demo register may leave fewer stations with voters than the mission visits.
        let size = min(Self.visits, frame.count)
        let all = size == 0 ? [] : try StationDraw(seed: seed, frame: frame, size: size, strata: .province).stations()
        var draws: [(String, StationDraw, [StationCode])] = []
        for (index, team) in teams.enumerated() {
            let inProvince = all.filter { $0.province == team.province }
            let mine = inProvince.enumerated().filter { $0.offset % 2 == index % 2 }.map(\.element)
            draws.append((team.name, StationDraw(seed: seed, frame: frame, size: size, strata: .province), mine))
        }
        self.draws = draws
        var random = SeededGenerator(seed: seed, stream: 0x0B5E)
        var visits: [StationVisit] = []
        var submissions: [ChecklistSubmission] = []
        let formsByPhase = Dictionary(forms.map { ($0.phase, $0) }, uniquingKeysWith: { a, b in a.version >= b.version ? a : b })
        for (index, team) in teams.enumerated() {
            let stations = draws[index].2
            for (n, station) in stations.enumerated() {
                // The first visit watches the opening, the last the closing and the count; those
                // between, voting, about 35 minutes each from 07:30.
                let phase: VisitPhase = n == 0 ? .opening : (n == stations.count - 1 ? .counting : .voting)
                let arrival = phase == .opening ? 6 * 60 + 30 : (phase == .counting ? 14 * 60 + 45 : 7 * 60 + 30 + (n - 1) * 40)
                let departure = phase == .opening ? 7 * 60 + 20 : (phase == .counting ? 17 * 60 : arrival + 30)
                visits.append(StationVisit(
                    missionID: Self.id, stationCode: station, team: team.name, arrival: Self.clock(arrival),
                    departure: Self.clock(departure), phase: phase))
                guard let form = formsByPhase[phase] else { continue }
                submissions.append(ChecklistSubmission(
                    id: Self.uuid(&random), missionID: Self.id, observer: team.seats[n % 2], stationCode: station,
                    formID: form.id, formVersion: form.version, observedAt: Self.clock(min(departure, 23 * 60)),
                    answers: Self.answers(form, &random)))
            }
        }
        self.visits = visits
        self.submissions = submissions
        statement = MissionStatement(
            missionID: Self.id,
            assessmentEnglish: "Election day was calm and orderly in the stations the mission visited. Polling station commissions followed the procedures, and voters could mark their ballots in secret.",
            assessmentKhmer: "ថ្ងៃបោះឆ្នោតមានភាពស្ងប់ស្ងាត់ និងសណ្តាប់ធ្នាប់ល្អ នៅការិយាល័យដែលបេសកកម្មបានទៅសង្កេត។ គណៈកម្មការការិយាល័យបោះឆ្នោតបានអនុវត្តតាមនីតិវិធី ហើយអ្នកបោះឆ្នោតអាចគូសសន្លឹកឆ្នោតដោយសម្ងាត់។",
            conclusionsEnglish: "The mission commends the National Election Committee and the polling station commissions for their preparation, and encourages continued voter information on where to vote.",
            conclusionsKhmer: "បេសកកម្មកោតសរសើរគណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត និងគណៈកម្មការការិយាល័យបោះឆ្នោត ចំពោះការរៀបចំ ហើយលើកទឹកចិត្តឱ្យបន្តផ្តល់ព័ត៌មានដល់អ្នកបោះឆ្នោតអំពីទីកន្លែងបោះឆ្នោត។")
    }

    static func clock(_ minutes: Int) -> ClockTime { ClockTime(String(format: "%02d:%02d", minutes / 60, minutes % 60))! }

    /// A UUID from the generator, so the demo's submissions are the same on every build.
    static func uuid(_ random: inout SeededGenerator) -> String {
        let hex = String(format: "%016llx%016llx", random.next(), random.next())
        let c = Array(hex)
        return [String(c[0..<8]), String(c[8..<12]), "4" + String(c[13..<16]), "8" + String(c[17..<20]), String(c[20..<32])].joined(separator: "-").uppercased()
    }

    /// Answers an orderly station gives, with the occasional exception, and follow-ups where asked.
    static func answers(_ form: ChecklistForm, _ random: inout SeededGenerator) -> ChecklistAnswers {
        var answers: ChecklistAnswers = [:]
        // Questions where "yes" is the problem, not the norm.
        let yesIsBad: Set<String> = ["unauthorised-present", "turned-away", "complaints-filed"]
        // Questions in form order: a follow-up's condition is always on an earlier question.
        for q in form.questions {
            if let condition = q.askIf, answers[condition.question]?.contains(condition.equals) != true { continue }
            switch q.kind {
            case .yesNo:
                let usual = yesIsBad.contains(q.id) ? "no" : "yes"
                answers[q.id] = [Int.random(in: 0..<30, using: &random) == 0 ? (usual == "yes" ? "no" : "yes") : usual]
            case .number:
                let low = q.minimum ?? 0
                answers[q.id] = [String(Int.random(in: low...max(low, min(q.maximum ?? 40, 40)), using: &random))]
            case .singleChoice:
                answers[q.id] = [q.options[Int.random(in: 0..<min(2, q.options.count), using: &random)].id]
            case .multipleChoice:
                if q.required { answers[q.id] = [q.options[0].id] } else if q.id == "present" { answers[q.id] = ["party-agents", "domestic-observers"] }
            case .time:
                answers[q.id] = ["07:15"]
            case .text:
                if q.required { answers[q.id] = ["Seen and noted by the team."] }
            }
        }
        return answers
    }
}


extension DemoMission {
    /// Stores what the scenario has of observers and journalists: the standard checklists, the
    /// demo mission (members, activities, draws, visits, checklists through the same receiving
    /// path as observers', statement) and the accreditation of every observer and journalist
    /// (``ReferenceAccreditation``), the demo mission's members among them.
    public static func loadObservers(_ scenario: CambodiaScenario, into store: some ObservationStore & AccreditationStore) async throws {
        let forms = try StandardChecklists.load()
        try await store.saveChecklistForms(forms)
        let demo = try DemoMission(reference: scenario.reference, forms: forms, seed: scenario.seed)
        let accreditation = ReferenceAccreditation(demo: demo, seed: scenario.seed)
        let badges = try await accreditation.load(into: store).filter { $0.organisationID == ReferenceAccreditation.demoOrganisation }
        var mission = demo.mission
        mission.accreditingOrganisationID = ReferenceAccreditation.demoOrganisation
        // The organisation's applications were made in the order of the mission's members.
        try await store.addMission(mission, members: zip(demo.members, badges).map { member, badge in
            var member = member
            member.badge = badge.id
            return member
        })
        try await store.addActivities(demo.activities)
        for team in demo.teams { try await store.saveTeam(team) }
        for draw in demo.draws {
            try await store.recordDraw(missionID: id, team: draw.team, draw: draw.draw, stations: draw.stations, at: Date())
        }
        try await store.addVisits(demo.visits)
        for outcome in try await store.receive(demo.submissions, channel: "import", at: Date()) { _ = try outcome.get() }
        try await store.setStatement(demo.statement)
    }
}
