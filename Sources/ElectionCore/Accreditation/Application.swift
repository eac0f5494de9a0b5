import Foundation

/// One person's application for accreditation, made through their organisation, and what the NEC
/// decided. Its number is the badge's.
public struct AccreditationApplication: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Waiting for the NEC.
        case submitted
        /// The NEC asked for more; the reason says what.
        case moreInformation = "more-information"
        case accepted
        case refused
        /// Accepted, then withdrawn: the badge no longer holds.
        case revoked
    }

    /// Given by the store, from 1.
    public var id: Int
    public var organisationID: String
    public var category: AccreditationCategory
    public var name: PersonName
    public var sex: Sex
    /// ISO 3166-1 alpha-3, e.g. `KHM`.
    public var nationality: String
    /// The version of the category's code of conduct the applicant acknowledged.
    public var codeOfConductVersion: Int
    public var status: Status
    /// Why it was refused, revoked or sent back; empty otherwise.
    public var reason: String
    /// The days a badge holds: set when accepted.
    public var validFrom: CalendarDate?
    public var validUntil: CalendarDate?

    public init(
        id: Int, organisationID: String, category: AccreditationCategory, name: PersonName, sex: Sex, nationality: String,
        codeOfConductVersion: Int, status: Status = .submitted, reason: String = "", validFrom: CalendarDate? = nil,
        validUntil: CalendarDate? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.category = category
        self.name = name
        self.sex = sex
        self.nationality = nationality
        self.codeOfConductVersion = codeOfConductVersion
        self.status = status
        self.reason = reason
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// The badge number as printed, e.g. `A-000123`.
    public var badgeNumber: String { Self.badgeNumber(id) }

    public static func badgeNumber(_ id: Int) -> String {
        let digits = String(id)
        return "A-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The number in a badge number (`A-000123` → 123).
    public static func id(badgeNumber text: String) -> Int? {
        guard text.hasPrefix("A-"), let id = Int(text.dropFirst(2)), id > 0 else { return nil }
        return id
    }
}

/// The NEC's decision on applications.
public enum AccreditationDecision: Sendable, Hashable {
    /// Accepted, the badge valid on these days.
    case accept(validFrom: CalendarDate, validUntil: CalendarDate)
    case refuse(reason: String)
    case askForMore(reason: String)

    /// What an application decided so becomes.
    public var status: AccreditationApplication.Status {
        switch self {
        case .accept: .accepted
        case .refuse: .refused
        case .askForMore: .moreInformation
        }
    }

    /// Applications are decided while waiting or sent back; a decided one is not decided again
    /// (an accepted badge is revoked instead).
    public static func mayDecide(_ status: AccreditationApplication.Status) -> Bool {
        status == .submitted || status == .moreInformation
    }
}

/// A category's code of conduct, in both languages, as published; a new version replaces it for
/// new applications, and each application keeps the version it acknowledged.
public struct CodeOfConduct: Sendable, Hashable, Codable {
    public var category: AccreditationCategory
    public var version: Int
    public var titleEnglish: String
    public var titleKhmer: String
    public var textEnglish: String
    public var textKhmer: String
    public var publishedOn: CalendarDate

    public init(
        category: AccreditationCategory, version: Int, titleEnglish: String, titleKhmer: String, textEnglish: String, textKhmer: String,
        publishedOn: CalendarDate
    ) {
        self.category = category
        self.version = version
        self.titleEnglish = titleEnglish
        self.titleKhmer = titleKhmer
        self.textEnglish = textEnglish
        self.textKhmer = textKhmer
        self.publishedOn = publishedOn
    }
}

/// Accredited people counted for the public: by category, and by organisation within it.
public struct AccreditationStatistics: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var organisationID: String
        public var nameEnglish: String
        public var nameKhmer: String
        public var category: AccreditationCategory
        public var accredited: Int

        public init(organisationID: String, nameEnglish: String, nameKhmer: String, category: AccreditationCategory, accredited: Int) {
            self.organisationID = organisationID
            self.nameEnglish = nameEnglish
            self.nameKhmer = nameKhmer
            self.category = category
            self.accredited = accredited
        }
    }

    /// One line per organisation with an accredited person, largest first.
    public var organisations: [Line]
    /// Revoked badges are not counted.
    public var byCategory: [AccreditationCategory: Int]

    public init(organisations: [Line]) {
        self.organisations = organisations.sorted { ($0.accredited, $1.organisationID) > ($1.accredited, $0.organisationID) }
        byCategory = Dictionary(organisations.map { ($0.category, $0.accredited) }, uniquingKeysWith: +)
    }
}
