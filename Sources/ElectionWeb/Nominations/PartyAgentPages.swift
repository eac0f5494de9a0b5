import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// A party agent's home: the party, whether nominations are open, and its list in each constituency.
struct PartyAgentPage: Sendable {
    struct List: Sendable {
        let href: String
        let province: String
        let seats: String
        let candidates: String
        let women: String
    }
    let lang: String
    let csrf: String
    let party: String
    let agent: String
    let nominations: String
    let message: String?
    let lists: [List]
    /// The party's own airtime, as iCalendar.
    let airtimeCalendar: String
}

struct PartySignInPage: Sendable {
    let action: String
    let error: String?
}

/// A party agent's pages: sign in with the code the NEC gave, the party's lists, and the form to
/// submit one. Its routes need ``PartyAgentAuthenticator`` (cookie) in front.
struct PartyAgentPages: PageController {
    let store: any ElectionStore & NominationStore
    let lists: ListFormBuilder
    /// Sign-in attempts, shared with officials' and observers' sign-in.
    let attempts: LookupLimiter
    let secureCookies: Bool
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("party") { request, context in
            let language = context.language
            guard let (agent, code) = context.partyAgent else { return signIn(language, error: nil) }
            return try await home(agent, code, language, message: KeyFamilies.nominationsDone.doneMessage(Input.query(of: request), language))
        }
        router.post("party") { request, context in
            let language = context.language
            let fields = Input.form(String(buffer: try await Input.body(of: request)))
            let code = fields["code"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            guard try await PartyAgentAuthenticator.agent(code: code, in: store) != nil else {
                return signIn(language, error: language.text("party_agent.signin_failed"), status: .unauthorized)
            }
            var response = Response.redirect(to: "/\(language.rawValue)/party", type: .normal)
            response.setCookie(Cookie(
                name: Signing.partyAgentCookie, value: code, maxAge: 30 * 24 * 3600, path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("party/signout") { request, context in
            let fields = Input.form(String(buffer: try await Input.body(of: request)))
            guard let (_, code) = context.partyAgent else { throw NotSignedIn() }
            guard fields["csrf"].map(String.init) == Self.csrf(code) else { throw ForgedForm() }
            var response = Response.redirect(to: "/\(context.language.rawValue)/party", type: .normal)
            response.setCookie(Cookie(name: Signing.partyAgentCookie, value: "", maxAge: 0, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("party/lists/:province") { _, context in
            let language = context.language
            guard let (agent, code) = context.partyAgent else { return Response.redirect(to: "/\(language.rawValue)/party", type: .normal) }
            let province = try Input.code(context.parameters.get("province"), as: ProvinceCode.self, field: "province")
            return try await listPage(agent, code, province, language, typed: nil, problems: [])
        }
        router.post("party/lists/:province") { request, context in
            let language = context.language
            guard let (agent, code) = context.partyAgent else { throw NotSignedIn() }
            let province = try Input.code(context.parameters.get("province"), as: ProvinceCode.self, field: "province")
            let fields = Input.form(String(buffer: try await Input.body(of: request))).mapValues(String.init)
            guard fields["csrf"] == Self.csrf(code) else { throw ForgedForm() }
            let typed = ListForm.typed(fields)
            do {
                let list = CandidateListSubmission(party: agent.party, constituency: province, nominees: try ListForm.nominees(typed))
                _ = try await store.submitList(list, by: .agent(agent), at: Date())
                return Response.redirect(to: "/\(language.rawValue)/party?done=submitted", type: .normal)
            } catch let error as InputError {
                return try await listPage(agent, code, province, language, typed: typed, problems: [ListForm.message(error, in: language)],
                                          status: .badRequest)
            } catch let refused as NominationProblems {
                return try await listPage(agent, code, province, language, typed: typed,
                                          problems: NominationText.messages(refused.problems, in: language), status: .unprocessableContent)
            }
        }
    }

    /// The token the agent's forms carry back: derived from their code, which the page never shows.
    static func csrf(_ code: String) -> String { Passwords.digest("party-csrf:" + code) }

    func signIn(_ language: Language, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        page("party-signin", language.text("party_agent.signin"), PartySignInPage(action: "/\(language.rawValue)/party", error: error),
             language, "/party", status: status)
    }

    func home(_ agent: PartyAgent, _ code: String, _ language: Language, message: String?) async throws -> Response {
        let party = try await store.party(agent.party)
        let counts = try await store.womenCandidateCounts().filter { $0.partyID == agent.party }
        let window = try await store.calendar().window(.nominations)
        let today = try await store.election().localDay(at: Date())
        let l = language.rawValue
        let model = PartyAgentPage(
            lang: l, csrf: Self.csrf(code), party: language.pick(party.nameEnglish, party.nameKhmer), agent: agent.name,
            nominations: NominationText.nominations(window, today: today, language),
            message: message,
            lists: try await store.constituencies().map { province in
                let count = counts.first { $0.constituencyCode == province.id }
                return .init(href: "/\(l)/party/lists/\(province.id)", province: language.pick(province.nameEnglish, province.nameKhmer),
                             seats: language.number(province.seats), candidates: language.number(count?.candidates ?? 0),
                             women: language.number(count?.women ?? 0))
            },
            airtimeCalendar: "/api/v1/campaign/airtime.ics?party=\(party.id.rawValue)")
        return page("party-agent", model.party, model, language, "/party")
    }

    func listPage(
        _ agent: PartyAgent, _ code: String, _ province: ProvinceCode, _ language: Language,
        typed: [(voterNumber: String, name: String, national: Bool)]?, problems: [String], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let (title, model) = try await lists.model(
            party: agent.party, province: province, language: language, action: "/\(l)/party/lists/\(province)", csrf: Self.csrf(code),
            back: Link(href: "/\(l)/party", label: language.text("party_agent.home")), typed: typed, problems: problems, necChanges: false)
        return page("list-form", title, model, language, "/party/lists/\(province)", status: status)
    }
}
