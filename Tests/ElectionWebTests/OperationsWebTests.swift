import ElectionCore
import ElectionCredentials
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import NIOCore
import Synchronization
import Testing

/// What the server's operators see: `/metrics` (requests by route and status, result forms and
/// checklists counted, queues), who may read it, the readiness check and the request log lines.
@Suite struct OperationsWebTests {
    /// The metrics of this test process. swift-metrics takes one backend per process and tests
    /// run in parallel in one process, so the request metrics of every test go to this one registry;
    /// only tests that pass it to the portal record requests there.
    static let shared: PortalMetrics = {
        let metrics = PortalMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        return metrics
    }()

    /// Serves the portal over a real socket on 127.0.0.1 (the metrics' readers are told by address).
    static func live(
        _ store: SQLElectionStore, metrics: PortalMetrics, trustedProxies: TrustedProxies = TrustedProxies(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await testLive(store, router: { store in
            try await PortalApplication.router(store: store, registrationChecks: nil, trustedProxies: trustedProxies, metrics: metrics)
        }, body)
    }

    /// The value of the series that starts with `series` (name and labels as written), or nil.
    static func value(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func metricsShowARequestByItsRouteAndStatus() async throws {
        let metrics = Self.shared
        try await Self.live(try await TestDatabases.sqlite(), metrics: metrics) { client in
            let series = #"http_requests_total{route="/api/v1/stations/{code}",method="GET",status="404"}"#
            let before = Self.value(series, in: try await client.get("/metrics").body) ?? 0
            #expect(try await client.get("/api/v1/stations/999999999").status == .notFound)
            let reply = try await client.get("/metrics")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            // Another test of this process may call the same route, never one the metrics of this portal count twice.
            let after = try #require(Self.value(series, in: reply.body), "\(reply.body.prefix(2000))")
            #expect(after >= before + 1)
            #expect(reply.body.contains(#"http_request_duration_seconds_count{route="/api/v1/stations/{code}",method="GET",status="404"}"#))
            // The route's pattern, never the path: no code or number a caller typed becomes a label.
            #expect(!reply.body.contains("999999999"))
            // The queues, read from the store at the scrape.
            #expect(Self.value("sala_database_up", in: reply.body) == 1)
            #expect(Self.value(#"sala_result_forms_waiting{status="disputed"}"#, in: reply.body) == 0)
            #expect(Self.value("sala_complaints_undecided", in: reply.body) != nil)
            #expect(Self.value(#"sala_accreditation_applications_waiting{status="submitted"}"#, in: reply.body) != nil)
        }
    }

    @Test func formActionsAndAcceptedFormsAreCounted() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let metrics = PortalMetrics()
        var tokens: [String] = []
        for name in ["clerk.one", "clerk.two", "nec.admin"] {
            let official = try #require(try await fixture.store.officialAccount(named: name)).official
            let token = Passwords.newToken()
            try await fixture.store.addMachineToken(digest: Passwords.digest(token), officialID: official.id, label: "test", expires: nil)
            tokens.append(token)
        }
        let form = "{" + (["\"version\": 1"] + ResultCounts.fieldNames.map { "\"\($0)\": \(fixture.counts.value(of: $0) ?? 0)" }
            + ["\"votes\": {" + fixture.ballot.map { "\"\($0)\": \(fixture.counts.votes[$0] ?? 0)" }.joined(separator: ", ") + "}"])
            .joined(separator: ", ") + "}"
        try await Self.live(fixture.store, metrics: metrics) { [tokens] client in
            let url = "/api/v1/results/stations/\(fixture.station.id)/entries"
            let stored = #"sala_result_form_actions_total{action="entry",outcome="stored"}"#
            let refused = #"sala_result_form_actions_total{action="entry",outcome="refused"}"#
            let start = try await client.get("/metrics").body
            #expect(Self.value(stored, in: start) == 0)
            #expect(Self.value("sala_result_forms_accepted_total", in: start) == 0)
            #expect(Self.value(#"sala_result_forms_waiting{status="awaiting-second-entry"}"#, in: start) == 0)

            #expect(try await client.postJSON(url, form, bearer: tokens[0]).body.contains("awaiting-second-entry"))
            let waiting = try await client.get("/metrics").body
            #expect(Self.value(stored, in: waiting) == 1)
            #expect(Self.value("sala_result_forms_accepted_total", in: waiting) == 0)
            #expect(Self.value(#"sala_result_forms_waiting{status="awaiting-second-entry"}"#, in: waiting) == 1)
            // The same official again: refused (409), counted as such.
            #expect(try await client.postJSON(url, form, bearer: tokens[0]).status == .conflict)

            // The second entry agrees; the figures fail a warning check, which a third official acknowledges.
            let second = try await client.postJSON(url, form, bearer: tokens[1])
            #expect(second.status == .ok)
            let acknowledged = second.body.contains("awaiting-acknowledgement")
                ? try await client.postJSON("/api/v1/results/stations/\(fixture.station.id)/acknowledgement", #"{"version": 1}"#, bearer: tokens[2])
                : second
            #expect(acknowledged.body.contains("\"accepted\""))
            let done = try await client.get("/metrics").body
            #expect(Self.value(stored, in: done) == 2)
            #expect(Self.value(refused, in: done) == 1)
            #expect(Self.value("sala_result_forms_accepted_total", in: done) == 1)
            #expect(Self.value(#"sala_result_forms_waiting{status="awaiting-second-entry"}"#, in: done) == 0)
            #expect(Self.value(#"sala_result_forms_waiting{status="awaiting-acknowledgement"}"#, in: done) == 0)
        }
    }

    /// The status of a GET with one forwarding header.
    static func status(_ client: any TestClientProtocol, _ uri: String, forwarded name: String, _ value: String) async throws -> HTTPResponse.Status {
        var headers = HTTPFields()
        headers[HTTPField.Name(name)!] = value
        return try await client.get(uri, headers: headers).status
    }

    @Test func metricsAreHiddenFromAnyoneElse() async throws {
        // Readers elsewhere: the test client on 127.0.0.1 is not one.
        try await Self.live(try await TestDatabases.sqlite(), metrics: PortalMetrics(readers: [TrustedProxies.Block("192.0.2.0/24")!])) { client in
            let reply = try await client.get("/metrics")
            #expect(reply.status == .notFound)
            #expect(!reply.body.contains("http_requests_total"))
        }
        // Loopback readers, but the request came through a proxy on this machine that Sala does not
        // trust: its client is someone else.
        try await Self.live(try await TestDatabases.sqlite(), metrics: PortalMetrics(readers: PortalMetrics.loopback)) { client in
            let direct = try await client.get("/metrics")
            #expect(direct.status == .ok)
            #expect(try await Self.status(client, "/metrics", forwarded: "X-Forwarded-For", "203.0.113.9") == .notFound)
            #expect(try await Self.status(client, "/metrics", forwarded: "Forwarded", "for=203.0.113.9") == .notFound)
        }
        // Through a trusted proxy the forwarded client counts: a reader's address, or not.
        try await Self.live(
            try await TestDatabases.sqlite(), metrics: PortalMetrics(readers: [TrustedProxies.Block("10.1.0.0/16")!]),
            trustedProxies: TrustedProxies([TrustedProxies.Block("127.0.0.1")!])
        ) { client in
            let stranger = try await Self.status(client, "/metrics", forwarded: "X-Forwarded-For", "203.0.113.9")
            #expect(stranger == .notFound)
            #expect(try await Self.status(client, "/metrics", forwarded: "X-Forwarded-For", "10.1.2.3") == .ok)
        }
        // Without a socket there is no address: nobody may read them (and without metrics, no one at all).
        try await PortalTestApp.run { client in
            let reply = try await client.get("/metrics")
            #expect(reply.status == .notFound)
        }
    }

    @Test func readinessAsksTheDatabase() async throws {
        let store = try await TestDatabases.writableSQLite()
        let router: Router<PortalRequestContext>
        do {
            router = try await PortalApplication.router(store: store, registrationChecks: nil)
        } catch {
            try await store.close()
            throw error
        }
        // The store is closed inside; closing it again on a failure is harmless.
        do {
            try await Application(router: router).test(.router) { client in
                let ready = try await client.get("/health/ready")
                #expect(ready.status == .ok)
                #expect(ready.body == "ready\n")
                try await store.close()
                let closed = try await client.get("/health/ready")
                #expect(closed.status == .serviceUnavailable)
                #expect(closed.body == "not ready: the database refused the operation: the database is closed\n")
                // /health itself does no work and does not ask the database.
                #expect(try await client.get("/health").body == "ok")
            }
        } catch {
            try? await store.close()
            throw error
        }
    }

    @Test func theReadinessDeadlineAnswersWithoutWaitingForTheWork() async throws {
        let began = ContinuousClock.now
        await #expect(throws: Deadline.Passed.self) {
            try await Deadline.run(within: .milliseconds(50)) { try await Task.sleep(for: .seconds(600)) }
        }
        // Not a timing assertion: the sleeping work would have held the answer for ten minutes.
        #expect(ContinuousClock.now - began < .seconds(300))
        #expect(try await Deadline.run(within: .seconds(60)) { 42 } == 42)
        await #expect(throws: StoreError.busy) {
            try await Deadline.run(within: .seconds(60)) { throw StoreError.busy }
        }
    }

