import ElectionStore
import Foundation
import Hummingbird

/// The web application: the public portal's pages and the JSON API, over one election store.
public enum PortalApplication {
    /// Builds the router and everything it serves; `sala serve` runs the result.
    public static func build(store: any ElectionStore, host: String, port: Int) async throws -> some ApplicationProtocol {
        Application(
            router: try await router(store: store),
            configuration: .init(address: .hostname(host, port: port), serverName: "Sala"))
    }

    /// The routes alone, for tests that call them without a socket.
    public static func router(store: any ElectionStore) async throws -> Router<BasicRequestContext> {
        let renderer = try await PageRenderer.load()
        let maps = MapCatalogue(shapes: try await store.constituencyOutlines(), constituencies: try await store.constituencies())
        let portal = Portal(store: store, renderer: renderer, maps: maps)
        let router = Router()
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        router.get("/health") { _, _ in "ok" }
        Assets.addRoutes(to: router, maps: maps)
        portal.addRoutes(to: router)
        API(store: store).addRoutes(to: router.group("api/v1"))
        return router
    }
}
