import ElectionCore
import Foundation

/// A mission's report as titled sections of paragraphs, lists and tables, in one language: the
/// one content that the report page, `sala report mission --format md` and `--format html` render.
struct MissionReportSections: Sendable {
    /// Stored properties only: templates see a value's stored properties, not computed ones.
    struct Section: Sendable {
        let title: String
        let paragraphs: [String]
        let items: [String]
        let hasItems: Bool
        let header: [String]
        let rows: [Row]
        let hasTable: Bool

        init(title: String, paragraphs: [String], items: [String], table: [[String]]) {
            self.title = title
            self.paragraphs = paragraphs
            self.items = items
            hasItems = !items.isEmpty
            header = table.first ?? []
            rows = table.dropFirst().map { Row(cells: $0) }
            hasTable = table.count > 1
        }
    }
    struct Row: Sendable {
        let cells: [String]
    }

    let title: String
    let subtitle: String
    let sections: [Section]
    /// The map of stations visited and incidents, on the page only (empty in documents).
    var map = ""
    var mapCaption = ""

    init(_ r: MissionReport, _ language: Language) {
        let l = language
        func fill(_ key: String, _ values: [String: String]) -> String { l.fill(key, values) }
        func percent(_ part: Int, _ whole: Int) -> String {
            let text = whole == 0 ? "0" : Rational(part, whole).percent(decimals: 0)
            return (l == .khmer ? Numerals.khmer(text) : text) + "%"
        }
        let m = r.mission
        let head = r.members.first(where: \.isHead)
        let s = r.statistics
        let f = r.findings
        title = l.pick(m.nameEnglish, m.nameKhmer)
        subtitle = l.pick(m.organisation, given: m.organisationKhmer)
        let provinceNames = l == .khmer ? r.provinceNamesKhmer ?? r.provinceNames : r.provinceNames
        var sections: [Section] = []
        sections.append(Section(
            title: l.text("report.composition"),
            paragraphs: [fill("report.composition_text", [
                "organisation": subtitle, "invited": l.pick(m.invitedBy, given: m.invitedByKhmer).joined(separator: l.text("report.and")),
                "date": m.invitationDate.map(l.longDate) ?? "–", "n": l.number(r.members.count),
                "head": head.map { "\($0.name), \(l.pick($0.title, given: $0.titleKhmer))" } ?? "–",
            ])] + (m.workingGroup.isEmpty ? [] : [fill("report.working_group", [
                "group": l.pick(m.workingGroup, given: m.workingGroupKhmer).joined(separator: "; ")])]),
            items: [],
            table: [[l.text("report.name"), l.text("report.body"), l.text("report.title_column"), l.text("report.accreditation")]]
                + r.members.map {
                    [$0.name, l.pick($0.body, given: $0.bodyKhmer), l.pick($0.title, given: $0.titleKhmer),
                     l.text(KeyFamilies.accreditation, $0.accreditation)
                        + ($0.badge.map { " · " + AccreditationApplication.badgeNumber($0) } ?? "")]
                }))
        let meetings = r.activities.filter { $0.kind != .legalFramework }
        sections.append(Section(
            title: l.text("report.activities"), paragraphs: [fill("report.activities_text", ["n": l.number(meetings.filter { $0.kind == .meeting }.count)])],
            items: meetings.map {
                "\(l.longDate($0.day)) · \(l.text(KeyFamilies.activity, $0.kind)) · \(l.pick($0.with, given: $0.withKhmer)): \(l.pick($0.notes, given: $0.notesKhmer))"
            }, table: []))
        func figures(_ line: CoverageSummary.Line) -> [String] {
            // Minutes to one decimal, exactly: seconds / 60, written by `percent` as seconds / 6,000 × 100.
            [l.localDigits(Rational(line.seconds, 6_000).percent(decimals: 1)), l.number(line.columnSpace),
             l.number(line.items[.positive] ?? 0), l.number(line.items[.neutral] ?? 0), l.number(line.items[.negative] ?? 0)]
        }
        if let coverage = r.coverage, !coverage.lines.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: (r.parties ?? []).map { ($0.id, l.pick($0.nameEnglish, $0.nameKhmer)) })
            sections.append(Section(
                title: l.text("report.media"),
                paragraphs: [fill("report.media_text", [
                    "items": l.number(coverage.lines.map { $0.items.values.reduce(0, +) }.reduce(0, +)), "outlets": l.number(coverage.outlets),
                ])],
                items: [],
                table: [[l.text("report.party"), l.text("report.media_minutes"), l.text("report.media_space"),
                         l.text(KeyFamilies.tone, .positive), l.text(KeyFamilies.tone, .neutral), l.text(KeyFamilies.tone, .negative)]]
                    + coverage.lines.map { [names[$0.party] ?? String($0.party.rawValue)] + figures($0) }))
            if let byOutlet = coverage.byOutlet {
                sections.append(Section(
                    title: l.text("report.media_outlets"), paragraphs: [], items: [],
                    table: [[l.text("report.outlet"), l.text("report.party"), l.text("report.media_minutes"), l.text("report.media_space"),
                             l.text(KeyFamilies.tone, .positive), l.text(KeyFamilies.tone, .neutral), l.text(KeyFamilies.tone, .negative)]]
                        + byOutlet.map { [$0.outlet, names[$0.line.party] ?? String($0.line.party.rawValue)] + figures($0.line) }))
            }
        }
        if let quickCount = r.quickCount {
            sections.append(QuickCountText(language: l).reportSection(quickCount, parties: r.parties ?? [], provinceNames: r.provinceNames,
                                                                      provinceNamesKhmer: r.provinceNamesKhmer))
        }
        sections.append(Section(
            title: l.text("report.legal_framework"), paragraphs: r.activities.filter { $0.kind == .legalFramework }.map {
                "\(l.pick($0.with, given: $0.withKhmer)): \(l.pick($0.notes, given: $0.notesKhmer))"
            },
            items: [], table: []))
        sections.append(Section(
            title: l.text("report.parliament"),
            paragraphs: [fill("report.parliament_text", ["seats": l.number(r.election.seats), "constituencies": l.number(s.provinces)])],
            items: [], table: []))
        let members = s.commissionMembers.values.reduce(0, +)
        sections.append(Section(
            title: l.text("report.commissions"),
            paragraphs: [fill("report.commissions_text", [
                "provincial": l.number(r.commissions["provincial"] ?? 0), "commune": l.number(r.commissions["commune"] ?? 0),
                "station": l.number(r.commissions["polling-station"] ?? 0), "members": l.number(members),
            ])],
            items: [], table: []))
        sections.append(Section(
            title: l.text("report.preparations"),
            paragraphs: [fill("report.preparations_text", [
                "voters": l.number(s.registeredVoters), "stations": l.number(s.pollingStations), "communes": l.number(s.communes),
            ])],
            items: [], table: []))
        sections.append(Section(
            title: l.text("report.parties"),
            paragraphs: [fill("report.parties_text", [
                "parties": l.number(s.parties), "candidates": l.number(s.candidates), "women": l.number(s.womenCandidates),
                "share": percent(s.womenCandidates, s.candidates),
            ])],
            items: [], table: []))
        sections.append(Section(
            title: l.text("report.observers"),
            paragraphs: [r.accreditedObservers["journalists"] == nil
                ? fill("report.observers_text_missions", [
                    "international": l.number(r.accreditedObservers["international"] ?? 0),
                    "domestic": l.number(r.accreditedObservers["domestic"] ?? 0)])
                : fill("report.observers_text", r.accreditedObservers.mapValues(l.number))],
            items: [], table: []))
        let provinces = f.provinces.map { provinceNames[$0] ?? $0.rawValue }.joined(separator: l.text("report.and"))
        var day = [fill("report.election_day_text", [
            "open": l.localDigits(r.election.pollsOpen), "close": l.localDigits(r.election.pollsClose), "stations": l.number(f.stationsVisited),
            "provinces": provinces, "checklists": l.number(f.checklists),
        ])]
        func counted(_ n: Int, _ none: String, _ one: String, _ many: String) -> String {
            n == 0 ? l.text(none) : n == 1 ? l.text(one) : fill(many, ["n": l.number(n)])
        }
        day.append(counted(f.complaints, "report.no_complaints", "report.one_complaint", "report.complaints"))
        day.append(counted(f.incidentsByCategory.values.reduce(0, +), "report.no_incidents", "report.one_incident", "report.incidents"))
        let questions = r.forms
        let seen = f.questions.filter { $0.counts["yes"] != nil || $0.counts["no"] != nil }.map { finding -> [String] in
            let q = questions.first { $0.id == finding.formID }?.question(finding.questionID)
            return [l.pick(q?.english ?? finding.questionID, q?.khmer ?? finding.questionID), l.number(finding.answered),
                    percent(finding.counts["yes"] ?? 0, finding.answered)]
        }
        let names = Dictionary(uniqueKeysWithValues: r.members.map { ($0.seat, $0.name) })
        let teams = r.teams.map { t in
            fill("report.team", [
                "team": t.name, "members": t.members.compactMap { names[$0] }.joined(separator: ", "),
                "area": t.area.map { unit -> String in
                    guard let name = unit.province.flatMap({ provinceNames[$0] }) else { return unit.rawValue }
                    return unit.level == .province ? name : "\(unit) (\(name))"
                }.joined(separator: ", "),
                "n": l.number(r.visitsByTeam[t.name] ?? 0),
            ])
        }
        sections.append(Section(
            title: l.text("report.election_day"), paragraphs: day, items: teams,
            table: [[l.text("report.question"), l.text("report.answered"), l.text("report.yes")]] + seen))
        if let statement = r.statement {
            sections.append(Section(
                title: l.text("report.assessment"), paragraphs: [l.pick(statement.assessmentEnglish, statement.assessmentKhmer)], items: [], table: []))
            sections.append(Section(
                title: l.text("report.conclusions"), paragraphs: [l.pick(statement.conclusionsEnglish, statement.conclusionsKhmer)], items: [], table: []))
        }
        self.sections = sections
    }

    /// The report as Markdown.
    var markdown: String {
        let md = MarkdownText.escaped
        var out = "# \(md(title))\n\n\(md(subtitle))\n"
        for section in sections {
            out += "\n## \(md(section.title))\n\n"
            for p in section.paragraphs { out += "\(md(p))\n\n" }
            for item in section.items { out += "- \(MarkdownText.line(item))\n" }
            if !section.items.isEmpty { out += "\n" }
            if section.hasTable {
                out += "| " + section.header.map(MarkdownText.line).joined(separator: " | ") + " |\n"
                out += "|" + String(repeating: "---|", count: section.header.count) + "\n"
                for row in section.rows { out += "| " + row.cells.map(MarkdownText.line).joined(separator: " | ") + " |\n" }
                out += "\n"
            }
        }
        return out
    }
}
