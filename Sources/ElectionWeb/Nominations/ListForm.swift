import ElectionCore
import Foundation

/// The candidate-list form, the same for a party's agent and for the NEC: one row per place
/// (titular places first, then reserves), each with the voter number, the name as on the register
/// and the declaration of nationality by birth. Empty rows at the end are left out.
struct ListForm: Sendable {
    struct Row: Sendable {
        let index: Int
        let position: String
        let reserve: Bool
        let voterNumber: String
        let name: String
        let nationalByBirth: Bool
    }
    let rows: [Row]

    /// The form for a constituency with `seats` seats, filled with `current` (what was typed, or the
    /// list as it stands).
    init(seats: Int, election: Election, current: [(voterNumber: String, name: String, national: Bool)], language: Language) {
        let places = min(seats + election.reserveCandidates.upperBound, Self.mostRows)
        rows = (0..<max(places, current.count)).map { index in
            let typed = index < current.count ? current[index] : ("", "", false)
            return Row(index: index, position: language.number(index + 1), reserve: index >= seats, voterNumber: typed.0,
                       name: typed.1, nationalByBirth: typed.2)
        }
    }

    /// More rows than any constituency's list is a form no phone should have to show.
    static let mostRows = 60

    /// The rows typed, in order: `voter.N`, `name.N`, `national.N`. A row with neither voter number
    /// nor name ends nothing (a blank row in the middle is skipped); a half-filled row is refused
    /// naming its field.
    static func typed(_ fields: [String: String]) -> [(voterNumber: String, name: String, national: Bool)] {
        (0..<mostRows).compactMap { index in
            let number = fields["voter.\(index)"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let name = fields["name.\(index)"]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !number.isEmpty || !name.isEmpty else { return nil }
            return (number, name, fields["national.\(index)"] == "yes")
        }
    }

    /// A refused field of the form as a sentence naming the candidate's place.
    static func message(_ error: InputError, in language: Language) -> String {
        guard let index = error.field.split(separator: ".").last.flatMap({ Int($0) }) else { return error.message(in: language) }
        return language.text("nominations.problem_at_place").replacingOccurrences(of: "{n}", with: language.number(index + 1))
            .replacingOccurrences(of: "{rule}", with: error.message(in: language))
    }

    /// The nominees typed, or the first field that is not one.
    static func nominees(_ typed: [(voterNumber: String, name: String, national: Bool)]) throws -> [Nominee] {
        try typed.enumerated().map { index, row in
            try nominee(voterNumber: row.voterNumber, name: row.name, national: row.national,
                        fields: (voter: "voter.\(index)", name: "name.\(index)"))
        }
    }

    /// One nominee from what was typed or sent; an ``InputError`` names `fields` (labelled as the
    /// candidate's voter number or name).
    static func nominee(voterNumber: String?, name: String?, national: Bool, fields: (voter: String, name: String)) throws -> Nominee {
        guard let number = voterNumber.flatMap({ VoterNumber($0) }) else {
            throw InputError(field: fields.voter, reason: "voter_number", label: "candidateVoterNumber")
        }
        let name = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !name.isEmpty else { throw InputError(field: fields.name, reason: "missing", label: "candidateName") }
        guard name.count <= Input.maximumLength else { throw InputError(field: fields.name, reason: "too_long", label: "candidateName") }
        return Nominee(voterNumber: number, name: name, nationalByBirth: national)
    }
}
