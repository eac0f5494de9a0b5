import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// An official's desk: their unit, the forms within it that wait on someone, and what their role
/// lets them confirm or publish.
struct DeskPage: Sendable {
    struct StatusCount: Sendable {
        let label: String
        let count: String
    }
    let official: String
    let role: String
    let unit: String
    let csrf: String
    let lang: String
    let statusCounts: [StatusCount]
    let waiting: [Link]
    let moreWaiting: Bool
    let confirmProvinces: [Link]
    let canConfirmProvinces: Bool
    let canConfirmNation: Bool
    let canPublish: Bool
    /// Parties, lists and the calendar are the NEC's.
    let canKeepNominations: Bool
    let message: String?
}

/// One station's form at the desk: its state, its history, and the one thing this official may do.
struct StationDeskPage: Sendable {
    typealias Field = FormField
    struct Comparison: Sendable {
        let label: String
        let first: String
        let second: String
        let differs: Bool
    }
    struct Finding: Sendable {
        let code: String
        let rule: String
    }
    /// A line of a form's history, as the desk and the public station page show it.
    struct Event: Sendable {
        let at: String
        let version: String
        let who: String
        let action: String
        let status: String
        let detail: String
    }
    let heading: String
    let code: String
    let lang: String
    let csrf: String
    let version: String
    let status: String
    let statusNote: String
    let message: String?
    let error: String?
    /// The form to key in (first or second entry, or a coordinator's settlement).
    let entryFields: [Field]
    let entryAction: String?
    let comparison: [Comparison]
    let hasComparison: Bool
    let findings: [Finding]
    let hasFindings: Bool
    let canAcknowledge: Bool
    let canCorrect: Bool
    let settled: [Comparison]
    let hasSettled: Bool
    let events: [Event]
    let resultsHref: String
}

