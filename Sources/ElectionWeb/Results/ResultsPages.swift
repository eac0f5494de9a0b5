import ElectionCore
import ElectionStore
import Foundation
import HTTPTypes
import Hummingbird

/// A unit's totals as every results page shows them, with its party lines.
struct TotalsView: Sendable {
    struct PartyLine: Sendable {
        let ballot: String
        let name: String
        let colour: String
        let votes: String
        let share: String
        let seats: String?
    }
    let status: String
    let official: Bool
    let coverage: String
    let registered: String
    let cast: String
    let turnout: String
    let valid: String
    let invalid: String
    let invalidShare: String
    let parties: [PartyLine]
    let hasSeats: Bool
    /// At least one station has reported: before that there are no votes to show, only "no results yet".
    let reported: Bool
}

/// A row of a table of units (provinces, communes, stations) with their headline figures.
struct UnitRow: Sendable {
    let href: String
    let name: String
    let coverage: String
    let turnout: String
    let leading: String
    let detail: String
}

/// One band of the turnout map's legend.
struct TurnoutBand: Sendable {
    let colour: String
    let range: String
}

struct ResultsPage: Sendable {
    let totals: TotalsView
    let leadingMap: String
    let turnoutMap: String
    let legend: [TotalsView.PartyLine]
    let turnoutLegend: [TurnoutBand]
    let units: [UnitRow]
    /// The heading of the rows' last column (the seats each province's votes give).
    let detailHeading: String?
    let publications: [Link]
    let nistHref: String
    let jsonHref: String
    /// How the seats are shared: the method, the threshold and the tie rule, in words.
    let seatRules: String
    /// Which provinces the seats shown come from, while some are still counting.
    /// Nil once every province's count is complete: then every seat shown is decided.
    let seatsNote: String?
    /// When a form last changed.
    let lastChange: String?
}

struct UnitResultsPage: Sendable {
    let heading: String
    let totals: TotalsView
    let tie: String?
    let elected: [String]
    let hasElected: Bool
    /// Said instead of seats while the province is still counting.
    let seatsNote: String?
    /// Seats no party can take (every list out of candidates), said when there are any.
    let unfilled: String?
    /// When a form last changed.
    let lastChange: String?
    let units: [UnitRow]
    let unitsHeading: String
    /// The heading of the rows' last column (a station's form state); nil: no such column.
    let detailHeading: String?
    /// A province's page offers its communes' and stations' figures as CSV.
    let csvProvince: String?
    let up: Link
}

struct StationFormPage: Sendable {
    struct Version: Sendable {
        let number: String
        let status: String
        let reason: String
        let current: Bool
    }
    let heading: String
    let totals: TotalsView?
    let status: String
    let versions: [Version]
    let events: [StationDeskPage.Event]
    let up: Link
    let deskHref: String
}

struct PublicationPage: Sendable {
    let number: String
    let publishedAt: String
    let publishedBy: String
    let coverage: String
    let official: Bool
    let digest: String
    let contentHref: String
    let nistHref: String
    /// The figures it published: the nation's totals, and seats from complete provinces.
    let totals: TotalsView
    /// A command anyone can run to check the digest.
    let checkCommand: String
    /// The NEC's signature of the content, and the command that checks it with the published key.
    let signature: String?
    let publicKey: String
    let verifyCommand: String?
}

