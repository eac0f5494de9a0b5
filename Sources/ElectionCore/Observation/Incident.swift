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

    public init(
        id: Int, missionID: MissionID, kind: Kind, category: Category, severity: Severity, stationCode: StationCode?,
        place: String, day: CalendarDate, time: ClockTime?, description: String, status: Status
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
    }
}
