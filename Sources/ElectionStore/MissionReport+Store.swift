import ElectionCore

extension ObservationStore where Self: ElectionStore {
    /// A mission's findings: answers counted per question, data-quality flags, incidents and
    /// complaints (rejected ones left out unless `includingRejected`), read as one snapshot.
    public func missionFindings(_ id: MissionID, includingRejected: Bool = false) async throws -> MissionFindings {
        try await snapshot { store in try await store.findingsAsRead(id, includingRejected: includingRejected) }
    }

    private func findingsAsRead(_ id: MissionID, includingRejected: Bool) async throws -> MissionFindings {
        _ = try await mission(id)
        return Self.findings(
            id, election: try await election(), visits: try await visits(ofMission: id),
            submissions: try await submissions(ofMission: id), forms: try await checklistForms(),
            incidents: try await incidents(ofMission: id), includingRejected: includingRejected)
    }


    /// The findings from what was read: the one computation behind the findings and the report.
    private static func findings(
        _ id: MissionID, election: Election, visits: [StationVisit], submissions: [ChecklistSubmission], forms: [ChecklistForm],
        incidents all: [Incident], includingRejected: Bool
    ) -> MissionFindings {
        let used = Set(submissions.map { "\($0.formID) \($0.formVersion)" })
        let usedForms = forms.filter { used.contains("\($0.id) \($0.version)") }
        let incidents = all.filter { includingRejected || $0.status != .rejected }
        let stations = Set(visits.map(\.stationCode))
        return MissionFindings(
            missionID: id, visits: visits.count, stationsVisited: stations.count,
            provinces: Set(stations.map(\.province)).sorted(), checklists: submissions.count,
            questions: usedForms.flatMap { form in
                QuestionFinding.tally(form, submissions.filter { $0.formVersion == form.version })
            },
            flags: DataQualityFlag.flags(
                visits: visits, submissions: submissions, forms: forms,
                pollsOpen: ClockTime(election.pollsOpen) ?? ClockTime("07:00")!, pollsClose: ClockTime(election.pollsClose) ?? ClockTime("15:00")!),
            incidentsByCategory: incidents.filter { $0.kind == .incident }.reduce(into: [:]) { $0[$1.category.rawValue, default: 0] += 1 },
            complaints: incidents.filter { $0.kind == .complaint }.count)
    }
}

extension ObservationStore where Self: ElectionStore & AccreditationStore {
    /// The mission's report: every figure computed from one snapshot of the database, each table read once.
    public func missionReport(_ id: MissionID) async throws -> MissionReport {
        try await snapshot { store in try await store.reportAsRead(id) }
    }

    private func reportAsRead(_ id: MissionID) async throws -> MissionReport {
        let mission = try await mission(id)
        let election = try await election()
        let visits = try await visits(ofMission: id)
        let forms = try await checklistForms()
        let findings = Self.findings(
            id, election: election, visits: visits, submissions: try await submissions(ofMission: id), forms: forms,
            incidents: try await incidents(ofMission: id), includingRejected: false)
        // Accredited people as the NEC's records count them (not only the missions entered here).
        let accreditation = try await accreditationStatistics()
        func lines(_ category: AccreditationCategory) -> [AccreditationStatistics.Line] {
            accreditation.organisations.filter { $0.category == category }
        }
        let accredited: [String: Int] = [
            "domestic": accreditation.byCategory[.nationalObserver] ?? 0, "domestic_organisations": lines(.nationalObserver).count,
            "international": accreditation.byCategory[.internationalObserver] ?? 0, "international_missions": lines(.internationalObserver).count,
            "journalists": accreditation.byCategory[.journalist] ?? 0, "outlets": lines(.journalist).count,
        ]
        let teams = try await teams(ofMission: id)
        // The quick count goes in once the mission has published it.
        var quickCount: QuickCountEstimates?
        if let quick = self as? any QuickCountStore & ElectionStore, let sample = try await quick.quickCountSample(ofMission: id), sample.published {
            quickCount = try await quick.quickCountEstimates(sample, counts: try await quick.observedCounts(ofMission: id))
        }
        let wanted = Set(findings.provinces + teams.flatMap { $0.area.compactMap(\.province) } + (quickCount?.bias.strataBelowHalf.compactMap(\.province) ?? []))
        var names: [ProvinceCode: String] = [:], namesKhmer: [ProvinceCode: String] = [:]
        for province in try await constituencies() where wanted.contains(province.id) {
            (names[province.id], namesKhmer[province.id]) = (province.nameEnglish, province.nameKhmer)
        }
        if let unknown = wanted.subtracting(names.keys).sorted().first { throw StoreError.notFound("province", unknown.rawValue) }
        let visitsByTeam = Dictionary(grouping: visits, by: \.team).mapValues { Set($0.map(\.stationCode)).count }
        let commissions = try await commissionCounts()
        var report = MissionReport(
            mission: mission, members: try await members(ofMission: id), activities: try await activities(ofMission: id),
            teams: teams, visitsByTeam: visitsByTeam,
            election: election, statistics: try await statistics(countingRegister: false),
            commissions: Dictionary(uniqueKeysWithValues: commissions.map { ($0.key.rawValue, $0.value) }),
            accreditedObservers: accredited, findings: findings, provinceNames: names, provinceNamesKhmer: namesKhmer, forms: forms,
            statement: try await statement(ofMission: id))
        report.coverage = CoverageSummary(try await coverage(ofMission: id))
        report.parties = try await parties()
        report.quickCount = quickCount
        return report
    }
}
