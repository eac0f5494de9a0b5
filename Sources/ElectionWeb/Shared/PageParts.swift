import ElectionCore
import ElectionStore
import Hummingbird

/// The public portal's HTML pages. Each page has a model (a plain struct, what tests check)
/// and a template in `Templates/`.
struct Portal: Sendable {
    let store: any PortalStore
    let renderer: PageRenderer
    let maps: MapCatalogue
    let limiter: LookupLimiter?
    let signing: Signing
    let desk: FormDesk
    let reports: ReportCache
    let checklists: ChecklistDesk
    let intake: ChecklistIntake

    /// The store's results side (the same store, named for what the results pages ask of it).
    var results: any PortalStore { store }

    func addRoutes(to router: Router<PortalRequestContext>) {
        router.get("/") { request, _ in
            let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            return Response.redirect(to: "/\(language.rawValue)/", type: .normal)
        }
        router.get("/:lang") { _, context in try await home(Self.language(context)) }
        router.get("/:lang/registration") { _, context in
            try await registrationForm(Self.language(context))
        }
        router.post("/:lang/registration") { request, context in
            try Self.countLookup(limiter, context)
            return try await checkRegistration(request, Self.language(context))
        }
        router.get("/:lang/stations") { _, context in try await stationFinder(Self.language(context)) }
        router.get("/:lang/stations/search") { request, context in
            try await stationSearch(request, Self.language(context))
        }
        router.get("/:lang/stations/nearest") { request, context in
            try await nearestStations(request, Self.language(context))
        }
        router.get("/:lang/stations/:code") { _, context in
            try await station(Input.code(context.parameters.get("code"), as: StationCode.self), Self.language(context))
        }
        router.get("/:lang/provinces/:code") { _, context in
            try await province(Input.code(context.parameters.get("code"), as: ProvinceCode.self), Self.language(context))
        }
        router.get("/:lang/communes/:code") { _, context in
            try await commune(Input.code(context.parameters.get("code"), as: CommuneCode.self), Self.language(context))
        }
        router.get("/:lang/commissions") { _, context in try await commissions(Self.language(context)) }
        router.get("/:lang/commissions/:id") { _, context in
            try await commission(context.parameters.get("id") ?? "", Self.language(context))
        }
        router.get("/:lang/parties") { _, context in try await parties(Self.language(context)) }
        router.get("/:lang/parties/:id") { _, context in
            try await party(Self.partyID(context), Self.language(context))
        }
        router.get("/:lang/parties/:id/:province") { _, context in
            try await candidateList(
                Self.partyID(context), Input.code(context.parameters.get("province"), as: ProvinceCode.self), Self.language(context))
        }
        router.get("/:lang/map") { _, context in try await map(Self.language(context)) }
        addResultRoutes(to: router)
        addDeskRoutes(to: router)
        addRegisterDeskRoutes(to: router)
        addMissionRoutes(to: router)
        addObserveRoutes(to: router)
    }

    /// The page language from the path; an unknown language is an unknown page.
    static func language(_ context: PortalRequestContext) throws -> Language {
        guard let language = context.parameters.get("lang").flatMap(Language.init(rawValue:)) else {
            throw HTTPError(.notFound)
        }
        return language
    }

    /// Counts one registration question against the client's share; throws when it is used up.
    static func countLookup(_ limiter: LookupLimiter?, _ context: PortalRequestContext) throws {
        guard let limiter else { return }
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        guard limiter.allow(client) else { throw TooManyLookups() }
    }

    static func partyID(_ context: PortalRequestContext) throws -> PartyNumber {
        guard let text = context.parameters.get("id"), let number = Int(text), (1...999).contains(number),
              let id = PartyNumber(rawValue: number) else {
            throw InputError(field: "code", reason: "code")
        }
        return id
    }

    func page<Content>(
        _ template: String, _ title: String, _ content: Content, _ language: Language, _ path: String,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        renderer.page(template, title: title, content: content, language: language, path: path, status: status)
    }
}

/// A field of a form a page shows: its name, label, what was typed, and whether it was refused.
struct FormField: Sendable {
    let name: String
    let label: String
    let value: String
    let invalid: Bool
}

/// A link with its text, the most common thing a page lists.
struct Link: Sendable {
    let href: String
    let label: String
    var detail: String = ""
}
