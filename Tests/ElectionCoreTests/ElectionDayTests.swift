import ElectionCore
import Foundation
import Testing

/// Election day's rules: the hours from the election, what a station may report when, and how the
/// tallies add up. Times and figures are written out by hand.
@Suite struct ElectionDayTests {
    static let election = Election(
        id: "test", nameEnglish: "Test", nameKhmer: "Test", electionDay: CalendarDate(year: 2023, month: 7, day: 23)!,
        pollsOpen: "07:00", pollsClose: "15:00", seats: 1, seatAllocationMethod: "highest-average", minimumVotingAge: 18,
        minimumCandidateAge: 25, citizenship: "KHM", utcOffsetMinutes: 420, reserveCandidates: 0...0, turnoutTimes: ["09:00", "12:00", "15:00"])
    static let schedule = ElectionDaySchedule(election)
    static let station: StationCode = "010201001"

    static func at(_ time: String) -> ElectionDaySchedule.Moment { .on(ClockTime(time)!) }
    static func report(_ kind: StationReport.Kind, _ time: String, voted: Int? = nil, note: String = "") -> StationReport {
        StationReport(id: UUID().uuidString, stationCode: station, kind: kind, time: ClockTime(time)!, voted: voted, note: note)
    }
    /// The rule `body` was refused by, nil when it was allowed.
    static func refusal(_ body: () throws -> Void) -> StationReportRefusal.Rule? {
        do { try body() } catch let refusal as StationReportRefusal { return refusal.rule } catch { Issue.record(error) }
        return nil
    }

    @Test func theHoursComeFromTheElection() {
        #expect(Self.schedule.opens == ClockTime("07:00"))
        #expect(Self.schedule.turnoutTimes.map(\.description) == ["09:00", "12:00", "15:00"])
        // 2023-07-23 07:00 in UTC+7 is 00:00 UTC.
        #expect(Self.schedule.instant(ClockTime("07:00")!) == Date(timeIntervalSince1970: 1_690_070_400))
        #expect(Self.schedule.moment(Date(timeIntervalSince1970: 1_690_070_400 + 90 * 60)) == .on(ClockTime("08:30")!))
        #expect(Self.schedule.moment(Date(timeIntervalSince1970: 1_690_070_400 - 8 * 3600)) == .before)
        #expect(Self.schedule.moment(Date(timeIntervalSince1970: 1_690_070_400 + 20 * 3600)) == .nextDay)
        #expect(Self.schedule.moment(Date(timeIntervalSince1970: 1_690_070_400 + 50 * 3600)) == .later)
        var none = Self.election
        none.turnoutTimes = nil
        #expect(ElectionDaySchedule(none).turnoutTimes == [ClockTime("15:00")!], "without set times, turnout is reported once, at closing")
    }

    @Test func badHoursAreNamed() {
        var e = Self.election
        e.turnoutTimes = ["12:00", "09:00"]
        #expect(ElectionDaySchedule.problem(of: e)?.field == "election.turnoutTimes")
        e.turnoutTimes = ["16:00"]
        #expect(ElectionDaySchedule.problem(of: e)?.field == "election.turnoutTimes")
        e.turnoutTimes = ["9h"]
        #expect(ElectionDaySchedule.problem(of: e)?.field == "election.turnoutTimes")
        e.turnoutTimes = nil
        e.pollsClose = "06:00"
        #expect(ElectionDaySchedule.problem(of: e)?.field == "election.pollsClose")
        #expect(ElectionDaySchedule.problem(of: Self.election) == nil)
    }

    @Test func reportsAreTakenOnElectionDayFromSettingUp() {
        let opening = Self.report(.opening, "06:50")
        #expect(Self.refusal { try opening.requireAllowed(Self.schedule, now: .before, registered: 500, earlier: []) } == .notElectionDay)
        #expect(Self.refusal { try opening.requireAllowed(Self.schedule, now: Self.at("05:59"), registered: 500, earlier: []) } == .notElectionDay)
        #expect(Self.refusal { try opening.requireAllowed(Self.schedule, now: Self.at("06:45"), registered: 500, earlier: []) } == .notYet)
        #expect(Self.refusal { try opening.requireAllowed(Self.schedule, now: Self.at("06:50"), registered: 500, earlier: []) } == nil)
        #expect(Self.refusal { try opening.requireAllowed(Self.schedule, now: .nextDay, registered: 500, earlier: []) } == nil, "a phone that was offline")
        #expect(Self.refusal { try opening.requireAllowed(Self.schedule, now: .later, registered: 500, earlier: []) } == .notElectionDay)
        #expect(Self.refusal { try Self.report(.opening, "05:30").requireAllowed(Self.schedule, now: Self.at("08:00"), registered: 500, earlier: []) } == .outsideHours)
    }

