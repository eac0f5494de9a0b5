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
        /// The list of the forms in this state.
        let href: String
        let current: Bool
    }
    /// A unit below the official's, with its forms accepted out of its stations.
    struct Progress: Sendable {
        let href: String
        let label: String
        let accepted: String
        let waiting: String
        let attention: String
    }
    let official: String
    let role: String
    let unit: String
    let csrf: String
    let lang: String
    let statusCounts: [StatusCount]
    /// What the list shows: "Disputed in 1201 · 1–100 of 3".
    let listing: String
    let waiting: [Link]
    let previous: Link?
    let next: Link?
    let allHref: String?
    let progress: [Progress]
    let hasProgress: Bool
    let confirmProvinces: [Link]
    let canConfirmProvinces: Bool
    let canConfirmNation: Bool
    let canPublish: Bool
    /// Parties, lists and the calendar are the NEC's.
    let canKeepNominations: Bool
    /// A commune's, province's or the NEC's official: the complaints handled in their unit.
    let canHandleComplaints: Bool
    /// A call-taker of the NEC's hotline.
    let canTakeCalls: Bool
    /// The NEC or a provincial commission: schedules training and records who attended.
    let canKeepTraining: Bool
    let canKeepAccounts: Bool
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
    /// A coordinator settles a dispute: the agreed figures are filled in.
    let resolving: Bool
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
    /// Signs each publication.
    let keys: NECKeys
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            let query = Input.query(of: request)
            let state = try query["state"].flatMap { $0.isEmpty ? nil : try FormStatus(rawValue: String($0)) ?? { throw InputError(field: "state", reason: "choice") }() }
            let unit = try query["unit"].flatMap { $0.isEmpty ? nil : try Self.unit(String($0)) }
            let page = try Input.integer(query["page"], field: "page", range: 1...10_000, default: 1)
            return try await desk(
                session, language, message: KeyFamilies.deskDone.doneMessage(query, language),
                filter: .init(state: state, unit: unit, page: page))
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
            let signer = try await keys.current()
            let publication = try await store.publishResults(by: session.official, at: Date(), signing: signer.signature(of:))
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
                return try await stationDesk(code, session, language, typed: fields, error: error.message(in: language), invalidFields: [error.field], status: .badRequest)
            } catch let refusal as Refusal {
                // The message states the figures; every field a broken check concerns is marked.
                let (status, field, message) = ErrorMiddleware<PortalRequestContext>.describe(refusal, in: language)
                let concerned = refusal.checks.compactMap(FormCheck.named).flatMap(\.fields) + [field].compactMap { $0 }
                return try await stationDesk(code, session, language, typed: fields, error: message, invalidFields: Set(concerned), status: status)
            }
        }
    }

    /// Which forms the desk lists: in one state or all that wait, within a part of the official's unit, one page.
    struct Filter: Sendable {
        var state: FormStatus?
        var unit: UnitCode?
        var page: Int

        /// The desk's address with this filter.
        func href(_ language: Language) -> String {
            var parts: [String] = []
            if let state { parts.append("state=\(state.rawValue)") }
            if let unit { parts.append("unit=\(unit.rawValue)") }
            if page > 1 { parts.append("page=\(page)") }
            return "/\(language.rawValue)/desk" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
        }
    }

    /// Forms listed on a page of the desk.
    static let deskPage = 100

    /// The order the work is listed in: what blocks the count first (disputes, then warnings to
    /// acknowledge), then second entries, then first entries; accepted forms last.
    static let urgency: [FormStatus] = [.disputed, .awaitingAcknowledgement, .awaitingSecondEntry, .awaitingFirstEntry, .accepted]

    /// A province (2 digits) or commune (6 digits) code typed in the desk's filter.
    static func unit(_ code: String) throws -> UnitCode {
        if let province = ProvinceCode(rawValue: code) { return .province(province) }
        if let commune = CommuneCode(rawValue: code) { return .commune(commune) }
        throw InputError(field: "unit", reason: "code")
    }

    private func desk(_ session: OfficialSession, _ language: Language, message: String?, filter: Filter) async throws -> Response {
        let l = language.rawValue
        let official = session.official
        // A part of the official's unit, never beyond it.
        let unit = filter.unit ?? official.unitCode
        guard official.covers(unit) else {
            throw Refusal(.outsideUnit, field: "unit", "\(unit.level.rawValue) \(unit) is not within \(official.name)'s unit")
        }
        let statuses = try await store.formStatuses(within: unit)
        let stations = try await stationsWithin(unit)
        let status = { (station: PollingStation) in statuses[station.id] ?? .awaitingFirstEntry }
        var counts: [FormStatus: Int] = [:]
        for station in stations { counts[status(station), default: 0] += 1 }
        let rank = Dictionary(uniqueKeysWithValues: Self.urgency.enumerated().map { ($1, $0) })
        let listed = stations.filter { station in filter.state.map { status(station) == $0 } ?? (status(station) != .accepted) }
            .sorted { (rank[status($0)]!, $0.id) < (rank[status($1)]!, $1.id) }
        let first = (filter.page - 1) * Self.deskPage
        let shown = listed.dropFirst(first).prefix(Self.deskPage)
        var here = filter
        func link(page: Int, _ key: String) -> Link {
            here.page = page
            return Link(href: here.href(language), label: language.text(key))
        }
        let stateName = filter.state.map { language.text(KeyFamilies.formStatus, $0) } ?? language.text("desk.waiting")
        let listing = language.text("desk.listing")
            .replacingOccurrences(of: "{state}", with: stateName)
            .replacingOccurrences(of: "{unit}", with: unit == .nation ? language.text("desk.whole_country") : unit.rawValue)
            .replacingOccurrences(of: "{first}", with: language.number(min(first + 1, listed.count)))
            .replacingOccurrences(of: "{last}", with: language.number(first + shown.count))
            .replacingOccurrences(of: "{total}", with: language.number(listed.count))
        let provinces = try await store.constituencies().filter { official.may(.confirmProvince, on: .province($0.id)) }
        let model = DeskPage(
            official: official.name, role: language.text(KeyFamilies.officialRole, official.role),
            unit: official.unitCode == .nation ? language.text("desk.whole_country") : official.unitCode.rawValue,
            csrf: session.csrfToken, lang: l,
            statusCounts: Self.urgency.map { state in
                var only = filter
                only.state = state
                only.page = 1
                return .init(label: language.text(KeyFamilies.formStatus, state), count: language.number(counts[state] ?? 0),
                             href: only.href(language), current: filter.state == state)
            },
            listing: listing,
            waiting: shown.map {
                Link(href: "/\(l)/desk/stations/\($0.id)", label: "\($0.id) \(language.pick($0.nameEnglish, $0.nameKhmer))",
                     detail: language.text(KeyFamilies.formStatus, status($0)))
            },
            previous: filter.page > 1 ? link(page: filter.page - 1, "stations.previous") : nil,
            next: first + shown.count < listed.count ? link(page: filter.page + 1, "stations.next") : nil,
            allHref: filter.state == nil && filter.unit == nil ? nil : "/\(l)/desk",
            progress: try await progress(below: unit, stations: stations, status: status, filter: filter, language),
            hasProgress: unit.level != .station && unit.level != .commune,
            confirmProvinces: provinces.map { Link(href: $0.id.rawValue, label: language.pick($0.nameEnglish, $0.nameKhmer)) },
            canConfirmProvinces: !provinces.isEmpty,
            canConfirmNation: official.may(.confirmNation, on: .nation), canPublish: official.may(.publishResults, on: .nation),
            canKeepNominations: official.may(.decideParty, on: .nation),
            canHandleComplaints: official.may(.handleComplaints, on: official.unitCode),
            canTakeCalls: official.may(.takeCalls, on: .nation),
            canKeepTraining: official.may(.keepTraining, on: official.unitCode),
            canKeepAccounts: official.may(.keepAccounts, on: .nation),
            message: message)
        return page("desk", language.text("desk.title"), model, language, "/desk")
    }

    /// The units one level below `unit` (provinces of the nation, communes of a province), each
    /// with its forms accepted, waiting, and needing attention (disputed or awaiting acknowledgement).
    private func progress(
        below unit: UnitCode, stations: [PollingStation], status: (PollingStation) -> FormStatus, filter: Filter, _ language: Language
    ) async throws -> [DeskPage.Progress] {
        let parts: [(code: UnitCode, name: String)]
        let partOf: (PollingStation) -> UnitCode
        switch unit {
        case .nation:
            parts = try await store.constituencies().map { (.province($0.id), language.pick($0.nameEnglish, $0.nameKhmer)) }
            partOf = { .province($0.provinceCode) }
        case .province(let code):
            parts = try await store.communes(inProvince: code).map { (.commune($0.id), language.pick($0.nameEnglish, $0.nameKhmer)) }
            partOf = { .commune($0.communeCode) }
        default:
            return []
        }
        var tally: [UnitCode: (accepted: Int, waiting: Int, attention: Int)] = [:]
        for station in stations {
            let state = status(station)
            var t = tally[partOf(station)] ?? (0, 0, 0)
            if state == .accepted { t.accepted += 1 } else { t.waiting += 1 }
            if state == .disputed || state == .awaitingAcknowledgement { t.attention += 1 }
            tally[partOf(station)] = t
        }
        return parts.map { part in
            let t = tally[part.code] ?? (0, 0, 0)
            var within = filter
            within.unit = part.code
            within.page = 1
            return .init(href: within.href(language), label: "\(part.code.rawValue) \(part.name)",
                         accepted: "\(language.number(t.accepted))/\(language.number(t.accepted + t.waiting))",
                         waiting: language.number(t.waiting), attention: language.number(t.attention))
        }
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
        typed: [String: String] = [:], error: String? = nil, invalidFields: Set<String> = [], status: HTTPResponse.Status = .ok
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
        func figure(_ counts: ResultCounts, _ field: String) -> Int? {
            if let party = ResultInput.party(inField: field) { return counts.votes[party] }
            return counts.value(of: field)
        }
        func value(_ counts: ResultCounts, _ field: String) -> String { figure(counts, field).map(language.number) ?? "" }
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
        let events = try await StationDeskPage.history(
            code, language, parties: parties, utcOffsetMinutes: try await store.election().utcOffsetMinutes, namingAccounts: true,
            store: store)
        let model = StationDeskPage(
            heading: "\(code) \(language.pick(station.nameEnglish, station.nameKhmer))", code: code.rawValue, lang: l,
            csrf: session.csrfToken, version: String(form.version), status: language.text(KeyFamilies.formStatus, form.status),
            statusNote: language.text(KeyFamilies.formStatusNote, form.status), message: message, error: error,
            entryFields: entryAction == nil ? [] : labels.map { field, label in
                // A coordinator settling a dispute starts from the figures both entries agree on.
                var agreed: String?
                if entryAction == "resolution", form.entries.count == 2 {
                    let (first, second) = (figure(form.entries[0].counts, field), figure(form.entries[1].counts, field))
                    if first == second { agreed = first.map(String.init) }
                }
                let concerned = invalidFields.contains(field) || (field.hasPrefix("votes.") && invalidFields.contains("votes"))
                return .init(name: field, label: label, value: typed[field] ?? agreed ?? "", invalid: concerned)
            },
            entryAction: entryAction, resolving: entryAction == "resolution", comparison: comparison, hasComparison: !comparison.isEmpty,
            findings: form.warnings.compactMap { FormCheck.named($0) }.map { check in
                let figures = form.counts.map { check.figures($0, FormContext(ballot: ballot, registeredOnList: station.registeredVoters)) }
                return .init(code: check.id, rule: CheckText.text(check.id, figures, language))
            },
            hasFindings: !form.warnings.isEmpty,
            canAcknowledge: form.status == .awaitingAcknowledgement && !entered && form.resolvedBy != official.id,
            canCorrect: form.status == .accepted && official.may(.correctResult, on: .station(code)),
            settled: settled, hasSettled: !settled.isEmpty, events: events, resultsHref: "/\(l)/results/stations/\(code)")
        return page("station-desk", model.heading, model, language, "/desk/stations/\(code)", status: status)
    }
}

