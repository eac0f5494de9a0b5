import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// A station's election day as its officials and commissions see it: each slot's report or that
/// it is still due, and (for the station's own officials) the forms to send them.
struct StationDayPage: Sendable {
    struct Slot: Sendable {
        let label: String
        let status: String
        let sent: Bool
        /// The form to report it, for the station's officials while it is not sent.
        let href: String?
    }
    let heading: String
    let lang: String
    let hours: String
    /// Police posted at the station: for commissions only.
    let police: String
    let canReport: Bool
    let slots: [Slot]
    let incidents: [Slot]
    let incidentHref: String?
    let back: Link?
    let message: String?
}

/// One report's form on the official's phone: the fields of its kind, sent through the offline
/// outbox (`observe.js`) when the network is down.
struct StationReportPage: Sendable {
    let heading: String
    let action: String
    let csrf: String
    let id: String
    let kind: String
    let isOpening: Bool
    let isTurnout: Bool
    let isClosing: Bool
    let isIncident: Bool
    let time: String
    let times: [Choice]
    let staffPresent: String
    let materialsYes: Bool
    let materialsNo: Bool
    let voted: String
    let inLine: String
    let note: String
    let categories: [Choice]
    let hint: String
    let error: String?
    let invalid: String
    let home: String
}

/// The commissions' dashboard of a unit on election day.
struct ElectionDayPage: Sendable {
    struct Figure: Sendable {
        let label: String
        let value: String
    }
    struct Row: Sendable {
        let href: String
        let label: String
        let cells: [String]
    }
    struct Alert: Sendable {
        let label: String
        let count: String
        let stations: [Link]
        let more: String?
    }
    struct Publish: Sendable {
        let time: String
        let label: String
    }
    let heading: String
    let lang: String
    let asOf: String
    let hours: String
    let figures: [Figure]
    let turnout: [Figure]
    let columns: [String]
    let rows: [Row]
    let incidents: [Figure]
    let hasIncidents: Bool
    let alerts: [Alert]
    let hasAlerts: Bool
    let up: Link?
    let csrf: String
    let publish: [Publish]
    let canPublish: Bool
    let message: String?
}

/// Turnout as the NEC published it, on the public site.
struct TurnoutPage: Sendable {
    struct Publication: Sendable {
        let heading: String
        let published: String
        let share: String
        let reporting: String
        let rows: [ElectionDayPage.Row]
    }
    let publications: [Publication]
    let none: Bool
    let lang: String
}

