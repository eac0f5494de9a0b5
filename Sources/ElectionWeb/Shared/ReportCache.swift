import Foundation
import ElectionCore
import ElectionStore

/// The results report for pages and the API. Computing it reads the provinces' running totals,
/// every list and ballot, and allocates the seats, and each new report means its pages are made
/// again, so one report serves every request for up
/// to `maximumAge` after its computation *started*: a page is never older than the forms accepted
/// `maximumAge` before it was served. Once the report is half that age, the next request starts a
/// new computation in the background (forms may have arrived, here or in another process) and is
/// served the last report meanwhile; a request waits only when the report has reached
/// `maximumAge`. So however many forms arrive, a report is computed at most about once a second,
/// one at a time: on results night, with a thousand forms a second, the computations take a
/// fraction of one core, pages keep their speed, and the report is at most 2 s behind.
actor ReportCache {
    /// How old a report may be when it is served: the promise the results pages make.
    static let maximumAge: Duration = .seconds(2)

    private let store: any ElectionStore & ResultStore
    private let maximumAge: Duration
    private var current: Computed?
    private var computing: (task: Task<Computed, any Error>, started: ContinuousClock.Instant, generation: Int)?
    /// Writes seen here; a report computed from an earlier generation may miss one.
    private var generation = 0
    /// Versions given so far: each different report gets the next.
    private var versions = 0

    private struct Computed: Sendable {
        let report: ResultsReport
        let stamp: ReportStamp
        let generation: Int
        /// The last change to any form, which the pages show beside the report.
        let lastFormChange: Date?
    }

    init(store: any ElectionStore & ResultStore, maximumAge: Duration = ReportCache.maximumAge) {
        self.store = store
        self.maximumAge = maximumAge
    }

    func report() async throws -> ResultsReport {
        try await stamped().report
    }

    /// The report, its stamp (pages made from it may be kept under it, ``AnswerMemo``) and the last
    /// change to any form as read with it.
    func stamped() async throws -> (report: ResultsReport, stamp: ReportStamp, lastFormChange: Date?) {
        let computed = try await latest()
        return (computed.report, computed.stamp, computed.lastFormChange)
    }

    private func latest() async throws -> Computed {
        if let current {
            let now = ContinuousClock.now
            if current.stamp.servable(at: now) {
                if computing == nil && now - current.stamp.asOf >= maximumAge / 2 { _ = start() }
                return current
            }
        }
        // Too old to serve: wait for a computation that started after every write seen here.
        if let computing, computing.generation == generation {
            return try await computing.task.value
        }
        return try await start().value
    }

    /// Notes a write here: once the current report is too old to serve, a request waits for one
    /// computed after the write.
    func invalidate() {
        generation += 1
    }

    private func start() -> Task<Computed, any Error> {
        let started = ContinuousClock.now
        let generation = generation
        let task = Task { [store] in
            let report = try await store.resultsReport()
            let lastFormChange = try await store.lastFormChange()
            return await self.adopt(report, lastFormChange: lastFormChange, started: started, generation: generation)
        }
        computing = (task, started, generation)
        Task {
            _ = try? await task.value
            if computing?.started == started { computing = nil }
        }
        return task
    }

    /// Makes a computed report current, unless one that started later is already (then that one
    /// is the answer). A report the same as the current one keeps its version, so pages made from
    /// it are not made again.
    private func adopt(
        _ report: ResultsReport, lastFormChange: Date?, started: ContinuousClock.Instant, generation: Int
    ) -> Computed {
        if let current, current.stamp.asOf >= started { return current }
        let version: Int
        if let current, current.report == report && current.lastFormChange == lastFormChange {
            version = current.stamp.version
        } else {
            versions += 1
            version = versions
        }
        let computed = Computed(
            report: report, stamp: ReportStamp(version: version, asOf: started, maximumAge: maximumAge), generation: generation,
            lastFormChange: lastFormChange)
        current = computed
        return computed
    }
}

/// Which results report a page was made from: its `version` changes only when the report does,
/// and `asOf` is when the computation that found it started (the page shows every form accepted
/// before then). A page may be served until `maximumAge` after `asOf`, the report's own promise.
struct ReportStamp: Sendable, Hashable {
    let version: Int
    let asOf: ContinuousClock.Instant
    let maximumAge: Duration

    init(version: Int, asOf: ContinuousClock.Instant, maximumAge: Duration = ReportCache.maximumAge) {
        self.version = version
        self.asOf = asOf
        self.maximumAge = maximumAge
    }

    /// Whether a page made from this report may still be served at `now`.
    func servable(at now: ContinuousClock.Instant) -> Bool {
        now - asOf < maximumAge
    }
}
