import ElectionCore
import ElectionStore
import Hummingbird

/// Every election the database holds, newest first, and a choice of two to compare.
struct ElectionsPage: Sendable {
    struct Row: Sendable {
        let link: Link
        let day: String
        let seats: String
        let held: String
    }
    let lang: String
    let rows: [Row]
    /// The comparison form's two choices, the newest election chosen first and the one before it second.
    let first: [Choice]
    let second: [Choice]
}

/// One election as kept in its record: totals, parties, and seats by constituency, each figure
/// marked where it was not published.
struct ElectionRecordPage: Sendable {
    struct PartyRow: Sendable {
        let name: String
        let votes: String
        let share: String
        let seats: String
    }
    struct ConstituencyRow: Sendable {
        let name: String
        let seats: String
        let won: String
        let votes: String
    }
    let heading: String
    let day: String
    let status: String
    let totals: [Fact]
    let parties: [PartyRow]
    let constituencies: [ConstituencyRow]
    let sources: [Fact]
    let compare: [Link]
    /// The observer missions' reports kept with the election.
    let missions: [Link]
    let jsonHref: String
}

/// Two elections side by side.
struct ElectionComparisonPage: Sendable {
    struct Side: Sendable {
        let votes: String
        let share: String
        let seats: String
    }
    struct PartyRow: Sendable {
        let name: String
        let earlier: Side
        let later: Side
        /// Change in share, in percentage points, where both shares are known.
        let shareChange: String
        let seatChange: String
    }
    struct TotalRow: Sendable {
        let label: String
        let earlier: String
        let later: String
    }
    struct ConstituencyRow: Sendable {
        let name: String
        let earlier: String
        let later: String
    }
    struct ConstituencyParties: Sendable {
        let name: String
        let parties: [PartyRow]
    }
    let heading: String
    let earlierName: String
    let laterName: String
    let earlierLink: Link
    let laterLink: Link
    /// How far each side's figures go (official, provisional, or a count covering some stations).
    let earlierStatus: String
    let laterStatus: String
    let partial: Bool
    let totals: [TotalRow]
    let parties: [PartyRow]
    let constituencies: [ConstituencyRow]
    /// Constituencies where both elections published votes, each with its parties.
    let votesByConstituency: [ConstituencyParties]
    let hasVotesByConstituency: Bool
    let jsonHref: String
}

