import ElectionCore
import Foundation

/// One parsing of a library document's new version, for the NEC's desk form and the API.
enum LibraryInput {
    /// What the form or the JSON body gives, by the same names.
    struct Fields: Sendable, Decodable {
        var id: String?
        var kind: String?
        var titleEnglish: String?
        var titleKhmer: String?
        var textEnglish: String?
        var textKhmer: String?
        var dated: String?
        var note: String?

        init(form: [String: String]) {
            id = form["id"]
            kind = form["kind"]
            titleEnglish = form["titleEnglish"]
            titleKhmer = form["titleKhmer"]
            textEnglish = form["textEnglish"]
            textKhmer = form["textKhmer"]
            dated = form["dated"]
            note = form["note"]
        }
    }

    /// The longest text a version may have, in characters.
    static let textLimit = 100_000

    /// The document's id, kind and new version, published at `now`; every field is checked here.
    static func version(_ fields: Fields, at now: Date) throws -> (id: String, kind: LibraryDocument.Kind, version: DocumentVersion) {
        let id = (fields.id ?? "").trimmingCharacters(in: .whitespaces)
        guard LibraryDocument.isWellFormedID(id) else { throw InputError(field: "id", reason: "document_id") }
        guard let kind = fields.kind.flatMap(LibraryDocument.Kind.init(rawValue:)) else { throw InputError(field: "kind", reason: "choice") }
        let titleEnglish = try Input.text(fields.titleEnglish.map { Substring($0) }, field: "titleEnglish") ?? ""
        let titleKhmer = try Input.text(fields.titleKhmer.map { Substring($0) }, field: "titleKhmer") ?? ""
        let textEnglish = try text(fields.textEnglish, field: "textEnglish")
        let textKhmer = try text(fields.textKhmer, field: "textKhmer")
        guard let dated = fields.dated.flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "dated", reason: "date") }
        let note = try Input.longText(fields.note, field: "note") ?? ""
        return (id, kind, DocumentVersion(
            number: 0, titleEnglish: titleEnglish, titleKhmer: titleKhmer, textEnglish: textEnglish, textKhmer: textKhmer, dated: dated,
            note: note, publishedAt: now))
    }

    private static func text(_ value: String?, field: String) throws -> String {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !trimmed.isEmpty else { throw InputError(field: field, reason: "missing") }
        guard trimmed.count <= textLimit else { throw InputError(field: field, reason: "too_long") }
        return trimmed
    }
}
