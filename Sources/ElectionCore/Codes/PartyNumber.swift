/// A party's number: its position on the ballot paper, from 1.
public struct PartyNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, CodingKeyRepresentable,
    CustomStringConvertible, ExpressibleByIntegerLiteral
{
    public let rawValue: Int

    /// The number, or nil when it is not a ballot position (below 1).
    public init?(rawValue: Int) {
        guard rawValue >= 1 else { return nil }
        self.rawValue = rawValue
    }

    /// The number written as `text` (ASCII digits), or nil.
    public init?(_ text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.count <= 4, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text) else {
            return nil
        }
        self.init(rawValue: value)
    }

    /// A number written in the source (tests, bundled data); one below 1 is a programming error.
    public init(integerLiteral value: Int) {
        precondition(value >= 1, "\(value) is not a party number")
        self.rawValue = value
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: PartyNumber, rhs: PartyNumber) -> Bool { lhs.rawValue < rhs.rawValue }
}
