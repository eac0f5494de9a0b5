/// A unit of the electoral geography at any level: the nation, a province, a commune or a
/// polling station. Written as its code (empty for the nation), so it nests like the codes do.
public enum UnitCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    case nation
    case province(ProvinceCode)
    case commune(CommuneCode)
    case station(StationCode)

    /// The unit whose code is `rawValue`: empty for the nation, else 2, 6 or 9 digits.
    public init?(rawValue: String) {
        if rawValue.isEmpty {
            self = .nation
        } else if let code = ProvinceCode(rawValue: rawValue) {
            self = .province(code)
        } else if let code = CommuneCode(rawValue: rawValue) {
            self = .commune(code)
        } else if let code = StationCode(rawValue: rawValue) {
            self = .station(code)
        } else {
            return nil
        }
    }

    /// A unit written in the source (tests, bundled data); a malformed literal is a programming error.
    public init(stringLiteral value: String) {
        guard let unit = UnitCode(rawValue: value) else { preconditionFailure("\(value) is not a unit code") }
        self = unit
    }

    /// The unit at `level` with this code, or nil when the code is not one of that level.
    public init?(level: ResultLevel, code: String) {
        guard let unit = UnitCode(rawValue: code), unit.level == level else { return nil }
        self = unit
    }

    /// The code as written: empty for the nation.
    public var rawValue: String {
        switch self {
        case .nation: ""
        case .province(let code): code.rawValue
        case .commune(let code): code.rawValue
        case .station(let code): code.rawValue
        }
    }

    public var level: ResultLevel {
        switch self {
        case .nation: .national
        case .province: .province
        case .commune: .commune
        case .station: .station
        }
    }

    /// The province this unit lies in (itself for a province); nil for the nation.
    public var province: ProvinceCode? {
        switch self {
        case .nation: nil
        case .province(let code): code
        case .commune(let code): code.province
        case .station(let code): code.province
        }
    }

    /// Whether `other` is this unit or lies within it.
    public func contains(_ other: UnitCode) -> Bool {
        other.rawValue.utf8.starts(with: rawValue.utf8) && other.rawValue.utf8.count >= rawValue.utf8.count
    }

    /// Whether the station lies within this unit.
    public func contains<Code: GeographyCode>(_ code: Code) -> Bool { contains(code.unit) }

    public var description: String { rawValue }

    public static func < (lhs: UnitCode, rhs: UnitCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let unit = UnitCode(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(text) is not a unit code"))
        }
        self = unit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
