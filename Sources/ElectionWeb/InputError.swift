/// Input the portal refuses: which field, and why (a key into the `reason.*` strings).
struct InputError: Error, Equatable {
    /// The field as the client named it (a form field or a JSON property).
    let field: String
    let reason: String
    /// The key of the field's name in the `field.*` strings, when it differs from `field`.
    var label: String? = nil

    /// "Voter number must be 10 digits …", in `language`.
    func message(in language: Language) -> String {
        if reason == "one_question" || field.isEmpty { return language.text("reason.\(reason)") }
        return "\(language.text("field.\(label ?? field)")) \(language.text("reason.\(reason)"))"
    }
}
