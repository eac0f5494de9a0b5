/// Input the portal refuses: which field, and why (a key into the `reason.*` strings).
struct InputError: Error, Equatable {
    let field: String
    let reason: String

    /// "Voter number must be 10 digits …", in `language`.
    func message(in language: Language) -> String {
        if reason == "one_question" || field.isEmpty { return language.text("reason.\(reason)") }
        return "\(language.text("field.\(field)")) \(language.text("reason.\(reason)"))"
    }
}