/// Officials' results desk: the forms of their unit that wait on someone, one station's form to
/// enter, settle, acknowledge or correct, and confirming and publishing what their role allows.
/// Its routes need ``SessionAuthenticator`` in front.
struct DeskPages: PageController {
    let store: any ElectionStore & ResultStore
    let desk: FormDesk
    let reports: ReportCache
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            return try await desk(session, language, message: KeyFamilies.deskDone.doneMessage(Input.query(of: request), language))
        }
        router.post("desk/confirm") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let unit: UnitCode = fields["level"] == "national" ? .nation : .province(try Input.code(fields["code"], as: ProvinceCode.self))
            try await store.confirmResults(unit, by: session.official, at: Date())
            await reports.invalidate()
            return Response.redirect(to: "/\(language.rawValue)/desk?done=confirmed", type: .normal)
        }
        router.post("desk/publish") { request, context in
            let language = context.language
            let (session, _) = try await context.requireSessionForm(request)
            let publication = try await store.publishResults(by: session.official, at: Date())
            return Response.redirect(to: "/\(language.rawValue)/results/publications/\(publication.number)", type: .normal)
        }
        router.get("desk/stations") { request, context in
            let language = context.language
            let code = try Input.code(Input.query(of: request)["code"].map(String.init), as: StationCode.self)
            return Response.redirect(to: "/\(language.rawValue)/desk/stations/\(code)", type: .normal)
        }
        router.get("desk/stations/:code") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            return try await stationDesk(
                code, session, language,
                message: KeyFamilies.deskDone.doneMessage(Input.query(of: request), language))
        }
        router.post("desk/stations/:code") { request, context in
            let language = context.language
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let (session, fields) = try await context.requireSessionForm(request)
            let station = try await store.pollingStation(code)
            let ballot = try await store.ballot(constituency: station.provinceCode)
            do {
                let version = try ResultInput.version(fields["version"])
                let action: FormAction
                switch fields["action"] {
                case "entry": action = .enter(try ResultInput.counts(fields, ballot: ballot))
                case "resolution": action = .resolve(try ResultInput.counts(fields, ballot: ballot))
                case "acknowledgement": action = .acknowledge
                case "correction": action = .correct(reason: try Input.text(fields["reason"].map { Substring($0) }, field: "reason") ?? "")
                default: throw InputError(field: "action", reason: "missing")
                }
                _ = try await desk.submit(FormRequest(stationCode: code, expectedVersion: version, action: action, official: session.official))
                return Response.redirect(to: "/\(language.rawValue)/desk/stations/\(code)?done=\(action.name)", type: .normal)
            } catch let error as InputError {
                return try await stationDesk(code, session, language, typed: fields, error: error.message(in: language), invalidField: error.field, status: .badRequest)
            } catch let refusal as Refusal {
                let (status, field, message) = ErrorMiddleware<PortalRequestContext>.describe(refusal, in: language)
                return try await stationDesk(code, session, language, typed: fields, error: message, invalidField: field, status: status)
            }
        }
    }

    private func desk(_ session: OfficialSession, _ language: Language, message: String?) async throws -> Response {
        let l = language.rawValue
        let official = session.official
        let statuses = try await store.formStatuses(within: official.unitCode)
        let stations = try await stationsWithin(official.unitCode)
        var counts: [FormStatus: Int] = [:]
        for station in stations { counts[statuses[station.id] ?? .awaitingFirstEntry, default: 0] += 1 }
        let waiting = stations.filter { statuses[$0.id] != .accepted }
        let provinces = try await store.constituencies().filter { official.may(.confirmProvince, on: .province($0.id)) }
        let model = DeskPage(
            official: official.name, role: language.text(KeyFamilies.officialRole, official.role),
            unit: official.unitCode == .nation ? language.text("desk.whole_country") : official.unitCode.rawValue,
            csrf: session.csrfToken, lang: l,
            statusCounts: FormStatus.allCases.map { .init(label: language.text(KeyFamilies.formStatus, $0), count: language.number(counts[$0] ?? 0)) },
            waiting: waiting.prefix(100).map {
                Link(href: "/\(l)/desk/stations/\($0.id)", label: "\($0.id) \(language.pick($0.nameEnglish, $0.nameKhmer))",
                     detail: language.text(KeyFamilies.formStatus, statuses[$0.id] ?? .awaitingFirstEntry))
            },
            moreWaiting: waiting.count > 100,
            confirmProvinces: provinces.map { Link(href: $0.id.rawValue, label: language.pick($0.nameEnglish, $0.nameKhmer)) },
            canConfirmProvinces: !provinces.isEmpty,
            canConfirmNation: official.may(.confirmNation, on: .nation), canPublish: official.may(.publishResults, on: .nation),
            canKeepNominations: official.may(.decideParty, on: .nation),
            message: message)
        return page("desk", language.text("desk.title"), model, language, "/desk")
    }

    /// The stations within a unit, in code order.
    func stationsWithin(_ unit: UnitCode) async throws -> [PollingStation] {
        switch unit {
        case .station(let code): return [try await store.pollingStation(code)]
        case .commune(let code): return try await store.pollingStations(inCommune: code)
        case .province(let code): return try await store.pollingStations(inProvince: code)
        case .nation:
            var all: [PollingStation] = []
            for province in try await store.constituencies() { all += try await store.pollingStations(inProvince: province.id) }
            return all
        }
    }

    func stationDesk(
        _ code: StationCode, _ session: OfficialSession, _ language: Language, message: String? = nil,
        typed: [String: String] = [:], error: String? = nil, invalidField: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let official = session.official
        let station = try await store.pollingStation(code)
        try official.require(.enterResult, on: .station(code))
        let versions = try await store.resultFormVersions(station: code)
        let form = versions.last ?? ResultFormVersion(stationCode: code, version: 1)
        let parties = try await store.parties()
        let ballot = try await store.ballot(constituency: station.provinceCode)
        let labels: [(String, String)] = ResultCounts.fieldNames.map { ($0, language.text(KeyFamilies.formField, $0)) }
            + ballot.map { id in ("votes.\(id)", parties.first { $0.id == id }.map { "\(language.digits(id.rawValue)). \(language.pick($0.nameEnglish, $0.nameKhmer))" } ?? id.description) }
        func value(_ counts: ResultCounts, _ field: String) -> String {
            if let party = ResultInput.party(inField: field) { return counts.votes[party].map(language.number) ?? "" }
            return counts.value(of: field).map(language.number) ?? ""
        }
        let entered = form.entries.contains { $0.officialID == official.id }
        var entryAction: String?
        if form.status == .awaitingFirstEntry || form.status == .awaitingSecondEntry, !entered { entryAction = "entry" }
        let mayResolve = official.may(.resolveDispute, on: .station(code))
        if form.status == .disputed, mayResolve, !entered { entryAction = "resolution" }
        let comparison: [StationDeskPage.Comparison] = form.status == .disputed && mayResolve
            ? labels.map { field, label in
                let first = value(form.entries[0].counts, field), second = value(form.entries[1].counts, field)
                return .init(label: label, first: first, second: second, differs: first != second)
            } : []
        let settled: [StationDeskPage.Comparison] = form.counts.map { counts in
            labels.map { .init(label: $0.1, first: value(counts, $0.0), second: "", differs: false) }
        } ?? []
        let events = try await StationDeskPage.history(code, language, store: store)
        let model = StationDeskPage(
            heading: "\(code) \(language.pick(station.nameEnglish, station.nameKhmer))", code: code.rawValue, lang: l,
            csrf: session.csrfToken, version: String(form.version), status: language.text(KeyFamilies.formStatus, form.status),
            statusNote: language.text(KeyFamilies.formStatusNote, form.status), message: message, error: error,
            entryFields: entryAction == nil ? [] : labels.map { field, label in
                .init(name: field, label: label, value: typed[field] ?? "", invalid: field == invalidField)
            },
            entryAction: entryAction, comparison: comparison, hasComparison: !comparison.isEmpty,
            findings: form.warnings.compactMap { FormCheck.named($0) }.map { .init(code: $0.id, rule: language.text(KeyFamilies.check, $0.id)) },
            hasFindings: !form.warnings.isEmpty,
            canAcknowledge: form.status == .awaitingAcknowledgement && !entered && form.resolvedBy != official.id,
            canCorrect: form.status == .accepted && official.may(.correctResult, on: .station(code)),
            settled: settled, hasSettled: !settled.isEmpty, events: events, resultsHref: "/\(l)/results/stations/\(code)")
        return page("station-desk", model.heading, model, language, "/desk/stations/\(code)", status: status)
    }
}

extension StationDeskPage {
    /// A station's history, oldest first, in `language`, as the desk and the public station page show it.
    static func history(_ code: StationCode, _ language: Language, store: any ResultStore) async throws -> [Event] {
        try await store.formEvents(station: code).map { e in
            Event(
                at: e.at.formatted(.iso8601), version: language.number(e.version), who: e.officialName,
                action: language.text(KeyFamilies.formAction, e.action), status: language.text(KeyFamilies.formStatus, e.status), detail: e.detail ?? "")
        }
    }
}
