import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// A commune at the NEC's desk: its polling stations with the form to add one, and the commune's
/// own details with the forms to change and retire it, and its history.
struct CommuneStationsPage: Sendable {
    let lang: String
    let csrf: String
    let code: String
    let heading: String
    let province: Link
    let stations: [Link]
    let fields: [FormField]
    let access: [AccessField]
    let communeFields: [FormField]
    let kinds: [Choice]
    let changes: [StationKeepingPage.Change]
    let message: String?
    let error: String?
}

/// One polling station at the NEC's desk: the form to change it, the form to retire it, its history.
struct StationKeepingPage: Sendable {
    struct Change: Sendable {
        let at: String
        let action: String
        let official: String
        let before: String
        let after: String
        let reason: String
    }
    let lang: String
    let csrf: String
    let code: String
    let heading: String
    let commune: Link
    let publicPage: String
    let fields: [FormField]
    let access: [AccessField]
    let changes: [Change]
    let message: String?
    let error: String?
}

/// The NEC's pages to add, change and retire polling stations. Its routes need
/// ``SessionAuthenticator`` in front; the store asks ``OfficialAction/keepStations`` and the calendar.
struct StationKeepingPages: PageController {
    let store: any ElectionStore & GeographyStore
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/geography/communes") { request, context in
            let code = try Input.code(Input.query(of: request)["code"].map(String.init), as: CommuneCode.self)
            return Response.redirect(to: "/\(context.language.rawValue)/desk/geography/communes/\(code)", type: .normal)
        }
        router.get("desk/geography/communes/:code") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.keepStations, on: .nation)
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            return try await communePage(code, session, context.language, message: KeyFamilies.stationsDone.doneMessage(Input.query(of: request), context.language))
        }
        router.post("desk/geography/communes/:code") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            do {
                let station = try await store.addPollingStation(in: code, try Self.details(fields), reason: fields["reason"] ?? "",
                                                                by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/geography/stations/\(station.id)?done=added", type: .normal)
            } catch let error as InputError {
                return try await communePage(code, session, language, typed: fields, error: error, status: .badRequest)
            }
        }
        router.get("desk/geography/stations/:code") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.keepStations, on: .nation)
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            return try await stationPage(code, session, context.language, message: KeyFamilies.stationsDone.doneMessage(Input.query(of: request), context.language))
        }
        router.post("desk/geography/stations/:code") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            do {
                _ = try await store.editPollingStation(code, try Self.details(fields), reason: fields["reason"] ?? "", by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/geography/stations/\(code)?done=edited", type: .normal)
            } catch let error as InputError {
                return try await stationPage(code, session, language, typed: fields, error: error, status: .badRequest)
            }
        }
        router.post("desk/geography/stations/:code/retirement") { request, context in
            let (session, fields) = try await context.requireSessionForm(request)
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let reason = try Input.longText(fields["reason"], field: "reason", required: true) ?? ""
            try await store.retirePollingStation(code, reason: reason, by: session.official, at: Date())
            return Response.redirect(to: "/\(context.language.rawValue)/desk/geography/communes/\(code.commune)?done=retired", type: .normal)
        }
    }

    static func details(_ fields: [String: String]) throws -> StationDetails {
        try StationInput.details(
            nameEnglish: fields["nameEnglish"], nameKhmer: fields["nameKhmer"], addressEnglish: fields["addressEnglish"],
            addressKhmer: fields["addressKhmer"], latitude: fields["latitude"], longitude: fields["longitude"],
            ramp: fields["ramp"], groundFloor: fields["groundFloor"], assistance: fields["assistance"])
    }

    /// The commune's page; `typed` refills the station form, `communeTyped` the commune's, after a refusal.
    func communePage(
        _ code: CommuneCode, _ session: OfficialSession, _ language: Language, message: String? = nil, typed: [String: String] = [:],
        communeTyped: [String: String]? = nil, error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let commune = try await store.commune(code)
        let province = try await store.constituency(code.province)
        let election = try await store.election()
        let l = language.rawValue
        let communeValues = communeTyped ?? CommuneInput.values(CommuneDetails(commune))
        let model = CommuneStationsPage(
            lang: l, csrf: session.csrfToken, code: code.rawValue,
            heading: language.text("keeping.commune_title").replacingOccurrences(of: "{commune}", with: language.pick(commune.nameEnglish, commune.nameKhmer)),
            province: Link(href: "/\(l)/desk/geography/provinces/\(code.province)", label: language.pick(province.nameEnglish, province.nameKhmer)),
            stations: try await store.pollingStations(inCommune: code).map {
                Link(href: "/\(l)/desk/geography/stations/\($0.id)", label: language.pick($0.nameEnglish, $0.nameKhmer), detail: $0.id.rawValue)
            },
            fields: StationInput.formFields(typed, invalid: communeTyped == nil ? error?.field : nil, language),
            access: StationInput.accessChoices(typed, invalid: communeTyped == nil ? error?.field : nil, language),
            communeFields: CommuneInput.formFields(communeValues, invalid: communeTyped == nil ? nil : error?.field, language),
            kinds: CommuneInput.kinds(communeValues, language),
            changes: try await Self.changes(of: .commune(code), store, election, language),
            message: message, error: error?.message(in: language))
        return page("desk-commune-stations", model.heading, model, language, "/desk/geography/communes/\(code)", status: status)
    }

    func stationPage(
        _ code: StationCode, _ session: OfficialSession, _ language: Language, message: String? = nil, typed: [String: String]? = nil,
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let station = try await store.pollingStation(code)
        let commune = try await store.commune(code.commune)
        let election = try await store.election()
        let l = language.rawValue
        let model = StationKeepingPage(
            lang: l, csrf: session.csrfToken, code: code.rawValue, heading: language.pick(station.nameEnglish, station.nameKhmer),
            commune: Link(href: "/\(l)/desk/geography/communes/\(code.commune)", label: language.pick(commune.nameEnglish, commune.nameKhmer)),
            publicPage: "/\(l)/stations/\(code)",
            fields: StationInput.formFields(typed ?? StationInput.values(StationDetails(station)), invalid: error?.field, language),
            access: StationInput.accessChoices(typed ?? StationInput.values(StationDetails(station)), invalid: error?.field, language),
            changes: try await Self.changes(of: .station(code), store, election, language),
            message: message, error: error?.message(in: language))
        return page("desk-station-keeping", model.heading, model, language, "/desk/geography/stations/\(code)", status: status)
    }

    /// A unit's recorded changes as the desk pages list them.
    static func changes(
        of unit: UnitCode, _ store: any GeographyStore, _ election: Election, _ language: Language
    ) async throws -> [StationKeepingPage.Change] {
        try await store.geographyChanges(of: unit).map {
            .init(at: language.longDate(election.localDay(at: $0.recordedAt)), action: language.text(KeyFamilies.geographyAction, $0.action),
                  official: $0.officialName, before: $0.before ?? "", after: $0.after ?? "", reason: $0.reason)
        }
    }
}
