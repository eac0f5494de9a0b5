import ElectionCore
import Foundation
import Hummingbird

/// Parses what people type and send into domain values, or throws an ``InputError`` naming the field.
enum Input {
    static let maximumLength = 200

    static func text(_ value: Substring?, field: String, required: Bool = true) throws -> String? {
        let trimmed = value.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        if trimmed.isEmpty {
            if required { throw InputError(field: field, reason: "missing") }
            return nil
        }
        guard trimmed.count <= maximumLength else { throw InputError(field: field, reason: "too_long") }
        return trimmed
    }

    /// Longer text (notes, a statement): up to 4,000 characters.
    static func longText(_ value: String?, field: String, required: Bool = false) throws -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            if required { throw InputError(field: field, reason: "missing") }
            return nil
        }
        guard trimmed.count <= 4_000 else { throw InputError(field: field, reason: "too_long") }
        return trimmed
    }

    static func voterNumber(_ value: String, field: String) throws -> VoterNumber {
        guard let number = VoterNumber(value) else { throw InputError(field: field, reason: "voter_number") }
        return number
    }

    /// A date of birth: a real day, not after `today`.
    static func dateOfBirth(_ value: String, field: String, today: CalendarDate) throws -> CalendarDate {
        guard let date = CalendarDate(iso: value), date <= today, date.year >= 1900 else {
            throw InputError(field: field, reason: "date")
        }
        return date
    }

    static func fullName(_ value: String, field: String) throws -> String {
        let key = NameKey.of(value)
        guard key.count >= 2, value.count <= 100 else { throw InputError(field: field, reason: "name") }
        return value
    }

    /// A decimal number in `range`, such as a latitude; `reason` says what was expected.
    static func coordinate(_ value: Substring?, field: String, range: ClosedRange<Double>, reason: String) throws -> Double {
        guard let value, !value.isEmpty else { throw InputError(field: field, reason: "missing") }
        guard value.count <= 30, let number = Double(value.trimmingCharacters(in: .whitespaces)),
              number.isFinite, range.contains(number) else {
            throw InputError(field: field, reason: reason)
        }
        return number
    }

    static func latitude(_ value: Substring?, field: String = "lat") throws -> Double {
        try coordinate(value, field: field, range: -90...90, reason: "latitude")
    }

    static func longitude(_ value: Substring?, field: String = "lon") throws -> Double {
        try coordinate(value, field: field, range: -180...180, reason: "longitude")
    }

    static func integer(_ value: Substring?, field: String, range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let value, !value.isEmpty else { return fallback }
        guard let number = Int(value), range.contains(number) else { throw InputError(field: field, reason: "number") }
        return number
    }

    /// A yes-or-no query parameter: absent is false; otherwise it must be `true` or `false`.
    static func flag(_ value: Substring?, field: String) throws -> Bool {
        switch value {
        case nil, "false": return false
        case "true": return true
        default: throw InputError(field: field, reason: "boolean")
        }
    }

    /// A code of the electoral geography: a province (2 digits), commune (6) or station (9).
    static func code<Code: GeographyCode>(_ value: String?, as _: Code.Type, field: String = "code") throws -> Code {
        guard let value, let code = Code(rawValue: value) else { throw InputError(field: field, reason: "code") }
        return code
    }

    /// The identifier a phone made for what it sends (a UUID), so that a retry is stored once;
    /// optional, as reports typed elsewhere have none.
    static func submissionID(_ value: String?, field: String = "id") throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard ChecklistSubmission.isIdentifier(value) else { throw InputError(field: field, reason: "uuid") }
        return value
    }

    /// What the station finder asks a station to offer (`access=step-free` or `assistance`); nil for any station.
    static func need(_ value: Substring?, field: String = "access") throws -> StationAccessibility.Need? {
        guard let value, !value.isEmpty else { return nil }
        guard let need = StationAccessibility.Need(rawValue: String(value)) else { throw InputError(field: field, reason: "choice") }
        return need
    }

    /// A kind of library document named in a query (`kind=notice`), or nil when none is.
    static func documentKind(_ value: Substring?, field: String = "kind") throws -> LibraryDocument.Kind? {
        guard let value, !value.isEmpty else { return nil }
        guard let kind = LibraryDocument.Kind(rawValue: String(value)) else { throw InputError(field: field, reason: "choice") }
        return kind
    }

    /// A province named in a query, or nil when none is.
    static func optionalProvince(_ value: Substring?, field: String = "province") throws -> ProvinceCode? {
        guard let value, !value.isEmpty else { return nil }
        return try code(String(value), as: ProvinceCode.self, field: field)
    }

    /// The code of a unit at `level` (empty for the nation).
    static func unit(_ value: String?, level: ResultLevel, field: String = "code") throws -> UnitCode {
        guard let unit = UnitCode(level: level, code: value ?? "") else { throw InputError(field: field, reason: "code") }
        return unit
    }

    /// A request's body, refused when larger than any form or request Sala takes (16 KiB; a
    /// library document's, which carries its whole text, up to `limit`).
    static func body(of request: Request, limit: Int = 16 * 1024) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch {
            throw InputError(field: "body", reason: "too_long")
        }
    }

    /// Every field of an `application/x-www-form-urlencoded` body, in order, repeated names
    /// (checkboxes) included.
    static func formPairs(_ body: String) -> [(String, String)] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let key = parts.first else { return nil }
            return (decode(key), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The fields of a request's query, read as a form: a browser sending a form by GET writes a
    /// space as `+`, which the router's own query parameters keep.
    static func query(of request: Request) -> [String: Substring] {
        form(request.uri.query ?? "")
    }

    /// `text` as one value of a URL's query.
    static func urlEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func form(_ body: String) -> [String: Substring] {
        // A repeated name keeps its last value.
        Dictionary(formPairs(body).map { ($0, Substring($1)) }, uniquingKeysWith: { _, last in last })
    }

    /// A publication's number (a route's `:number`), or an ``InputError`` on the field `number`.
    static func publicationNumber(_ text: String?) throws -> PublicationNumber {
        guard let text, let number = PublicationNumber(text) else { throw InputError(field: "number", reason: "number") }
        return number
    }

    /// A mission id (a route's `:id`), or an ``InputError`` on the field `mission`.
    /// The number in a badge number (`A-000123` → 123), or refused by `field`.
    static func badge(_ text: String?, field: String) throws -> Int {
        guard let text, let id = AccreditationApplication.id(badgeNumber: text) else { throw InputError(field: field, reason: "badge") }
        return id
    }

    static func missionID(_ text: String?) throws -> MissionID {
        guard let text, let id = MissionID(rawValue: text) else { throw InputError(field: "mission", reason: "code") }
        return id
    }

    /// A party's ballot number, 1 to 999, as a path names it.
    static func partyNumber(_ text: String?) throws -> PartyNumber {
        guard let text, let number = Int(text), (1...999).contains(number), let id = PartyNumber(rawValue: number) else {
            throw InputError(field: "code", reason: "code")
        }
        return id
    }

    /// An election's id (a route's `:id` or a query value), as ``Election/isWellFormedID(_:)`` allows.
    static func electionID(_ text: String?, field: String) throws -> String {
        guard let text, Election.isWellFormedID(text) else { throw InputError(field: field, reason: "code") }
        return text
    }
}
