import ElectionCore
import Foundation

/// Who sends a station's report: one of its officials, or the scenario's simulated day.
public enum StationReporter: Sendable, Hashable {
    case official(Official, channel: String)
    /// `sala election-day simulate`: the generated day of the reference scenario, no account.
    case scenario
}

/// A station's report with who sent it.
public struct StationReportSubmission: Sendable, Hashable {
    public var report: StationReport
    public var reporter: StationReporter

    public init(_ report: StationReport, by reporter: StationReporter) {
        self.report = report
        self.reporter = reporter
    }
}

/// Election day: what polling stations report (opening, turnout at the set times, closing,
/// incidents), what commissions follow, and the turnout the NEC publishes.
public protocol ElectionDayStore: Sendable {
    /// Stores each report in one transaction, once per station and slot, with an outcome each:
    /// `stored`, or `repeated` for a resend (the same id and content, or the slot already holding
    /// the same content); a ``Refusal`` when the official may not report from the station; a
    /// ``StationReportRefusal`` when the day's rules refuse it at `instant` (or the slot holds other
    /// figures); a ``SubmissionConflict`` for an id already used for something else.
    func receive(_ reports: [StationReportSubmission], at instant: Date) async throws -> [Result<SubmissionReceipt.Outcome, any Error>]
    /// The station's reports, in the order of the day.
    func stationReports(of station: StationCode) async throws -> [StationReport]
    /// The tallies of the units at `level` within `unit` (the provinces of the nation, the communes
    /// of a province, the stations of a commune), in code order, every unit whether it reported or not.
    func electionDayTallies(within unit: UnitCode, at level: ResultLevel) async throws -> [ElectionDayTally]
    /// The first `limit` stations within `unit`, in code order, that an alert of `kind` names: not
    /// reported open, opened late, or open without a turnout report for `time`.
    func stationsNeedingAttention(_ kind: ElectionDayAlert.Kind, time: ClockTime?, within unit: UnitCode, limit: Int) async throws -> [StationCode]
    /// Publishes turnout at the set `time` as the stations reported it now, asking `publish-turnout`
    /// and that the time has come; a time published before is published again, replaced.
    func publishTurnout(at time: ClockTime, by official: Official, at instant: Date) async throws -> TurnoutPublication
    /// What the NEC published, in the order of the day.
    func turnoutPublications() async throws -> [TurnoutPublication]
    /// Sets the police officers posted at each station, in one transaction: by `official`, asking
    /// `assign-police` for every station; nil for a load from the command line or the scenario.
    /// Throws ``StoreError/notFound(_:_:)`` for a station there is not.
    func assignPolice(_ officers: [StationCode: Int], by official: Official?, at instant: Date) async throws
    /// The police officers posted at a station (0 when none were assigned).
    func police(at station: StationCode) async throws -> Int
}