extension StationDeskPage {
    /// A station's history, oldest first, in `language`, as the desk and the public station page
    /// show it: the fields two entries differ in are named as the form names them, parties by name.
    /// The station's history; `namingAccounts` for officials, while the public sees who acted by role.
    static func history(
        _ code: StationCode, _ language: Language, parties: [Party], utcOffsetMinutes: Int, namingAccounts: Bool, store: any ResultStore
    ) async throws -> [Event] {
        try await store.formEvents(station: code).map { e in
            Event(
                at: language.moment(e.at, utcOffsetMinutes: utcOffsetMinutes), version: language.number(e.version),
                who: namingAccounts ? e.officialName : language.text(KeyFamilies.officialRole, e.officialRole),
                action: language.text(KeyFamilies.formAction, e.action), status: language.text(KeyFamilies.formStatus, e.status),
                detail: e.status == .disputed ? fieldNames(e.detail ?? "", language, parties) : e.detail ?? "")
        }
    }

    /// "votes.1, ballotsInBox" as "1. Cambodian People's Party, Ballots in the box".
    static func fieldNames(_ detail: String, _ language: Language, _ parties: [Party]) -> String {
        detail.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { field in
            if let party = ResultInput.party(inField: field) {
                return parties.first { $0.id == party }.map { "\(language.digits(party.rawValue)). \(language.pick($0.nameEnglish, $0.nameKhmer))" } ?? field
            }
            return KeyFamilies.formField.values.contains(field) ? language.text(KeyFamilies.formField, field) : field
        }.joined(separator: ", ")
    }
}
