import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import Foundation

/// Loads a generated election day (``ElectionDayGenerator``) into a database through the store's
/// own path for stations' reports, so every report meets the day's rules: up to a time of day, or
/// the whole day.
public struct ElectionDaySimulation: Sendable {
    public let store: SQLElectionStore
    public let seed: UInt64
    /// Reports handed to the store per transaction.
    public var batchSize = 2_000

    public init(store: SQLElectionStore, seed: UInt64) {
        self.store = store
        self.seed = seed
    }

    /// What the simulation stored.
    public struct Summary: Sendable {
        public var stations: Int
        public var stored: Int
        /// Reports already in the database (a simulation run again).
        public var repeated: Int
        public var seconds: Double
    }

    /// Stores every report up to `until` (local time; nil: the whole day), telling `progress` the
    /// reports done and the reports in all after each batch. Throws the first refusal, which a
    /// generated day should never meet.
    public func run(until: ClockTime?, progress: (_ done: Int, _ total: Int) -> Void) async throws -> Summary {
        let started = ContinuousClock.now
        let schedule = ElectionDaySchedule(try await store.election())
        var stations: [ElectionDayGenerator.Station] = []
        for province in try await store.constituencies() {
            stations += try await store.pollingStations(inProvince: province.id).map { .init(code: $0.id, registered: $0.registeredVoters) }
        }
        let reports = ElectionDayGenerator(seed: seed, schedule: schedule).reports(for: stations)
            .filter { until == nil || $0.time <= until! }
        // The day as it stands at the last report (or at the end of the day): no report is in the future.
        let at = schedule.instant(until ?? ClockTime(minutes: 24 * 60 - 1))
        var summary = Summary(stations: stations.count, stored: 0, repeated: 0, seconds: 0)
        var done = 0
        for start in stride(from: 0, to: reports.count, by: batchSize) {
            let batch = Array(reports[start..<min(start + batchSize, reports.count)])
            for outcome in try await store.receive(batch.map { StationReportSubmission($0, by: .scenario) }, at: at) {
                switch outcome {
                case .success(.stored): summary.stored += 1
                case .success(.repeated): summary.repeated += 1
                case .failure(let error): throw OperationRefusal("a generated report was refused: \(error)")
                }
            }
            done += batch.count
            progress(done, reports.count)
        }
        summary.seconds = Self.seconds(ContinuousClock.now - started)
        return summary
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
