/// A number counted from 1 and written in ASCII digits: a party's place on the ballot, a
/// publication's number. Conformers give `init?(rawValue:)` (nil below 1) and their longest
/// written form; parsing, writing and order are the same for all.
public protocol PositiveNumber: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral where RawValue == Int, IntegerLiteralType == Int
{
    init?(rawValue: Int)
    /// The most digits a written number may have.
    static var maximumDigits: Int { get }
}

extension PositiveNumber {
    /// The number written as `text` (ASCII digits only), or nil.
    public init?(_ text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.count <= Self.maximumDigits, text.utf8.allSatisfy({ (48...57).contains($0) }),
              let value = Int(text) else { return nil }
        self.init(rawValue: value)
    }

    /// A number written in the source (tests, bundled data); one below 1 is a programming error.
    public init(integerLiteral value: Int) {
        guard let number = Self(rawValue: value) else { preconditionFailure("\(value) is not a \(Self.self)") }
        self = number
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
