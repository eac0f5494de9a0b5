import Foundation

/// A unit's election day as its stations reported it so far: how many opened (and late), turnout
/// at each set time among the stations that reported it, closings and incidents. Every figure is a
/// count or sum of stations' reports; a share is taken only over the stations that reported.
public struct ElectionDayTally: Sendable, Hashable, Codable {
    /// Turnout at one set time.
    public struct Turnout: Sendable, Hashable, Codable {
        public var time: ClockTime
        /// Stations that reported this time, and their registered voters.
        public var stations: Int
        public var registered: Int
        public var voted: Int

        public init(time: ClockTime, stations: Int, registered: Int, voted: Int) {
            self.time = time
            self.stations = stations
            self.registered = registered
            self.voted = voted
        }

        /// Voted out of the reporting stations' registered voters; nil when none reported.
        public var share: Rational? { registered > 0 ? Rational(voted, registered) : nil }
    }

    public struct Incidents: Sendable, Hashable, Codable {
        public var category: StationReport.IncidentCategory
        public var count: Int

        public init(category: StationReport.IncidentCategory, count: Int) {
            self.category = category
            self.count = count
        }
    }

    public var unit: UnitCode
    public var stations: Int
    public var registered: Int
    public var opened: Int
    /// Opened after polls opened and the grace time.
    public var openedLate: Int
    public var closed: Int
    /// Voters in line at closing, over the stations that closed.
    public var inLineAtClosing: Int
    /// One per set time, in order, whether or not any station reported it.
    public var turnout: [Turnout]
    /// By category, only those reported.
    public var incidents: [Incidents]
    /// Police officers posted at the stations (commissions see it, the public does not).
    public var police: Int

    public init(
        unit: UnitCode, stations: Int, registered: Int, opened: Int = 0, openedLate: Int = 0, closed: Int = 0, inLineAtClosing: Int = 0,
        turnout: [Turnout] = [], incidents: [Incidents] = [], police: Int = 0
    ) {
        self.unit = unit
        self.stations = stations
        self.registered = registered
        self.opened = opened
        self.openedLate = openedLate
        self.closed = closed
        self.inLineAtClosing = inLineAtClosing
        self.turnout = turnout
        self.incidents = incidents
        self.police = police
    }

    /// Stations that have not reported their opening.
    public var notOpened: Int { stations - opened }

    /// Incidents of every category.
    public var incidentCount: Int { incidents.reduce(0) { $0 + $1.count } }

    /// The turnout at `time`, zero stations when none reported it.
    public func turnout(at time: ClockTime) -> Turnout {
        turnout.first { $0.time == time } ?? Turnout(time: time, stations: 0, registered: 0, voted: 0)
    }

    /// The sum of `parts` as the tally of `unit`, with one turnout per time of `times` (and any
    /// other time a part reported, after them).
    public static func sum(_ parts: [ElectionDayTally], as unit: UnitCode, times: [ClockTime]) -> ElectionDayTally {
        var total = ElectionDayTally(unit: unit, stations: 0, registered: 0)
        var turnout: [ClockTime: Turnout] = [:], incidents: [StationReport.IncidentCategory: Int] = [:]
        for part in parts {
            total.stations += part.stations
            total.registered += part.registered
            total.opened += part.opened
            total.openedLate += part.openedLate
            total.closed += part.closed
            total.inLineAtClosing += part.inLineAtClosing
            total.police += part.police
            for t in part.turnout {
                var sum = turnout[t.time] ?? Turnout(time: t.time, stations: 0, registered: 0, voted: 0)
                sum.stations += t.stations
                sum.registered += t.registered
                sum.voted += t.voted
                turnout[t.time] = sum
            }
            for i in part.incidents { incidents[i.category, default: 0] += i.count }
        }
        let others = turnout.keys.filter { !times.contains($0) }.sorted()
        total.turnout = (times + others).map { turnout[$0] ?? Turnout(time: $0, stations: 0, registered: 0, voted: 0) }
        total.incidents = StationReport.IncidentCategory.allCases.compactMap { c in incidents[c].map { Incidents(category: c, count: $0) } }
        return total
    }
}

