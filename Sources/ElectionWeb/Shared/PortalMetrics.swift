import ElectionCore
import ElectionStore
import Foundation
import Hummingbird
import Prometheus

/// The server's Prometheus metrics, shown at `GET /metrics` to the addresses allowed to read them.
///
/// Requests by route and status and their durations are recorded by Hummingbird's
/// `MetricsMiddleware` through swift-metrics, whose backend is set once per process:
/// `sala serve` bootstraps `MetricsSystem` with ``factory``, so that they land in ``registry``.
/// Result form actions and checklists are counted here as the desks store them, and the queues are
/// read from the store at each scrape.
public struct PortalMetrics: Sendable {
    /// Everything `/metrics` shows.
    public let registry: PrometheusCollectorRegistry
    /// Who may read `/metrics`: the client's address (after trusted proxies) must be in one of these blocks.
    let readers: TrustedProxies
    private let formActions: [String: Counter]
    private let formsAccepted: Counter
    private let checklists: [String: Counter]

    /// Loopback only: the default readers.
    public static let loopback = ["127.0.0.0/8", "::1"].compactMap(TrustedProxies.Block.init)

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), readers: [TrustedProxies.Block] = PortalMetrics.loopback) {
        self.registry = registry
        self.readers = TrustedProxies(readers)
        // Every series exists from the start at 0, so that a rate over the first minutes is right.
        var formActions: [String: Counter] = [:]
        for action in Self.formActionNames {
            for outcome in ["stored", "refused", "failed"] {
                formActions["\(action) \(outcome)"] = registry.makeCounter(
                    descriptor: Self.named(
                        "sala_result_form_actions_total",
                        "Result form actions (entries, resolutions, acknowledgements, corrections) by outcome: stored, refused (a check or a rule), failed (the write)."),
                    labels: [("action", action), ("outcome", outcome)])
            }
        }
        self.formActions = formActions
        formsAccepted = registry.makeCounter(
            descriptor: Self.named("sala_result_forms_accepted_total", "Result form actions stored that left the form accepted: its figures count."))
        var checklists: [String: Counter] = [:]
        for outcome in ["stored", "repeated", "refused", "failed"] {
            checklists[outcome] = registry.makeCounter(
                descriptor: Self.named(
                    "sala_checklists_total", "Observers' checklists by outcome: stored, repeated (sent again, already stored), refused, failed (the write)."),
                labels: [("outcome", outcome)])
        }
        self.checklists = checklists
    }

    /// A metric's full name and its help line.
    private static func named(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// The names ``FormAction/name`` gives.
    static let formActionNames = ["entry", "resolution", "acknowledgement", "correction"]

    /// The swift-metrics backend that records into ``registry``, with Hummingbird's metric and
    /// label names turned into Prometheus ones (`http_requests_total{route,method,status}`).
    public var factory: PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (Self.names[name] ?? name, labels.map { (Self.labels[$0.0] ?? $0.0, $0.1) })
        }
        // Finer than the default at the low end: most answers take well under 5 ms.
        factory.durationHistogramBuckets["http_request_duration_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        return factory
    }

    private static let names = [
        "hb.requests": "http_requests_total", "http.server.request.duration": "http_request_duration_seconds",
        "hb.request.errors": "http_request_errors_total", "http.server.active_requests": "http_requests_active",
    ]
    private static let labels = [
        "http.route": "route", "http.request.method": "method", "http.response.status_code": "status", "error.type": "status",
    ]

    /// `write`, counting the form actions it stores, refuses or fails to write.
    func counting(
        forms write: @escaping @Sendable ([FormRequest]) async throws -> [Result<ResultFormVersion, any Error>]
    ) -> @Sendable ([FormRequest]) async throws -> [Result<ResultFormVersion, any Error>] {
        { [self] requests in
            let outcomes: [Result<ResultFormVersion, any Error>]
            do {
                outcomes = try await write(requests)
            } catch {
                for request in requests { formActions["\(request.action.name) failed"]?.increment() }
                throw error
            }
            for (request, outcome) in zip(requests, outcomes) {
                switch outcome {
                case .success(let form):
                    formActions["\(request.action.name) stored"]?.increment()
                    if form.status == .accepted { formsAccepted.increment() }
                case .failure:
                    formActions["\(request.action.name) refused"]?.increment()
                }
            }
            return outcomes
        }
    }

    /// `write`, counting the checklists it stores, finds repeated, refuses or fails to write.
    func counting(
        checklists write: @escaping @Sendable ([ChecklistSubmission]) async throws -> [Result<SubmissionReceipt, any Error>]
    ) -> @Sendable ([ChecklistSubmission]) async throws -> [Result<SubmissionReceipt, any Error>] {
        { [self] submissions in
            let outcomes: [Result<SubmissionReceipt, any Error>]
            do {
                outcomes = try await write(submissions)
            } catch {
                checklists["failed"]?.increment(by: Int64(submissions.count))
                throw error
            }
            for outcome in outcomes {
                switch outcome {
                case .success(let receipt): checklists[receipt.outcome.rawValue]?.increment()
                case .failure: checklists["refused"]?.increment()
                }
            }
            return outcomes
        }
    }

    /// Sets the queue gauges from the store (and `sala_database_up`), then writes out every metric.
    func scrape(_ store: any OperationsStore) async -> [UInt8] {
        let up = registry.makeGauge(descriptor: Self.named("sala_database_up", "1 when the last scrape read the queues from the database, 0 when it could not."))
        do {
            let depths = try await store.queueDepths()
            for (status, count) in depths.resultForms {
                registry.makeGauge(
                    descriptor: Self.named("sala_result_forms_waiting", "Result form versions not yet accepted, by status."),
                    labels: [("status", status.rawValue)]
                ).set(to: Double(count))
            }
            registry.makeGauge(descriptor: Self.named("sala_complaints_undecided", "Complaints whose last step is not a decision."))
                .set(to: Double(depths.complaintsUndecided))
            for (status, count) in depths.accreditationApplications {
                registry.makeGauge(
                    descriptor: Self.named(
                        "sala_accreditation_applications_waiting",
                        "Accreditation applications waiting for the NEC (submitted) or for the organisation (more-information)."),
                    labels: [("status", status.rawValue)]
                ).set(to: Double(count))
            }
            up.set(to: 1)
        } catch {
            up.set(to: 0)
        }
        return registry.emitToBuffer()
    }
}
