import Foundation

/// A document of the NEC's public library (a law, a regulation, a manual, a notice, news, or a
/// question and its answer from the hotline's knowledge base), in
/// Khmer and English, with every version it has had. A version is never changed: a new text is a
/// new version, and the history keeps the old.
public struct LibraryDocument: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case law
        case regulation
        case manual
        case notice
        case news
        /// A frequently asked question (the title) and its answer (the text): the knowledge base
        /// the hotline answers from, public as the frequently asked questions.
        case faq
    }

    /// Lower-case letters, digits and hyphens, e.g. `law-on-elections`: stable, in the address.
    public var id: String
    public var kind: Kind
    /// Oldest first; never empty.
    public var versions: [DocumentVersion]

    public init(id: String, kind: Kind, versions: [DocumentVersion]) {
        self.id = id
        self.kind = kind
        self.versions = versions
    }

    /// The version in force: the newest.
    public var current: DocumentVersion { versions[versions.count - 1] }

    /// Whether `id` may name a document: 1 to 64 lower-case ASCII letters, digits and hyphens.
    public static func isWellFormedID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
    }
}

/// One version of a library document, as published.
public struct DocumentVersion: Sendable, Hashable, Codable {
    /// 1 for the first, then one more each time.
    public var number: Int
    public var titleEnglish: String
    public var titleKhmer: String
    public var textEnglish: String
    public var textKhmer: String
    /// The date the text carries (adopted, in force from, or of the notice).
    public var dated: CalendarDate
    /// What changed from the version before (empty for the first).
    public var note: String
    public var publishedAt: Date

    public init(
        number: Int, titleEnglish: String, titleKhmer: String, textEnglish: String, textKhmer: String, dated: CalendarDate, note: String,
        publishedAt: Date
    ) {
        self.number = number
        self.titleEnglish = titleEnglish
        self.titleKhmer = titleKhmer
        self.textEnglish = textEnglish
        self.textKhmer = textKhmer
        self.dated = dated
        self.note = note
        self.publishedAt = publishedAt
    }

    /// Whether the two versions say the same (a new version must say something else).
    public func saysTheSame(as other: DocumentVersion) -> Bool {
        (titleEnglish, titleKhmer, textEnglish, textKhmer, dated) == (other.titleEnglish, other.titleKhmer, other.textEnglish, other.textKhmer, other.dated)
    }
}

extension LibraryDocument {
    /// Throws a ``Refusal`` unless `version` may follow what is published of the document:
    /// the same kind, and a text that says something else.
    public static func requirePublishable(_ version: DocumentVersion, kind: Kind, after published: LibraryDocument?) throws(Refusal) {
        guard let published else { return }
        guard published.kind == kind else {
            throw Refusal(.wrongState, field: "kind", "\(published.id) is a \(published.kind.rawValue), not a \(kind.rawValue)")
        }
        guard !version.saysTheSame(as: published.current) else {
            throw Refusal(.noChange, field: "textEnglish", "version \(published.current.number) of \(published.id) says the same")
        }
    }
}

extension LibraryDocument {
    /// Whether every word of `query` is in the current version's title or text, in either language
    /// (case and accents aside): how a call-taker finds the knowledge base's answer while on a call.
    public func matches(_ query: String) -> Bool {
        let words = query.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return true }
        let text = [current.titleEnglish, current.titleKhmer, current.textEnglish, current.textKhmer].joined(separator: "\n")
        return words.allSatisfy { text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }
}