/// Stations that need someone's attention on election day: not opened by polls opening and the
/// grace time, opened late, or not reporting turnout once a set time and the grace time passed.
public struct ElectionDayAlert: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case notOpened = "not-opened"
        case openedLate = "opened-late"
        case noTurnout = "no-turnout"
    }

    public var kind: Kind
    /// The set time a turnout report is missing for.
    public var time: ClockTime?
    /// Stations in the alert.
    public var count: Int
    /// The first of them in code order, at most ``listed``; none in the nation's view, whose
    /// alerts are counted by province and listed in each.
    public var stations: [StationCode]

    /// How many stations an alert lists.
    public static let listed = 50

    public init(kind: Kind, time: ClockTime? = nil, count: Int, stations: [StationCode]) {
        self.kind = kind
        self.time = time
        self.count = count
        self.stations = stations
    }
}

extension ElectionDayAlert {
    /// The alerts of a unit whose stations add up to `total`, at `now`, counted from the tally
    /// (turnout comes only after an opening, so the stations open without a time's turnout are
    /// the opened less those that reported it); their stations are the store's to list.
    public static func counted(_ total: ElectionDayTally, _ schedule: ElectionDaySchedule, at now: ElectionDaySchedule.Moment) -> [ElectionDayAlert] {
        let due = schedule.dueAlerts(at: now)
        var alerts: [ElectionDayAlert] = []
        if due.notOpened, total.notOpened > 0 { alerts.append(.init(kind: .notOpened, count: total.notOpened, stations: [])) }
        if total.openedLate > 0 { alerts.append(.init(kind: .openedLate, count: total.openedLate, stations: [])) }
        for time in due.turnoutTimes {
            let missing = total.opened - total.turnout(at: time).stations
            if missing > 0 { alerts.append(.init(kind: .noTurnout, time: time, count: missing, stations: [])) }
        }
        return alerts
    }
}

extension ElectionDaySchedule {
    /// Polls opened and the grace time passed: a station not open is late.
    public var lateAfter: ClockTime { ClockTime(minutes: opens.minutes + Self.graceMinutes) }

    /// The alerts that apply at `now`: not opened once `lateAfter` passed, and for each set time
    /// whose grace time passed, missing turnout. (Late openings apply whenever there are any.)
    public func dueAlerts(at now: Moment) -> (notOpened: Bool, turnoutTimes: [ClockTime]) {
        guard let passed = now.timePassed else { return (false, []) }
        return (passed >= lateAfter, turnoutTimes.filter { passed.minutes >= $0.minutes + Self.graceMinutes })
    }
}

/// Turnout at a set time as the NEC published it, frozen: the nation and each province, each a sum
/// of its stations' reports at the moment of publication.
public struct TurnoutPublication: Sendable, Hashable, Codable {
    public var time: ClockTime
    public var publishedAt: Date
    public var nation: ElectionDayTally.Turnout
    /// Stations in the nation, for "N of M stations reporting".
    public var stations: Int
    public var provinces: [Province]

    public struct Province: Sendable, Hashable, Codable {
        public var code: ProvinceCode
        public var stations: Int
        public var turnout: ElectionDayTally.Turnout

        public init(code: ProvinceCode, stations: Int, turnout: ElectionDayTally.Turnout) {
            self.code = code
            self.stations = stations
            self.turnout = turnout
        }
    }

    public init(time: ClockTime, publishedAt: Date, nation: ElectionDayTally.Turnout, stations: Int, provinces: [Province]) {
        self.time = time
        self.publishedAt = publishedAt
        self.nation = nation
        self.stations = stations
        self.provinces = provinces
    }

    /// The publication of `time` from the provinces' tallies.
    public init(time: ClockTime, publishedAt: Date, provinces tallies: [ElectionDayTally]) {
        let provinces = tallies.compactMap { t in t.unit.province.map { Province(code: $0, stations: t.stations, turnout: t.turnout(at: time)) } }
        self.init(
            time: time, publishedAt: publishedAt,
            nation: ElectionDayTally.sum(tallies, as: .nation, times: [time]).turnout(at: time),
            stations: tallies.reduce(0) { $0 + $1.stations }, provinces: provinces)
    }
}

extension TurnoutPublication {
    /// Throws a refusal unless `time` is one of the set times and has passed at `now`.
    public static func requirePublishable(_ time: ClockTime, _ schedule: ElectionDaySchedule, now: ElectionDaySchedule.Moment) throws(StationReportRefusal) {
        guard schedule.turnoutTimes.contains(time) else {
            throw StationReportRefusal(.notATurnoutTime, field: "time", limit: schedule.turnoutTimes.map(\.description).joined(separator: ", "))
        }
        switch now {
        case .nextDay, .later: return
        case .on(let passed) where passed >= time: return
        default: throw StationReportRefusal(.notYet, field: "time", limit: time.description)
        }
    }
}
