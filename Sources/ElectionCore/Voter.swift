/// A person on the voter register, assigned to one polling station.
public struct Voter: Sendable, Hashable, Codable {
    public var number: VoterNumber
    public var name: PersonName
    public var sex: Sex
    public var dateOfBirth: CalendarDate
    public var stationCode: StationCode

    public init(number: VoterNumber, name: PersonName, sex: Sex, dateOfBirth: CalendarDate, stationCode: StationCode) {
        self.number = number
        self.name = name
        self.sex = sex
        self.dateOfBirth = dateOfBirth
        self.stationCode = stationCode
    }
}

/// A voter's number on the register: nine digits and a Luhn check digit, so that a mistyped digit is caught.
public struct VoterNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The ten-digit value, check digit last.
    public let value: Int

    /// The voter number for serial `serial` (0 ..< 1_000_000_000): the serial followed by its check digit.
    public init(serial: Int) {
        precondition((0..<1_000_000_000).contains(serial), "voter serial out of range")
        value = serial * 10 + VoterNumber.checkDigit(serial)
    }

    /// The voter number whose ten digits are `value`, if its check digit is right.
    public init?(value: Int) {
        guard (0...9_999_999_999).contains(value), VoterNumber.checkDigit(value / 10) == value % 10 else { return nil }
        self.value = value
    }

    /// Parses ten digits (spaces and hyphens ignored) with a correct check digit; nil otherwise.
    public init?(_ text: some StringProtocol) {
        var value = 0, digits = 0
        for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 10 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits == 10, VoterNumber.checkDigit(value / 10) == value % 10 else { return nil }
        self.value = value
    }

    /// The ten digits, with leading zeros.
    public var description: String {
        let s = String(value)
        return String(repeating: "0", count: max(0, 10 - s.count)) + s
    }

    public static func < (a: VoterNumber, b: VoterNumber) -> Bool { a.value < b.value }

    static func checkDigit(_ serial: Int) -> Int {
        var sum = 0
        var n = serial
        var double = true
        for _ in 0..<9 {
            var d = n % 10
            n /= 10
            if double {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
            double.toggle()
        }
        return (10 - sum % 10) % 10
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let number = VoterNumber(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a ten-digit voter number")
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
