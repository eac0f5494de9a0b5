import ElectionCore

extension ObservationStore where Self: ElectionStore {
    /// A mission's findings: answers counted per question, data-quality flags, incidents and
    /// complaints (rejected ones left out unless `includingRejected`).
    public func missionFindings(_ id: String, includingRejected: Bool = false) async throws -> MissionFindings {
        _ = try await mission(id)
        let election = try await election()
        let visits = try await visits(ofMission: id)
        let submissions = try await submissions(ofMission: id)
        let forms = try await checklistForms()
        let used = Set(submissions.map { "\($0.formID) \($0.formVersion)" })
        let usedForms = forms.filter { used.contains("\($0.id) \($0.version)") }
        let incidents = try await incidents(ofMission: id).filter { includingRejected || $0.status != .rejected }
        let stations = Set(visits.map(\.stationCode))
        return MissionFindings(
            missionID: id, visits: visits.count, stationsVisited: stations.count,
            provinces: Set(stations.map { String($0.prefix(2)) }).sorted(), checklists: submissions.count,
            questions: usedForms.flatMap { form in
                QuestionFinding.tally(form, submissions.filter { $0.formVersion == form.version })
            },
            flags: DataQualityFlag.flags(
                visits: visits, submissions: submissions, forms: forms,
                pollsOpen: ClockTime(election.pollsOpen) ?? ClockTime("07:00")!, pollsClose: ClockTime(election.pollsClose) ?? ClockTime("15:00")!),
            incidentsByCategory: incidents.filter { $0.kind == .incident }.reduce(into: [:]) { $0[$1.category.rawValue, default: 0] += 1 },
            complaints: incidents.filter { $0.kind == .complaint }.count)
    }

    /// The mission's report: every figure computed from the database.
    public func missionReport(_ id: String) async throws -> MissionReport {
        let findings = try await missionFindings(id)
        var commissions: [String: Int] = [:]
        for level in CommissionLevel.allCases { commissions[level.rawValue] = try await self.commissions(level: level, within: nil).count }
        var accredited: [String: Int] = [:]
        for m in try await missions() {
            accredited[m.kind, default: 0] += try await members(ofMission: m.id).filter { $0.accreditation == .accredited }.count
        }
        let teams = try await teams(ofMission: id)
        var names: [String: String] = [:]
        for code in Set(findings.provinces + teams.flatMap { $0.area.map { String($0.prefix(2)) } }) {
            names[code] = try await constituency(code).nameEnglish
        }
        let visitsByTeam = Dictionary(grouping: try await visits(ofMission: id), by: \.team).mapValues { Set($0.map(\.stationCode)).count }
        return MissionReport(
            mission: try await mission(id), members: try await members(ofMission: id), activities: try await activities(ofMission: id),
            teams: teams, visitsByTeam: visitsByTeam,
            election: try await election(), statistics: try await statistics(countingRegister: false), commissions: commissions,
            accreditedObservers: accredited, findings: findings, provinceNames: names, forms: try await checklistForms(),
            statement: try await statement(ofMission: id))
    }
}
