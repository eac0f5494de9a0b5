import ElectionCore
import Hummingbird

/// Asks each route's rule (``RouteRule/table``) before its handler reads anything: a caller the
/// rule excludes by their kind of account, role, mission, party, organisation or the unit the
/// path names is refused (403) before their request is read, so that what they sent is never
/// checked, stored or answered about. Without an account it sends a page's reader to the right
/// sign-in page and answers anything else 401. What only the request's body or the stored record
/// tells (the station a voter is registered at, the commission handling a complaint) is still
/// asked by the handler and the store.
/// It runs after the group's authenticators, since it needs to know who is asking.
struct RouteGuard: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let path = context.endpointPath, let rule = RouteRule.of(method: request.method.rawValue, path: path) else {
            throw HTTPError(.forbidden, message: "This route has no permission rule.")
        }
        switch try rule.admits(context.identity, parameters: { context.parameters.get($0) }) {
        case .yes:
            return try await next(request, context)
        case .signIn(let page):
            guard request.method == .get, !path.hasPrefix("/api/") else { throw NotSignedIn() }
            return Response.redirect(to: "/\(context.language.rawValue)/\(page)", type: .normal)
        }
    }
}

extension RouteRule {
    /// What the rule says to a caller before the request is read.
    enum Admission: Equatable {
        case yes
        /// No account of the kind the route needs: sign in on this page first.
        case signIn(page: String)
    }

    /// Whether the caller passes the rule as far as the path tells; throws the domain's
    /// ``Refusal`` for a caller it excludes.
    func admits(_ identity: PortalIdentity?, parameters: (String) -> String?) throws -> Admission {
        switch self {
        case .anyone, .signIn, .quickCount:
            return .yes
        case .anyOfficial:
            _ = try official(identity)
        case .official(let action, let unit):
            guard let official = try official(identity) else { return .signIn(page: "signin") }
            if let unit = unit?.code(parameters) { try official.require(action, on: unit) } else { try official.require(action) }
        case .officialAny(let actions):
            guard let official = try official(identity) else { return .signIn(page: "signin") }
            guard actions.contains(where: official.role.may) else { try official.require(actions[0]); return .yes }
        case .member(let action, let mission):
            guard case .observer(let member, _)? = identity else { return try refuse(identity, page: "observe") }
            let missionID = mission.map { parameters($0).flatMap(MissionID.init(rawValue:)) } ?? member.missionID
            if let missionID { try member.require(action, forMission: missionID) }
        case .partyAgent(let party):
            guard case .partyAgent(let agent, _)? = identity else { return try refuse(identity, page: "party") }
            if let party = party.flatMap(parameters).flatMap({ Int($0) }).flatMap(PartyNumber.init(rawValue:)) { try agent.requireOwn(party) }
        case .organisation(let id):
            guard case .organisation(let organisation, _)? = identity else { return try refuse(identity, page: "organisation") }
            if let id = id.flatMap(parameters) { try organisation.requireOwn(id) }
        case .either(let one, let other):
            let answers = [one, other].map { rule in Result { try rule.admits(identity, parameters: parameters) } }
            if answers.contains(where: { (try? $0.get()) == .yes }) { return .yes }
            if identity == nil { return try answers[0].get() }
            for case .failure(let refusal) in answers.reversed() { throw refusal }
        }
        return identity == nil ? .signIn(page: "signin") : .yes
    }

    /// The official asking, nil without an account; a caller with another kind of account is refused.
    private func official(_ identity: PortalIdentity?) throws -> Official? {
        switch identity {
        case .session(let session)?: return session.official
        case .machine(let official)?: return official
        case nil: return nil
        default: throw Refusal(.roleMayNot, "only an election official may do this")
        }
    }

    /// Sign in on `page` without an account; a caller with another kind of account is refused.
    private func refuse(_ identity: PortalIdentity?, page: String) throws -> Admission {
        guard identity == nil else { throw Refusal(.roleMayNot, "this is not for this kind of account") }
        return .signIn(page: page)
    }
}

extension RouteRule.PathUnit {
    /// The unit the path names, when it names one directly (a station);
    /// nil when only the stored record tells (a voter's station, a complaint's commission).
    func code(_ parameters: (String) -> String?) -> UnitCode? {
        switch self {
        case .station(let name): parameters(name).flatMap(StationCode.init(rawValue:)).map(UnitCode.station)
        case .voter, .duplicateCase, .complaint, .handlingCommission, .trainingSession: nil
        }
    }
}
