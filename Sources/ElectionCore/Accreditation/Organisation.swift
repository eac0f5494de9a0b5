import Foundation

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
    /// Where an organisation stands with the NEC: one the NEC adds is registered; one that applies
    /// itself waits until the NEC registers or refuses it.
    public enum Registration: String, Sendable, Hashable, Codable, CaseIterable {
        case applied
        case registered
        case refused
    }

    /// How the NEC reaches it: a person, a telephone, an e-mail address.
    public var contact: String
    public var registration: Registration
    /// Why the NEC refused it; empty otherwise.
    public var reason: String

    public init(
        id: String, nameEnglish: String, nameKhmer: String, kind: Kind, contact: String, registration: Registration = .registered,
        reason: String = ""
    ) {
        self.id = id
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.kind = kind
        self.contact = contact
        self.registration = registration
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case id, nameEnglish, nameKhmer, kind, contact, registration, reason }

    /// Registered unless the JSON says otherwise (an organisation the NEC adds through the API).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), nameEnglish: try c.decode(String.self, forKey: .nameEnglish),
            nameKhmer: try c.decode(String.self, forKey: .nameKhmer), kind: try c.decode(Kind.self, forKey: .kind),
            contact: try c.decode(String.self, forKey: .contact),
            registration: try c.decodeIfPresent(Registration.self, forKey: .registration) ?? .registered,
            reason: try c.decodeIfPresent(String.self, forKey: .reason) ?? "")
    }

    /// Throws a ``Refusal`` unless the NEC has registered the organisation: only then do its people apply.
    public func requireRegistered() throws(Refusal) {
        guard registration == .registered else {
            throw Refusal(.wrongState, field: "organisation", "\(id) is \(registration.rawValue), not registered by the NEC: its people cannot apply yet")
        }
    }

    /// What the NEC's decision on an organisation's own application makes of it: registered, or
    /// refused with a reason. Refused with a ``Refusal`` unless it is waiting, or without a reason.
    public func registrationDecided(register: Bool, reason: String) throws(Refusal) -> AccreditingOrganisation {
        guard registration == .applied else {
            throw Refusal(.wrongState, field: "decision", "\(id) is \(registration.rawValue) already")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard register || !reason.isEmpty else { throw Refusal(.reasonRequired, field: "reason", "a refusal needs its reason") }
        var decided = self
        (decided.registration, decided.reason) = register ? (.registered, "") : (.refused, reason)
        return decided
    }

    /// An id for an organisation applying itself, made from its English name: small letters,
    /// digits and `-`, at most 32 (`Transparency Cambodia` → `transparency-cambodia`); `org` when
    /// the name has no such letters.
    public static func identifier(from name: String) -> String {
        var id = ""
        for character in name.lowercased().folding(options: .diacriticInsensitive, locale: nil) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                id.append(character)
            } else if !id.isEmpty && id.last != "-" {
                id.append("-")
            }
        }
        let trimmed = String(id.prefix(32)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "org" : trimmed
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
