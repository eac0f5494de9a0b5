import ElectionCore
import Testing

/// Checklists as data, the reproducible station draw, findings and data-quality flags.
@Suite struct ObservationTests {
    static let form = ChecklistForm(
        id: "opening", version: 1, phase: .opening, titleEnglish: "Opening", titleKhmer: "ការបើក",
        questions: [
            ChecklistQuestion(id: "on-time", kind: .yesNo, english: "On time?", khmer: "ទាន់ពេល?"),
            ChecklistQuestion(id: "opened-at", kind: .time, english: "At?", khmer: "ម៉ោង?", askIf: .init(question: "on-time", equals: "no")),
            ChecklistQuestion(id: "members", kind: .number, english: "Members?", khmer: "សមាជិក?", minimum: 0, maximum: 15),
            ChecklistQuestion(
                id: "missing", kind: .multipleChoice, english: "Missing?", khmer: "ខ្វះ?",
                options: [.init(id: "ink", english: "Ink", khmer: "ទឹកថ្នាំ"), .init(id: "seals", english: "Seals", khmer: "ត្រា")],
                required: false),
        ])

    @Test func aCompleteChecklistHasNoProblems() {
        #expect(Self.form.problems(in: ["on-time": ["yes"], "members": ["6"]]).isEmpty)
        #expect(Self.form.problems(in: ["on-time": ["no"], "opened-at": ["07:20"], "members": ["6"], "missing": ["ink", "seals"]]).isEmpty)
    }

    @Test func skipLogicAsksAndForbidsTheFollowUp() {
        #expect(Self.form.problems(in: ["on-time": ["no"], "members": ["6"]]) == [.init(question: "opened-at", reason: .missing)])
        #expect(Self.form.problems(in: ["on-time": ["yes"], "opened-at": ["07:20"], "members": ["6"]])
            == [.init(question: "opened-at", reason: .notAsked)])
    }

    @Test func wrongAnswersAreNamedByQuestion() {
        let problems = Self.form.problems(in: [
            "on-time": ["maybe"], "members": ["6.5"], "missing": ["ink", "ballots"], "colour": ["red"],
        ])
        #expect(problems == [
            .init(question: "colour", reason: .unknownQuestion),
            .init(question: "on-time", reason: .wrongType),
            .init(question: "members", reason: .wrongType),
            .init(question: "missing", reason: .unknownOption),
        ])
        #expect(Self.form.problems(in: ["on-time": ["yes"], "members": ["16"]]) == [.init(question: "members", reason: .outOfRange)])
        #expect(Self.form.problems(in: ["on-time": ["no"], "opened-at": ["25:00"], "members": ["1"]]) == [.init(question: "opened-at", reason: .wrongType)])
    }

    @Test func theDrawIsReproducibleStratifiedAndDependsOnlyOnItsInputs() throws {
        let frame = ((1...40).map { String(format: "12%04d001", $0) } + (1...10).map { String(format: "08%04d001", $0) }).compactMap(StationCode.init(rawValue:))
        let draw = StationDraw(seed: 42, frame: frame, size: 10, strata: .province)
        let stations = try draw.stations()
        #expect(stations.count == 10)
        #expect(Set(stations).count == 10)
        #expect(stations.filter { $0.province == "12" }.count == 8)
        #expect(stations.filter { $0.province == "08" }.count == 2)
        #expect(try StationDraw(seed: 42, frame: frame.reversed(), size: 10, strata: .province).stations() == stations)
        #expect(try StationDraw(seed: 43, frame: frame, size: 10, strata: .province).stations() != stations)
        #expect(throws: StationDraw.Problem.self) { try StationDraw(seed: 1, frame: frame, size: 51, strata: .none).stations() }
    }

    @Test func findingsCountAnswersOverallAndByProvince() {
        let submissions = [(StationCode("120101001"), "yes"), ("120101002", "no"), ("080101001", "yes")].enumerated().map { i, s in
            ChecklistSubmission(
                id: "s\(i)", missionID: "m", observer: i, stationCode: s.0, formID: "opening", formVersion: 1,
                observedAt: ClockTime("07:00")!, answers: ["on-time": [s.1], "members": ["5"]])
        }
        let findings = QuestionFinding.tally(Self.form, submissions)
        let onTime = findings.first { $0.questionID == "on-time" }
        #expect(onTime?.answered == 3)
        #expect(onTime?.counts == ["yes": 2, "no": 1])
        #expect(onTime?.share(of: "yes") == Rational(2, 3))
        #expect(onTime?.byProvince["12"] == ["yes": 1, "no": 1])
        #expect(onTime?.byHour == [7: ["yes": 2, "no": 1]])
        #expect(findings.contains { $0.questionID == "members" } == false)
    }

    @Test func dataQualityFlagsCatchDisagreementOddHoursAndUnvisitedStations() {
        let visits = [
            StationVisit(missionID: "m", stationCode: "120101001", team: "A", arrival: ClockTime("06:30")!, departure: ClockTime("07:30")!, phase: .opening),
            StationVisit(missionID: "m", stationCode: "120101002", team: "B", arrival: ClockTime("16:00")!, departure: ClockTime("16:30")!, phase: .voting),
        ]
        func submission(_ id: String, _ observer: Int, _ station: StationCode, _ onTime: String) -> ChecklistSubmission {
            ChecklistSubmission(id: id, missionID: "m", observer: observer, stationCode: station, formID: "opening", formVersion: 1,
                                observedAt: ClockTime("07:00")!, answers: ["on-time": [onTime]])
        }
        let flags = DataQualityFlag.flags(
            visits: visits,
            submissions: [submission("a", 1, "120101001", "yes"), submission("b", 2, "120101001", "no"), submission("c", 3, "120101009", "yes")],
            forms: [Self.form], pollsOpen: ClockTime("07:00")!, pollsClose: ClockTime("15:00")!)
        #expect(Set(flags.map(\.kind)) == [.visitOutsideHours, .checklistWithoutVisit, .observersDisagree])
        #expect(flags.first { $0.kind == .visitOutsideHours }?.stationCode == "120101002")
        #expect(flags.first { $0.kind == .checklistWithoutVisit }?.stationCode == "120101009")
    }

    @Test func submissionIdentifiersAreUUIDs() {
        #expect(ChecklistSubmission.isIdentifier("3F2504E0-4F89-11D3-9A0C-0305E82C3301"))
        #expect(!ChecklistSubmission.isIdentifier("3F2504E0-4F89-11D3-9A0C"))
        #expect(!ChecklistSubmission.isIdentifier("not-a-uuid"))
    }
}

@Suite struct TeamStationsTests {
    @Test func anObserversTeamStationsComeFirst() {
        let teams = [
            ObserverTeam(missionID: "m", name: "Kandal", members: [1, 2], area: []),
            ObserverTeam(missionID: "m", name: "Phnom Penh", members: [3], area: []),
        ]
        let deployment: [StationCode: String] = ["080101001": "Kandal", "120101001": "Phnom Penh", "120101002": "Phnom Penh", "010201001": "Kandal"]
        let forPhnomPenh = ObserverTeam.stations(deployment, forSeat: 3, teams: teams)
        #expect(forPhnomPenh.team == ["120101001", "120101002"])
        #expect(forPhnomPenh.others == ["010201001", "080101001"])
        // In no team: every station is another's, in code order.
        let loner = ObserverTeam.stations(deployment, forSeat: 9, teams: teams)
        #expect(loner.team.isEmpty && loner.others == deployment.keys.sorted())
    }
}
