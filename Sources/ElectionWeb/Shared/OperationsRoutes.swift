import ElectionStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The routes for the server's operators: `GET /health/ready` (does the database answer?) and
/// `GET /metrics` (Prometheus). `GET /health` stays where it is: it answers without any work.
struct OperationsRoutes {
    let store: any OperationsStore
    let metrics: PortalMetrics
    let proxies: TrustedProxies

    /// How long the readiness check waits for the database.
    static let readinessLimit = Duration.seconds(1)

    func addRoutes(to router: Router<PortalRequestContext>) {
        router.get("/health/ready") { _, context in
            do {
                try await Deadline.run(within: Self.readinessLimit) { try await store.checkReachable() }
                return Self.plain(.ok, "ready\n")
            } catch {
                let reason = Self.reason(error)
                context.logger.warning("not ready", metadata: ["reason": "\(reason)", "error": "\(String(reflecting: error))"])
                return Self.plain(.serviceUnavailable, "not ready: \(reason)\n")
            }
        }
        router.get("/metrics") { request, context in
            // Answered as if it did not exist to anyone else.
            guard mayRead(request, context) else { throw HTTPError(.notFound) }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: await metrics.scrape(store))))
        }
    }

    /// Whether the request comes from a reader of the metrics. Through a proxy Sala does not trust
    /// (a request naming a forwarded client), the connecting address is the proxy's, not the
    /// reader's: refused, or a proxy on the same machine would open the metrics to everyone.
    func mayRead(_ request: Request, _ context: PortalRequestContext) -> Bool {
        guard let connected = context.remoteAddress?.ipAddress else { return false }
        let forwarded = request.headers[Self.forwardedFor] != nil || request.headers[Self.forwarded] != nil
        if forwarded && !proxies.isTrusted(connected) { return false }
        return metrics.readers.isTrusted(context.client)
    }

    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    private static let forwarded = HTTPField.Name("Forwarded")!

    /// What the readiness answer says went wrong: short, and without the database's internals
    /// (those go to the log).
    static func reason(_ error: any Error) -> String {
        switch error {
        case is Deadline.Passed: "the database did not answer within \(readinessLimit.components.seconds) s"
        case let error as StoreError: "\(error)"
        default: "the database could not be queried"
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Waits for work at most so long.
enum Deadline {
    struct Passed: Error {}

    /// The value of `body`, or ``Passed`` once `limit` has gone by. The work is then cancelled but
    /// not awaited: a query stuck in a driver cannot always be called back, and the answer must not wait for it.
    static func run<T: Sendable>(within limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let pending = Pending(continuation)
            let timer = Task {
                guard (try? await Task.sleep(for: limit)) != nil, pending.finish(.failure(Passed())) else { return }
                pending.work.withLock { $0 }?.cancel()
            }
            pending.work.withLock {
                $0 = Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await body()) } catch { result = .failure(error) }
                    timer.cancel()
                    pending.finish(result)
                }
            }
        }
    }

    /// The caller waiting for the first of the work and the timer.
    private final class Pending<T: Sendable>: Sendable {
        private let continuation: Mutex<CheckedContinuation<T, any Error>?>
        let work = Mutex<Task<Void, Never>?>(nil)

        init(_ continuation: CheckedContinuation<T, any Error>) {
            self.continuation = Mutex(continuation)
        }

        /// Answers the caller, unless the other one did first.
        @discardableResult func finish(_ result: Result<T, any Error>) -> Bool {
            guard let continuation = self.continuation.withLock({ $0.take() }) else { return false }
            continuation.resume(with: result)
            return true
        }
    }
}
