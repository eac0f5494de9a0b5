import Crypto
import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Observers in the field: sign in with the code from `sala mission token`, pick a station of
/// the mission's deployment and a checklist, fill it in. Works without JavaScript; a small
/// optional script (`/assets/observe.js`) keeps unsent checklists on the phone and retries them.
struct ObserveSignInPage: Sendable {
    let action: String
    let error: String?
}

struct ObserveHomePage: Sendable {
    let observer: String
    let mission: String
    let lang: String
    /// The stations of the observer's own team, listed first.
    let teamStations: [Link]
    let inTeam: Bool
    let stations: [Link]
    let forms: [Link]
    /// What this observer has sent and the server stored, newest first.
    let sent: [Link]
    let csrf: String
}

struct ChecklistPage: Sendable {
    struct Option: Sendable {
        let id: String
        let label: String
        let checked: Bool
    }
    struct Question: Sendable {
        let id: String
        let field: String
        let text: String
        let condition: String?
        /// Skip logic for the page's script: the field whose answer asks this question, and the answer.
        let askIfField: String?
        let askIfEquals: String?
        let isYesNo: Bool
        let isNumber: Bool
        let isSingle: Bool
        let isMultiple: Bool
        let isTime: Bool
        let isText: Bool
        let yes: Bool
        let no: Bool
        let options: [Option]
        let value: String
        let minimum: String
        let maximum: String
        let invalid: Bool
    }
    let heading: String
    let lang: String
    let action: String
    let id: String
    let csrf: String
    let station: String
    let form: String
    let version: String
    let observedOn: String
    let observedAt: String
    let questions: [Question]
    let error: String?
}

/// An incident or complaint, reported from the phone.
struct IncidentFormPage: Sendable {
    let action: String
    /// Made when the form is first shown and kept through corrections, so a retry is stored once.
    let id: String
    let csrf: String
    let error: String?
    let kinds: [Choice]
    let categories: [Choice]
    let severities: [Choice]
    let stations: [Choice]
    let place: String
    let day: String
    let time: String
    let description: String
    let invalid: String?
}

/// A team's visit to a station, recorded from the phone.
struct VisitFormPage: Sendable {
    let action: String
    /// Made when the form is first shown and kept through corrections, so a retry is stored once.
    let id: String
    let csrf: String
    let error: String?
    let stations: [Choice]
    let phases: [Choice]
    let arrival: String
    let departure: String
    let invalid: String?
}

/// A media monitor's record of one outlet's coverage of one party, sent from the phone.
struct CoverageFormPage: Sendable {
    let action: String
    /// Made when the form is first shown and kept through corrections, so a retry is stored once.
    let id: String
    let csrf: String
    let error: String?
    /// The outlets the mission has recorded, offered as the monitor types.
    let outlets: [String]
    let outlet: String
    let day: String
    let parties: [Choice]
    let seconds: String
    let columnSpace: String
    let tones: [Choice]
    let invalid: String?
}

struct ChecklistReceivedPage: Sendable {
    let message: String
    let again: String
    let home: String
}

