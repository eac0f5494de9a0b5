import ElectionCore

/// Who may use a route of the portal, in the domain's terms: the permission each handler asks
/// (``Official/may(_:on:)``, ``MissionMember/may(_:forMission:)``, an agent's own party, an
/// organisation's own file). ``RouteRule/table`` names the rule of every route; the permission
/// matrix test walks every route with every kind of account against it, and a route without a
/// line here fails that test. The handlers (and the store behind them) enforce the rule; this
/// table says which rule that is, so that a reader and the test know what to expect.
enum RouteRule: Sendable {
    /// Anyone, without an account: public pages and API, sign-in forms, a voter's own look-up.
    case anyone
    /// Anyone, giving a name and password or a code: a wrong one is answered 401, which is not a refusal of the route.
    case signIn
    /// Any signed-in official: their desk and their own account. What they see is held to their unit.
    case anyOfficial
    /// An official who may do the action: on the unit the path names (`unit`), or, without one,
    /// whose role allows it at all (the unit then comes with the request's body or is their own).
    case official(OfficialAction, unit: PathUnit? = nil)
    /// An official who may do one of these actions (a page offering several, or a body that says which).
    case officialAny([OfficialAction])
    /// A mission member who may do the action for the mission in the path parameter `mission`,
    /// or, without one (the phone pages), for their own mission.
    case member(MissionAction, mission: String? = nil)
    /// The mission's quick count (its sample and estimates): its members who may follow it, and
    /// anyone once the mission has published it (``QuickCountSample/requireReadable(by:)``).
    case quickCount(mission: String)
    /// A party's agent: for the party in the path parameter `party`, or, without one, their own.
    case partyAgent(party: String? = nil)
    /// An accrediting organisation: the one in the path parameter `organisation`, or, without one, itself.
    case organisation(String? = nil)
    /// Either rule (an official on behalf of a party or an organisation, or the party or organisation itself).
    indirect case either(RouteRule, RouteRule)

    /// The unit a route acts on, named by one of its path parameters.
    enum PathUnit: Sendable, Equatable {
        case station(String)
        /// The station of the voter whose number the parameter is.
        case voter(String)
        /// Each station of the duplicate case whose id the parameter is.
        case duplicateCase(String)
        /// The unit whose commission handles the complaint whose reference (or id) the parameter
        /// is: those above it follow it.
        case complaint(String)
        /// The same, for what only the commission handling the complaint sees and does (the
        /// complainant's file, hearing, decision: ``Official/handles(_:)``).
        case handlingCommission(String)
        /// The unit of the training session whose id the parameter is.
        case trainingSession(String)
    }

    /// The rule of each route, by its method and path as the router describes them (`HEAD`
    /// routes answer by their `GET` route's rule).
    static func of(method: String, path: String) -> RouteRule? {
        table["\(method == "HEAD" ? "GET" : method) \(path)"]
    }