/// The public results pages: the nation, a province, a commune, a station's form, a publication.
struct ResultsPages: PageController {
    let store: any ElectionStore & ResultStore
    let reports: ReportCache
    let maps: MapCatalogue
    /// The key whose public half checks each publication's signature.
    let keys: NECKeys
    let renderer: PageRenderer
    /// The nation's and the provinces' pages, kept while the report they show is the same.
    let kept = AnswerMemo()

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        // Each page is made from the report it is kept under, and the last form change read with it.
        router.get("results") { _, context in
            let current = try await reports.stamped()
            return try await kept.answer("\(context.language)/results", stamp: current.stamp) {
                try await nationalResults(current.report, lastFormChange: current.lastFormChange, context.language)
            }
        }
        router.get("results/provinces/:code") { _, context in
            let code = try Input.code(context.parameters.get("code"), as: ProvinceCode.self)
            let current = try await reports.stamped()
            return try await kept.answer("\(context.language)/results/provinces/\(code)", stamp: current.stamp) {
                try await provinceResults(code, current.report, lastFormChange: current.lastFormChange, context.language)
            }
        }
        router.get("results/communes/:code") { _, context in
            try await communeResults(Input.code(context.parameters.get("code"), as: CommuneCode.self), context.language)
        }
        router.get("results/stations/:code") { _, context in
            try await stationResults(Input.code(context.parameters.get("code"), as: StationCode.self), context.language)
        }
        router.get("results/publications/:number") { request, context in
            let language = context.language
            let p = try await store.publication(try Input.publicationNumber(context.parameters.get("number")))
            let published = try p.report()
            let complete = published.constituencies.contains { $0.totals.stationsTotal > 0 && $0.totals.isComplete }
            let contentHref = "/api/v1/results/publications/\(p.number)/content"
            let publicKey = try await keys.verifier().publicKey
            let model = PublicationPage(
                number: language.number(p.number.rawValue),
                publishedAt: language.moment(p.publishedAt, utcOffsetMinutes: published.election.utcOffsetMinutes), publishedBy: p.publishedBy,
                coverage: coverage(p.stationsReported, p.stationsTotal, language), official: p.official, digest: p.digest,
                contentHref: contentHref,
                nistHref: "/api/v1/results/publications/\(p.number)/nist-cdf.json",
                totals: totalsView(published.national, parties: published.parties, seats: complete ? published.seatsByParty : nil, language),
                checkCommand: "curl -s \(request.uri.scheme.map { "\($0)://" } ?? "https://")\(request.head.authority ?? "HOST")\(contentHref) | sha256sum",
                signature: p.signature, publicKey: publicKey,
                verifyCommand: p.signature.map {
                    "curl -so publication-\(p.number).json \(request.uri.scheme.map { "\($0)://" } ?? "https://")\(request.head.authority ?? "HOST")\(contentHref)\n"
                        + "sala verify publication publication-\(p.number).json --signature=\($0) --public-key=\(publicKey)"
                })
            return page("publication", "\(language.text("results.publication")) \(model.number)", model, language, "/results/publications/\(p.number)")
        }
    }

    /// The colour a party is shown in on maps and tables, by ballot number: eighteen colours far
    /// apart (after Kelly's colours of maximum contrast), so that Cambodia's eighteen parties never
    /// share one. Colour is never alone: tables and legends give the ballot number and the name.
    static func colour(party: PartyNumber) -> String {
        let palette = [
            "#1f4e9c", "#be0032", "#008856", "#875692", "#f38400", "#a1caf1", "#848482", "#f3c300", "#882d17",
            "#e68fac", "#2b3d26", "#c2b280", "#604e97", "#8db600", "#b3446c", "#654522", "#f99379", "#dcd300",
        ]
        return palette[(party.rawValue - 1) % palette.count]
    }

    /// Turnout in five bands, lighter for lower: each band's lowest turnout and colour.
    static let turnoutBands: [(from: Int, colour: String)] = [
        (0, "#fee5d9"), (70, "#fcae91"), (80, "#fb6a4a"), (85, "#de2d26"), (90, "#a50f15"),
    ]

    static func turnoutColour(_ turnout: Rational) -> String {
        turnoutBands.last { Rational($0.from, 100) <= turnout }?.colour ?? turnoutBands[0].colour
    }

    /// The turnout map's legend: every band's colour and range, in the reader's digits.
    static func turnoutLegend(_ language: Language) -> [TurnoutBand] {
        turnoutBands.enumerated().map { i, band in
            let next = i + 1 < turnoutBands.count ? turnoutBands[i + 1].from : nil
            let range = switch (band.from, next) {
            case (0, let next?): "< \(language.digits(next))%"
            case (let from, let next?): "\(language.digits(from))–\(language.digits(next))%"
            case (let from, nil): "≥ \(language.digits(from))%"
            }
            return TurnoutBand(colour: band.colour, range: range)
        }
    }

    /// "Seats are shared in each constituency by …; …; …." from the election's method and rules.
    static func seatRules(_ election: Election, _ language: Language) -> String {
        let rules = election.seatRules
        let method = KeyFamilies.seatMethod.values.contains(election.seatAllocationMethod)
            ? language.text(KeyFamilies.seatMethod, election.seatAllocationMethod) : election.seatAllocationMethod
        let threshold = rules.thresholdPercent.map { percent in
            language.text(KeyFamilies.thresholdScope, rules.thresholdScope)
                .replacingOccurrences(of: "{percent}", with: language.localDigits(percent))
        } ?? language.text("results.threshold_none")
        return language.text("results.seat_rules").replacingOccurrences(of: "{method}", with: method)
            .replacingOccurrences(of: "{threshold}", with: threshold)
            .replacingOccurrences(of: "{ties}", with: language.text(KeyFamilies.seatTies, rules.ties))
    }

    func coverage(_ reported: Int, _ total: Int, _ language: Language) -> String {
        language.text("results.coverage").replacingOccurrences(of: "{n}", with: language.number(reported))
            .replacingOccurrences(of: "{total}", with: language.number(total))
    }

    func percent(_ r: Rational, _ language: Language) -> String { language.percent(r) }

    /// "Last change to a form: …", or nil before any.
    func lastChange(_ last: Date?, _ election: Election, _ language: Language) -> String? {
        guard let last else { return nil }
        return language.text("results.last_change")
            .replacingOccurrences(of: "{time}", with: language.moment(last, utcOffsetMinutes: election.utcOffsetMinutes))
    }

    func totalsView(_ t: ResultTotals, parties: [Party], seats: [PartyNumber: Int]?, _ language: Language) -> TotalsView {
        let valid = t.counts.validVotes
        let lines = parties.filter { t.counts.votes[$0.id] != nil || (seats?[$0.id] ?? 0) > 0 }
            .sorted { (t.counts.votes[$0.id] ?? 0, -$0.id.rawValue) > (t.counts.votes[$1.id] ?? 0, -$1.id.rawValue) }
            .map { p in
                let votes = t.counts.votes[p.id] ?? 0
                return TotalsView.PartyLine(
                    ballot: language.digits(p.id.rawValue), name: language.pick(p.nameEnglish, p.nameKhmer), colour: Self.colour(party: p.id),
                    votes: language.number(votes), share: percent(valid == 0 ? Rational(0) : Rational(votes, valid), language),
                    seats: seats.map { language.number($0[p.id] ?? 0) })
            }
        return TotalsView(
            status: language.text(t.isOfficial ? "results.official" : "results.provisional"), official: t.isOfficial,
            coverage: coverage(t.stationsReported, t.stationsTotal, language),
            registered: language.number(t.counts.registeredVoters), cast: language.number(t.counts.ballotsInBox),
            turnout: t.stationsReported == 0 ? "–" : percent(t.turnout, language), valid: language.number(valid),
            invalid: language.number(t.counts.invalidBallots),
            invalidShare: t.stationsReported == 0 ? "–" : percent(t.invalidShare, language), parties: lines, hasSeats: seats != nil,
            reported: t.stationsReported > 0)
    }

    func unitRow(_ t: ResultTotals, href: String, name: String, parties: [Party], _ language: Language, detail: String = "") -> UnitRow {
        let leading = t.leadingParty.flatMap { id in parties.first { $0.id == id } }
        return UnitRow(
            href: href, name: name, coverage: "\(language.number(t.stationsReported))/\(language.number(t.stationsTotal))",
            turnout: t.stationsReported == 0 ? "–" : percent(t.turnout, language),
            leading: leading.map { language.pick($0.abbreviation.isEmpty ? $0.nameEnglish : $0.abbreviation, $0.nameKhmer) } ?? "–",
            detail: detail)
    }

    private func nationalResults(_ report: ResultsReport, lastFormChange: Date?, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let parties = report.parties
        let seats = report.seatsByParty
        var leadingFill: [String: String] = [:]
        var turnoutFill: [String: String] = [:]
        for c in report.constituencies where c.totals.stationsReported > 0 {
            if let leader = c.totals.leadingParty { leadingFill[c.constituency.id.rawValue] = Self.colour(party: leader) }
            turnoutFill[c.constituency.id.rawValue] = Self.turnoutColour(c.totals.turnout)
        }
        let provinces = report.constituencies.map { c in
            unitRow(
                c.totals, href: "/\(l)/results/provinces/\(c.constituency.id)",
                name: language.pick(c.constituency.nameEnglish, c.constituency.nameKhmer), parties: parties, language,
                detail: c.seats.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { id, n in
                    "\(parties.first { $0.id == id }.map { $0.abbreviation.isEmpty ? $0.nameEnglish : $0.abbreviation } ?? "") \(language.number(n))"
                }.joined(separator: ", ") + (c.tie == nil ? "" : " · " + language.text("results.tie_short")))
        }
        // Seats only from provinces whose count is complete, and said so while others count.
        let complete = report.constituencies.filter { $0.totals.stationsTotal > 0 && $0.totals.isComplete }.count
        let totals = totalsView(report.national, parties: parties, seats: complete == 0 ? nil : seats, language)
        let seatsNote = complete == report.constituencies.count ? nil : language.text("results.seats_from")
            .replacingOccurrences(of: "{n}", with: language.number(complete))
            .replacingOccurrences(of: "{total}", with: language.number(report.constituencies.count))
        let model = ResultsPage(
            totals: totals,
            leadingMap: maps.coloured(leadingFill, title: language.text("results.map_leading"), id: "leading-map", language: language, section: "results"),
            turnoutMap: maps.coloured(turnoutFill, title: language.text("results.map_turnout"), id: "turnout-map", language: language, section: "results"),
            legend: totals.parties.filter { line in report.constituencies.contains { $0.totals.leadingParty.map { language.digits($0.rawValue) } == line.ballot } },
            turnoutLegend: Self.turnoutLegend(language),
            units: provinces, detailHeading: complete == 0 ? nil : language.text("results.seats"),
            publications: try await store.publications().prefix(20).map { p in
                Link(href: "/\(l)/results/publications/\(p.number)", label: "\(language.text("results.publication")) \(language.number(p.number.rawValue))",
                     detail: "\(language.moment(p.publishedAt, utcOffsetMinutes: report.election.utcOffsetMinutes)) · \(coverage(p.stationsReported, p.stationsTotal, language)) · SHA-256 \(p.digest.prefix(16))…")
            },
            nistHref: "/api/v1/results/nist-cdf.json", jsonHref: "/api/v1/results",
            seatRules: Self.seatRules(report.election, language), seatsNote: seatsNote,
            lastChange: lastChange(lastFormChange, report.election, language))
        return page("results", language.text("results.title"), model, language, "/results")
    }

    private func provinceResults(
        _ code: ProvinceCode, _ report: ResultsReport, lastFormChange: Date?, _ language: Language
    ) async throws -> Response {
        let l = language.rawValue
        guard let c = report.constituencies.first(where: { $0.constituency.id == code }) else { throw StoreError.notFound("province", code.rawValue) }
        let communes = Dictionary(uniqueKeysWithValues: try await store.communes(inProvince: code).map { ($0.id.unit, $0) })
        let units = try await store.resultTotals(level: .commune, within: .province(code)).map { t in
            unitRow(t, href: "/\(l)/results/communes/\(t.code)",
                    name: communes[t.code].map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? t.code.rawValue, parties: report.parties, language)
        }
        let parties = Dictionary(uniqueKeysWithValues: report.parties.map { ($0.id, $0) })
        let model = UnitResultsPage(
            heading: language.pick(c.constituency.nameEnglish, c.constituency.nameKhmer),
            totals: totalsView(c.totals, parties: report.parties, seats: c.totals.isComplete && c.totals.stationsTotal > 0 ? c.seats : nil, language),
            tie: c.tie.map { tie in
                language.text("results.tie").replacingOccurrences(of: "{seats}", with: language.number(tie.seats))
                    .replacingOccurrences(of: "{parties}", with: tie.parties.compactMap { parties[$0].map { language.pick($0.nameEnglish, $0.nameKhmer) } }.joined(separator: ", "))
            },
            elected: c.elected.map { m in
                "\(parties[m.partyID].map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? "") · \(language.number(m.listPosition)). \(language.pick(m.name.latin, m.name.khmer))"
            },
            hasElected: !c.elected.isEmpty,
            seatsNote: c.totals.isComplete && c.totals.stationsTotal > 0 ? nil : language.text("results.seats_when_complete"),
            unfilled: c.unfilled.map { language.text("results.unfilled").replacingOccurrences(of: "{seats}", with: language.number($0)) },
            lastChange: lastChange(lastFormChange, report.election, language),
            units: units, unitsHeading: language.text("results.communes"), detailHeading: nil, csvProvince: code.rawValue,
            up: Link(href: "/\(l)/results", label: language.text("results.title")))
        return page("unit-results", model.heading, model, language, "/results/provinces/\(code)")
    }

    private func communeResults(_ code: CommuneCode, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let commune = try await store.commune(code)
        let parties = try await store.parties()
        guard let totals = try await store.resultTotals(level: .commune, within: code.unit).first else {
            throw StoreError.notFound("commune", code.rawValue)
        }
        let statuses = try await store.formStatuses(within: code.unit)
        let stationTotals = Dictionary(uniqueKeysWithValues: try await store.resultTotals(level: .station, within: code.unit).map { ($0.code, $0) })
        let units = try await store.pollingStations(inCommune: code).compactMap { s -> UnitRow? in
            guard let t = stationTotals[s.id.unit] else { return nil }
            return unitRow(t, href: "/\(l)/results/stations/\(s.id)", name: "\(s.id) \(language.pick(s.nameEnglish, s.nameKhmer))",
                           parties: parties, language, detail: language.text(KeyFamilies.formStatus, statuses[s.id] ?? .awaitingFirstEntry))
        }
        let province = try await store.constituency(commune.provinceCode)
        let model = UnitResultsPage(
            heading: language.pick(commune.nameEnglish, commune.nameKhmer),
            totals: totalsView(totals, parties: parties, seats: nil, language), tie: nil, elected: [], hasElected: false, seatsNote: nil,
            unfilled: nil, lastChange: lastChange(try await store.lastFormChange(), try await store.election(), language), units: units, unitsHeading: language.text("results.stations"), detailHeading: language.text("results.form_status"), csvProvince: nil,
            up: Link(href: "/\(l)/results/provinces/\(province.id)", label: language.pick(province.nameEnglish, province.nameKhmer)))
        return page("unit-results", model.heading, model, language, "/results/communes/\(code)")
    }

    private func stationResults(_ code: StationCode, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let station = try await store.pollingStation(code)
        let parties = try await store.parties()
        let versions = try await store.resultFormVersions(station: code)
        let totals = try await store.resultTotals(level: .station, within: code.unit).first
        let current = versions.last { $0.status == .accepted }
        let model = StationFormPage(
            heading: "\(code) \(language.pick(station.nameEnglish, station.nameKhmer))",
            totals: current == nil ? nil : totals.map { totalsView($0, parties: parties, seats: nil, language) },
            status: language.text(KeyFamilies.formStatus, versions.last?.status ?? .awaitingFirstEntry),
            versions: versions.map { v in
                .init(number: language.number(v.version), status: language.text(KeyFamilies.formStatus, v.status),
                      reason: v.reason ?? "", current: v.version == current?.version)
            },
            events: try await StationDeskPage.history(
                code, language, parties: parties, utcOffsetMinutes: try await store.election().utcOffsetMinutes, namingAccounts: false,
                store: store),
            up: Link(href: "/\(l)/results/communes/\(station.communeCode)", label: language.text("results.commune")),
            deskHref: "/\(l)/desk/stations/\(code)")
        return page("station-result", model.heading, model, language, "/results/stations/\(code)")
    }
}