/// Observers' phone pages: sign in with their code, their mission's stations and checklists, a
/// checklist to fill in. Its routes need ``ObserverAuthenticator`` (cookie) in front.
struct ObservePages: PageController {
    let store: any PortalStore
    let checklists: ChecklistDesk
    let intake: ChecklistIntake
    /// Sign-in attempts, shared with officials' sign-in.
    let attempts: LookupLimiter
    let secureCookies: Bool
    /// The quick counts' readings, shared with the API.
    let quickCounts: QuickCountReadings
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        addQuickCountRoutes(to: router)
        addQuickCountPlanRoutes(to: router)
        router.get("observe") { _, context in
            let language = context.language
            guard let (observer, token) = context.observer else {
                return page("observe-signin", language.text("observe.signin"),
                            ObserveSignInPage(action: "/\(language.rawValue)/observe", error: nil), language, "/observe")
            }
            return try await observeHome(observer, token, language)
        }
        router.post("observe") { request, context in
            let language = context.language
            let fields = Input.form(String(buffer: try await Input.body(of: request)))
            // The code as the store knows it: a cookie may hold no space, and typed codes may.
            let code = Passwords.observerCode(fields["code"].map(String.init) ?? "")
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            guard try await ObserverAuthenticator.member(code: code, in: store) != nil else {
                return page("observe-signin", language.text("observe.signin"),
                            ObserveSignInPage(action: "/\(language.rawValue)/observe", error: language.text("observe.signin_failed")),
                            language, "/observe", status: .unauthorized)
            }
            var response = Response.redirect(to: "/\(language.rawValue)/observe", type: .normal)
            response.setCookie(Cookie(
                name: Signing.observerCookie, value: code, maxAge: 3 * 24 * 3600, path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("observe/incident") { _, context in
            let language = context.language
            guard let (observer, token) = context.observer else {
                return Response.redirect(to: "/\(language.rawValue)/observe", type: .normal)
            }
            try observer.require(.reportIncident, forMission: observer.missionID)
            let day = try await intake.reference.electionDay().iso
            return try await incidentPage(observer, token, .init(id: UUID().uuidString, kind: "incident", severity: "medium", day: day), language)
        }
        router.post("observe/incident") { request, context in
            let language = context.language
            let (observer, token, form) = try await Self.observerForm(request, context, .reportIncident)
            let fields = IncidentInput.Fields(
                id: form["id"].map(String.init), kind: form["kind"].map(String.init), category: form["category"].map(String.init), severity: form["severity"].map(String.init),
                station: form["station"].map(String.init), place: form["place"].map(String.init), day: form["day"].map(String.init),
                time: form["time"].map(String.init), description: form["description"].map(String.init))
            return try await answer("/observe/incident", storedKey: "observe.incident_stored", language) {
                try await store.addIncident(
                    try await IncidentInput.incident(fields, missionID: observer.missionID, reportedBy: observer.seat, store: store)).outcome
            } form: { error, status in
                try await incidentPage(observer, token, fields, language, error: error, status: status)
            }
        }
        router.get("observe/visit") { _, context in
            let language = context.language
            guard let (observer, token) = context.observer else {
                return Response.redirect(to: "/\(language.rawValue)/observe", type: .normal)
            }
            try observer.require(.recordVisit, forMission: observer.missionID)
            return try await visitPage(observer, token, .init(id: UUID().uuidString), language)
        }
        router.post("observe/visit") { request, context in
            let language = context.language
            let (observer, token, form) = try await Self.observerForm(request, context, .recordVisit)
            let fields = VisitInput.Fields(
                id: form["id"].map(String.init), station: form["station"].map(String.init), arrival: form["arrival"].map(String.init),
                departure: form["departure"].map(String.init), phase: form["phase"].map(String.init))
            return try await answer("/observe/visit", storedKey: "observe.visit_stored", language) {
                try await store.addVisit(try await VisitInput.visit(fields, missionID: observer.missionID, recordedBy: observer.seat, store: store))
            } form: { error, status in
                try await visitPage(observer, token, fields, language, error: error, status: status)
            }
        }
        router.get("observe/coverage") { _, context in
            let language = context.language
            guard let (observer, token) = context.observer else {
                return Response.redirect(to: "/\(language.rawValue)/observe", type: .normal)
            }
            try observer.require(.recordActivity, forMission: observer.missionID)
            return try await coveragePage(observer, token, .init(id: UUID().uuidString, tone: MediaCoverage.Tone.neutral.rawValue), language)
        }
        router.post("observe/coverage") { request, context in
            let language = context.language
            let (observer, token, form) = try await Self.observerForm(request, context, .recordActivity)
            let fields = CoverageInput.Fields(
                id: form["id"].map(String.init), outlet: form["outlet"].map(String.init), day: form["day"].map(String.init),
                party: form["party"].map(String.init), seconds: form["seconds"].map(String.init),
                columnSpace: form["columnSpace"].map(String.init), tone: form["tone"].map(String.init))
            return try await answer("/observe/coverage", storedKey: "observe.coverage_stored", language) {
                try await store.addCoverage(
                    try await CoverageInput.coverage(fields, missionID: observer.missionID, recordedBy: observer.seat, store: store))
            } form: { error, status in
                try await coveragePage(observer, token, fields, language, error: error, status: status)
            }
        }
        router.get("observe/checklist") { request, context in
            let language = context.language
            guard let (observer, token) = context.observer else {
                return Response.redirect(to: "/\(language.rawValue)/observe", type: .normal)
            }
            let query = Input.query(of: request)
            let station = try Input.code(query["station"].map(String.init), as: StationCode.self, field: "station")
            guard try await store.deployedTeam(station: station, mission: observer.missionID) != nil else {
                throw InputError(field: "station", reason: "not_deployed")
            }
            let formID = query["form"].map(String.init)
            let form = try await intake.form(formID, Self.newestVersion(of: formID, in: try await store.checklistForms()))
            let fields = ChecklistIntake.Fields(
                id: UUID().uuidString, station: station.rawValue, form: form.id, formVersion: form.version,
                observedOn: try await intake.reference.electionDay().iso, observedAt: nil, answers: [:])
            return try await checklistPage(form, fields, token, language)
        }
        router.post("observe/checklist") { request, context in
            let language = context.language
            guard let (observer, token) = context.observer else { throw NotSignedIn() }
            let pairs = Input.formPairs(String(buffer: try await Input.body(of: request)))
            let single = Dictionary(pairs, uniquingKeysWith: { _, last in last })
            guard single["csrf"] == Self.csrf(token) else { throw ForgedForm() }
            var answers: ChecklistAnswers = [:]
            for (key, value) in pairs where key.hasPrefix("answers.") { answers[String(key.dropFirst(8)), default: []].append(value) }
            let fields = ChecklistIntake.Fields(
                id: single["id"], station: single["station"], form: single["form"], formVersion: single["formVersion"].flatMap { Int($0) },
                observedOn: single["observedOn"], observedAt: single["observedAt"], answers: answers)
            do {
                let receipt = try await checklists.submit(try await intake.submission(fields, by: observer))
                let model = ChecklistReceivedPage(
                    message: language.text(receipt.outcome == .stored ? "observe.stored" : "observe.repeated"),
                    again: "/\(language.rawValue)/observe", home: "/\(language.rawValue)/observe")
                return page("observe-received", language.text("observe.received"), model, language, "/observe",
                            status: receipt.outcome == .stored ? .created : .ok)
            } catch let error as InputError {
                let form = try await intake.form(fields.form, fields.formVersion)
                return try await checklistPage(form, fields, token, language, error: error, status: .badRequest)
            } catch is SubmissionConflict {
                let form = try await intake.form(fields.form, fields.formVersion)
                return try await checklistPage(
                    form, fields, token, language, error: InputError(field: "id", reason: "conflict"), status: .conflict)
            }
        }
    }

    /// The signed-in observer who may do `action`, their code, and the fields of the form they
    /// sent, its form token checked.
    static func observerForm(
        _ request: Request, _ context: PortalRequestContext, _ action: MissionAction
    ) async throws -> (MissionMember, String, [String: Substring]) {
        guard let (observer, token) = context.observer else { throw NotSignedIn() }
        try observer.require(action, forMission: observer.missionID)
        let form = Input.form(String(buffer: try await Input.body(of: request)))
        guard form["csrf"].map(String.init) == csrf(token) else { throw ForgedForm() }
        return (observer, token, form)
    }

    /// What a phone's report gets: the page that says it was stored (201) or had already arrived
    /// (200); or its form again, with the refused field (400) or saying the id was used for
    /// something else (409).
    func answer(
        _ path: String, storedKey: String, _ language: Language, _ store: () async throws -> SubmissionReceipt.Outcome,
        form: (InputError, HTTPResponse.Status) async throws -> Response
    ) async throws -> Response {
        do {
            let outcome = try await store()
            return received(outcome == .stored ? storedKey : "observe.report_repeated", outcome, again: path, language)
        } catch let error as InputError {
            return try await form(error, .badRequest)
        } catch is SubmissionConflict {
            return try await form(InputError(field: "id", reason: "conflict"), .conflict)
        }
    }

    /// The page that says a report was stored (201) or had already arrived (200), with a link to
    /// send another.
    func received(_ messageKey: String, _ outcome: SubmissionReceipt.Outcome, again path: String, _ language: Language) -> Response {
        let l = language.rawValue
        let model = ChecklistReceivedPage(message: language.text(messageKey), again: "/\(l)\(path)", home: "/\(l)/observe")
        return page("observe-received", language.text("observe.received"), model, language, path,
                    status: outcome == .stored ? .created : .ok)
    }

    /// A form token the observer's pages carry back, derived from their secret code.
    static func csrf(_ token: String) -> String { Passwords.digest("csrf:" + token) }

    static func newestVersion(of id: String?, in forms: [ChecklistForm]) -> Int? {
        forms.filter { $0.id == id }.map(\.version).max()
    }

    private func observeHome(_ observer: MissionMember, _ token: String, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let mission = try await store.mission(observer.missionID)
        let (team, others) = try await teamStations(observer)
        let links = { (stations: [PollingStation]) in
            stations.map { Link(href: $0.id.rawValue, label: Self.label($0, language)) }
        }
        let forms = try await store.checklistForms()
        let newest = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, b in a.version >= b.version ? a : b })
        let mine = try await store.submissions(ofMission: mission.id).filter { $0.observer == observer.seat }
        let incidents = try await store.incidents(ofMission: mission.id).filter { $0.reportedBy == observer.seat }
        let visits = try await store.visits(ofMission: mission.id).filter { $0.recordedBy == observer.seat }
        let named = try await store.stations(Set(mine.map(\.stationCode) + incidents.compactMap(\.stationCode) + visits.map(\.stationCode)))
        let partyNames = Dictionary(uniqueKeysWithValues: try await store.parties().map { ($0.id, language.pick($0.nameEnglish, $0.nameKhmer)) })
        func station(_ code: StationCode) -> String {
            "\(code) " + (named[code].map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? "")
        }
        let checklistsSent = mine.reversed().map { s in
            let form = newest[s.formID].map { language.pick($0.titleEnglish, $0.titleKhmer) } ?? s.formID
            return Link(href: s.stationCode.rawValue, label: "\(language.localDigits(s.observedAt.description)) · \(form) · \(station(s.stationCode))",
                        detail: language.text("observe.sent_stored"))
        }
        let incidentsSent = incidents.reversed().map { i in
            let when = [language.longDate(i.day), i.time.map { language.localDigits($0.description) }].compactMap { $0 }.joined(separator: " ")
            return Link(href: i.stationCode?.rawValue ?? "",
                        label: "\(when) · \(language.text(KeyFamilies.incidentCategory, i.category)) · \(i.stationCode.map(station) ?? i.place)",
                        detail: language.text(KeyFamilies.incidentStatus, i.status))
        }
        let coverageSent = try await store.coverage(ofMission: mission.id).filter { $0.recordedBy == observer.seat }.reversed().map { c in
            Link(href: "", label: "\(language.longDate(c.day)) · \(c.outlet) · \(partyNames[c.party] ?? String(c.party.rawValue))",
                 detail: language.text(KeyFamilies.tone, c.tone))
        }
        let visitsSent = visits.reversed().map { v in
            Link(href: v.stationCode.rawValue,
                 label: "\(language.localDigits("\(v.arrival)–\(v.departure)")) · \(language.text("observe.sent_visit")) · \(station(v.stationCode))",
                 detail: language.text(KeyFamilies.visitPhase, v.phase))
        }
        let model = ObserveHomePage(
            observer: observer.name, mission: language.pick(mission.nameEnglish, mission.nameKhmer), lang: l,
            teamStations: links(team), inTeam: !team.isEmpty, stations: links(others),
            forms: VisitPhase.allCases.compactMap { phase in
                newest.values.first { $0.phase == phase }.map { Link(href: $0.id, label: language.pick($0.titleEnglish, $0.titleKhmer)) }
            },
            sent: checklistsSent + incidentsSent + visitsSent + coverageSent,
            csrf: Self.csrf(token))
        return page("observe", language.text("observe.title"), model, language, "/observe")
    }

