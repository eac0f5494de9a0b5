import ElectionCore
import ElectionStore
import Foundation

/// How a complaint reads on the pages, the complainant's and the commissions' alike: its
/// commission's name, its status and each of its steps.
struct ComplaintText {
    let language: Language
    let store: any PortalStore
    let election: Election

    /// One step of the history: what happened, when, and what was said.
    struct Step: Sendable {
        let when: String
        let what: String
        let reasons: String?
    }

    /// "Phnom Penh provincial election commission", "National Election Committee".
    func commission(_ unit: UnitCode) async -> String {
        let name: String
        switch unit {
        case .nation, .station: return language.text("complaint.commission.national")
        case .province(let code):
            let province = (try? await store.constituencies())?.first { $0.id == code }
            name = province.map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? code.rawValue
        case .commune(let code):
            name = (try? await store.commune(code)).map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? code.rawValue
        }
        return language.text(unit.level == .province ? "complaint.commission.province" : "complaint.commission.commune")
            .replacingOccurrences(of: "{name}", with: name)
    }

    func status(_ complaint: Complaint) -> String {
        language.text(KeyFamilies.complaintStatus, complaint.status(on: election.localDay(at: Date())))
    }

    func day(_ day: CalendarDate?) -> String { day.map(language.longDate) ?? "" }

    func moment(_ instant: Date) -> String { language.moment(instant, utcOffsetMinutes: election.utcOffsetMinutes) }

    func steps(_ complaint: Complaint) async -> [Step] {
        var steps: [Step] = []
        for step in complaint.steps.reversed() {
            let commission = await commission(step.unit)
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
    func categories(selected: String?) -> [Choice] {
        ComplaintCategory.allCases.map { Choice(value: $0.rawValue, label: language.text(KeyFamilies.complaintCategory, $0), selected: $0.rawValue == selected) }
    }
}