    @Test func turnoutComesAfterOpeningAtASetTimeAndNeverFalls() {
        let opening = Self.report(.opening, "06:55")
        let nine = Self.report(.turnout, "09:00", voted: 120)
        #expect(Self.refusal { try nine.requireAllowed(Self.schedule, now: Self.at("09:05"), registered: 500, earlier: []) } == .openingFirst)
        #expect(Self.refusal { try nine.requireAllowed(Self.schedule, now: Self.at("08:59"), registered: 500, earlier: [opening]) } == .notYet)
        #expect(Self.refusal { try nine.requireAllowed(Self.schedule, now: Self.at("09:05"), registered: 500, earlier: [opening]) } == nil)
        #expect(Self.refusal { try Self.report(.turnout, "10:00", voted: 1).requireAllowed(Self.schedule, now: Self.at("10:05"), registered: 500, earlier: [opening]) } == .notATurnoutTime)
        #expect(Self.refusal { try Self.report(.turnout, "09:00", voted: 501).requireAllowed(Self.schedule, now: Self.at("09:05"), registered: 500, earlier: [opening]) } == .moreThanRegistered)
        #expect(Self.refusal { try Self.report(.turnout, "12:00", voted: 119).requireAllowed(Self.schedule, now: Self.at("12:05"), registered: 500, earlier: [opening, nine]) } == .fewerThanBefore)
        #expect(Self.refusal { try Self.report(.turnout, "12:00", voted: 120).requireAllowed(Self.schedule, now: Self.at("12:05"), registered: 500, earlier: [opening, nine]) } == nil)
        // Sent out of order from a phone's outbox: 09:00 arrives after 12:00.
        let noon = Self.report(.turnout, "12:00", voted: 300)
        #expect(Self.refusal { try Self.report(.turnout, "09:00", voted: 301).requireAllowed(Self.schedule, now: Self.at("12:10"), registered: 500, earlier: [opening, noon]) } == .moreThanLater)
        #expect(Self.refusal { try Self.report(.turnout, "09:00", voted: 290).requireAllowed(Self.schedule, now: Self.at("12:10"), registered: 500, earlier: [opening, noon]) } == nil)
    }

    @Test func closingBeforeTheSetTimeNeedsAReason() {
        let opening = Self.report(.opening, "06:55")
        #expect(Self.refusal { try Self.report(.closing, "15:00").requireAllowed(Self.schedule, now: Self.at("15:01"), registered: 500, earlier: []) } == .openingFirst)
        #expect(Self.refusal { try Self.report(.closing, "14:00").requireAllowed(Self.schedule, now: Self.at("14:01"), registered: 500, earlier: [opening]) } == .earlyClosingReason)
        #expect(Self.refusal { try Self.report(.closing, "14:00", note: "  ").requireAllowed(Self.schedule, now: Self.at("14:01"), registered: 500, earlier: [opening]) } == .earlyClosingReason)
        #expect(Self.refusal { try Self.report(.closing, "14:00", note: "Flood").requireAllowed(Self.schedule, now: Self.at("14:01"), registered: 500, earlier: [opening]) } == nil)
        #expect(Self.refusal { try Self.report(.closing, "15:20").requireAllowed(Self.schedule, now: Self.at("15:10"), registered: 500, earlier: [opening]) } == .notYet)
        #expect(Self.refusal { try Self.report(.closing, "15:20").requireAllowed(Self.schedule, now: Self.at("15:25"), registered: 500, earlier: [opening]) } == nil)
    }

    @Test func aSlotIsWhatAStationReportsOnce() {
        #expect(Self.report(.opening, "07:00").slot == "opening")
        #expect(Self.report(.turnout, "09:00").slot == "turnout-09:00")
        #expect(Self.report(.closing, "15:00").slot == "closing")
        let a = Self.report(.incident, "10:00"), b = Self.report(.incident, "10:00")
        #expect(a.slot != b.slot, "every incident is its own")
    }

    @Test func talliesAddUpAndSharesCoverOnlyReportingStations() throws {
        let nine = ClockTime("09:00")!, noon = ClockTime("12:00")!
        let a = ElectionDayTally(
            unit: "01", stations: 10, registered: 5_000, opened: 9, openedLate: 1, closed: 0,
            turnout: [.init(time: nine, stations: 8, registered: 4_000, voted: 1_000)], incidents: [.init(category: .weather, count: 2)])
        let b = ElectionDayTally(
            unit: "02", stations: 5, registered: 2_000, opened: 5, openedLate: 0, closed: 0,
            turnout: [.init(time: nine, stations: 5, registered: 2_000, voted: 800)],
            incidents: [.init(category: .weather, count: 1), .init(category: .violence, count: 1)])
        let nation = ElectionDayTally.sum([a, b], as: .nation, times: [nine, noon])
        #expect(nation.stations == 15)
        #expect(nation.opened == 14 && nation.notOpened == 1 && nation.openedLate == 1)
        #expect(nation.turnout(at: nine) == .init(time: nine, stations: 13, registered: 6_000, voted: 1_800))
        #expect(nation.turnout(at: nine).share == Rational(3, 10), "over the 13 reporting stations' 6,000 voters, not all 7,000")
        #expect(nation.turnout(at: noon).share == nil, "no station reported 12:00: no figure")
        #expect(nation.incidents == [.init(category: .violence, count: 1), .init(category: .weather, count: 3)])
        let publication = TurnoutPublication(time: nine, publishedAt: Date(timeIntervalSince1970: 0), provinces: [a, b])
        #expect(publication.nation.voted == 1_800 && publication.stations == 15)
        #expect(publication.provinces.map(\.turnout.voted) == [1_000, 800])
    }

    @Test func alertsAndPublicationsWaitForTheirTime() {
        #expect(Self.schedule.dueAlerts(at: Self.at("07:29")) == (false, []))
        #expect(Self.schedule.dueAlerts(at: Self.at("07:30")).notOpened)
        #expect(Self.schedule.dueAlerts(at: Self.at("12:30")).turnoutTimes.map(\.description) == ["09:00", "12:00"])
        #expect(Self.schedule.dueAlerts(at: .before) == (false, []))
        #expect(throws: StationReportRefusal.self) { try TurnoutPublication.requirePublishable(ClockTime("12:00")!, Self.schedule, now: Self.at("11:59")) }
        #expect(throws: StationReportRefusal.self) { try TurnoutPublication.requirePublishable(ClockTime("11:00")!, Self.schedule, now: Self.at("11:59")) }
        #expect(throws: Never.self) { try TurnoutPublication.requirePublishable(ClockTime("12:00")!, Self.schedule, now: Self.at("12:00")) }
    }
}