    /// The mission's stations as the observer's forms offer them: their team's first.
    private func stationChoices(_ observer: MissionMember, chosen: String?, _ language: Language) async throws -> [Choice] {
        let (team, others) = try await teamStations(observer)
        return (team + others).map { Choice(value: $0.id.rawValue, label: Self.label($0, language), selected: $0.id.rawValue == chosen) }
    }

    /// The mission's stations (at most 500), the observer's own team's first.
    private func teamStations(_ observer: MissionMember) async throws -> (team: [PollingStation], others: [PollingStation]) {
        let (team, others) = ObserverTeam.stations(
            try await store.deployment(ofMission: observer.missionID), forSeat: observer.seat,
            teams: try await store.teams(ofMission: observer.missionID))
        let byCode = try await store.stations((team + others).prefix(500))
        return (team.compactMap { byCode[$0] }, others.compactMap { byCode[$0] })
    }

    /// "120101001 Tonle Basak High School, polling station 1", in the reader's language.
    private static func label(_ station: PollingStation, _ language: Language) -> String {
        "\(station.id) \(language.pick(station.nameEnglish, station.nameKhmer))"
    }

    /// The visit form, with what was typed and the refused field when there is one.
    private func visitPage(
        _ observer: MissionMember, _ token: String, _ fields: VisitInput.Fields, _ language: Language,
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let model = VisitFormPage(
            action: "/\(language.rawValue)/observe/visit", id: fields.id ?? UUID().uuidString, csrf: Self.csrf(token), error: error?.message(in: language),
            stations: try await stationChoices(observer, chosen: fields.station, language),
            phases: VisitPhase.allCases.map { Choice(value: $0.rawValue, label: language.text(KeyFamilies.visitPhase, $0), selected: $0.rawValue == fields.phase) },
            arrival: fields.arrival ?? "", departure: fields.departure ?? "", invalid: error?.field)
        return page("observe-visit", language.text("observe.visit"), model, language, "/observe/visit", status: status)
    }

