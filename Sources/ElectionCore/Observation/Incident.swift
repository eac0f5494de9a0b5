/// Something a mission saw (an incident) or was told in a complaint, with what became of it.
/// The categories are documented in `docs/observation.md`.
public struct Incident: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Seen by the mission's observers.
        case incident
        /// Brought to the mission by someone else.
        case complaint
    }

    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case obstructionOfObservers = "obstruction-of-observers"
        case intimidation
        case voteBuying = "vote-buying"
        case proceduralIrregularity = "procedural-irregularity"
        case accessibility
        case campaignViolation = "campaign-violation"
        case violence
        case other
    }

    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
        case low
        case medium
        case high
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case reported
        case confirmed
        /// Found not to have happened as reported: left out of summaries unless asked for.
        case rejected
        case followedUp = "followed-up"
    }

    public var id: Int
    public var missionID: MissionID
    public var kind: Kind
    public var category: Category
    public var severity: Severity
    /// The polling station, when it happened at one.
    public var stationCode: StationCode?
    /// Where it happened, in words, when not at a station.
    public var place: String
    public var day: CalendarDate
    public var time: ClockTime?
    public var description: String
    public var status: Status
    /// Made by the reporting phone, so that a retry is recognised as the same report; nil for
    /// reports entered otherwise (the scenario, imports).
    public var submissionID: String?
    /// The mission member (seat) who reported it from their phone or the API, when known.
    public var reportedBy: Int?

    public init(
        id: Int, missionID: MissionID, kind: Kind, category: Category, severity: Severity, stationCode: StationCode?,
        place: String, day: CalendarDate, time: ClockTime?, description: String, status: Status,
        submissionID: String? = nil, reportedBy: Int? = nil
    ) {
        self.id = id
        self.missionID = missionID
        self.kind = kind
        self.category = category
        self.severity = severity
        self.stationCode = stationCode
        self.place = place
        self.day = day
        self.time = time
        self.description = description
        self.status = status
        self.submissionID = submissionID
        self.reportedBy = reportedBy
    }

    /// Who reported it and the phone's identifier stay out of what is published (an observer's
    /// safety may depend on it); the store keeps them in its own columns.
    private enum CodingKeys: String, CodingKey {
        case id, missionID, kind, category, severity, stationCode, place, day, time, description, status
    }

    /// Whether `other` reports the same thing: a retry of this report, whatever the store has
    /// given it since (its number and what became of it).
    public func isSameReport(as other: Incident) -> Bool {
        var mine = self, theirs = other
        (mine.id, mine.status, theirs.id, theirs.status) = (0, .reported, 0, .reported)
        return mine == theirs
    }
}
