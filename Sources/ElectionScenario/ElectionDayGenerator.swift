import ElectionCore
import Foundation

/// A whole election day of polling stations' reports, generated from a seed: every station opens
/// (most a few minutes before polls open, some late, a few never report), reports turnout at each
/// set time (a few miss one), closes (some after the set time, with voters still in line), and a
/// few report incidents. The same seed gives the same day.
public struct ElectionDayGenerator: Sendable {
    /// A station as the generator needs it.
    public struct Station: Sendable {
        public var code: StationCode
        public var registered: Int
        public init(code: StationCode, registered: Int) {
            self.code = code
            self.registered = registered
        }
    }

    public let seed: UInt64
    public let schedule: ElectionDaySchedule

    /// Shares of stations, from what observers of Cambodia's elections report (most stations open on
    /// time; a few per cent open late; about one in a hundred phones never reports).
    static let openLateShare = 0.05, openVeryLateShare = 0.015, neverReportsShare = 0.005
    static let missesTurnoutShare = 0.01, closesLateShare = 0.025, incidentShare = 0.035
    /// The national turnout the stations' final figures spread around (2023: 84.58%).
    static let meanTurnout = 0.8458

    public init(seed: UInt64, schedule: ElectionDaySchedule) {
        self.seed = seed
        self.schedule = schedule
    }

    /// Every report of `stations`, in the order of the day (by time; opening before turnout before
    /// incidents before closing).
    public func reports(for stations: [Station]) -> [StationReport] {
        var all: [StationReport] = []
        for station in stations { all += reports(for: station) }
        return all.sorted { ($0.time, $0.dayOrder, $0.stationCode) < ($1.time, $1.dayOrder, $1.stationCode) }
    }

    /// One station's day; its own stream of the seed, so a station's day does not depend on the others.
    func reports(for station: Station) -> [StationReport] {
        var rng = SeededGenerator(seed: seed, stream: UInt64(Int(station.code.rawValue) ?? 0))
        let opens = schedule.opens.minutes, closes = schedule.closes.minutes
        var reports: [StationReport] = []
        func id() -> String {
            var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes[6] = bytes[6] & 0x0f | 0x40
            bytes[8] = bytes[8] & 0x3f | 0x80
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
            return parts.joined(separator: "-")
        }
        let draw = Double.random(in: 0..<1, using: &rng)
        if draw < Self.neverReportsShare { return [] }
        let opened: Int
        if draw < Self.neverReportsShare + Self.openVeryLateShare {
            opened = opens + Int.random(in: (ElectionDaySchedule.graceMinutes + 1)...90, using: &rng)
        } else if draw < Self.neverReportsShare + Self.openVeryLateShare + Self.openLateShare {
            opened = opens + Int.random(in: 1...ElectionDaySchedule.graceMinutes, using: &rng)
        } else {
            opened = opens - Int.random(in: 0...15, using: &rng)
        }
        let staff = [5, 5, 5, 5, 5, 5, 5, 5, 4, 3].randomElement(using: &rng)!
        let complete = Double.random(in: 0..<1, using: &rng) >= 0.02
        reports.append(StationReport(
            id: id(), stationCode: station.code, kind: .opening, time: ClockTime(minutes: opened), staffPresent: staff,
            materialsComplete: complete, note: complete ? "" : "Indelible ink arrived late from the commune."))

        // Turnout: a concave curve from opening to the final share, a little noise, never falling.
        let final = min(0.98, max(0.5, Self.meanTurnout + Self.normal(&rng) * 0.05))
        var voted = 0
        for time in schedule.turnoutTimes where time.minutes > opened {
            let x = Double(time.minutes - opens) / Double(max(1, closes - opens))
            let curve = x >= 1 ? 1 : min(1, max(0, 1 - pow(1 - x, 1.6) + Self.normal(&rng) * 0.02))
            voted = max(voted, min(station.registered, Int((Double(station.registered) * final * curve).rounded())))
            if time.minutes < closes, Double.random(in: 0..<1, using: &rng) < Self.missesTurnoutShare { continue }
            reports.append(StationReport(id: id(), stationCode: station.code, kind: .turnout, time: time, voted: voted))
        }

        let incidents = Double.random(in: 0..<1, using: &rng) < Self.incidentShare ? (Double.random(in: 0..<1, using: &rng) < 0.15 ? 2 : 1) : 0
        for _ in 0..<incidents {
            let category = Self.incidentCategories.randomElement(using: &rng)!
            reports.append(StationReport(
                id: id(), stationCode: station.code, kind: .incident, time: ClockTime(minutes: Int.random(in: opened...(closes - 1), using: &rng)),
                category: category, note: Self.incidentNotes[category] ?? "Recorded by the station commission."))
        }

        let late = Double.random(in: 0..<1, using: &rng) < Self.closesLateShare
        reports.append(StationReport(
            id: id(), stationCode: station.code, kind: .closing, time: ClockTime(minutes: closes + (late ? Int.random(in: 5...45, using: &rng) : 0)),
            inLine: late ? Int.random(in: 1...40, using: &rng) : 0))
        return reports
    }

    /// Categories weighted as observers' reports of station incidents usually fall: procedure and
    /// materials most, violence least.
    static let incidentCategories: [StationReport.IncidentCategory] =
        Array(repeating: .procedure, count: 30) + Array(repeating: .materials, count: 20) + Array(repeating: .turnedAway, count: 20)
        + Array(repeating: .weather, count: 10) + Array(repeating: .unauthorisedPerson, count: 8) + Array(repeating: .intimidation, count: 7)
        + Array(repeating: .violence, count: 2) + Array(repeating: .other, count: 3)

    static let incidentNotes: [StationReport.IncidentCategory: String] = [
        .procedure: "A voter's finger was not checked for ink before the ballot was given; the chair corrected it.",
        .materials: "Ballot papers for one stream ran short; more came from the commune within the hour.",
        .turnedAway: "Voters not on this station's list were sent to the station where they are registered.",
        .weather: "Rain and a power cut darkened the booths for twenty minutes.",
        .unauthorisedPerson: "A person without a badge stayed near the table and was asked to leave.",
        .intimidation: "Voters in the line said a man outside told them how to vote; the police were told.",
        .violence: "Two people fought outside the station; the police separated them.",
    ]

    /// A standard normal draw (Box–Muller).
    static func normal(_ rng: inout SeededGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
