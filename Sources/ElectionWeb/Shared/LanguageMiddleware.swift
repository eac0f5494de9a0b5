import Hummingbird

/// Reads the page language from the `/{lang}` segment once for every page under it and puts it
/// in the context; an unknown language is an unknown page.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let language = context.parameters.get("lang").flatMap(Language.init(rawValue:)) else {
            throw HTTPError(.notFound)
        }
        var context = context
        context.language = language
        return try await next(request, context)
    }
}