    /// Lines captured from a log handler.
    final class Captured: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    @Test func requestLogLinesNameTheRouteAndNeverWhatWasSent() async throws {
        let captured = Captured()
        var logger = Logger(label: "Sala") { LogLines(label: $0, format: .json, write: captured.append) }
        logger.logLevel = .info
        let store = try await TestDatabases.sqlite()
        do {
            let router = try await PortalApplication.router(store: store, registrationChecks: nil, logRequests: true)
            try await Application(router: router, logger: logger).test(.router) { client in
                _ = try await client.get("/api/v1/stations/999999999?secret=shown")
                _ = try await client.postJSON("/api/v1/registration", #"{"voterNumber": "1000000008"}"#)
                _ = try await client.get("/health")
            }
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
        let requests = try captured.lines.withLock { $0 }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], "\(line)")
        }.filter { $0["msg"] == "request" }
        // /health is logged at debug level only: load balancers ask it every few seconds.
        #expect(requests.map { $0["route"] } == ["/api/v1/stations/{code}", "/api/v1/registration"])
        #expect(requests.map { $0["status"] } == ["404", "200"])
        #expect(requests.allSatisfy { $0["method"] != nil && $0["client"] != nil && $0["level"] == "info" && Double($0["ms"] ?? "") != nil })
        let all = captured.lines.withLock { $0.joined() }
        for sent in ["999999999", "secret", "1000000008"] { #expect(!all.contains(sent), "\(sent) in the log") }
    }

    @Test func logLinesAreOneLineEachAndQuotedWhereNeeded() {
        let fields = [("msg", "request"), ("route", "/{lang}/stations/{id}"), ("reason", "a \"quoted\" word\nand a new line"), ("empty", "")]
        #expect(LogLines.logfmt(fields) == #"msg=request route=/{lang}/stations/{id} reason="a \"quoted\" word\nand a new line" empty="""# + "\n")
        let json = LogLines.json(fields)
        #expect(json.filter { $0 == "\n" }.count == 1)
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(object?["reason"] == "a \"quoted\" word\nand a new line")
        #expect(LogLines.timestamp(Date(timeIntervalSince1970: 1_690_093_800.042)) == "2023-07-23T06:30:00.042Z")
        #expect(RequestLog.milliseconds(.microseconds(412)) == "0.412")
        #expect(RequestLog.milliseconds(.milliseconds(1_234) + .microseconds(5)) == "1234.005")
    }
}