/// The elections pages: the list, one election's record, and a comparison of two. The current
/// election's own pages are the results pages; its id here leads there.
struct ElectionPages: PageController {
    let store: any ElectionStore & ElectionRecordStore & ResultStore
    let reports: ReportCache
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("elections") { _, context in try await elections(context.language) }
        router.get("elections/comparison") { request, context in
            let query = Input.query(of: request)
            let a = try Input.electionID(query["first"].map(String.init), field: "first")
            let b = try Input.electionID(query["second"].map(String.init), field: "second")
            return Response.redirect(to: "/\(context.language.rawValue)/elections/\(a)/comparison/\(b)", type: .normal)
        }
        router.get("elections/:id") { _, context in
            let id = try Input.electionID(context.parameters.get("id"), field: "election")
            if try await store.election().id == id { return Response.redirect(to: "/\(context.language.rawValue)/results", type: .normal) }
            return try await record(try await store.electionRecord(id), context.language)
        }
        router.get("elections/:id/missions/:mission") { _, context in
            let language = context.language
            let id = try Input.electionID(context.parameters.get("id"), field: "election")
            let mission = try Input.missionID(context.parameters.get("mission"))
            if try await store.election().id == id {
                return Response.redirect(to: "/\(language.rawValue)/missions/\(mission)", type: .normal)
            }
            guard let report = try await store.electionRecord(id).missionReports.first(where: { $0.mission.id == mission }) else {
                throw StoreError.notFound("mission", mission.rawValue)
            }
            let sections = MissionReportSections(report, language)
            return page("mission-report", sections.title, sections, language, "/elections/\(id)/missions/\(mission)")
        }
        router.get("elections/:id/comparison/:other") { _, context in
            let a = try Input.electionID(context.parameters.get("id"), field: "election")
            let b = try Input.electionID(context.parameters.get("other"), field: "election")
            return try await comparison(a, b, context.language)
        }
    }

    /// An election in a record's shape: the current one from the results as they stand (the
    /// cached report the results pages use), a kept one as recorded.
    func recorded(_ id: String) async throws -> ElectionRecord {
        if try await store.election().id == id { return ElectionRecord(report: try await reports.report()) }
        return try await store.electionRecord(id)
    }

    func elections(_ language: Language) async throws -> Response {
        let l = language.rawValue
        let all = try await store.elections()
        let model = ElectionsPage(
            lang: l,
            rows: all.map { e in
                .init(link: Link(href: "/\(l)/elections/\(e.id)", label: language.pick(e.nameEnglish, e.nameKhmer)),
                      day: language.longDate(e.electionDay), seats: language.number(e.seats),
                      held: e.current ? language.text("elections.current") : e.status.map { language.text(KeyFamilies.recordStatus, $0) } ?? "")
            },
            first: all.enumerated().map { Choice(value: $1.id, label: language.pick($1.nameEnglish, $1.nameKhmer), selected: $0 == 0) },
            second: all.enumerated().map { Choice(value: $1.id, label: language.pick($1.nameEnglish, $1.nameKhmer), selected: $0 == 1) })
        return page("elections", language.text("elections.title"), model, language, "/elections")
    }

    func record(_ record: ElectionRecord, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let e = record.election
        let n = language.number
        let unknown = language.text("elections.not_published")
        func figure(_ value: Int?) -> String { value.map(n) ?? unknown }
        let t = record.national.totals
        let name: (Party) -> String = { language.pick($0.nameEnglish, $0.nameKhmer.isEmpty ? $0.nameEnglish : $0.nameKhmer) }
        let parties = record.parties.map { party -> (Party, ElectionRecord.PartyFigures?) in (party, record.national.figures(of: party.id)) }
            .sorted { ($0.1?.votes ?? -1, $0.1?.seats ?? -1) > ($1.1?.votes ?? -1, $1.1?.seats ?? -1) }
        let others = try await store.elections().filter { $0.id != e.id }
        let model = ElectionRecordPage(
            heading: language.pick(e.nameEnglish, e.nameKhmer), day: language.longDate(e.electionDay),
            status: language.text(KeyFamilies.recordStatus, record.status),
            totals: [
                Fact(label: language.text("elections.seats"), value: n(e.seats)),
                Fact(label: language.text("elections.registered"), value: figure(t.registeredVoters)),
                Fact(label: language.text("elections.cast"), value: figure(t.ballotsCast)),
                Fact(label: language.text("elections.turnout"), value: Self.share(t.ballotsCast, of: t.registeredVoters, language) ?? unknown),
                Fact(label: language.text("elections.valid"), value: figure(t.validVotes)),
                Fact(label: language.text("elections.invalid"), value: figure(t.invalidVotes)),
            ],
            parties: parties.map { party, figures in
                .init(name: name(party), votes: figure(figures?.votes),
                      share: Self.share(figures?.votes, of: t.validVotes, language) ?? unknown, seats: figure(record.seats(of: party.id)))
            },
            constituencies: record.constituencies.sorted { $0.id < $1.id }.map { c in
                let unit = record.byConstituency[c.id]
                let won = record.parties.compactMap { party -> String? in
                    guard let seats = record.seats(of: party.id, in: c.id), seats > 0 else { return nil }
                    return "\(party.abbreviation.isEmpty ? name(party) : party.abbreviation) \(n(seats))"
                }
                return .init(
                    name: language.pick(c.nameEnglish, c.nameKhmer), seats: n(c.seats),
                    won: won.isEmpty ? unknown : won.joined(separator: " · "), votes: figure(unit?.totals.validVotes))
            },
            sources: record.provenance.sorted { $0.key < $1.key }.map { Fact(label: $0.key.replacingOccurrences(of: "_", with: " "), value: $0.value) },
            compare: others.map { other in
                Link(href: "/\(l)/elections/\(e.id)/comparison/\(other.id)",
                     label: language.text("elections.compare_with").replacingOccurrences(of: "{name}", with: language.pick(other.nameEnglish, other.nameKhmer)))
            },
            missions: record.missionReports.map {
                Link(href: "/\(l)/elections/\(e.id)/missions/\($0.mission.id)", label: language.pick($0.mission.nameEnglish, $0.mission.nameKhmer),
                     detail: language.pick($0.mission.organisation, given: $0.mission.organisationKhmer))
            },
            jsonHref: "/api/v1/elections/\(e.id)")
        return page("election-record", model.heading, model, language, "/elections/\(e.id)")
    }

    func comparison(_ a: String, _ b: String, _ language: Language) async throws -> Response {
        let l = language.rawValue
        let c = ElectionComparison(try await recorded(a), try await recorded(b))
        let n = language.number
        let none = language.text("elections.did_not_stand")
        /// What an unknown figure of `record` is: not published, or not counted yet.
        func unknown(_ record: ElectionRecord) -> String {
            language.text(record.status == .counting ? "elections.not_counted" : "elections.not_published")
        }
        func side(_ f: ElectionComparison.Figures?, _ record: ElectionRecord) -> ElectionComparisonPage.Side {
            guard let f else { return .init(votes: none, share: "", seats: "") }
            let missing = unknown(record)
            return .init(votes: f.votes.map(n) ?? missing, share: f.share.map { language.percent($0) } ?? missing, seats: f.seats.map(n) ?? missing)
        }
        func status(_ r: ElectionRecord) -> String {
            let s = language.text(KeyFamilies.recordStatus, r.status)
            guard r.status == .counting, let reported = r.national.stationsReported, let total = r.national.stationsTotal else { return s }
            return s + ": " + language.text("results.coverage").replacingOccurrences(of: "{n}", with: n(reported))
                .replacingOccurrences(of: "{total}", with: n(total))
        }
        func totals(_ label: String, _ key: KeyPath<ElectionRecord.Totals, Int?>) -> ElectionComparisonPage.TotalRow {
            .init(label: language.text(label), earlier: c.national.earlierTotals[keyPath: key].map(n) ?? unknown(c.earlier),
                  later: c.national.laterTotals[keyPath: key].map(n) ?? unknown(c.later))
        }
        let (et, lt) = (c.national.earlierTotals, c.national.laterTotals)
        let name: (ElectionComparison.PartyLine) -> String = {
            let local = language.pick($0.nameEnglish, $0.nameKhmer.isEmpty ? $0.nameEnglish : $0.nameKhmer)
            return $0.abbreviation.isEmpty || $0.abbreviation == $0.nameEnglish ? local : "\(local) (\($0.abbreviation))"
        }
        func seatsWon(_ unit: ElectionComparison.Unit, _ record: ElectionRecord, _ pick: (ElectionComparison.PartyLine) -> ElectionComparison.Figures?) -> String {
            let won = unit.parties.compactMap { line -> String? in
                guard let seats = pick(line)?.seats, seats > 0 else { return nil }
                return "\(line.abbreviation.isEmpty ? name(line) : line.abbreviation) \(n(seats))"
            }
            let known = unit.parties.contains { pick($0)?.seats != nil }
            return won.isEmpty ? (known ? n(0) : unknown(record)) : won.joined(separator: " · ")
        }
        func partyRow(_ line: ElectionComparison.PartyLine) -> ElectionComparisonPage.PartyRow {
            var change = "", seatChange = ""
            if let before = line.earlier?.share, let after = line.later?.share { change = Self.points(from: before, to: after, language) }
            if let before = line.earlier?.seats, let after = line.later?.seats { seatChange = (after >= before ? "+" : "−") + n(abs(after - before)) }
            return .init(name: name(line), earlier: side(line.earlier, c.earlier), later: side(line.later, c.later), shareChange: change, seatChange: seatChange)
        }
        // Votes by constituency only where both elections published them.
        let votesByConstituency = c.constituencies.filter { unit in
            unit.parties.contains { $0.earlier?.votes != nil } && unit.parties.contains { $0.later?.votes != nil }
        }.map { unit in
            ElectionComparisonPage.ConstituencyParties(
                name: unit.constituency.map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? "", parties: unit.parties.map(partyRow))
        }
        let model = ElectionComparisonPage(
            heading: language.text("elections.comparison"),
            // Column headings are short for phones: the year, or the whole date when both are in one year.
            earlierName: Self.shortName(c.earlier.election.electionDay, beside: c.later.election.electionDay, language),
            laterName: Self.shortName(c.later.election.electionDay, beside: c.earlier.election.electionDay, language),
            earlierLink: Link(href: "/\(l)/elections/\(c.earlier.election.id)", label: language.pick(c.earlier.election.nameEnglish, c.earlier.election.nameKhmer)),
            laterLink: Link(href: "/\(l)/elections/\(c.later.election.id)", label: language.pick(c.later.election.nameEnglish, c.later.election.nameKhmer)),
            earlierStatus: status(c.earlier), laterStatus: status(c.later),
            partial: c.earlier.status == .counting || c.later.status == .counting,
            totals: [
                totals("elections.registered", \.registeredVoters), totals("elections.cast", \.ballotsCast),
                // Turnout of a count under way would set part of the ballots against the whole register.
                .init(label: language.text("elections.turnout"),
                      earlier: c.earlier.status == .counting ? unknown(c.earlier) : Self.share(et.ballotsCast, of: et.registeredVoters, language) ?? unknown(c.earlier),
                      later: c.later.status == .counting ? unknown(c.later) : Self.share(lt.ballotsCast, of: lt.registeredVoters, language) ?? unknown(c.later)),
                totals("elections.valid", \.validVotes), totals("elections.invalid", \.invalidVotes),
            ],
            parties: c.national.parties.map(partyRow),
            constituencies: c.constituencies.map { unit in
                .init(name: unit.constituency.map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? "",
                      earlier: seatsWon(unit, c.earlier, \.earlier), later: seatsWon(unit, c.later, \.later))
            },
            votesByConstituency: votesByConstituency, hasVotesByConstituency: !votesByConstituency.isEmpty,
            jsonHref: "/api/v1/elections/\(a)/comparison/\(b)")
        return page("election-comparison", "\(model.heading): \(model.earlierName), \(model.laterName)", model, language,
                    "/elections/\(a)/comparison/\(b)")
    }

    static func shortName(_ day: CalendarDate, beside other: CalendarDate, _ language: Language) -> String {
        day.year == other.year ? language.longDate(day) : language.digits(day.year)
    }

    /// `part` of `whole` as a percentage, when both are known and `whole` is not 0.
    static func share(_ part: Int?, of whole: Int?, _ language: Language) -> String? {
        guard let part, let whole, whole > 0 else { return nil }
        return language.percent(Rational(part, whole))
    }

    /// The change from share `before` to `after`, in signed percentage points; empty if the
    /// exact difference would not fit in 64 bits.
    static func points(from before: Rational, to after: Rational, _ language: Language) -> String {
        let (a, o1) = after.numerator.multipliedReportingOverflow(by: before.denominator)
        let (b, o2) = before.numerator.multipliedReportingOverflow(by: after.denominator)
        let (d, o3) = before.denominator.multipliedReportingOverflow(by: after.denominator)
        // percent(decimals: 2) multiplies the numerator by 10,000.
        guard !o1, !o2, !o3, max(a, b) < Int.max / 20_000 else { return "" }
        let numerator = a - b
        let magnitude = Rational(abs(numerator), d).percent(decimals: 2)
        return language.localDigits((numerator < 0 ? "−" : "+") + magnitude)
    }
}
