import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The quick-count page: estimates with their margins, reporting, projected seats, the check of
/// the official results, and the sample. Public once the mission publishes; before, for its members.
struct QuickCountPage: Sendable {
    struct Row: Sendable {
        let label: String
        let estimate: String
        let interval95: String
        let interval99: String
    }
    struct SeatRow: Sendable {
        let party: String
        let median: String
        let range: String
        let majority: String
    }
    struct Area: Sendable {
        let name: String
        let reporting: String
        let leading: String
        let seats: String?
    }
    struct Comparison: Sendable {
        let label: String
        let official: String
        let interval: String
        let outside: Bool
    }
    struct Difference: Sendable {
        let station: String
        let detail: String
    }

    let mission: String
    let notPublished: Bool
    let reporting: String
    let partial: Bool
    let bias: String?
    let oneReportStrata: String?
    let national: [Row]
    let figures: [Row]
    let noEstimate: Bool
    let seats: [SeatRow]
    let seatsNote: String?
    let areas: [Area]
    let history: [Fact]
    let discrepancies: [Difference]
    let check: [Comparison]
    let checkAreas: [Fact]
    let checkStations: [Difference]
    let checkNote: String
    let sample: [Fact]
    let csv: String
    let updated: String
    let canCount: Bool
    // Whether each list has rows, for its heading (the templates see stored properties only).
    var hasAreas = false, hasHistory = false, hasDiscrepancies = false, hasCheck = false, hasCheckAreas = false, hasCheckStations = false

    /// The page with its headings shown only over lists that have rows.
    func withHeadings() -> QuickCountPage {
        var page = self
        (page.hasAreas, page.hasHistory, page.hasDiscrepancies) = (!areas.isEmpty, !history.isEmpty, !discrepancies.isEmpty)
        (page.hasCheck, page.hasCheckAreas, page.hasCheckStations) = (!check.isEmpty, !checkAreas.isEmpty, !checkStations.isEmpty)
        return page
    }
}

