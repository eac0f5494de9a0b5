import ElectionCore
import ElectionStore

/// The results report for pages and the API. Computing it reads every accepted form's figures
/// (about a fifth of a second for the whole country), so it is computed at most once per
/// `maximumAge`, and at once after this server writes a form, a confirmation or a publication.
/// Requests that arrive while it is being computed wait for that one computation.
actor ReportCache {
    private let store: any ElectionStore & ResultStore
    private let maximumAge: Duration
    private var current: (report: ResultsReport, at: ContinuousClock.Instant)?
    private var computing: Task<ResultsReport, any Error>?
    private var generation = 0

    init(store: any ElectionStore & ResultStore, maximumAge: Duration = .seconds(2)) {
        self.store = store
        self.maximumAge = maximumAge
    }

    func report() async throws -> ResultsReport {
        if let current, ContinuousClock.now - current.at < maximumAge { return current.report }
        if let computing { return try await computing.value }
        let started = generation
        let task = Task { [store] in try await store.resultsReport() }
        computing = task
        defer { computing = nil }
        let report = try await task.value
        // A write while computing may be missing from this report: serve it, but do not keep it.
        if generation == started { current = (report, ContinuousClock.now) }
        return report
    }

    /// Forgets the report after a write here, so the next request sees the write.
    func invalidate() {
        generation += 1
        current = nil
        computing = nil
    }
}