/// Election day's pages: the station official's phone page and report forms, the commissions'
/// dashboard with its drill-down and alerts, the NEC's publication of turnout, and the public
/// turnout page.
struct ElectionDayPages: Sendable {
    let store: any PortalStore
    let reports: StationReportDesk
    let watch: ElectionDayWatch
    let clock: PortalClock
    let renderer: PageRenderer

    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("turnout") { _, context in
            try await turnoutPage(context.language)
        }
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/election-day") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            let query = Input.query(of: request)
            let official = session.official
            let unit = try query["unit"].map { text in
                guard let unit = UnitCode(rawValue: text == "nation" ? "" : String(text)) else { throw InputError(field: "unit", reason: "code") }
                return unit
            } ?? official.unitCode
            try official.require(.followElectionDay, on: unit)
            let message = KeyFamilies.electionDayDone.doneMessage(query, language)
            if case .station(let code) = unit { return try await stationPage(code, session, message, language) }
            return try await dashboard(unit, session, message, language)
        }
        router.get("desk/election-day/report") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            let station = try Self.ownStation(session.official)
            let kind = try Input.query(of: request)["kind"].flatMap { StationReport.Kind(rawValue: String($0)) }
                ?? { throw InputError(field: "kind", reason: "choice") }()
            let schedule = ElectionDaySchedule(try await store.election())
            let now = schedule.local(clock.now()).time
            let time: ClockTime = switch kind {
            case .turnout: schedule.turnoutTimes.last { $0 <= now } ?? schedule.turnoutTimes[0]
            case .closing: max(now, schedule.closes)
            default: now
            }
            let fields = StationReportInput.Fields(id: UUID().uuidString, kind: kind.rawValue, time: time.description)
            return try await reportPage(station, fields, session, language)
        }
        router.post("desk/election-day/report") { request, context in
            let language = context.language
            let (session, form) = try await context.requireSessionForm(request)
            let station = try Self.ownStation(session.official)
            let fields = StationReportInput.Fields(form: form)
            do {
                let report = try StationReportInput.report(fields, station: station)
                let outcome = try await reports.submit(StationReportSubmission(report, by: .official(session.official, channel: "web")))
                let model = ChecklistReceivedPage(
                    message: language.text(outcome == .stored ? "election_day.stored" : "observe.report_repeated"),
                    again: "/\(language.rawValue)/desk/election-day", home: "/\(language.rawValue)/desk/election-day")
                return renderer.page(
                    "observe-received", title: language.text("observe.received"), content: model, language: language,
                    path: "/desk/election-day/report", status: outcome == .stored ? .created : .ok)
            } catch let error as InputError {
                return try await reportPage(station, fields, session, language, error: (error.message(in: language), error.field), status: .badRequest)
            } catch is SubmissionConflict {
                let error = InputError(field: "id", reason: "conflict")
                return try await reportPage(station, fields, session, language, error: (error.message(in: language), "id"), status: .conflict)
            } catch let refusal as StationReportRefusal {
                return try await reportPage(
                    station, fields, session, language, error: (Self.message(refusal, language), refusal.field),
                    status: refusal.isConflict ? .conflict : .unprocessableContent)
            }
        }
        router.post("desk/election-day/turnout") { request, context in
            let language = context.language
            let (session, form) = try await context.requireSessionForm(request)
            guard let time = form["time"].flatMap(ClockTime.init) else { throw InputError(field: "time", reason: "clock_time") }
            _ = try await store.publishTurnout(at: time, by: session.official, at: clock.now())
            await watch.forget()
            return Response.redirect(to: "/\(language.rawValue)/desk/election-day?unit=nation&done=published", type: .normal)
        }
    }

    /// The station a station official reports from; others report from none.
    static func ownStation(_ official: Official) throws -> StationCode {
        guard case .station(let code) = official.unitCode else {
            throw Refusal(.roleMayNot, "\(official.name) (\(official.role.rawValue)) may not \(OfficialAction.reportFromStation.rawValue)")
        }
        try official.require(.reportFromStation, on: .station(code))
        return code
    }

    /// A refusal of the day's rules in the user's language, with the figure or time it compared with.
    static func message(_ refusal: StationReportRefusal, _ language: Language) -> String {
        language.text(KeyFamilies.stationReportRule, refusal.rule).replacingOccurrences(of: "{limit}", with: language.localDigits(refusal.limit ?? ""))
    }

    private func hours(_ schedule: ElectionDaySchedule, _ language: Language) -> String {
        language.text("election_day.hours")
            .replacingOccurrences(of: "{opens}", with: language.localDigits(schedule.opens.description))
            .replacingOccurrences(of: "{closes}", with: language.localDigits(schedule.closes.description))
            .replacingOccurrences(of: "{times}", with: schedule.turnoutTimes.map { language.localDigits($0.description) }.joined(separator: ", "))
    }

    private func stationPage(_ code: StationCode, _ session: OfficialSession, _ message: String?, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let station = try await store.pollingStation(code)
        let schedule = ElectionDaySchedule(try await store.election())
        let sent = try await store.stationReports(of: code)
        let canReport = session.official.may(.reportFromStation, on: .station(code))
        func form(_ kind: StationReport.Kind) -> String? { canReport ? "/\(l)/desk/election-day/report?kind=\(kind.rawValue)" : nil }
        func line(_ label: String, _ report: StationReport?, _ kind: StationReport.Kind) -> StationDayPage.Slot {
            StationDayPage.Slot(
                label: label, status: report.map { Self.summary($0, language) } ?? language.text("election_day.not_yet"),
                sent: report != nil, href: report == nil ? form(kind) : nil)
        }
        var slots = [line(language.text("election_day.kind.opening"), sent.first { $0.kind == .opening }, .opening)]
        for time in schedule.turnoutTimes {
            slots.append(line(
                Self.turnoutAt(time, language),
                sent.first { $0.kind == .turnout && $0.time == time }, .turnout))
        }
        slots.append(line(language.text("election_day.kind.closing"), sent.first { $0.kind == .closing }, .closing))
        let incidents = sent.filter { $0.kind == .incident }.map {
            StationDayPage.Slot(label: language.localDigits($0.time.description), status: Self.summary($0, language), sent: true, href: nil)
        }
        let model = StationDayPage(
            heading: language.text("election_day.station_heading").replacingOccurrences(of: "{code}", with: code.rawValue)
                .replacingOccurrences(of: "{name}", with: language.pick(station.nameEnglish, station.nameKhmer)),
            lang: l, hours: hours(schedule, language),
            police: language.text("election_day.police_posted").replacingOccurrences(of: "{n}", with: language.number(try await store.police(at: code))),
            canReport: canReport, slots: slots, incidents: incidents,
            incidentHref: form(.incident),
            back: canReport ? nil : Link(href: "/\(l)/desk/election-day?unit=\(code.commune)", label: language.text("election_day.up")),
            message: message)
        return renderer.page("election-day-station", title: language.text("election_day.title"), content: model, language: language, path: "/desk/election-day")
    }

    /// "12 of 1,229", in the user's language.
    static func of(_ n: Int, _ total: Int, _ language: Language) -> String {
        language.text("election_day.of").replacingOccurrences(of: "{n}", with: language.number(n))
            .replacingOccurrences(of: "{total}", with: language.number(total))
    }

    /// "Turnout at 09:00", in the user's language and digits.
    static func turnoutAt(_ time: ClockTime, _ language: Language) -> String {
        language.text("election_day.turnout_at").replacingOccurrences(of: "{time}", with: language.localDigits(time.description))
    }

    /// One line of what a report says, in the user's language.
    static func summary(_ report: StationReport, _ language: Language) -> String {
        let time = language.localDigits(report.time.description)
        var parts: [String]
        switch report.kind {
        case .opening:
            parts = [language.text("election_day.opened_at").replacingOccurrences(of: "{time}", with: time),
                     language.text("election_day.staff").replacingOccurrences(of: "{n}", with: language.number(report.staffPresent ?? 0)),
                     language.text(report.materialsComplete == true ? "election_day.materials_complete" : "election_day.materials_missing")]
        case .turnout:
            parts = [language.text("election_day.voted").replacingOccurrences(of: "{n}", with: language.number(report.voted ?? 0))]
        case .closing:
            parts = [language.text("election_day.closed_at").replacingOccurrences(of: "{time}", with: time),
                     language.text("election_day.in_line").replacingOccurrences(of: "{n}", with: language.number(report.inLine ?? 0))]
        case .incident:
            parts = [report.category.map { language.text(KeyFamilies.stationIncident, $0) } ?? ""]
        }
        if !report.note.isEmpty { parts.append(report.note) }
        return parts.joined(separator: " · ")
    }

    private func reportPage(
        _ station: StationCode, _ fields: StationReportInput.Fields, _ session: OfficialSession, _ language: Language,
        error: (message: String, field: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let schedule = ElectionDaySchedule(try await store.election())
        let kind = fields.kind.flatMap(StationReport.Kind.init(rawValue:)) ?? .incident
        let hint: String = switch kind {
        case .opening: language.text("election_day.hint.opening")
        case .turnout: language.text("election_day.hint.turnout")
        case .closing: language.text("election_day.hint.closing").replacingOccurrences(of: "{closes}", with: language.localDigits(schedule.closes.description))
        case .incident: language.text("election_day.hint.incident")
        }
        let model = StationReportPage(
            heading: "\(language.text(KeyFamilies.stationReportKind, kind)) · \(station)", action: "/\(l)/desk/election-day/report",
            csrf: session.csrfToken, id: fields.id ?? UUID().uuidString, kind: kind.rawValue,
            isOpening: kind == .opening, isTurnout: kind == .turnout, isClosing: kind == .closing, isIncident: kind == .incident,
            time: fields.time ?? "",
            times: schedule.turnoutTimes.map { Choice(value: $0.description, label: language.localDigits($0.description), selected: $0.description == fields.time) },
            staffPresent: fields.staffPresent ?? "", materialsYes: fields.materialsComplete == "yes", materialsNo: fields.materialsComplete == "no",
            voted: fields.voted ?? "", inLine: fields.inLine ?? "", note: fields.note ?? "",
            categories: StationReport.IncidentCategory.allCases.map {
                Choice(value: $0.rawValue, label: language.text(KeyFamilies.stationIncident, $0), selected: $0.rawValue == fields.category)
            },
            hint: hint, error: error?.message, invalid: error?.field ?? "", home: "/\(l)/desk/election-day")
        return renderer.page(
            "election-day-report", title: language.text("election_day.title"), content: model, language: language,
            path: "/desk/election-day/report", status: status)
    }

    private func unitName(_ unit: UnitCode, _ language: Language) async throws -> String {
        switch unit {
        case .nation: return language.text("desk.whole_country")
        case .province(let code):
            let province = try await store.constituency(code)
            return "\(code) · " + language.pick(province.nameEnglish, province.nameKhmer)
        case .commune(let code):
            let commune = try await store.commune(code)
            return "\(code) · " + language.pick(commune.nameEnglish, commune.nameKhmer)
        case .station(let code):
            let station = try await store.pollingStation(code)
            return "\(code) · " + language.pick(station.nameEnglish, station.nameKhmer)
        }
    }

    private func dashboard(_ unit: UnitCode, _ session: OfficialSession, _ message: String?, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let view = try await watch.view(of: unit, at: clock.now())
        let election = try await store.election()
        let t = view.total
        func of(_ n: Int, _ total: Int) -> String { Self.of(n, total, language) }
        func share(_ turnout: ElectionDayTally.Turnout, stations: Int) -> String {
            guard let share = turnout.share else { return "—" }
            return "\(language.percent(share)) (\(of(turnout.stations, stations)))"
        }
        let figures = [
            ElectionDayPage.Figure(label: language.text("election_day.opened"), value: of(t.opened, t.stations)),
            .init(label: language.text("election_day.opened_late"), value: language.number(t.openedLate)),
            .init(label: language.text("election_day.not_opened"), value: language.number(t.notOpened)),
            .init(label: language.text("election_day.closed"), value: of(t.closed, t.stations)),
            .init(label: language.text("election_day.in_line_at_closing"), value: language.number(t.inLineAtClosing)),
            .init(label: language.text("election_day.police"), value: language.number(t.police)),
        ]
        let turnout = t.turnout.map { figure in
            ElectionDayPage.Figure(
                label: Self.turnoutAt(figure.time, language),
                value: figure.share == nil ? language.text("election_day.none_reported")
                    : language.text("election_day.turnout_figure")
                        .replacingOccurrences(of: "{share}", with: language.percent(figure.share!))
                        .replacingOccurrences(of: "{voted}", with: language.number(figure.voted))
                        .replacingOccurrences(of: "{registered}", with: language.number(figure.registered))
                        .replacingOccurrences(of: "{reporting}", with: of(figure.stations, t.stations)))
        }
        var names: [String: String] = [:]
        switch unit {
        case .nation: for c in try await store.constituencies() { names[c.id.rawValue] = language.pick(c.nameEnglish, c.nameKhmer) }
        case .province(let code): for c in try await store.communes(inProvince: code) { names[c.id.rawValue] = language.pick(c.nameEnglish, c.nameKhmer) }
        case .commune(let code): for s in try await store.pollingStations(inCommune: code) { names[s.id.rawValue] = language.pick(s.nameEnglish, s.nameKhmer) }
        case .station: break
        }
        let rows = view.parts.map { part in
            ElectionDayPage.Row(
                href: "/\(l)/desk/election-day?unit=\(part.unit)", label: "\(part.unit) · \(names[part.unit.rawValue] ?? "")",
                cells: [of(part.opened, part.stations), language.number(part.openedLate)]
                    + part.turnout.map { share($0, stations: part.stations) }
                    + [of(part.closed, part.stations), language.number(part.incidentCount), language.number(part.police)])
        }
        let alerts = view.alerts.map { alert in
            var label = language.text(KeyFamilies.electionDayAlert, alert.kind)
            if let time = alert.time { label = label.replacingOccurrences(of: "{time}", with: language.localDigits(time.description)) }
            return ElectionDayPage.Alert(
                label: label, count: language.number(alert.count),
                stations: alert.stations.map { Link(href: "/\(l)/desk/election-day?unit=\($0)", label: $0.rawValue) },
                more: alert.count > alert.stations.count
                    ? language.text("election_day.more").replacingOccurrences(of: "{n}", with: language.number(alert.count - alert.stations.count)) : nil)
        }
        let up: Link? = switch unit {
        case .nation: nil
        case .province: session.official.may(.followElectionDay, on: .nation)
            ? Link(href: "/\(l)/desk/election-day?unit=nation", label: language.text("election_day.up")) : nil
        case .commune(let code): session.official.may(.followElectionDay, on: .province(code.province))
            ? Link(href: "/\(l)/desk/election-day?unit=\(code.province)", label: language.text("election_day.up")) : nil
        case .station: nil
        }
        let canPublish = unit == .nation && session.official.may(.publishTurnout, on: .nation)
        let model = ElectionDayPage(
            heading: try await unitName(unit, language), lang: l,
            asOf: language.text("election_day.as_of").replacingOccurrences(of: "{moment}", with: language.moment(view.at, utcOffsetMinutes: election.utcOffsetMinutes)),
            hours: hours(view.schedule, language), figures: figures, turnout: turnout,
            columns: [language.text("election_day.opened"), language.text("election_day.opened_late")]
                + view.schedule.turnoutTimes.map { language.localDigits($0.description) }
                + [language.text("election_day.closed"), language.text("election_day.incidents"), language.text("election_day.police")],
            rows: rows,
            incidents: t.incidents.map { .init(label: language.text(KeyFamilies.stationIncident, $0.category), value: language.number($0.count)) },
            hasIncidents: !t.incidents.isEmpty, alerts: alerts, hasAlerts: !alerts.isEmpty, up: up, csrf: session.csrfToken,
            publish: canPublish ? view.schedule.turnoutTimes.map {
                .init(time: $0.description, label: language.text("election_day.publish_at").replacingOccurrences(of: "{time}", with: language.localDigits($0.description)))
            } : [],
            canPublish: canPublish, message: message)
        return renderer.page("election-day", title: language.text("election_day.title"), content: model, language: language, path: "/desk/election-day")
    }

    private func turnoutPage(_ language: Language) async throws -> Response {
        let l = language.rawValue
        let election = try await store.election()
        var names: [ProvinceCode: String] = [:]
        for c in try await store.constituencies() { names[c.id] = language.pick(c.nameEnglish, c.nameKhmer) }
        func of(_ n: Int, _ total: Int) -> String { Self.of(n, total, language) }
        let publications = try await store.turnoutPublications().reversed().map { p in
            TurnoutPage.Publication(
                heading: Self.turnoutAt(p.time, language),
                published: language.text("turnout.published").replacingOccurrences(of: "{moment}", with: language.moment(p.publishedAt, utcOffsetMinutes: election.utcOffsetMinutes)),
                share: p.nation.share.map(language.percent) ?? "—",
                reporting: language.text("turnout.reporting")
                    .replacingOccurrences(of: "{reporting}", with: of(p.nation.stations, p.stations))
                    .replacingOccurrences(of: "{voted}", with: language.number(p.nation.voted))
                    .replacingOccurrences(of: "{registered}", with: language.number(p.nation.registered)),
                rows: p.provinces.map { province in
                    ElectionDayPage.Row(
                        href: "/\(l)/results/provinces/\(province.code)", label: "\(province.code) · \(names[province.code] ?? "")",
                        cells: [province.turnout.share.map(language.percent) ?? "—", of(province.turnout.stations, province.stations)])
                })
        }
        let model = TurnoutPage(publications: publications, none: publications.isEmpty, lang: l)
        return renderer.page("turnout", title: language.text("turnout.title"), content: model, language: language, path: "/turnout")
    }
}

/// Stations' reports, a group per transaction.
typealias StationReportDesk = GroupWriter<StationReportSubmission, SubmissionReceipt.Outcome>
