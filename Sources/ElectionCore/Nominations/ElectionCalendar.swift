import Foundation

/// A step of an election's calendar that has dates.
public enum Milestone: String, Sendable, Hashable, Codable, CaseIterable {
    /// The election is called.
    case announcement
    /// Voters register or update their registration; polling stations are fixed when it closes.
    case voterRegistration = "voter-registration"
    /// The voter list is published (polling stations are fixed earlier, when voter registration closes).
    case voterListPublication = "voter-list-publication"
    /// Parties apply to be registered for the election.
    case partyRegistration = "party-registration"
    /// Parties submit their candidate lists; lists cannot change after it closes.
    case nominations
    /// Campaigning is allowed.
    case campaign
    /// The day of silence before polling.
    case silence
    /// Polling day (hours as the election says).
    case polling
    /// Provisional results are announced.
    case provisionalResults = "provisional-results"
    /// Complaints about the count may be lodged.
    case complaints
    /// Official results are announced.
    case officialResults = "official-results"
}

/// One milestone's dates, both days included.
public struct CalendarEntry: Sendable, Hashable, Codable {
    public var milestone: Milestone
    public var opens: CalendarDate
    public var closes: CalendarDate

    public init(milestone: Milestone, opens: CalendarDate, closes: CalendarDate) {
        self.milestone = milestone
        self.opens = opens
        self.closes = closes
    }
}

/// A deadline moved by the NEC, with who moved it, when and why.
public struct DeadlineOverride: Sendable, Hashable, Codable {
    public var milestone: Milestone
    /// The new last day.
    public var closes: CalendarDate
    public var reason: String
    /// The official who moved it.
    public var officialName: String
    public var recordedAt: Date

    public init(milestone: Milestone, closes: CalendarDate, reason: String, officialName: String, recordedAt: Date) {
        self.milestone = milestone
        self.closes = closes
        self.reason = reason
        self.officialName = officialName
        self.recordedAt = recordedAt
    }
}

/// An election's milestones and the deadlines the NEC has moved: what the workflows ask before
/// they change what a milestone closes.
public struct ElectionCalendar: Sendable, Hashable {
    /// In calendar order (by first day, then milestone order).
    public var entries: [CalendarEntry]
    /// Oldest first; the newest for a milestone is the one in force.
    public var overrides: [DeadlineOverride]

    public init(entries: [CalendarEntry], overrides: [DeadlineOverride] = []) {
        let order = Dictionary(uniqueKeysWithValues: Milestone.allCases.enumerated().map { ($1, $0) })
        self.entries = entries.sorted { ($0.opens, order[$0.milestone]!) < ($1.opens, order[$1.milestone]!) }
        self.overrides = overrides.sorted { $0.recordedAt < $1.recordedAt }
    }

    /// The override in force for `milestone`, if its deadline was moved.
    public func override(of milestone: Milestone) -> DeadlineOverride? {
        overrides.last { $0.milestone == milestone }
    }

    /// The days `milestone` is open, with its deadline as last moved; nil when the calendar does
    /// not have it.
    public func window(_ milestone: Milestone) -> ClosedRange<CalendarDate>? {
        guard let entry = entries.first(where: { $0.milestone == milestone }) else { return nil }
        let closes = override(of: milestone)?.closes ?? entry.closes
        return entry.opens...max(entry.opens, closes)
    }

    /// Throws a ``Refusal`` unless `milestone` is open on `day`. A milestone the calendar does not
    /// have sets no limit.
    public func require(_ milestone: Milestone, openOn day: CalendarDate) throws(Refusal) {
        guard let window = window(milestone), !window.contains(day) else { return }
        let when = day < window.lowerBound ? "opens on \(window.lowerBound)" : "closed on \(window.upperBound)"
        throw Refusal(.outsideCalendar, field: milestone.rawValue, "\(milestone.rawValue) \(when)")
    }
}

extension Election {
    /// The day it is at `instant` where the election is held.
    public func localDay(at instant: Date) -> CalendarDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffsetMinutes * 60
        return CalendarDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// The moment polls close on election day.
    public var pollsCloseInstant: Date {
        let parts = pollsClose.split(separator: ":").compactMap { Int($0) }
        let minutes = parts.count == 2 ? parts[0] * 60 + parts[1] : 24 * 60
        let seconds = electionDay.daysSinceEpoch * 86_400 + (minutes - utcOffsetMinutes) * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Throws a ``Refusal`` when results are entered before the polls close.
    public func requirePollsClosed(at instant: Date) throws(Refusal) {
        guard instant < pollsCloseInstant else { return }
        throw Refusal(.outsideCalendar, field: "polling", "result entry starts when the polls close, \(electionDay) \(pollsClose)")
    }
}
