import ElectionStore
import Foundation
import Hummingbird

/// What the portal needs of its store: the election, its results, and officials' accounts.
public typealias PortalStore = ElectionStore & ResultStore & AccountStore & ObservationStore & RegisterStore

/// The web application: the public portal's pages and the JSON API, over one election store.
public enum PortalApplication {
    /// Registration questions one client may ask per minute, unless told otherwise.
    public static let defaultRegistrationChecksPerMinute = 30
    /// Sign-in attempts one client may make per minute: enough for typing mistakes, too few to guess.
    public static let defaultSignInAttemptsPerMinute = 10

    /// Builds the router and everything it serves; `sala serve` runs the result.
    public static func build(
        store: any PortalStore, host: String, port: Int,
        registrationChecksPerMinute: Int = defaultRegistrationChecksPerMinute, secureCookies: Bool = false
    ) async throws -> some ApplicationProtocol {
        Application(
            router: try await router(
                store: store, registrationChecksPerMinute: registrationChecksPerMinute, secureCookies: secureCookies),
            configuration: .init(address: .hostname(host, port: port), serverName: "Sala"))
    }

    /// The routes alone, for tests that call them without a socket. `registrationChecksPerMinute`
    /// nil means no limit.
    public static func router(
        store: any PortalStore, registrationChecksPerMinute: Int?, secureCookies: Bool = false,
        signInAttemptsPerMinute: Int = defaultSignInAttemptsPerMinute
    ) async throws -> Router<PortalRequestContext> {
        let renderer = try await PageRenderer.load()
        let maps = MapCatalogue(shapes: try await store.constituencyOutlines(), constituencies: try await store.constituencies())
        let limiter = registrationChecksPerMinute.map { LookupLimiter(perMinute: $0) }
        let signing = Signing(store: store, attempts: LookupLimiter(perMinute: signInAttemptsPerMinute), secureCookies: secureCookies)
        let reports = ReportCache(store: store)
        let desk = FormDesk(write: { try await store.apply($0, at: Date()) }, written: { await reports.invalidate() })
        let checklists = ChecklistDesk(write: { try await store.receive($0, channel: "api", at: Date()) })
        let intake = ChecklistIntake(store: store, reference: ChecklistReference(store: store))
        let portal = Portal(
            store: store, renderer: renderer, maps: maps, limiter: limiter, signing: signing, desk: desk, reports: reports,
            checklists: ChecklistDesk(write: { try await store.receive($0, channel: "web", at: Date()) }), intake: intake)
        let router = Router(context: PortalRequestContext.self)
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        router.get("/health") { _, _ in "ok" }
        Assets.addRoutes(to: router, maps: maps)
        portal.addRoutes(to: router)
        let api = router.group("api/v1")
        API(store: store, limiter: limiter).addRoutes(to: api)
        ResultsAPI(store: store, signing: signing, desk: desk, reports: reports).addRoutes(to: api)
        ObservationAPI(store: store, checklists: checklists, intake: intake).addRoutes(to: api)
        RegisterAPI(store: store, signing: signing).addRoutes(to: api)
        return router
    }
}
