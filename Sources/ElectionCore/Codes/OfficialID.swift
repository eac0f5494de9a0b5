/// An official's account number, given by the store when the account is made.
public struct OfficialID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public init(integerLiteral value: Int) { self.rawValue = value }

    public var description: String { String(rawValue) }

    public static func < (lhs: OfficialID, rhs: OfficialID) -> Bool { lhs.rawValue < rhs.rawValue }
}