    /// The coverage form, with what was typed and the refused field when there is one.
    private func coveragePage(
        _ observer: MissionMember, _ token: String, _ fields: CoverageInput.Fields, _ language: Language,
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let recorded = try await store.coverage(ofMission: observer.missionID)
        let model = CoverageFormPage(
            action: "/\(language.rawValue)/observe/coverage", id: fields.id ?? UUID().uuidString, csrf: Self.csrf(token),
            error: error?.message(in: language), outlets: Set(recorded.map(\.outlet)).sorted(), outlet: fields.outlet ?? "",
            day: fields.day ?? recorded.last?.day.iso ?? "",
            parties: try await store.parties().map {
                Choice(value: String($0.id.rawValue), label: language.pick($0.nameEnglish, $0.nameKhmer), selected: String($0.id.rawValue) == fields.party)
            },
            seconds: fields.seconds ?? "", columnSpace: fields.columnSpace ?? "",
            tones: MediaCoverage.Tone.allCases.map {
                Choice(value: $0.rawValue, label: language.text(KeyFamilies.tone, $0), selected: $0.rawValue == fields.tone)
            },
            invalid: error?.field)
        return page("observe-coverage", language.text("observe.coverage"), model, language, "/observe/coverage", status: status)
    }

    /// The incident form, with what was typed and the refused field when there is one.
    private func incidentPage(
        _ observer: MissionMember, _ token: String, _ fields: IncidentInput.Fields, _ language: Language,
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        func choices<T: RawRepresentable & CaseIterable>(_: T.Type, _ chosen: String?, _ label: (T) -> String) -> [Choice] where T.RawValue == String {
            T.allCases.map { Choice(value: $0.rawValue, label: label($0), selected: $0.rawValue == chosen) }
        }
        let model = IncidentFormPage(
            action: "/\(l)/observe/incident", id: fields.id ?? UUID().uuidString, csrf: Self.csrf(token), error: error?.message(in: language),
            kinds: choices(Incident.Kind.self, fields.kind) { language.text(KeyFamilies.incidentKind, $0) },
            categories: choices(Incident.Category.self, fields.category) { language.text(KeyFamilies.incidentCategory, $0) },
            severities: choices(Incident.Severity.self, fields.severity) { language.text(KeyFamilies.incidentSeverity, $0) },
            stations: [Choice(value: "", label: language.text("observe.no_station"), selected: (fields.station ?? "").isEmpty)]
                + (try await stationChoices(observer, chosen: fields.station, language)),
            place: fields.place ?? "", day: fields.day ?? "", time: fields.time ?? "", description: fields.description ?? "",
            invalid: error?.field)
        return page("observe-incident", language.text("observe.incident"), model, language, "/observe/incident", status: status)
    }