extension ObservePages {
    /// The quick count's routes among the observers' (the page reads the member's cookie, if any).
    func addQuickCountRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("missions/:id/quick-count") { _, context in
            let language = context.language
            let sample = try await QuickCountAPI.sample(try Input.missionID(context.parameters.get("id")), store)
            try sample.requireReadable(by: context.observer?.member)
            let reading = try await quickCounts.reading(sample)
            let model = try await quickCountPage(reading, sample, member: context.observer?.member, language)
            return page("quick-count", language.text("quickcount.title"), model, language, "/missions/\(sample.missionID)/quick-count")
        }
        router.get("missions/:id/quick-count/sample.csv") { _, context in
            let sample = try await QuickCountAPI.sample(try Input.missionID(context.parameters.get("id")), store)
            try sample.requireReadable(by: context.observer?.member)
            return try await QuickCountAPI.csv(sample, store)
        }
        router.get("observe/count") { _, context in
            let language = context.language
            guard let (observer, token) = context.observer else {
                return Response.redirect(to: "/\(language.rawValue)/observe", type: .normal)
            }
            try observer.require(.reportCount, forMission: observer.missionID)
            return try await countPage(observer, token, id: UUID().uuidString, typed: [:], language)
        }
        router.post("observe/count") { request, context in
            let language = context.language
            let (observer, token, form) = try await Self.observerForm(request, context, .reportCount)
            let typed = form.mapValues(String.init)
            return try await answer("/observe/count", storedKey: "quickcount.count_stored", language) {
                try await store.addObservedCount(
                    try await QuickCountInput.count(
                        id: typed["id"], station: typed["station"], observedAt: typed["observedAt"], figures: typed, missionID: observer.missionID,
                        observer: observer.seat, store: store),
                    at: Date())
            } form: { error, status in
                try await countPage(observer, token, id: typed["id"] ?? UUID().uuidString, typed: typed, language, error: error, status: status)
            }
        }
    }

    /// The quick count's own routes for the mission's members on the phone: where it stands, the
    /// head's form to draw the sample, and the head's button to publish it or take it back.
    func addQuickCountPlanRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("observe/quick-count") { _, context in
            let language = context.language
            guard let (observer, token) = context.observer else { return Response.redirect(to: "/\(language.rawValue)/observe", type: .normal) }
            try observer.require(.followQuickCount, forMission: observer.missionID)
            return try await planPage(observer, token, typed: [:], language)
        }
        router.post("observe/quick-count/sample") { request, context in
            let language = context.language
            let (observer, token, form) = try await Self.observerForm(request, context, .planQuickCount)
            let typed = form.mapValues(String.init)
            do {
                func number(_ field: String) throws -> Double? {
                    guard let text = typed[field]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                    guard let value = Double(text) else { throw InputError(field: field, reason: "points") }
                    return value
                }
                func whole(_ field: String) throws -> Int? {
                    guard let text = typed[field]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                    guard let value = Int(text) else { throw InputError(field: field, reason: "number") }
                    return value
                }
                let fields = QuickCountInput.SampleFields(
                    margin: try number("margin"), confidence: try whole("confidence"), stationSpread: try number("stationSpread"), size: try whole("size"),
                    seed: typed["seed"].flatMap { $0.isEmpty ? nil : $0 }, strata: typed["strata"], substitutes: try whole("substitutes"))
                try await store.recordQuickCountSample(try await QuickCountInput.sample(fields, missionID: observer.missionID, store: store, at: Date()))
            } catch let error as InputError {
                return try await planPage(observer, token, typed: typed, language, error: error, status: .badRequest)
            }
            return Response.redirect(to: "/\(language.rawValue)/observe/quick-count", type: .normal)
        }
        router.post("observe/quick-count/publication") { request, context in
            let language = context.language
            let (observer, _, form) = try await Self.observerForm(request, context, .planQuickCount)
            try await store.publishQuickCount(ofMission: observer.missionID, form["published"] == "1")
            return Response.redirect(to: "/\(language.rawValue)/observe/quick-count", type: .normal)
        }
    }

    /// Where the mission's quick count stands; the head's forms where they apply.
    private func planPage(
        _ observer: MissionMember, _ token: String, typed: [String: String], _ language: Language, error: InputError? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let sample = try await store.quickCountSample(ofMission: observer.missionID)
        let head = observer.may(.planQuickCount, forMission: observer.missionID)
        func field(_ name: String, _ label: String, _ fallback: String) -> FormField {
            FormField(name: name, label: language.text(label), value: typed[name] ?? fallback, invalid: error?.field == name)
        }
        let model = QuickCountPlanPage(
            csrf: Self.csrf(token), error: error?.message(in: language), invalid: error?.field,
            summary: sample.map {
                language.fill("quickcount.size", [
                    "n": language.number($0.sampled.count), "frame": language.number($0.frameStations), "substitutes": language.number($0.substitutesPerStratum),
                ])
            },
            page: sample.map { _ in "/\(l)/missions/\(observer.missionID)/quick-count" },
            csv: sample.map { _ in "/\(l)/missions/\(observer.missionID)/quick-count/sample.csv" },
            published: sample?.published == true,
            canPublish: head && sample != nil, canDraw: head && sample == nil, waiting: !head && sample == nil,
            drawAction: "/\(l)/observe/quick-count/sample", publishAction: "/\(l)/observe/quick-count/publication",
            fields: [field("margin", "quickcount.margin_points", "0.6"), field("stationSpread", "quickcount.spread_points", "10"),
                     field("size", "quickcount.size_or", ""), field("substitutes", "field.substitutes", "2"), field("seed", "quickcount.seed_or", "")],
            confidence: [95, 99].map { Choice(value: String($0), label: language.digits($0) + "%", selected: (typed["confidence"] ?? "95") == String($0)) },
            strata: StationDraw.Strata.allCases.map {
                Choice(value: $0.rawValue, label: language.text(KeyFamilies.quickCountStrata, $0), selected: (typed["strata"] ?? "province") == $0.rawValue)
            })
        return page("observe-quick-count", language.text("quickcount.title"), model, language, "/observe/quick-count", status: status)
    }

    /// The count form: the station's code, the time the count was posted, and the result form's figures.
    private func countPage(
        _ observer: MissionMember, _ token: String, id: String, typed: [String: String], _ language: Language,
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let parties = try await store.parties().sorted { $0.id < $1.id }
        func field(_ name: String, _ label: String) -> FormField {
            FormField(name: name, label: label, value: typed[name] ?? "", invalid: error?.field == name)
        }
        let model = CountFormPage(
            action: "/\(language.rawValue)/observe/count", id: id, csrf: Self.csrf(token), error: error?.message(in: language),
            station: typed["station"] ?? "", observedAt: typed["observedAt"] ?? "", invalid: error?.field,
            figures: ResultCounts.fieldNames.map { field($0, language.text(KeyFamilies.formField, $0)) },
            votes: parties.map { field("votes.\($0.id)", "\(language.digits($0.id.rawValue)). \(language.pick($0.nameEnglish, $0.nameKhmer))") })
        return page("observe-count", language.text("quickcount.count"), model, language, "/observe/count", status: status)
    }

    private func quickCountPage(
        _ reading: QuickCountReading, _ sample: QuickCountSample, member: MissionMember?, _ language: Language
    ) async throws -> QuickCountPage {
        let mission = try await store.mission(sample.missionID)
        let parties = Dictionary(uniqueKeysWithValues: try await store.parties().map { ($0.id, $0) })
        let provinces = Dictionary(uniqueKeysWithValues: try await store.constituencies().map { ($0.id, $0) })
        let e = reading.estimates
        let text = QuickCountText(language: language)
        let pct = text.share, span = text.range
        func name(_ party: PartyNumber) -> String {
            guard let known = parties[party] else { return party.description }
            return known.abbreviation.isEmpty ? language.pick(known.nameEnglish, known.nameKhmer) : known.abbreviation
        }
        func row(_ label: String, _ share: EstimatedShare) -> QuickCountPage.Row {
            .init(label: label, estimate: pct(share.estimate), interval95: span(share.low95, share.high95), interval99: span(share.low99, share.high99))
        }
        let fill = language.fill
        let national = (e.national?.parties ?? []).sorted { $0.share.estimate > $1.share.estimate }
        let bias = text.bias(e.bias) { code in provinces[code].map { language.pick($0.nameEnglish, $0.nameKhmer) } }
        let projection = e.projection
        let seats = (projection?.parties ?? []).sorted { $0.median > $1.median }.map {
            QuickCountPage.SeatRow(
                party: name($0.party), median: language.number($0.median),
                range: language.localDigits("\($0.low)–\($0.high)"), majority: pct($0.majorityProbability))
        }
        let areas = e.constituencies.map { c -> QuickCountPage.Area in
            let progress = e.strata.filter { $0.unit.province == c.code }
            let sampled = progress.reduce(0) { $0 + $1.sampled }, standing = progress.reduce(0) { $0 + $1.standing }
            let leading = (c.figures?.parties ?? []).sorted { $0.share.estimate > $1.share.estimate }.prefix(2)
            let outcome = projection?.constituencies.first { $0.code == c.code }?.outcomes.first
            return .init(
                name: provinces[c.code].map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? c.code.rawValue,
                reporting: fill("quickcount.of", ["n": language.number(standing), "total": language.number(sampled)]),
                leading: leading.map { "\(name($0.party)) \(pct($0.share.estimate)) ±\(language.localDigits(String(format: "%.1f", 100 * ($0.share.high95 - $0.share.estimate))))" }
                    .joined(separator: " · "),
                seats: outcome.map { o in
                    o.seats.sorted { $0.key < $1.key }.map { "\(name($0.key)) \(language.number($0.value))" }.joined(separator: ", ")
                        + " (\(pct(o.probability)))"
                })
        }
        let leaders = national.prefix(3).map(\.party)
        let history = e.history.map { moment in
            Fact(label: language.number(moment.reports),
                 value: leaders.compactMap { p in moment.parties.first { $0.party == p }.map { "\(name(p)) \(pct($0.share.estimate))" } }.joined(separator: " · "))
        }
        let ballot = parties.values.sorted { $0.id < $1.id }
        func fields(_ names: [String]) -> String { StationDeskPage.fieldNames(names.joined(separator: ","), language, ballot) }
        var check: [QuickCountPage.Comparison] = [], checkAreas: [Fact] = [], checkStations: [QuickCountPage.Difference] = []
        if let c = reading.check {
            func label(_ comparison: QuickCountCheck.Comparison) -> String {
                comparison.party.map(name) ?? language.text(comparison.figure == "turnout" ? "quickcount.turnout" : "quickcount.invalid")
            }
            check = (c.nation?.comparisons ?? []).map { comparison in
                .init(label: label(comparison), official: pct(comparison.official), interval: span(comparison.estimate.low95, comparison.estimate.high95),
                      outside: !comparison.within95)
            }
            checkAreas = c.constituencies.filter(\.flagged).map { area in
                Fact(label: area.code.flatMap { provinces[$0] }.map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? "",
                     value: area.comparisons.filter { !$0.within99 }.map { label($0) + " " + pct($0.official) }.joined(separator: ", "))
            }
            checkStations = c.stationDifferences.map { d in
                .init(station: d.stationCode.rawValue, detail: d.fields.map { field in
                    let observed = ResultInput.party(inField: field).map { d.observed.votes[$0] ?? 0 } ?? d.observed.value(of: field) ?? 0
                    let official = ResultInput.party(inField: field).map { d.official.votes[$0] ?? 0 } ?? d.official.value(of: field) ?? 0
                    return fill("quickcount.both", ["field": fields([field]), "observed": language.number(observed), "official": language.number(official)])
                }.joined(separator: "; "))
            }
        }
        let l = language.rawValue
        return QuickCountPage(
            mission: language.pick(mission.nameEnglish, mission.nameKhmer),
            notPublished: !sample.published,
            reporting: text.reporting(e),
            partial: e.standing < e.sampled,
            bias: bias,
            oneReportStrata: (e.national?.strataWithOneReport ?? 0) > 0
                ? fill("quickcount.one_report", ["n": language.number(e.national?.strataWithOneReport ?? 0)]) : nil,
            national: national.map { p in row(parties[p.party].map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? name(p.party), p.share) },
            figures: [e.national?.turnout.map { row(language.text("quickcount.turnout"), $0) }, e.national?.invalidShare.map { row(language.text("quickcount.invalid"), $0) }]
                .compactMap { $0 },
            noEstimate: e.national == nil,
            seats: seats,
            seatsNote: projection.map { fill("quickcount.seats_note", ["n": language.number($0.simulations), "total": language.number($0.totalSeats)]) },
            areas: areas,
            history: history,
            discrepancies: e.discrepancies.map { .init(station: $0.stationCode.rawValue, detail: fields($0.differences)) },
            check: check, checkAreas: checkAreas, checkStations: checkStations,
            checkNote: reading.check.map { fill("quickcount.check_note", ["n": language.number($0.stationsCompared)]) } ?? language.text("quickcount.check_waiting"),
            sample: [
                Fact(label: language.text("field.size"), value: fill("quickcount.size", [
                    "n": language.number(e.sampled), "frame": language.number(sample.frameStations), "substitutes": language.number(sample.substitutesPerStratum),
                ])),
                Fact(label: language.text("field.strata"), value: language.text(KeyFamilies.quickCountStrata, sample.strata)),
                Fact(label: language.text("field.margin"), value: sample.plan.map {
                    fill("quickcount.plan", ["margin": language.localDigits(String(format: "%.2f", 100 * $0.margin)), "confidence": language.digits($0.confidence.percent),
                                             "spread": language.localDigits(String(format: "%.0f", 100 * $0.stationSpread))])
                } ?? language.text("quickcount.size_chosen")),
                Fact(label: language.text("field.seed"), value: String(sample.seed)),
                Fact(label: language.text("quickcount.frame_version"), value: sample.frameVersion),
            ],
            csv: "/\(l)/missions/\(sample.missionID)/quick-count/sample.csv",
            updated: language.text("quickcount.updated"),
            canCount: member?.may(.reportCount, forMission: sample.missionID) == true
        ).withHeadings()
    }
}

/// The observer's count form.
struct CountFormPage: Sendable {
    let action: String
    let id: String
    let csrf: String
    let error: String?
    let station: String
    let observedAt: String
    let invalid: String?
    let figures: [FormField]
    let votes: [FormField]
}

/// The quick count as the mission's members see it on the phone, with the head's forms.
struct QuickCountPlanPage: Sendable {
    let csrf: String
    let error: String?
    let invalid: String?
    let summary: String?
    let page: String?
    let csv: String?
    let published: Bool
    let canPublish: Bool
    let canDraw: Bool
    let waiting: Bool
    let drawAction: String
    let publishAction: String
    let fields: [FormField]
    let confidence: [Choice]
    let strata: [Choice]
}