    static let table: [String: RouteRule] = [
        // Assets, health, metrics, the home page and the OpenAPI document.
        "GET /": .anyone, "GET /health": .anyone, "GET /health/ready": .anyone, "GET /{lang}": .anyone,
        // No account, but only from the addresses `--metrics-from` allows (404 to anyone else).
        "GET /metrics": .anyone,
        "GET /assets/invalid.js": .anyone, "GET /assets/live.js": .anyone, "GET /assets/observe.js": .anyone,
        "GET /assets/map/finder.svg": .anyone, "GET /api/v1/openapi.json": .anyone,

        // The public API.
        "GET /api/v1/election": .anyone, "GET /api/v1/statistics": .anyone, "GET /api/v1/elections": .anyone,
        "GET /api/v1/elections/{id}": .anyone, "GET /api/v1/elections/{id}/comparison/{other}": .anyone,
        "GET /api/v1/provinces": .anyone, "GET /api/v1/provinces/{code}": .anyone, "GET /api/v1/provinces/{code}/stations": .anyone,
        "GET /api/v1/communes/{code}": .anyone, "GET /api/v1/communes/{code}/changes": .anyone,
        "GET /api/v1/stations": .anyone, "GET /api/v1/stations/nearest": .anyone, "GET /api/v1/stations/{code}": .anyone,
        "GET /api/v1/stations/{code}/changes": .anyone,
        "GET /api/v1/commissions": .anyone, "GET /api/v1/commissions/{id}": .anyone, "GET /api/v1/commissions/{id}/changes": .anyone,
        "GET /api/v1/parties": .anyone, "GET /api/v1/parties/{id}": .anyone, "GET /api/v1/parties/{id}/lists/{province}": .anyone,
        "GET /api/v1/candidates/women": .anyone, "GET /api/v1/calendar": .anyone, "GET /api/v1/ballot-draws": .anyone,
        "POST /api/v1/registration": .anyone,
        "GET /api/v1/results": .anyone, "GET /api/v1/results/nist-cdf.json": .anyone, "GET /api/v1/results/csv/{level}": .anyone,
        "GET /api/v1/results/provinces/{code}": .anyone, "GET /api/v1/results/communes/{code}": .anyone,
        "GET /api/v1/results/stations/{code}": .anyone, "GET /api/v1/results/publications": .anyone,
        "GET /api/v1/results/publications/current": .anyone, "GET /api/v1/results/publications/{number}": .anyone,
        "GET /api/v1/results/publications/{number}/content": .anyone,
        "GET /api/v1/results/publications/{number}/nist-cdf.json": .anyone,
        "GET /api/v1/missions": .anyone, "GET /api/v1/missions/{id}": .anyone, "GET /api/v1/missions/{id}/findings": .anyone,
        "GET /api/v1/missions/{id}/coverage": .anyone, "GET /api/v1/missions/{id}/visits": .anyone,
        "GET /api/v1/missions/{id}/incidents": .anyone,
        "GET /api/v1/accreditation/statistics": .anyone, "GET /api/v1/accreditation/codes": .anyone,
        "GET /api/v1/accreditation/organisations": .anyone, "GET /api/v1/accreditation/public-key": .anyone,
        "GET /api/v1/accreditation/revocations": .anyone, "GET /api/v1/accreditation/verification": .anyone,
        "POST /api/v1/accreditation/organisation-applications": .anyone,
        "GET /api/v1/campaign/airtime": .anyone, "GET /api/v1/campaign/airtime.csv": .anyone, "GET /api/v1/campaign/airtime.ics": .anyone,
        "GET /api/v1/turnout": .anyone, "GET /api/v1/library": .anyone, "GET /api/v1/library/{id}": .anyone,
        // A complaint is lodged by anyone, followed by its reference, appealed with the complainant's phone.
        "POST /api/v1/complaints": .anyone, "GET /api/v1/complaints/statistics": .anyone,
        "GET /api/v1/complaints/{reference}": .anyone, "POST /api/v1/complaints/{reference}/appeal": .anyone,

        // The officials' API (a machine token).
        "POST /api/v1/results/stations/{code}/entries": .official(.enterResult, unit: .station("code")),
        "POST /api/v1/results/stations/{code}/resolution": .official(.resolveDispute, unit: .station("code")),
        "POST /api/v1/results/stations/{code}/acknowledgement": .official(.acknowledgeWarnings, unit: .station("code")),
        "POST /api/v1/results/stations/{code}/corrections": .official(.correctResult, unit: .station("code")),
        "POST /api/v1/results/confirmations": .officialAny([.confirmProvince, .confirmNation]),
        "POST /api/v1/results/publications": .official(.publishResults),
        "GET /api/v1/register/search": .official(.seeRegister),
        "GET /api/v1/register/voter-list": .official(.seeRegister),
        "POST /api/v1/register/voter-list": .official(.fixVoterList),
        "POST /api/v1/register/voters": .official(.changeRegister),
        "GET /api/v1/register/voters/{number}": .official(.seeRegister, unit: .voter("number")),
        "POST /api/v1/register/voters/{number}/move": .official(.changeRegister, unit: .voter("number")),
        "POST /api/v1/register/voters/{number}/removal": .official(.changeRegister, unit: .voter("number")),
        "GET /api/v1/register/duplicates": .official(.seeRegister),
        "POST /api/v1/register/duplicates/{id}/decision": .official(.decideDuplicate, unit: .duplicateCase("id")),
        "POST /api/v1/provinces/{code}/communes": .official(.keepCommunes),
        "PUT /api/v1/communes/{code}": .official(.keepCommunes),
        "POST /api/v1/communes/{code}/retirement": .official(.keepCommunes),
        "POST /api/v1/communes/{code}/stations": .official(.keepStations),
        "PUT /api/v1/stations/{code}": .official(.keepStations),
        "POST /api/v1/stations/{code}/retirement": .official(.keepStations),
        "POST /api/v1/commissions/{id}/members": .official(.keepCommissions),
        "POST /api/v1/commissions/{id}/members/{seat}/removal": .official(.keepCommissions),
        "POST /api/v1/accreditation/organisations": .official(.decideAccreditation),
        "POST /api/v1/accreditation/organisations/{id}/registration": .official(.decideAccreditation),
        "POST /api/v1/accreditation/decisions": .official(.decideAccreditation),
        "GET /api/v1/accreditation/badges/{number}": .official(.decideAccreditation),
        "POST /api/v1/accreditation/badges/{number}/revocation": .official(.decideAccreditation),
        "POST /api/v1/accreditation/organisations/{id}/applications": .either(.official(.decideAccreditation), .organisation("id")),
        "POST /api/v1/parties/{id}/lists/{province}": .either(.official(.keepCandidateLists), .partyAgent(party: "id")),
        "POST /api/v1/election-day/stations/{code}/reports": .official(.reportFromStation, unit: .station("code")),
        "GET /api/v1/election-day/stations/{code}/reports": .official(.followElectionDay, unit: .station("code")),
        "PUT /api/v1/election-day/stations/{code}/police": .official(.assignPolice, unit: .station("code")),
        "GET /api/v1/election-day/overview": .official(.followElectionDay),
        "POST /api/v1/election-day/turnout-publications": .official(.publishTurnout),
        "POST /api/v1/library": .official(.publishDocuments),
        "GET /api/v1/complaints": .official(.handleComplaints),
        "GET /api/v1/complaints/{reference}/file": .official(.handleComplaints, unit: .handlingCommission("reference")),
        "GET /api/v1/complaints/{reference}/evidence/{number}": .official(.handleComplaints, unit: .handlingCommission("reference")),
        "POST /api/v1/complaints/{reference}/hearing": .official(.handleComplaints, unit: .handlingCommission("reference")),
        "POST /api/v1/complaints/{reference}/decision": .official(.handleComplaints, unit: .handlingCommission("reference")),
        "GET /api/v1/hotline/enquiries": .official(.takeCalls), "POST /api/v1/hotline/enquiries": .official(.takeCalls),
        "GET /api/v1/training/sessions": .official(.keepTraining), "POST /api/v1/training/sessions": .official(.keepTraining),
        "GET /api/v1/training/coverage": .official(.keepTraining),
        "GET /api/v1/training/sessions/{id}": .official(.keepTraining, unit: .trainingSession("id")),
        "POST /api/v1/training/sessions/{id}/attendance": .official(.keepTraining, unit: .trainingSession("id")),

        // The observers' API (a mission member's code).
        "POST /api/v1/missions/{id}/checklists": .member(.submitChecklist, mission: "id"),
        "POST /api/v1/missions/{id}/visits": .member(.recordVisit, mission: "id"),
        "POST /api/v1/missions/{id}/incidents": .member(.reportIncident, mission: "id"),
        "POST /api/v1/missions/{id}/activities": .member(.recordActivity, mission: "id"),
        "POST /api/v1/missions/{id}/coverage": .member(.recordActivity, mission: "id"),
        "POST /api/v1/missions/{id}/statement": .member(.giveStatement, mission: "id"),
        "POST /api/v1/missions/{id}/incidents/{number}/status": .member(.decideIncident, mission: "id"),
        "POST /api/v1/missions/{id}/incidents/{number}/complaint": .member(.fileComplaint, mission: "id"),
        "PUT /api/v1/missions/{id}/members/{seat}/badge": .member(.linkBadge, mission: "id"),
        "POST /api/v1/missions/{id}/quick-count/sample": .member(.planQuickCount, mission: "id"),
        "PUT /api/v1/missions/{id}/quick-count/publication": .member(.planQuickCount, mission: "id"),
        "POST /api/v1/missions/{id}/quick-count/counts": .member(.reportCount, mission: "id"),
        "GET /api/v1/missions/{id}/quick-count": .quickCount(mission: "id"),
        "GET /api/v1/missions/{id}/quick-count/sample": .quickCount(mission: "id"),
        "GET /api/v1/missions/{id}/quick-count/sample.csv": .quickCount(mission: "id"),

        // Public pages.
        "GET /{lang}/registration": .anyone, "POST /{lang}/registration": .anyone,
        "GET /{lang}/stations": .anyone, "GET /{lang}/stations/search": .anyone, "GET /{lang}/stations/nearest": .anyone,
        "GET /{lang}/stations/{code}": .anyone, "GET /{lang}/map": .anyone, "GET /{lang}/faq": .anyone,
        "GET /{lang}/provinces/{code}": .anyone, "GET /{lang}/provinces/{code}/map.svg": .anyone,
        "GET /{lang}/communes/{code}": .anyone, "GET /{lang}/commissions": .anyone, "GET /{lang}/commissions/{id}": .anyone,
        "GET /{lang}/parties": .anyone, "GET /{lang}/parties/{id}": .anyone, "GET /{lang}/parties/{id}/{province}": .anyone,
        "GET /{lang}/calendar": .anyone, "GET /{lang}/campaign/airtime": .anyone, "GET /{lang}/turnout": .anyone,
        "GET /{lang}/results": .anyone, "GET /{lang}/results/provinces/{code}": .anyone, "GET /{lang}/results/communes/{code}": .anyone,
        "GET /{lang}/results/stations/{code}": .anyone, "GET /{lang}/results/publications/{number}": .anyone,
        "GET /{lang}/elections": .anyone, "GET /{lang}/elections/comparison": .anyone, "GET /{lang}/elections/{id}": .anyone,
        "GET /{lang}/elections/{id}/comparison/{other}": .anyone, "GET /{lang}/elections/{id}/missions/{mission}": .anyone,
        "GET /{lang}/missions": .anyone, "GET /{lang}/missions/{id}": .anyone,
        // The page says what the mission has published; its members see their own count before.
        "GET /{lang}/missions/{id}/quick-count": .anyone,
        "GET /{lang}/missions/{id}/quick-count/sample.csv": .quickCount(mission: "id"),
        "GET /{lang}/library": .anyone, "GET /{lang}/library/{id}": .anyone,
        "GET /{lang}/accreditation": .anyone, "GET /{lang}/accreditation/codes/{category}": .anyone,
        "GET /{lang}/accreditation/verify": .anyone,
        "GET /{lang}/complaints": .anyone, "GET /{lang}/complaints/new": .anyone, "POST /{lang}/complaints/new": .anyone,
        "GET /{lang}/complaints/{reference}": .anyone, "POST /{lang}/complaints/{reference}/appeal": .anyone,
        // Signing in (each kind of account its own way) and out.
        "GET /{lang}/signin": .anyone, "POST /{lang}/signin": .signIn, "POST /{lang}/signout": .anyOfficial,
        "GET /{lang}/observe": .anyone, "POST /{lang}/observe": .signIn,
        "GET /{lang}/party": .anyone, "POST /{lang}/party": .signIn, "POST /{lang}/party/signout": .partyAgent(),
        "GET /{lang}/organisation": .anyone, "POST /{lang}/organisation": .signIn,

        // The officials' desk (a session).
        "GET /{lang}/desk": .anyOfficial,
        "GET /{lang}/desk/account": .anyOfficial, "POST /{lang}/desk/account/password": .anyOfficial,
        "POST /{lang}/desk/account/signout-everywhere": .anyOfficial,
        "GET /{lang}/desk/accounts": .official(.keepAccounts), "POST /{lang}/desk/accounts": .official(.keepAccounts),
        "GET /{lang}/desk/accounts/{name}": .official(.keepAccounts),
        "POST /{lang}/desk/accounts/{name}/{action}": .official(.keepAccounts),
        "GET /{lang}/desk/stations": .official(.enterResult),
        "GET /{lang}/desk/stations/{code}": .official(.enterResult, unit: .station("code")),
        // Entry, resolution, acknowledgement and correction: the form's action says which, each held to its own rule.
        "POST /{lang}/desk/stations/{code}": .official(.enterResult, unit: .station("code")),
        "POST /{lang}/desk/confirm": .officialAny([.confirmProvince, .confirmNation]),
        "POST /{lang}/desk/publish": .official(.publishResults),
        "GET /{lang}/desk/register": .official(.seeRegister),
        "POST /{lang}/desk/register/voter-list": .official(.fixVoterList),
        "POST /{lang}/desk/register/voters": .official(.changeRegister),
        "GET /{lang}/desk/register/voters/{number}": .official(.seeRegister, unit: .voter("number")),
        "POST /{lang}/desk/register/voters/{number}/{action}": .official(.changeRegister, unit: .voter("number")),
        "GET /{lang}/desk/duplicates": .official(.seeRegister),
        "POST /{lang}/desk/duplicates/{id}": .official(.decideDuplicate, unit: .duplicateCase("id")),
        "GET /{lang}/desk/election-day": .official(.followElectionDay),
        "GET /{lang}/desk/election-day/report": .official(.reportFromStation),
        "POST /{lang}/desk/election-day/report": .official(.reportFromStation),
        "POST /{lang}/desk/election-day/turnout": .official(.publishTurnout),
        "GET /{lang}/desk/geography/provinces": .official(.keepCommunes),
        "GET /{lang}/desk/geography/provinces/{code}": .official(.keepCommunes),
        "POST /{lang}/desk/geography/provinces/{code}": .official(.keepCommunes),
        "POST /{lang}/desk/geography/communes/{code}/details": .official(.keepCommunes),
        "POST /{lang}/desk/geography/communes/{code}/retirement": .official(.keepCommunes),
        "GET /{lang}/desk/geography/communes": .official(.keepStations),
        "GET /{lang}/desk/geography/communes/{code}": .official(.keepStations),
        "POST /{lang}/desk/geography/communes/{code}": .official(.keepStations),
        "GET /{lang}/desk/geography/stations/{code}": .official(.keepStations),
        "POST /{lang}/desk/geography/stations/{code}": .official(.keepStations),
        "POST /{lang}/desk/geography/stations/{code}/retirement": .official(.keepStations),
        "GET /{lang}/desk/commissions": .official(.keepCommissions),
        "GET /{lang}/desk/commissions/{id}": .official(.keepCommissions),
        "POST /{lang}/desk/commissions/{id}/members": .official(.keepCommissions),
        "POST /{lang}/desk/commissions/{id}/removal": .official(.keepCommissions),
        "GET /{lang}/desk/parties": .official(.decideParty),
        "POST /{lang}/desk/parties/applications": .official(.decideParty),
        "POST /{lang}/desk/parties/applications/{id}": .official(.decideParty),
        "POST /{lang}/desk/parties/agent": .official(.decideParty),
        "POST /{lang}/desk/parties/ballot-draw": .official(.drawBallotOrder),
        "GET /{lang}/desk/parties/list": .official(.keepCandidateLists),
        "GET /{lang}/desk/parties/{party}/{province}": .official(.keepCandidateLists),
        "POST /{lang}/desk/parties/{party}/{province}": .official(.keepCandidateLists),
        "POST /{lang}/desk/parties/{party}/{province}/change": .official(.keepCandidateLists),
        "GET /{lang}/desk/calendar": .official(.overrideDeadline), "POST /{lang}/desk/calendar": .official(.overrideDeadline),
        "GET /{lang}/desk/accreditation": .official(.decideAccreditation),
        "GET /{lang}/desk/accreditation/badges": .official(.decideAccreditation),
        "GET /{lang}/desk/accreditation/badges.pdf": .official(.decideAccreditation),
        "GET /{lang}/desk/accreditation/organisations/{id}": .official(.decideAccreditation),
        "POST /{lang}/desk/accreditation/organisations/{id}/decisions": .official(.decideAccreditation),
        "POST /{lang}/desk/accreditation/organisations/{id}/registration": .official(.decideAccreditation),
        "POST /{lang}/desk/accreditation/revocations": .official(.decideAccreditation),
        "GET /{lang}/desk/library": .official(.publishDocuments), "POST /{lang}/desk/library": .official(.publishDocuments),
        "GET /{lang}/desk/complaints": .official(.handleComplaints),
        "GET /{lang}/desk/complaints/{id}": .official(.handleComplaints, unit: .complaint("id")),
        "GET /{lang}/desk/complaints/{id}/evidence/{number}": .official(.handleComplaints, unit: .handlingCommission("id")),
        "POST /{lang}/desk/complaints/{id}/hearing": .official(.handleComplaints, unit: .handlingCommission("id")),
        "POST /{lang}/desk/complaints/{id}/decision": .official(.handleComplaints, unit: .handlingCommission("id")),
        "GET /{lang}/desk/hotline": .official(.takeCalls), "POST /{lang}/desk/hotline": .official(.takeCalls),
        "GET /{lang}/desk/hotline/complaint": .official(.takeCalls), "POST /{lang}/desk/hotline/complaint": .official(.takeCalls),
        "GET /{lang}/desk/training": .official(.keepTraining), "POST /{lang}/desk/training": .official(.keepTraining),
        "GET /{lang}/desk/training/{id}": .official(.keepTraining, unit: .trainingSession("id")),
        "POST /{lang}/desk/training/{id}/attendance": .official(.keepTraining, unit: .trainingSession("id")),

        // The observers' phone pages (a mission member's code in a cookie): their own mission.
        "GET /{lang}/observe/checklist": .member(.submitChecklist), "POST /{lang}/observe/checklist": .member(.submitChecklist),
        "GET /{lang}/observe/visit": .member(.recordVisit), "POST /{lang}/observe/visit": .member(.recordVisit),
        "GET /{lang}/observe/incident": .member(.reportIncident), "POST /{lang}/observe/incident": .member(.reportIncident),
        "GET /{lang}/observe/coverage": .member(.recordActivity), "POST /{lang}/observe/coverage": .member(.recordActivity),
        "GET /{lang}/observe/count": .member(.reportCount), "POST /{lang}/observe/count": .member(.reportCount),
        "GET /{lang}/observe/quick-count": .member(.followQuickCount),
        "POST /{lang}/observe/quick-count/sample": .member(.planQuickCount),
        "POST /{lang}/observe/quick-count/publication": .member(.planQuickCount),

        // A party's agent (their code in a cookie): their own party's lists.
        "GET /{lang}/party/lists/{province}": .partyAgent(), "POST /{lang}/party/lists/{province}": .partyAgent(),
        // An organisation applies to be registered (anyone); once it has its code (in a cookie), for its own people.
        "GET /{lang}/organisation/apply": .anyone, "POST /{lang}/organisation/apply": .anyone,
        "POST /{lang}/organisation/applications": .organisation(),
    ]
}
