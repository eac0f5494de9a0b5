import ElectionCore
import ElectionStore
import Hummingbird
import HummingbirdAuth

/// Who a request comes from, once an authenticator has recognised them.
public enum PortalIdentity: Sendable {
    /// An official signed in through the browser (session cookie), with the token their forms carry back.
    case session(OfficialSession)
    /// An official's machine (`Authorization: Bearer TOKEN`).
    case machine(Official)
    /// A mission member, by the code from `sala mission token` (bearer token on the API, cookie on
    /// the phone pages).
    case observer(MissionMember, code: String)
    /// A party's agent, by the code the NEC gave when it registered the party (bearer token on the
    /// API, cookie on the pages).
    case partyAgent(PartyAgent, code: String)
    /// An organisation applying for its observers or journalists, by the code from
    /// `sala accreditation code` (bearer token on the API, cookie on the pages).
    case organisation(AccreditingOrganisation, code: String)
}

/// Recognises an official's browser by the session cookie.
struct SessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = PortalRequestContext
    let signing: Signing

    func authenticate(request: Request, context: Context) async throws -> PortalIdentity? {
        try await signing.session(request).map(PortalIdentity.session)
    }
}

/// Recognises an official's machine by its bearer token.
struct MachineAuthenticator: AuthenticatorMiddleware {
    typealias Context = PortalRequestContext
    let signing: Signing

    func authenticate(request: Request, context: Context) async throws -> PortalIdentity? {
        try await signing.machine(request).map(PortalIdentity.machine)
    }
}

/// Recognises a mission member by their code: a bearer token (the API) or the observer cookie
/// (the phone pages).
struct ObserverAuthenticator: AuthenticatorMiddleware {
    typealias Context = PortalRequestContext
    enum Carrier: Sendable { case bearer, cookie }
    let store: any ObservationStore
    let carrier: Carrier

    func authenticate(request: Request, context: Context) async throws -> PortalIdentity? {
        let code = switch carrier {
        case .bearer: Signing.bearerToken(request)
        case .cookie: request.cookies[Signing.observerCookie]?.value
        }
        guard let code, let member = try await Self.member(code: code, in: store) else { return nil }
        return .observer(member, code: code)
    }

    /// The mission member whose code (from `sala mission token`) this is, if any: a short code
    /// however it was typed, or a 64-character one made before short codes.
    static func member(code: String, in store: any ObservationStore) async throws -> MissionMember? {
        let code = Passwords.observerCode(code)
        guard code.count == 12 || code.count == 64 else { return nil }
        return try await store.observer(tokenDigest: Passwords.digest(code))
    }
}

/// Recognises a party's agent by their code: a bearer token (the API) or the party cookie (the pages).
struct PartyAgentAuthenticator: AuthenticatorMiddleware {
    typealias Context = PortalRequestContext
    let store: any NominationStore
    let carrier: ObserverAuthenticator.Carrier

    func authenticate(request: Request, context: Context) async throws -> PortalIdentity? {
        let code = switch carrier {
        case .bearer: Signing.bearerToken(request)
        case .cookie: request.cookies[Signing.partyAgentCookie]?.value
        }
        guard let code, let agent = try await Self.agent(code: code, in: store) else { return nil }
        return .partyAgent(agent, code: code)
    }

    /// The agent whose code this is, if any.
    static func agent(code: String, in store: any NominationStore) async throws -> PartyAgent? {
        guard code.count == 64 else { return nil }
        return try await store.partyAgent(codeDigest: Passwords.digest(code))
    }
}

extension PortalRequestContext {
    /// The browser session of a signed-in official, if any.
    var session: OfficialSession? {
        if case .session(let session) = identity { return session }
        return nil
    }

    /// Where a page for officials sends a browser without a session: the sign-in page.
    var signInFirst: Response { Response.redirect(to: "/\(language.rawValue)/signin", type: .normal) }

    /// The browser session of a signed-in official; 401 without one.
    func requireSession() throws -> OfficialSession {
        guard let session else { throw NotSignedIn() }
        return session
    }

    /// The official whose bearer token the request carries; 401 without one.
    func requireMachine() throws -> Official {
        guard case .machine(let official) = identity else { throw NotSignedIn() }
        return official
    }

    /// The signed-in mission member and their code, if any.
    var observer: (member: MissionMember, code: String)? {
        if case .observer(let member, let code) = identity { return (member, code) }
        return nil
    }

    /// The mission member the request comes from; 401 without one, 403 unless they may do
    /// `action` for this mission.
    func requireObserver(_ action: MissionAction, forMission missionID: MissionID) throws -> MissionMember {
        guard let (member, _) = observer else { throw NotSignedIn() }
        try member.require(action, forMission: missionID)
        return member
    }
}

/// Recognises an accrediting organisation by its code: a bearer token (the API) or the
/// organisation cookie (the pages).
struct OrganisationAuthenticator: AuthenticatorMiddleware {
    typealias Context = PortalRequestContext
    let store: any AccreditationStore
    let carrier: ObserverAuthenticator.Carrier

    func authenticate(request: Request, context: Context) async throws -> PortalIdentity? {
        let code = switch carrier {
        case .bearer: Signing.bearerToken(request)
        case .cookie: request.cookies[Signing.organisationCookie]?.value
        }
        guard let code, let organisation = try await Self.organisation(code: code, in: store) else { return nil }
        return .organisation(organisation, code: code)
    }

    /// The organisation whose code this is, if any, however the short code was typed.
    static func organisation(code: String, in store: any AccreditationStore) async throws -> AccreditingOrganisation? {
        let code = Passwords.observerCode(code)
        guard code.count == 12 else { return nil }
        return try await store.accreditingOrganisation(codeDigest: Passwords.digest(code))
    }
}

extension PortalRequestContext {
    /// The signed-in organisation and its code, if any.
    var organisation: (organisation: AccreditingOrganisation, code: String)? {
        if case .organisation(let organisation, let code) = identity { return (organisation, code) }
        return nil
    }
}

extension PortalRequestContext {
    /// The signed-in party agent and their code, if any.
    var partyAgent: (agent: PartyAgent, code: String)? {
        if case .partyAgent(let agent, let code) = identity { return (agent, code) }
        return nil
    }

    /// Who submits a list through the API: a party's agent, or an NEC official's machine; 401 otherwise.
    func requireNominator() throws -> Nominator {
        switch identity {
        case .partyAgent(let agent, _): .agent(agent)
        case .machine(let official): .official(official)
        default: throw NotSignedIn()
        }
    }
}

extension PortalRequestContext {
    /// The signed-in official's session and the fields of the form they sent; 401 without a
    /// session, 403 unless the form carries the session's form token.
    func requireSessionForm(_ request: Request, limit: Int = 16 * 1024) async throws -> (OfficialSession, [String: String]) {
        let session = try requireSession()
        let body = try await Input.body(of: request, limit: limit)
        let fields = Input.form(String(buffer: body)).mapValues(String.init)
        if fields["csrf"] != session.csrfToken { throw ForgedForm() }
        return (session, fields)
    }
}
