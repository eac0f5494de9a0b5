import ElectionCore
import Foundation

/// JSON decoded into the domain's types that API bodies and bundle files become. The first byte
/// chooses the type (its value modulo ``kinds``, so a seed starting `0` to `5` reads as one of
/// them); what decodes is encoded and must decode to the same value.
///
/// The API's own body types (`ElectionWeb/*Input`, `ChecklistIntake.Fields`) hold optional
/// strings and numbers that JSONDecoder fills and the domain's parsers read (see
/// ``FieldsFuzz``); building Hummingbird with the fuzzer to reach them would add nothing here.
enum JSONFuzz {
    static let kinds = 6

    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard let first = bytes.first else { return }
        let json = Data(bytes.dropFirst())
        switch Int(first) % kinds {
        case 0: try roundTrip(Election.self, json)
        case 1: try roundTrip(AccreditingOrganisation.self, json)
        case 2: try roundTrip(MissionReport.self, json)
        case 3: try roundTrip(ElectionRecord.self, json)
        case 4:
            // A checklist as an observer's phone sends it, checked against a form.
            guard let checklist = try? JSONDecoder().decode(Checklist.self, from: json) else { return }
            for problem in checklist.form.problems(in: checklist.answers) {
                try require(checklist.form.questions.contains { $0.id == problem.question } || checklist.answers[problem.question] != nil,
                            "a checklist problem names a question neither asked nor answered: \(problem.question)")
            }
        default:
            // A constituency's boundary, as a bundle's `boundaries/*.geojson` and the store hold them.
            _ = try? GeoJSON.areaShapes(from: json, codeProperty: "code") { $0 }
        }
    }

    struct Checklist: Decodable {
        var form: ChecklistForm
        var answers: ChecklistAnswers
    }

    static func roundTrip<T: Codable & Equatable>(_: T.Type, _ json: Data) throws(FuzzFinding) {
        guard let value = try? JSONDecoder().decode(T.self, from: json) else { return }
        let encoded: Data
        do {
            encoded = try JSONEncoder().encode(value)
        } catch {
            throw FuzzFinding("a decoded \(T.self) cannot be encoded: \(error)")
        }
        let again: T
        do {
            again = try JSONDecoder().decode(T.self, from: encoded)
        } catch {
            throw FuzzFinding("a \(T.self) encoded does not decode: \(error) in \(String(decoding: encoded.prefix(400), as: UTF8.self))")
        }
        try require(again == value, "a \(T.self) encoded decodes otherwise: \(String(decoding: encoded.prefix(400), as: UTF8.self))")
    }
}
