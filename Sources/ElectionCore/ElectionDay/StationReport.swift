import Foundation

/// What a polling station's officials report from their phone on election day. A station reports
/// each slot once: its opening, its turnout at each of the election's set times, its closing;
/// and any number of incidents.
public struct StationReport: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case opening
        case turnout
        case closing
        case incident
    }

    /// What an incident at a station was about.
    public enum IncidentCategory: String, Sendable, Hashable, Codable, CaseIterable {
        case violence
        case intimidation
        case materials
        case turnedAway = "voters-turned-away"
        case unauthorisedPerson = "unauthorised-person"
        case procedure
        case weather
        case other
    }

    /// Made by the reporting phone, so that a resend is recognised as the same report.
    public var id: String
    public var stationCode: StationCode
    public var kind: Kind
    /// Opened at, the turnout's set time, closed at, or when the incident happened (local).
    public var time: ClockTime
    /// Opening: commission members present.
    public var staffPresent: Int?
    /// Opening: every material (ballot papers, boxes, ink, the voter list) present.
    public var materialsComplete: Bool?
    /// Turnout: voters who have voted so far.
    public var voted: Int?
    /// Closing: voters still in line when polls closed (they may still vote).
    public var inLine: Int?
    /// Incident: what it was about.
    public var category: IncidentCategory?
    /// Opening: problems; closing: why it closed before the set time; incident: what happened.
    public var note: String

    public init(
        id: String, stationCode: StationCode, kind: Kind, time: ClockTime, staffPresent: Int? = nil, materialsComplete: Bool? = nil,
        voted: Int? = nil, inLine: Int? = nil, category: IncidentCategory? = nil, note: String = ""
    ) {
        self.id = id
        self.stationCode = stationCode
        self.kind = kind
        self.time = time
        self.staffPresent = staffPresent
        self.materialsComplete = materialsComplete
        self.voted = voted
        self.inLine = inLine
        self.category = category
        self.note = note
    }

    /// Reports at the same time go in the order of the day: opening, turnout, incident, closing.
    public var dayOrder: Int {
        switch kind {
        case .opening: 0
        case .turnout: 1
        case .incident: 2
        case .closing: 3
        }
    }

    /// What the station may report only once: `opening`, `turnout-09:00`, `closing`; each
    /// incident is its own.
    public var slot: String {
        switch kind {
        case .opening, .closing: kind.rawValue
        case .turnout: "turnout-\(time)"
        case .incident: "incident-\(id)"
        }
    }
}

/// A station report the rules of election day refuse: the rule, and the field it concerns.
public struct StationReportRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// Sent before election day or its setting up, or after the day.
        case notElectionDay = "not-election-day"
        /// A time outside the day's hours for this report (an opening after closing, ...).
        case outsideHours = "outside-hours"
        /// A time that has not come yet.
        case notYet = "not-yet"
        /// A turnout at a time the election did not set.
        case notATurnoutTime = "not-a-turnout-time"
        /// Turnout or closing before the station reported its opening.
        case openingFirst = "opening-first"
        /// More voted than the station's registered voters.
        case moreThanRegistered = "more-than-registered"
        /// Fewer voted than the station reported at an earlier time.
        case fewerThanBefore = "fewer-than-before"
        /// More voted than the station reported at a later time (sent out of order).
        case moreThanLater = "more-than-later"
        /// Closed before the set time without a reason.
        case earlyClosingReason = "early-closing-reason"
        /// The station already reported this slot, with other figures.
        case slotTaken = "slot-taken"
    }

    public var rule: Rule
    public var field: String
    /// The figure or time the rule compared with (registered voters, the earlier turnout, the set time).
    public var limit: String?

    public init(_ rule: Rule, field: String, limit: String? = nil) {
        self.rule = rule
        self.field = field
        self.limit = limit
    }

    /// A refused time or state is a conflict with the day (409); a refused figure is unprocessable (422).
    public var isConflict: Bool {
        switch rule {
        case .notElectionDay, .notYet, .openingFirst, .slotTaken: true
        case .outsideHours, .notATurnoutTime, .moreThanRegistered, .fewerThanBefore, .moreThanLater, .earlyClosingReason: false
        }
    }

    public var description: String { "\(rule.rawValue) (\(field))" + (limit.map { ": \($0)" } ?? "") }
}

extension StationReport {
    /// Throws the first rule of election day the report breaks, as received at `now` (reports
    /// are taken from setting up on election day to the end of the next day, for phones that were
    /// offline), for a station of `registered` voters whose `earlier` reports are
    /// stored. The slot's uniqueness is the store's to check, against what is stored.
    public func requireAllowed(
        _ schedule: ElectionDaySchedule, now: ElectionDaySchedule.Moment, registered: Int, earlier: [StationReport]
    ) throws(StationReportRefusal) {
        let setUp = ClockTime(minutes: schedule.opens.minutes - ElectionDaySchedule.setUpMinutes)
        guard let passed = now.timePassed, passed >= setUp else {
            throw StationReportRefusal(.notElectionDay, field: "time", limit: "\(schedule.day) \(setUp)")
        }
        guard time <= passed else { throw StationReportRefusal(.notYet, field: "time", limit: passed.description) }
        let opening = earlier.first { $0.kind == .opening }
        switch kind {
        case .opening:
            guard time >= setUp, time < schedule.closes else {
                throw StationReportRefusal(.outsideHours, field: "time", limit: "\(setUp)–\(schedule.closes)")
            }
        case .turnout:
            guard schedule.turnoutTimes.contains(time) else {
                throw StationReportRefusal(.notATurnoutTime, field: "time", limit: schedule.turnoutTimes.map(\.description).joined(separator: ", "))
            }
            guard opening != nil else { throw StationReportRefusal(.openingFirst, field: "kind") }
            let voted = self.voted ?? 0
            guard voted <= registered else { throw StationReportRefusal(.moreThanRegistered, field: "voted", limit: String(registered)) }
            if let before = earlier.filter({ $0.kind == .turnout && $0.time < time }).max(by: { $0.time < $1.time }),
               let figure = before.voted, voted < figure {
                throw StationReportRefusal(.fewerThanBefore, field: "voted", limit: "\(figure) (\(before.time))")
            }
            if let after = earlier.filter({ $0.kind == .turnout && $0.time > time }).min(by: { $0.time < $1.time }),
               let figure = after.voted, voted > figure {
                throw StationReportRefusal(.moreThanLater, field: "voted", limit: "\(figure) (\(after.time))")
            }
        case .closing:
            guard let opening else { throw StationReportRefusal(.openingFirst, field: "kind") }
            guard time > opening.time else { throw StationReportRefusal(.outsideHours, field: "time", limit: "> \(opening.time)") }
            if time < schedule.closes, note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw StationReportRefusal(.earlyClosingReason, field: "note", limit: schedule.closes.description)
            }
        case .incident:
            guard time >= setUp else { throw StationReportRefusal(.outsideHours, field: "time", limit: "\(setUp)–") }
        }
    }
}
