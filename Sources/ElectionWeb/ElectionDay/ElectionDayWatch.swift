import ElectionCore
import ElectionStore
import Foundation

/// What commissions see of election day for a unit: its tally, its parts' tallies and its alerts,
/// read at most once a second per unit however many officials reload it (the national view reads
/// every station's reports).
actor ElectionDayWatch {
    struct View: Sendable {
        let unit: UnitCode
        let schedule: ElectionDaySchedule
        let total: ElectionDayTally
        /// The provinces of the nation, the communes of a province, the stations of a commune.
        let parts: [ElectionDayTally]
        let alerts: [ElectionDayAlert]
        /// When it was read.
        let at: Date
    }

    private let store: any PortalStore
    private var views: [UnitCode: View] = [:]
    /// How long a view is served before it is read again.
    static let freshFor: TimeInterval = 1

    init(store: any PortalStore) { self.store = store }

    /// The view of `unit` (nation, province or commune) at `now`, read again when older than a second.
    func view(of unit: UnitCode, at now: Date) async throws -> View {
        if let view = views[unit], abs(now.timeIntervalSince(view.at)) < Self.freshFor { return view }
        let schedule = ElectionDaySchedule(try await store.election())
        let level: ResultLevel = switch unit.level {
        case .national: .province
        case .province: .commune
        case .commune, .station: .station
        }
        let parts = try await store.electionDayTallies(within: unit, at: level)
        let total = ElectionDayTally.sum(parts, as: unit, times: schedule.turnoutTimes)
        var alerts = ElectionDayAlert.counted(total, schedule, at: schedule.moment(now))
        if unit != .nation {
            for (index, alert) in alerts.enumerated() {
                alerts[index].stations = try await store.stationsNeedingAttention(alert.kind, time: alert.time, within: unit, limit: ElectionDayAlert.listed)
            }
        }
        let view = View(unit: unit, schedule: schedule, total: total, parts: parts, alerts: alerts, at: now)
        views[unit] = view
        return view
    }

    /// Forgets every view (after a publication, so the page shows it at once).
    func forget() { views = [:] }
}
