import ElectionCore
import ElectionStore
import Foundation

/// How a complaint reads on the pages, the complainant's and the commissions' alike: its
/// commission's name and each of its steps. The commissions' names are read once, when it is
/// made for the complaints a page shows, not once per row or step.
struct ComplaintText {
    let language: Language
    let election: Election
    /// The name of each commune and province the complaints name.
    private let names: [UnitCode: String]

    /// One step of the history: what happened, when, and what was said.
    struct Step: Sendable {
        let when: String
        let what: String
        let reasons: String?
    }

    /// Reads the names of the communes and provinces that handled or hear `complaints`.
    init(language: Language, store: any PortalStore, election: Election, complaints: [Complaint]) async throws {
        self.language = language
        self.election = election
        let units = Set(complaints.flatMap { [$0.handlingUnit] + $0.steps.map(\.unit) })
        var names: [UnitCode: String] = [:]
        if units.contains(where: { $0.level == .province }) {
            for province in try await store.constituencies() { names[.province(province.id)] = language.pick(province.nameEnglish, province.nameKhmer) }
        }
        for case .commune(let code) in units {
            if let commune = try? await store.commune(code) { names[.commune(code)] = language.pick(commune.nameEnglish, commune.nameKhmer) }
        }
        self.names = names
    }

    /// "Phnom Penh provincial election commission", "National Election Committee".
    func commission(_ unit: UnitCode) -> String {
        guard unit.level == .province || unit.level == .commune else { return language.text("complaint.commission.national") }
        return language.text(unit.level == .province ? "complaint.commission.province" : "complaint.commission.commune")
            .replacingOccurrences(of: "{name}", with: names[unit] ?? unit.rawValue)
    }

    func day(_ day: CalendarDate?) -> String { day.map(language.longDate) ?? "" }

    func moment(_ instant: Date) -> String { language.moment(instant, utcOffsetMinutes: election.utcOffsetMinutes) }

    func steps(_ complaint: Complaint) -> [Step] {
        var steps: [Step] = []
        for step in complaint.steps.reversed() {
            let commission = commission(step.unit)
            let what: String = switch step.kind {
            case .received: language.text("complaint.step.received").replacingOccurrences(of: "{commission}", with: commission)
                .replacingOccurrences(of: "{day}", with: day(step.decideBy))
            case .hearing: language.text("complaint.step.hearing").replacingOccurrences(of: "{when}", with: step.hearingAt.map(moment) ?? "")
                .replacingOccurrences(of: "{place}", with: step.hearingPlace ?? "")
            case .decision: language.text("complaint.step.decision").replacingOccurrences(of: "{commission}", with: commission)
                .replacingOccurrences(of: "{outcome}", with: step.outcome.map { language.text(KeyFamilies.complaintOutcome, $0) } ?? "")
            case .appeal: language.text("complaint.step.appeal").replacingOccurrences(of: "{commission}", with: commission)
                .replacingOccurrences(of: "{day}", with: day(step.decideBy))
            }
            steps.append(Step(when: moment(step.at), what: what, reasons: step.reasons))
        }
        return steps
    }

    /// The categories as a form's choices.
    static func categories(selected: String?, _ language: Language) -> [Choice] {
        ComplaintCategory.allCases.map { Choice(value: $0.rawValue, label: language.text(KeyFamilies.complaintCategory, $0), selected: $0.rawValue == selected) }
    }
}
