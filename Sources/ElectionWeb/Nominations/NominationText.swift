import ElectionCore
import Foundation

/// The calendar's and the nominations' words, in the user's language.
enum NominationText {
    /// Each problem of a refused list as a sentence: the candidate (position and name) and the rule.
    static func messages(_ problems: [NominationProblem], in language: Language) -> [String] {
        problems.map { problem in
            var rule = language.text(KeyFamilies.nominationRule, problem.rule)
            if let allowed = problem.allowed {
                rule = rule.replacingOccurrences(of: "{min}", with: language.number(allowed.lowerBound))
                    .replacingOccurrences(of: "{max}", with: language.number(allowed.upperBound))
            }
            guard let position = problem.position else { return rule }
            return language.text("nominations.problem_at")
                .replacingOccurrences(of: "{n}", with: language.number(position))
                .replacingOccurrences(of: "{name}", with: problem.candidate ?? "")
                .replacingOccurrences(of: "{rule}", with: rule)
        }
    }

    /// Whether a milestone is open, over or to come on `day`.
    static func state(_ window: ClosedRange<CalendarDate>, on day: CalendarDate, _ language: Language) -> String {
        if window.contains(day) { return language.text("calendar.open") }
        return language.text(day < window.lowerBound ? "calendar.upcoming" : "calendar.closed")
    }

    /// "Candidate lists are received from … to …: open now", for the agent's and the NEC's pages.
    static func nominations(_ window: ClosedRange<CalendarDate>?, today: CalendarDate, _ language: Language) -> String {
        guard let window else { return "" }
        return language.text("nominations.window").replacingOccurrences(of: "{opens}", with: language.longDate(window.lowerBound))
            .replacingOccurrences(of: "{closes}", with: language.longDate(window.upperBound)) + " " + state(window, on: today, language)
    }
}
