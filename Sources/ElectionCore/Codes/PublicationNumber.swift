/// A results publication's number: 1 for the first, one more for each after it.
public struct PublicationNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    public let rawValue: Int

    /// The number, or nil below 1.
    public init?(rawValue: Int) {
        guard rawValue >= 1 else { return nil }
        self.rawValue = rawValue
    }

    /// The number written as `text` (ASCII digits), or nil.
    public init?(_ text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text) else {
            return nil
        }
        self.init(rawValue: value)
    }

    /// A number written in the source (tests); one below 1 is a programming error.
    public init(integerLiteral value: Int) {
        precondition(value >= 1, "\(value) is not a publication number")
        self.rawValue = value
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: PublicationNumber, rhs: PublicationNumber) -> Bool { lhs.rawValue < rhs.rawValue }
}
