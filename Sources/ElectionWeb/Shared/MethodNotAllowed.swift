import Foundation
import Hummingbird

/// Answers a request to an API path that exists with a method it does not take with 405 and an
/// `Allow` header listing the methods it does take, as HTTP asks (RFC 9110), instead of the 404
/// the router gives when no route matches both. Added to the router after every route, so it
/// wraps only the router's not-found answer.
struct MethodNotAllowed<Context: RequestContext>: RouterMiddleware {
    /// Each API route's path, split into its components, and the methods it takes.
    let routes: [(components: [RouterPath.Element], methods: [HTTPRequest.Method])]

    init(routes: [Router<Context>.RouteDescription]) {
        var byPath: [String: (components: [RouterPath.Element], methods: [HTTPRequest.Method])] = [:]
        for route in routes where route.path.description.hasPrefix("/api/") {
            byPath[route.path.description, default: (route.path.components, [])].methods.append(route.method)
        }
        self.routes = byPath.values.map { $0 }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.uri.path.hasPrefix("/api/") {
            guard let methods = allowed(request.uri.path) else { throw error }
            let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            let allow = methods.joined(separator: ", ")
            let message = language.text("error.method_not_allowed")
                .replacingOccurrences(of: "{method}", with: request.method.rawValue)
                .replacingOccurrences(of: "{allowed}", with: allow)
            var response = try APIJSON.response(
                ErrorMiddleware<Context>.APIError(error: .init(status: 405, field: nil, message: message)), status: .methodNotAllowed)
            response.headers[.allow] = allow
            return response
        }
    }

    /// The methods the path takes, from the route the router would have chosen (a literal
    /// component is preferred to a parameter, level by level), or nil when no route has the path.
    func allowed(_ path: String) -> [String]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let matches = routes.filter { route in
            route.components.count == segments.count && zip(route.components, segments).allSatisfy { $0 ~= $1 }
        }
        let literal = { (route: (components: [RouterPath.Element], methods: [HTTPRequest.Method])) in
            route.components.map { $0.description.contains("{") || $0.description.contains("*") ? 0 : 1 }
        }
        guard let best = matches.max(by: { literal($0).lexicographicallyPrecedes(literal($1)) }) else { return nil }
        var methods = Set(best.methods.map(\.rawValue))
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }
}
