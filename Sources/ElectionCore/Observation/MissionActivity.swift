/// Something a mission did before or around election day, for its log and its report.
public struct MissionActivity: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case meeting
        case campaignEvent = "campaign-event"
        case mediaMonitoring = "media-monitoring"
        case legalFramework = "legal-framework"
    }

    public var missionID: MissionID
    public var kind: Kind
    public var day: CalendarDate
    /// Whom the mission met, or the event, outlet or law concerned.
    public var with: String
    public var notes: String
    /// The same in Khmer, when given (nil: shown in English).
    public var withKhmer: String?
    public var notesKhmer: String?

    public init(
        missionID: MissionID, kind: Kind, day: CalendarDate, with: String, notes: String, withKhmer: String? = nil, notesKhmer: String? = nil
    ) {
        self.missionID = missionID
        self.kind = kind
        self.day = day
        self.with = with
        self.notes = notes
        self.withKhmer = withKhmer
        self.notesKhmer = notesKhmer
    }
}

/// A checklist as received, with how it arrived. Every payload received is kept, retries too.
public struct SubmissionReceipt: Sendable, Hashable, Codable {
    /// `stored` the first time, `repeated` for a retry with the same identifier and content.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case stored
        case repeated
    }

    public var submission: ChecklistSubmission
    /// `api`, `web` or `import`.
    public var channel: String
    public var outcome: Outcome

    public init(submission: ChecklistSubmission, channel: String, outcome: Outcome) {
        self.submission = submission
        self.channel = channel
        self.outcome = outcome
    }
}

/// A retry that reuses a submission's identifier with different content: refused, nothing overwritten.
public struct SubmissionConflict: Error, Sendable, Hashable {
    public var id: String
    public init(id: String) { self.id = id }
}
