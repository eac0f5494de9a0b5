/// An observer mission's identifier: a short slug such as `demo-2023`, 1 to 64 ASCII letters,
/// digits and hyphens, chosen when the mission is added.
public struct MissionID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    /// The identifier, or nil when `rawValue` is not a slug.
    public init?(rawValue: String) {
        guard (1...64).contains(rawValue.utf8.count),
              rawValue.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        self.rawValue = rawValue
    }

    /// An identifier written in the source (tests, the demo mission); a bad one is a programming error.
    public init(stringLiteral value: String) {
        guard let id = MissionID(rawValue: value) else { preconditionFailure("\(value) is not a mission id") }
        self = id
    }

    public var description: String { rawValue }

    public static func < (lhs: MissionID, rhs: MissionID) -> Bool { lhs.rawValue < rhs.rawValue }
}
