/// What a mission's checklists, visits and incidents add up to.
public struct MissionFindings: Sendable, Hashable, Codable {
    public var missionID: MissionID
    public var visits: Int
    public var stationsVisited: Int
    /// Province codes the mission visited, in code order.
    public var provinces: [ProvinceCode]
    public var checklists: Int
    /// For each yes/no and choice question of each form used.
    public var questions: [QuestionFinding]
    public var flags: [DataQualityFlag]
    /// Incidents seen by the mission, by category (rejected ones only when asked for).
    public var incidentsByCategory: [String: Int]
    /// Complaints received by the mission (rejected ones only when asked for).
    public var complaints: Int

    public init(
        missionID: MissionID, visits: Int, stationsVisited: Int, provinces: [ProvinceCode], checklists: Int, questions: [QuestionFinding],
        flags: [DataQualityFlag], incidentsByCategory: [String: Int], complaints: Int
    ) {
        self.missionID = missionID
        self.visits = visits
        self.stationsVisited = stationsVisited
        self.provinces = provinces
        self.checklists = checklists
        self.questions = questions
        self.flags = flags
        self.incidentsByCategory = incidentsByCategory
        self.complaints = complaints
    }
}

/// Everything a mission's statement says, computed from the database except the head of
/// mission's assessment and conclusions.
public struct MissionReport: Sendable, Hashable, Codable {
    public var mission: ObserverMission
    public var members: [MissionMember]
    public var activities: [MissionActivity]
    public var teams: [ObserverTeam]
    /// Team name → stations visited.
    public var visitsByTeam: [String: Int]
    public var election: Election
    public var statistics: ElectionStatistics
    /// Commissions at each level (`national`, `provincial`, `commune`, `polling-station`).
    public var commissions: [String: Int]
    /// Accredited people as the NEC's records count them: `domestic`, `international` and
    /// `journalists`, with the organisations of each (`domestic_organisations`,
    /// `international_missions`, `outlets`). Reports kept before hold only the missions' own counts.
    public var accreditedObservers: [String: Int]
    public var findings: MissionFindings
    /// Province code → name, for the provinces visited.
    public var provinceNames: [ProvinceCode: String]
    /// The same in Khmer; nil in reports kept before Khmer names were added.
    public var provinceNamesKhmer: [ProvinceCode: String]?
    public var forms: [ChecklistForm]
    public var statement: MissionStatement?
    /// The mission's media monitoring added up by party, and the parties to name them; nil in
    /// reports kept before monitoring was recorded.
    public var coverage: CoverageSummary? = nil
    public var parties: [Party]? = nil
    /// The mission's quick count, once published.
    public var quickCount: QuickCountEstimates? = nil

    public init(
        mission: ObserverMission, members: [MissionMember], activities: [MissionActivity], teams: [ObserverTeam],
        visitsByTeam: [String: Int], election: Election,
        statistics: ElectionStatistics, commissions: [String: Int], accreditedObservers: [String: Int], findings: MissionFindings,
        provinceNames: [ProvinceCode: String], provinceNamesKhmer: [ProvinceCode: String]?, forms: [ChecklistForm], statement: MissionStatement?
    ) {
        self.mission = mission
        self.members = members
        self.activities = activities
        self.teams = teams
        self.visitsByTeam = visitsByTeam
        self.election = election
        self.statistics = statistics
        self.commissions = commissions
        self.accreditedObservers = accreditedObservers
        self.findings = findings
        self.provinceNames = provinceNames
        self.provinceNamesKhmer = provinceNamesKhmer
        self.forms = forms
        self.statement = statement
    }
}
