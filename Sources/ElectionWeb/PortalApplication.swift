import ElectionStore
import Hummingbird

/// The web application: public portal pages and the JSON API over one election store.
public enum PortalApplication {
    public static func build(store: any ElectionStore, host: String, port: Int) async throws -> some ApplicationProtocol {
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port)))
    }
}
