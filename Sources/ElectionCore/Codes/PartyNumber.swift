/// A party's number: its position on the ballot paper, from 1.
public struct PartyNumber: PositiveNumber, Codable, CodingKeyRepresentable {
    public static let maximumDigits = 4
    public let rawValue: Int

    /// The number, or nil when it is not a ballot position (below 1).
    public init?(rawValue: Int) {
        guard rawValue >= 1 else { return nil }
        self.rawValue = rawValue
    }
}
