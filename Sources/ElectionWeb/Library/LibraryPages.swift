import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The public library: its documents by kind, newest first, with the codes of conduct of
/// accreditation beside them.
struct LibraryPage: Sendable {
    struct Section: Sendable {
        let heading: String
        let documents: [Link]
    }
    let sections: [Section]
    let none: Bool
}

/// One document: the version asked for (the current one unless `?version=N`), its text in
/// paragraphs, and its history.
struct LibraryDocumentPage: Sendable {
    struct Version: Sendable {
        let href: String
        let number: String
        let dated: String
        let published: String
        let note: String
        let shown: Bool
    }
    let title: String
    let kind: String
    let facts: [Fact]
    /// Not the version in force: says so, with a link to it.
    let older: Link?
    let paragraphs: [String]
    /// The text is not in this language yet (only in the other).
    let otherLanguageOnly: Bool
    let versions: [Version]
}

/// The NEC's library desk: publishing a document or a new version of one.
struct LibraryDeskPage: Sendable {
    let lang: String
    let csrf: String
    let documents: [Link]
    let kinds: [Choice]
    let id: String
    let titleEnglish: String
    let titleKhmer: String
    let textEnglish: String
    let textKhmer: String
    let dated: String
    let note: String
    let error: String?
    let invalid: String
    let message: String?
}

struct LibraryPages: Sendable {
    let store: any PortalStore
    let renderer: PageRenderer

    /// A document's form, carrying its whole text (up to ``LibraryInput/textLimit`` in each language).
    static let bodyLimit = 1_024 * 1_024

    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("library") { request, context in
            let language = context.language, l = language.rawValue
            let kind = try Input.documentKind(Input.query(of: request)["kind"])
            let documents = try await store.documents(kind: kind)
            var sections = LibraryDocument.Kind.allCases.filter { kind == nil || $0 == kind }.compactMap { k -> LibraryPage.Section? in
                let of = documents.filter { $0.kind == k }
                guard !of.isEmpty else { return nil }
                return .init(heading: language.text(KeyFamilies.documentKind, k), documents: of.map { document in
                    Link(href: "/\(l)/library/\(document.id)", label: language.pick(document.current.titleEnglish, document.current.titleKhmer),
                         detail: language.longDate(document.current.dated))
                })
            }
            if kind == nil {
                let codes = try await store.codesOfConduct()
                if !codes.isEmpty {
                    sections.append(.init(heading: language.text("library.codes_of_conduct"), documents: codes.map {
                        Link(href: "/\(l)/accreditation/codes/\($0.category.rawValue)", label: language.pick($0.titleEnglish, $0.titleKhmer),
                             detail: language.longDate($0.publishedOn))
                    }))
                }
            }
            return renderer.page("library", title: language.text("library.title"), content: LibraryPage(sections: sections, none: sections.isEmpty),
                                 language: language, path: "/library")
        }
        router.get("library/:id") { request, context in
            let language = context.language, l = language.rawValue
            let document = try await store.document(context.parameters.get("id") ?? "")
            let asked = try Input.query(of: request)["version"].map { text -> Int in
                guard let n = Int(text), document.versions.contains(where: { $0.number == n }) else { throw InputError(field: "version", reason: "number") }
                return n
            }
            let shown = document.versions.first { $0.number == asked } ?? document.current
            let election = try await store.election()
            let text = language.pick(shown.textEnglish, shown.textKhmer)
            let model = LibraryDocumentPage(
                title: language.pick(shown.titleEnglish, shown.titleKhmer), kind: language.text(KeyFamilies.documentKind, document.kind),
                facts: [
                    Fact(label: language.text("library.dated"), value: language.longDate(shown.dated)),
                    Fact(label: language.text("library.version"), value: language.text("library.version_of")
                        .replacingOccurrences(of: "{n}", with: language.number(shown.number))
                        .replacingOccurrences(of: "{total}", with: language.number(document.versions.count))),
                ],
                older: shown == document.current ? nil
                    : Link(href: "/\(l)/library/\(document.id)", label: language.text("library.older")),
                paragraphs: Self.paragraphs(text.isEmpty ? language.pick(shown.textKhmer, shown.textEnglish) : text),
                otherLanguageOnly: text.isEmpty,
                versions: document.versions.reversed().map { v in
                    .init(href: "/\(l)/library/\(document.id)?version=\(v.number)", number: language.number(v.number),
                          dated: language.longDate(v.dated), published: language.moment(v.publishedAt, utcOffsetMinutes: election.utcOffsetMinutes),
                          note: v.note, shown: v == shown)
                })
            return renderer.page("library-document", title: model.title, content: model, language: language, path: "/library/\(document.id)")
        }
    }

    func addDeskRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/library") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.publishDocuments, on: .nation)
            let query = Input.query(of: request)
            var fields = LibraryInput.Fields(form: [:])
            if let id = query["id"].map(String.init), let document = try? await store.document(id) {
                let c = document.current
                fields = LibraryInput.Fields(form: [
                    "id": id, "kind": document.kind.rawValue, "titleEnglish": c.titleEnglish, "titleKhmer": c.titleKhmer,
                    "textEnglish": c.textEnglish, "textKhmer": c.textKhmer, "dated": c.dated.iso])
            }
            let message = query["done"] == "published" ? language.text("library.published") : nil
            return try await desk(session, fields, language, message: message)
        }
        router.post("desk/library") { request, context in
            let language = context.language
            let (session, form) = try await context.requireSessionForm(request, limit: Self.bodyLimit)
            let fields = LibraryInput.Fields(form: form)
            do {
                let (id, kind, version) = try LibraryInput.version(fields, at: Date())
                _ = try await store.publishDocument(id, kind: kind, version, by: session.official)
                return Response.redirect(to: "/\(language.rawValue)/library/\(id)", type: .normal)
            } catch let error as InputError {
                return try await desk(session, fields, language, error: (error.message(in: language), error.field), status: .badRequest)
            } catch let refusal as Refusal where refusal.reason != .roleMayNot {
                let (status, field, message) = ErrorMiddleware<PortalRequestContext>.describe(refusal, in: language)
                return try await desk(session, fields, language, error: (message, field ?? ""), status: status)
            }
        }
    }

    /// A text's paragraphs: its lines, blank lines dropped (a library text is plain text).
    static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func desk(
        _ session: OfficialSession, _ fields: LibraryInput.Fields, _ language: Language, message: String? = nil,
        error: (message: String, field: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let documents = try await store.documents(kind: nil)
        let model = LibraryDeskPage(
            lang: l, csrf: session.csrfToken,
            documents: documents.map {
                Link(href: "/\(l)/desk/library?id=\($0.id)", label: language.pick($0.current.titleEnglish, $0.current.titleKhmer),
                     detail: "\($0.id) · " + language.text("library.version_of").replacingOccurrences(of: "{n}", with: language.number($0.current.number))
                        .replacingOccurrences(of: "{total}", with: language.number($0.versions.count)))
            },
            kinds: LibraryDocument.Kind.allCases.map { Choice(value: $0.rawValue, label: language.text(KeyFamilies.documentKind, $0), selected: $0.rawValue == fields.kind) },
            id: fields.id ?? "", titleEnglish: fields.titleEnglish ?? "", titleKhmer: fields.titleKhmer ?? "", textEnglish: fields.textEnglish ?? "",
            textKhmer: fields.textKhmer ?? "", dated: fields.dated ?? "", note: fields.note ?? "", error: error?.message, invalid: error?.field ?? "",
            message: message)
        return renderer.page("desk-library", title: language.text("library.desk"), content: model, language: language, path: "/desk/library", status: status)
    }
}
