/// A code of the electoral geography: a fixed number of ASCII digits. Codes nest: a station's
/// code starts with its commune's, which starts with its province's. A code is parsed once, where
/// it enters (a route, a CSV line, a JSON body, a database row), and carries that rule with it.
public protocol GeographyCode: RawRepresentable<String>, Hashable, Comparable, Sendable, Codable,
    CodingKeyRepresentable, CustomStringConvertible, ExpressibleByStringLiteral
{
    /// Digits in a code of this kind.
    static var digits: Int { get }
    /// The level of aggregation whose units have codes of this kind.
    static var level: ResultLevel { get }
}

extension GeographyCode {
    /// Whether `text` is a well-formed code of this kind: exactly ``digits`` ASCII digits.
    public static func isWellFormed(_ text: some StringProtocol) -> Bool {
        text.utf8.count == digits && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The code written as `text`, or nil when it is not ``digits`` digits.
    public init?(_ text: some StringProtocol) { self.init(rawValue: String(text)) }

    /// A code written in the source (tests, bundled data); a malformed literal is a programming error.
    public init(stringLiteral value: String) {
        guard let code = Self(rawValue: value) else { preconditionFailure("\(value) is not a \(Self.digits)-digit code") }
        self = code
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether `code` is this unit or lies within it.
    public func contains<Other: GeographyCode>(_ code: Other) -> Bool {
        Other.digits >= Self.digits && code.rawValue.utf8.starts(with: rawValue.utf8)
    }

    /// The unit of this code, at its level.
    public var unit: UnitCode { UnitCode(rawValue: rawValue)! }

    /// The code of the unit at a higher level whose code this one starts with.
    fileprivate func enclosing<Outer: GeographyCode>(_: Outer.Type) -> Outer {
        Outer(rawValue: String(rawValue.prefix(Outer.digits)))!
    }
}

/// A province's (constituency's) code: two digits, e.g. `12` for Phnom Penh.
public struct ProvinceCode: GeographyCode {
    public static let digits = 2
    public static let level = ResultLevel.province
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }
}

/// A commune's code: six digits, the province's two first, e.g. `010201`.
public struct CommuneCode: GeographyCode {
    public static let digits = 6
    public static let level = ResultLevel.commune
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// The province the commune lies in.
    public var province: ProvinceCode { enclosing(ProvinceCode.self) }
}

/// A polling station's code: nine digits, the commune's six then a number, e.g. `010201003`.
public struct StationCode: GeographyCode {
    public static let digits = 9
    public static let level = ResultLevel.station
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// The code of the commune's station numbered `number` (1 to 999).
    public init(commune: CommuneCode, number: Int) {
        precondition((1...999).contains(number), "a commune numbers its stations from 1 to 999")
        let digits = String(number)
        self.rawValue = commune.rawValue + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// The commune the station lies in.
    public var commune: CommuneCode { enclosing(CommuneCode.self) }
    /// The province the station lies in.
    public var province: ProvinceCode { enclosing(ProvinceCode.self) }
    /// The station's number in its commune (1 to 999).
    public var number: Int { Int(rawValue.suffix(3))! }
}
