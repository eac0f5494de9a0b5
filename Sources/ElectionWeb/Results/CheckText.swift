import ElectionCore

/// What a result-form check found, in the reader's words and digits: one wording for the desk's
/// warnings and for every refusal (``ErrorMiddleware``), on pages and in the API.
enum CheckText {
    /// "F09: Invalid ballots are 12.50% of the ballots in the box (100 of 800); the limit is 10%."
    /// Without figures, the rule itself.
    static func found(_ check: String, _ figures: [String: FormCheck.Figure]?, _ language: Language) -> String {
        "\(check): \(text(check, figures, language))"
    }

    /// The same without the check's number, for a page that shows the number apart.
    static func text(_ check: String, _ figures: [String: FormCheck.Figure]?, _ language: Language) -> String {
        guard let figures else { return language.text(KeyFamilies.check, check) }
        var text = language.text(KeyFamilies.checkFound, check)
        for (name, figure) in figures {
            let shown = switch figure {
            case .count(let n): language.number(n)
            case .share(let r): language.percent(r)
            }
            text = text.replacingOccurrences(of: "{\(name)}", with: shown)
        }
        return text
    }
}
