import Hummingbird
import Logging

/// One log line per request, once its answer is ready: method, route, status, duration and client.
///
/// The route is the router's pattern (`/{lang}/stations/{id}`), not the path: a voter number, a
/// code or a name in a path or a query never reaches the log, and neither do bodies or headers
/// (cookies, tokens). `GET /health` and `/health/ready`, which load balancers ask every few
/// seconds, are logged at debug level only.
struct RequestLog: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            Self.log(request, context, response.status, since: start)
            return response
        } catch {
            Self.log(request, context, (error as? any HTTPResponseError)?.status ?? .internalServerError, since: start)
            throw error
        }
    }

    static func log(_ request: Request, _ context: Context, _ status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
        let route = context.endpointPath ?? "NotFound"
        let level: Logger.Level = route.hasPrefix("/health") ? .debug : .info
        context.logger.log(level: level, "request", metadata: [
            "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(status.code),
            "ms": .string(milliseconds(ContinuousClock.now - start)), "client": .string(context.client),
        ])
    }

    /// A duration in milliseconds with three decimals, e.g. `0.412`.
    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
