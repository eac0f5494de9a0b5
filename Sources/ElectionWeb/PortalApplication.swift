import ElectionStore
import Foundation
import Hummingbird
import NIOCore

/// What the portal needs of its store: the election, its results, and officials' accounts.
public typealias PortalStore = ElectionStore & ResultStore & AccountStore & ObservationStore & RegisterStore & NominationStore & AccreditationStore & CampaignStore & ComplaintStore & HotlineStore & TrainingStore & QuickCountStore
    & GeographyStore & CommissionStore & ElectionRecordStore & ElectionDayStore & LibraryStore & OperationsStore

/// The web application: the public portal's pages and the JSON API, over one election store.
public enum PortalApplication {
    /// Sign-in attempts one client may make per minute: enough for typing mistakes, too few to guess.
    public static let defaultSignInAttemptsPerMinute = 10

    /// Builds the router and everything it serves; `sala serve` runs the result. `publicReads`
    /// answers the public's reads (see ``router(store:publicReads:registrationChecks:secureCookies:signInAttemptsPerMinute:trustedProxies:clock:)``).
    public static func build(
        store: any PortalStore, publicReads: (any PortalStore)? = nil, host: String, port: Int,
        registrationChecks: LookupShares = .standard, secureCookies: Bool = false,
        trustedProxies: TrustedProxies = TrustedProxies(), clock: PortalClock = .system,
        metrics: PortalMetrics? = nil, logRequests: Bool = false
    ) async throws -> some ApplicationProtocol {
        Application(
            router: try await router(
                store: store, publicReads: publicReads, registrationChecks: registrationChecks, secureCookies: secureCookies,
                trustedProxies: trustedProxies, clock: clock, metrics: metrics, logRequests: logRequests),
            // A connection that sends nothing for 30 s (idle between requests, or a request left
            // half-sent) is closed: it would otherwise hold its place for as long as the client likes.
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(host, port: port), serverName: "Sala"))
    }

    /// The routes alone, for tests that call them without a socket. `registrationChecks` nil means
    /// no limit. `publicReads` (PostgreSQL replicas; nil: `store`) answers the public's reads that
    /// need not see a write just made: the registration check, the station finder, the commission,
    /// party and candidate pages, the results pages and the results API for anonymous callers.
    /// Every write, and every read of a signed-in person, goes to `store`.
    public static func router(
        store: any PortalStore, publicReads: (any PortalStore)? = nil, registrationChecks: LookupShares?, secureCookies: Bool = false,
        signInAttemptsPerMinute: Int = defaultSignInAttemptsPerMinute, trustedProxies: TrustedProxies = TrustedProxies(),
        clock: PortalClock = .system, metrics: PortalMetrics? = nil, logRequests: Bool = false
    ) async throws -> Router<PortalRequestContext> {
        let renderer = try await PageRenderer.load()
        let maps = MapCatalogue(shapes: try await store.constituencyOutlines(), constituencies: try await store.constituencies())
        let limiter = registrationChecks.map { LookupLimiter($0, clock: clock) }
        let signing = Signing(
            store: store, attempts: LookupLimiter(perMinute: signInAttemptsPerMinute, clock: clock),
            accountAttempts: LookupLimiter(perMinute: signInAttemptsPerMinute, clock: clock), secureCookies: secureCookies)
        let reports = ReportCache(store: store)
        let reads = publicReads ?? store
        let publicReports = publicReads.map { ReportCache(store: $0) } ?? reports
        let necKeys = NECKeys(store: store)
        // Without metrics the counters count into a registry nobody reads, and /metrics answers no one.
        let operations = metrics ?? PortalMetrics(readers: [])
        let desk = FormDesk(write: operations.counting(forms: { try await store.apply($0, at: clock.now()) }), written: { await reports.invalidate() })
        let stationReports = StationReportDesk(write: { try await store.receive($0, at: clock.now()) })
        let watch = ElectionDayWatch(store: store)
        let intake = ChecklistIntake(store: store, reference: ChecklistReference(store: store))

        let router = Router(context: PortalRequestContext.self, options: .autoGenerateHeadEndpoints)
        // First, so that it times everything the others do.
        if metrics != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ClientAddressMiddleware(proxies: trustedProxies))
        if logRequests { router.add(middleware: RequestLog()) }
        router.add(middleware: ResponseEconomy())
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        router.add(middleware: CrossSiteRefusal())
        router.get("/health") { _, _ in "ok" }
        OperationsRoutes(store: store, metrics: operations, proxies: trustedProxies).addRoutes(to: router)
        router.get("/") { request, _ in
            let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            return Response.redirect(to: "/\(language.rawValue)/", type: .normal)
        }
        Assets.addRoutes(to: router, maps: maps)

        // Pages: every path starts with the language.
        let pages = router.group(":lang").add(middleware: LanguageMiddleware())
        let directory = StationDirectory(store: reads)
        PublicPages(store: reads, maps: maps, directory: directory, renderer: renderer).addRoutes(to: pages)
        RegistrationPages(store: reads, maps: maps, limiter: limiter, renderer: renderer).addRoutes(to: pages)
        ResultsPages(store: reads, reports: publicReports, maps: maps, keys: necKeys, renderer: renderer).addRoutes(to: pages)
        let elections = ElectionPages(store: reads, reports: publicReports, renderer: renderer)
        elections.addRoutes(to: pages)
        MissionPages(store: store, maps: maps, renderer: renderer).addRoutes(to: pages)
        AccreditationPages(store: store, badges: necKeys, renderer: renderer).addRoutes(to: pages)
        let airtime = PublishedAirtime(store: store)
        AirtimePages(airtime: airtime, renderer: renderer).addRoutes(to: pages)
        let calendar = CalendarPages(store: store, renderer: renderer)
        calendar.addPublicRoutes(to: pages)
        let electionDay = ElectionDayPages(store: store, reports: stationReports, watch: watch, clock: clock, renderer: renderer)
        electionDay.addPublicRoutes(to: pages)
        let library = LibraryPages(store: store, renderer: renderer)
        library.addPublicRoutes(to: pages)
        let complaintLookups = LookupLimiter(perMinute: 30, clock: clock)
        let complaints = ComplaintPages(store: store, attempts: signing.attempts, lookups: complaintLookups, clock: clock, renderer: renderer)
        complaints.addRoutes(to: pages)
        let hotline = HotlinePages(store: store, clock: clock, renderer: renderer)
        hotline.addPublicRoutes(to: pages)
        let lists = ListFormBuilder(store: store)
        let officials = pages.group().add(middleware: SessionAuthenticator(signing: signing)).add(middleware: RouteGuard())
        SignInPages(signing: signing, renderer: renderer).addRoutes(to: officials)
        AccountPages(store: store, signing: signing, renderer: renderer).addRoutes(to: officials)
        AccountAdminPages(store: store, renderer: renderer).addRoutes(to: officials)
        DeskPages(store: store, desk: desk, reports: reports, keys: necKeys, renderer: renderer).addRoutes(to: officials)
        RegisterDeskPages(store: store, renderer: renderer).addRoutes(to: officials)
        calendar.addDeskRoutes(to: officials)
        PartyDeskPages(store: store, lists: lists, renderer: renderer).addRoutes(to: officials)
        let stationKeeping = StationKeepingPages(store: store, renderer: renderer)
        stationKeeping.addRoutes(to: officials)
        CommuneKeepingPages(store: store, stations: stationKeeping, renderer: renderer).addRoutes(to: officials)
        CommissionKeepingPages(store: store, renderer: renderer).addRoutes(to: officials)
        AccreditationDeskPages(store: store, badges: necKeys, printer: PDFPrinter.find(), renderer: renderer).addRoutes(to: officials)
        electionDay.addRoutes(to: officials)
        library.addDeskRoutes(to: officials)
        ComplaintDeskPages(store: store, pages: complaints, clock: clock, renderer: renderer).addRoutes(to: officials)
        hotline.addDeskRoutes(to: officials)
        TrainingPages(store: store, renderer: renderer).addRoutes(to: officials)
        let agents = pages.group().add(middleware: PartyAgentAuthenticator(store: store, carrier: .cookie)).add(middleware: RouteGuard())
        PartyAgentPages(store: store, lists: lists, attempts: signing.attempts, secureCookies: secureCookies, renderer: renderer)
            .addRoutes(to: agents)
        let organisations = pages.group().add(middleware: OrganisationAuthenticator(store: store, carrier: .cookie)).add(middleware: RouteGuard())
        OrganisationPages(store: store, attempts: signing.attempts, secureCookies: secureCookies, renderer: renderer).addRoutes(to: organisations)
        let observers = pages.group().add(middleware: ObserverAuthenticator(store: store, carrier: .cookie)).add(middleware: RouteGuard())
        let quickCounts = QuickCountReadings(store: store)
        ObservePages(
            store: store, checklists: ChecklistDesk(write: operations.counting(checklists: { try await store.receive($0, channel: "web", at: Date()) })),
            intake: intake, attempts: signing.attempts, secureCookies: secureCookies, quickCounts: quickCounts, renderer: renderer
        ).addRoutes(to: observers)

        // The JSON API.
        let api = router.group("api/v1")
        PublicAPI(store: reads, directory: directory, limiter: limiter).addRoutes(to: api)
        ElectionAPI(pages: elections).addRoutes(to: api)
        let nominations = NominationAPI(store: store)
        nominations.addPublicRoutes(to: api)
        nominations.addNominatorRoutes(to: api.group()
            .add(middleware: MachineAuthenticator(signing: signing))
            .add(middleware: PartyAgentAuthenticator(store: store, carrier: .bearer))
            .add(middleware: RouteGuard()))
        let machines = api.group().add(middleware: MachineAuthenticator(signing: signing)).add(middleware: RouteGuard())
        ResultsAPI(store: store, desk: desk, reports: reports, publicReads: (reads, publicReports), keys: necKeys).addRoutes(to: machines)
        RegisterAPI(store: store).addRoutes(to: machines)
        let stations = StationKeepingAPI(store: store)
        stations.addRoutes(to: machines)
        stations.addPublicRoutes(to: api)
        let communes = CommuneKeepingAPI(store: store)
        communes.addRoutes(to: machines)
        communes.addPublicRoutes(to: api)
        let commissions = CommissionKeepingAPI(store: store)
        commissions.addRoutes(to: machines)
        commissions.addPublicRoutes(to: api)
        AirtimeAPI(airtime: airtime).addRoutes(to: api)
        let electionDayAPI = ElectionDayAPI(store: store, reports: stationReports, watch: watch, clock: clock)
        electionDayAPI.addPublicRoutes(to: api)
        electionDayAPI.addRoutes(to: machines)
        let libraryAPI = LibraryAPI(store: store)
        libraryAPI.addPublicRoutes(to: api)
        libraryAPI.addRoutes(to: machines)
        let complaintAPI = ComplaintAPI(store: store, attempts: signing.attempts, lookups: complaintLookups, clock: clock)
        complaintAPI.addPublicRoutes(to: api)
        complaintAPI.addRoutes(to: machines)
        HotlineAPI(store: store, clock: clock).addRoutes(to: machines)
        TrainingAPI(store: store).addRoutes(to: machines)
        let accreditation = AccreditationAPI(store: store, badges: necKeys, attempts: signing.attempts)
        accreditation.addPublicRoutes(to: api)
        accreditation.addRoutes(to: machines)
        accreditation.addApplicantRoutes(to: api.group()
            .add(middleware: MachineAuthenticator(signing: signing))
            .add(middleware: OrganisationAuthenticator(store: store, carrier: .bearer))
            .add(middleware: RouteGuard()))
        let observerAPI = api.group().add(middleware: ObserverAuthenticator(store: store, carrier: .bearer)).add(middleware: RouteGuard())
        ObservationAPI(
            store: store, checklists: ChecklistDesk(write: operations.counting(checklists: { try await store.receive($0, channel: "api", at: Date()) })),
            intake: intake
        ).addRoutes(to: observerAPI)
        complaintAPI.addObserverRoutes(to: observerAPI)
        QuickCountAPI(store: store, readings: quickCounts).addRoutes(to: observerAPI)
        // Last, so that it wraps only the answer to a request no route takes.
        router.add(middleware: MethodNotAllowed(routes: router.routes))
        return router
    }
}
