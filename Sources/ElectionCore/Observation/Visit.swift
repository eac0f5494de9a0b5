/// A mission's team: who is in it and the area it covers (province or commune codes).
public struct ObserverTeam: Sendable, Hashable, Codable {
    public var missionID: MissionID
    public var name: String
    /// Seats of the members in the team.
    public var members: [Int]
    /// The provinces and communes the team covers.
    public var area: [UnitCode]

    public init(missionID: MissionID, name: String, members: [Int], area: [UnitCode]) {
        self.missionID = missionID
        self.name = name
        self.members = members
        self.area = area
    }
}

extension ObserverTeam {
    /// A mission's stations as one observer needs them: those deployed to their own team first,
    /// then the mission's others, each in code order. An observer in no team sees them all as others.
    public static func stations(
        _ deployment: [StationCode: String], forSeat seat: Int, teams: [ObserverTeam]
    ) -> (team: [StationCode], others: [StationCode]) {
        let own = teams.first { $0.members.contains(seat) }?.name
        let sorted = deployment.keys.sorted()
        return (sorted.filter { own != nil && deployment[$0] == own }, sorted.filter { own == nil || deployment[$0] != own })
    }
}

/// A mission team's visit to a polling station on election day.
public struct StationVisit: Sendable, Hashable, Codable {
    public var missionID: MissionID
    public var stationCode: StationCode
    public var team: String
    public var arrival: ClockTime
    public var departure: ClockTime
    public var phase: VisitPhase
    /// Made by the recording phone, so that a retry is recognised as the same visit; nil for
    /// visits entered otherwise.
    public var submissionID: String?
    /// The mission member (seat) who recorded it, when known.
    public var recordedBy: Int?

    public init(
        missionID: MissionID, stationCode: StationCode, team: String, arrival: ClockTime, departure: ClockTime, phase: VisitPhase,
        submissionID: String? = nil, recordedBy: Int? = nil
    ) {
        self.missionID = missionID
        self.stationCode = stationCode
        self.team = team
        self.arrival = arrival
        self.departure = departure
        self.phase = phase
        self.submissionID = submissionID
        self.recordedBy = recordedBy
    }

    /// Who recorded it and the phone's identifier stay out of what is published; the store keeps
    /// them in its own columns.
    private enum CodingKeys: String, CodingKey {
        case missionID, stationCode, team, arrival, departure, phase
    }
}

/// One observer's completed checklist, as received. Kept exactly as received, never changed.
public struct ChecklistSubmission: Sendable, Hashable, Codable {
    /// Made by the observer's phone, so that a retry is recognised as the same submission.
    public var id: String
    public var missionID: MissionID
    /// The mission member who observed.
    public var observer: Int
    public var stationCode: StationCode
    public var formID: String
    public var formVersion: Int
    /// When the observer filled it in, `HH:MM` on election day.
    public var observedAt: ClockTime
    public var answers: ChecklistAnswers

    public init(
        id: String, missionID: MissionID, observer: Int, stationCode: StationCode, formID: String, formVersion: Int,
        observedAt: ClockTime, answers: ChecklistAnswers
    ) {
        self.id = id
        self.missionID = missionID
        self.observer = observer
        self.stationCode = stationCode
        self.formID = formID
        self.formVersion = formVersion
        self.observedAt = observedAt
        self.answers = answers
    }

    /// Whether `id` is a UUID in its usual text form.
    public static func isIdentifier(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return parts == [8, 4, 4, 4, 12] && id.allSatisfy { $0 == "-" || $0.isHexDigit }
    }
}
