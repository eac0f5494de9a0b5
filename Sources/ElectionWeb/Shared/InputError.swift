import ElectionCore

/// Input the portal refuses: which field, and why (a key into the `reason.*` strings).
struct InputError: Error, Equatable {
    /// The field as the client named it (a form field or a JSON property).
    let field: String
    let reason: String
    /// The key of the field's name in the `field.*` strings, when it differs from `field`.
    var label: String? = nil

    /// "Voter number must be 10 digits …", in `language`.
    func message(in language: Language) -> String {
        // `reason` and `field` are written as literals where the error is made (`reason: "missing"`),
        // and the register's and checklists' reasons come from `KeyFamilies`; a test finds both.
        let reasonText = language.text("reason." + reason)
        if reason == "one_question" || field.isEmpty { return reasonText }
        return "\(language.text("field." + (label ?? field))) \(reasonText)"
    }
}

extension InputError {
    /// A new password's fault as a reason (`password.too_short`, the string `reason.password.too_short`).
    static func passwordReason(_ problem: PasswordRule.Problem) -> String {
        String(KeyFamilies.passwordProblem.key(problem).dropFirst("reason.".count))
    }

    /// A register line's fault as a reason (`register.under_age`, the string `reason.register.under_age`).
    static func registerReason(_ code: RowRejection.Code) -> String {
        String(KeyFamilies.registerRejection.key(code).dropFirst("reason.".count))
    }

    /// A checklist answer's fault as a reason (`checklist.missing`).
    static func checklistReason(_ problem: ChecklistProblem.Reason) -> String {
        String(KeyFamilies.checklistProblem.key(problem).dropFirst("reason.".count))
    }
}
