/// Who applies for accreditation: an observer organisation (national), an international mission,
/// or a media outlet. Its observers or journalists apply through it.
public struct AccreditingOrganisation: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A Cambodian observer organisation: its observers are national observers.
        case national
        /// A foreign or intergovernmental mission: its observers are international observers.
        case international
        /// A newspaper, broadcaster or online outlet: its people are journalists.
        case media
    }

    /// A short slug chosen by the NEC, e.g. `comfrel`.
    public var id: String
    public var nameEnglish: String
    public var nameKhmer: String
    public var kind: Kind
    /// How the NEC reaches it: a person, a telephone, an e-mail address.
    public var contact: String

    public init(id: String, nameEnglish: String, nameKhmer: String, kind: Kind, contact: String) {
        self.id = id
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.kind = kind
        self.contact = contact
    }

    /// The category of the people it sends.
    public var category: AccreditationCategory {
        switch kind {
        case .national: .nationalObserver
        case .international: .internationalObserver
        case .media: .journalist
        }
    }

    /// Whether `text` may be an organisation's id: 1 to 40 small letters, digits and `-`.
    public static func isIdentifier(_ text: String) -> Bool {
        (1...40).contains(text.count) && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

/// What a badge accredits its holder as; each has its own code of conduct.
/// A dictionary keyed by category is written as a JSON object (`CodingKeyRepresentable`).
public enum AccreditationCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CodingKeyRepresentable {
    case nationalObserver = "national-observer"
    case internationalObserver = "international-observer"
    case journalist

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}
