import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// A province's communes at the NEC's desk, with the form to add one.
struct ProvinceCommunesPage: Sendable {
    let lang: String
    let csrf: String
    let code: String
    let heading: String
    let communes: [Link]
    let newCode: String
    let codeInvalid: Bool
    let fields: [FormField]
    let kinds: [Choice]
    let message: String?
    let error: String?
}

/// The NEC's pages to add, change and retire communes: a province's page lists its communes and
/// adds one; a commune's own page (``StationKeepingPages``) changes and retires it. The routes need
/// ``SessionAuthenticator`` in front; the store asks ``OfficialAction/keepCommunes`` and the calendar.
struct CommuneKeepingPages: PageController {
    let store: any ElectionStore & GeographyStore
    let stations: StationKeepingPages
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/geography/provinces") { request, context in
            let code = try Input.code(Input.query(of: request)["code"].map(String.init), as: ProvinceCode.self)
            return Response.redirect(to: "/\(context.language.rawValue)/desk/geography/provinces/\(code)", type: .normal)
        }
        router.get("desk/geography/provinces/:code") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.keepCommunes, on: .nation)
            let code = try Input.code(context.parameters.get("code"), as: ProvinceCode.self)
            return try await provincePage(code, session, context.language, message: KeyFamilies.stationsDone.doneMessage(Input.query(of: request), context.language))
        }
        router.post("desk/geography/provinces/:code") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let province = try Input.code(context.parameters.get("code"), as: ProvinceCode.self)
            do {
                let code = try Input.code(fields["code"], as: CommuneCode.self)
                guard code.province == province else { throw InputError(field: "code", reason: "code") }
                _ = try await store.addCommune(code, try Self.details(fields), reason: fields["reason"] ?? "", by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/geography/communes/\(code)?done=commune-added", type: .normal)
            } catch let error as InputError {
                return try await provincePage(province, session, language, typed: fields, error: error, status: .badRequest)
            }
        }
        router.post("desk/geography/communes/:code/details") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            do {
                _ = try await store.editCommune(code, try Self.details(fields), reason: fields["reason"] ?? "", by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/geography/communes/\(code)?done=commune-edited", type: .normal)
            } catch let error as InputError {
                return try await stations.communePage(code, session, language, communeTyped: fields, error: error, status: .badRequest)
            }
        }
        router.post("desk/geography/communes/:code/retirement") { request, context in
            let (session, fields) = try await context.requireSessionForm(request)
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            let reason = try Input.longText(fields["reason"], field: "reason", required: true) ?? ""
            try await store.retireCommune(code, reason: reason, by: session.official, at: Date())
            return Response.redirect(to: "/\(context.language.rawValue)/desk/geography/provinces/\(code.province)?done=commune-retired", type: .normal)
        }
    }

    static func details(_ fields: [String: String]) throws -> CommuneDetails {
        try CommuneInput.details(
            nameEnglish: fields["nameEnglish"], nameKhmer: fields["nameKhmer"], districtName: fields["districtName"],
            districtNameKhmer: fields["districtNameKhmer"], kind: fields["kind"],
            latitude: fields["latitude"], longitude: fields["longitude"])
    }

    func provincePage(
        _ code: ProvinceCode, _ session: OfficialSession, _ language: Language, message: String? = nil, typed: [String: String] = [:],
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let province = try await store.constituency(code)
        let l = language.rawValue
        let model = ProvinceCommunesPage(
            lang: l, csrf: session.csrfToken, code: code.rawValue,
            heading: language.text("keeping.province_title").replacingOccurrences(of: "{province}", with: language.pick(province.nameEnglish, province.nameKhmer)),
            communes: try await store.communes(inProvince: code).map {
                Link(href: "/\(l)/desk/geography/communes/\($0.id)", label: language.pick($0.nameEnglish, $0.nameKhmer), detail: $0.id.rawValue)
            },
            newCode: typed["code"] ?? "", codeInvalid: error?.field == "code",
            fields: CommuneInput.formFields(typed, invalid: error?.field, language), kinds: CommuneInput.kinds(typed, language),
            message: message, error: error?.message(in: language))
        return page("desk-province-communes", model.heading, model, language, "/desk/geography/provinces/\(code)", status: status)
    }
}