    private func checklistPage(
        _ form: ChecklistForm, _ fields: ChecklistIntake.Fields, _ token: String, _ language: Language,
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let questions = form.questions.map { q -> ChecklistPage.Question in
            let values = fields.answers[q.id] ?? []
            let condition = q.askIf.map { c -> String in
                let parent = form.question(c.question)
                let answer = c.equals == "yes" ? language.text("observe.yes") : c.equals == "no" ? language.text("observe.no")
                    : parent?.options.first { $0.id == c.equals }.map { language.pick($0.english, $0.khmer) } ?? c.equals
                return language.text("observe.only_if")
                    .replacingOccurrences(of: "{question}", with: parent.map { language.pick($0.english, $0.khmer) } ?? c.question)
                    .replacingOccurrences(of: "{answer}", with: answer)
            }
            return ChecklistPage.Question(
                id: q.id, field: "answers.\(q.id)", text: language.pick(q.english, q.khmer), condition: condition,
                askIfField: q.askIf.map { "answers.\($0.question)" }, askIfEquals: q.askIf?.equals,
                isYesNo: q.kind == .yesNo, isNumber: q.kind == .number, isSingle: q.kind == .singleChoice,
                isMultiple: q.kind == .multipleChoice, isTime: q.kind == .time, isText: q.kind == .text,
                yes: values == ["yes"], no: values == ["no"],
                options: q.options.map { .init(id: $0.id, label: language.pick($0.english, $0.khmer), checked: values.contains($0.id)) },
                value: values.first ?? "", minimum: q.minimum.map(String.init) ?? "", maximum: q.maximum.map(String.init) ?? "",
                invalid: error?.field == "answers.\(q.id)")
        }
        let station = try await store.pollingStation(try Input.code(fields.station, as: StationCode.self, field: "station"))
        let model = ChecklistPage(
            heading: "\(language.pick(form.titleEnglish, form.titleKhmer)) · \(station.id) \(language.pick(station.nameEnglish, station.nameKhmer))",
            lang: language.rawValue, action: "/\(language.rawValue)/observe/checklist", id: fields.id ?? UUID().uuidString,
            csrf: Self.csrf(token), station: station.id.rawValue, form: form.id, version: String(form.version),
            observedOn: fields.observedOn ?? "", observedAt: fields.observedAt ?? "", questions: questions,
            error: error?.message(in: language))
        return page("checklist", model.heading, model, language, "/observe", status: status)
    }
}
