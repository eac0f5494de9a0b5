import ElectionStore
import Foundation
import Hummingbird

/// The web application: the public portal's pages and the JSON API, over one election store.
public enum PortalApplication {
    /// Registration questions one client may ask per minute, unless told otherwise.
    public static let defaultRegistrationChecksPerMinute = 30

    /// Builds the router and everything it serves; `sala serve` runs the result.
    public static func build(
        store: any ElectionStore, host: String, port: Int,
        registrationChecksPerMinute: Int = defaultRegistrationChecksPerMinute
    ) async throws -> some ApplicationProtocol {
        Application(
            router: try await router(store: store, registrationChecksPerMinute: registrationChecksPerMinute),
            configuration: .init(address: .hostname(host, port: port), serverName: "Sala"))
    }

    /// The routes alone, for tests that call them without a socket. `registrationChecksPerMinute`
    /// nil means no limit.
    public static func router(
        store: any ElectionStore, registrationChecksPerMinute: Int?
    ) async throws -> Router<PortalRequestContext> {
        let renderer = try await PageRenderer.load()
        let maps = MapCatalogue(shapes: try await store.constituencyOutlines(), constituencies: try await store.constituencies())
        let limiter = registrationChecksPerMinute.map { LookupLimiter(perMinute: $0) }
        let portal = Portal(store: store, renderer: renderer, maps: maps, limiter: limiter)
        let router = Router(context: PortalRequestContext.self)
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        router.get("/health") { _, _ in "ok" }
        Assets.addRoutes(to: router, maps: maps)
        portal.addRoutes(to: router)
        API(store: store, limiter: limiter).addRoutes(to: router.group("api/v1"))
        return router
    }
}
