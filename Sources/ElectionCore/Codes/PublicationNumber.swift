/// A results publication's number: 1 for the first, one more for each after it.
public struct PublicationNumber: PositiveNumber, Codable {
    public static let maximumDigits = 18
    public let rawValue: Int

    /// The number, or nil below 1.
    public init?(rawValue: Int) {
        guard rawValue >= 1 else { return nil }
        self.rawValue = rawValue
    }
}
