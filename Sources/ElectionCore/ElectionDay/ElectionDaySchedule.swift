import Foundation

/// Election day's hours as the election sets them: when polls open and close, and the times at
/// which every polling station reports how many have voted so far.
public struct ElectionDaySchedule: Sendable, Hashable {
    public var day: CalendarDate
    public var opens: ClockTime
    public var closes: ClockTime
    /// Ascending, each after opening and not after closing; the last is often closing itself.
    public var turnoutTimes: [ClockTime]
    /// The election's local time as minutes east of UTC.
    public var utcOffsetMinutes: Int

    /// Officials set up the station before polls open and may report from then.
    public static let setUpMinutes = 60
    /// A station not open this long after polls open is flagged; so is a turnout report this late.
    public static let graceMinutes = 30

    /// The schedule of `election`. Times it cannot read fall back to 07:00-15:00 and one turnout
    /// report at closing; ``problem(of:)`` says what is wrong, for the bundle's checks.
    public init(_ election: Election) {
        day = election.electionDay
        opens = ClockTime(election.pollsOpen) ?? ClockTime(minutes: 7 * 60)
        closes = ClockTime(election.pollsClose) ?? ClockTime(minutes: 15 * 60)
        let times = (election.turnoutTimes ?? []).compactMap(ClockTime.init)
        turnoutTimes = times.isEmpty ? [closes] : times
        utcOffsetMinutes = election.utcOffsetMinutes
    }

    /// What is wrong with the election's hours, if anything: the field and the reason.
    public static func problem(of election: Election) -> (field: String, reason: String)? {
        guard let opens = ClockTime(election.pollsOpen) else { return ("election.pollsOpen", "not a time of day HH:MM") }
        guard let closes = ClockTime(election.pollsClose) else { return ("election.pollsClose", "not a time of day HH:MM") }
        guard opens < closes else { return ("election.pollsClose", "must be after pollsOpen") }
        var previous = opens
        for text in election.turnoutTimes ?? [] {
            guard let time = ClockTime(text) else { return ("election.turnoutTimes", "not a time of day HH:MM: \(text)") }
            guard previous < time, time <= closes else {
                return ("election.turnoutTimes", "each must be after the one before and after pollsOpen, and not after pollsClose: \(text)")
            }
            previous = time
        }
        return nil
    }

    /// The local day and time of day at `instant`.
    public func local(_ instant: Date) -> (day: CalendarDate, time: ClockTime) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffsetMinutes * 60
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        return (CalendarDate(daysSinceEpoch: days), ClockTime(minutes: (seconds - days * 86_400) / 60))
    }

    /// The instant of `time` on election day.
    public func instant(_ time: ClockTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval((day.daysSinceEpoch * 1440 + time.minutes - utcOffsetMinutes) * 60))
    }

    /// Where election day stands at `instant`: before it, on it (with the local time), the day
    /// after, or later.
    public func moment(_ instant: Date) -> Moment {
        let (today, time) = local(instant)
        switch today.daysSinceEpoch - day.daysSinceEpoch {
        case ..<0: return .before
        case 0: return .on(time)
        case 1: return .nextDay
        default: return .later
        }
    }

    /// Where an instant falls against election day.
    public enum Moment: Sendable, Hashable {
        case before
        case on(ClockTime)
        /// The day after: reports from phones that were offline still arrive.
        case nextDay
        case later

        /// How much of election day has passed, when reports are taken: none before it, all of it
        /// the next day, nil before and after that.
        public var timePassed: ClockTime? {
            switch self {
            case .before, .later: nil
            case .on(let time): time
            case .nextDay: ClockTime(minutes: 24 * 60 - 1)
            }
        }
    }
}
