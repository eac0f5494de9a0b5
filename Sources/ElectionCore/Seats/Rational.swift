/// An exact non-negative fraction, for quotients and quotas that decide seats. Comparisons
/// cross-multiply in double width, so they never round and never overflow.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator; a quotient made during an allocation may not be in lowest terms (see ``reduced``).
    public let numerator: Int
    public let denominator: Int

    /// `numerator / denominator` in lowest terms; the denominator must be positive.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator > 0, "a rational needs a positive denominator")
        let divisor = Rational.gcd(abs(numerator), denominator)
        self.numerator = numerator / max(divisor, 1)
        self.denominator = denominator / max(divisor, 1)
    }

    /// `numerator / denominator` as given, without reducing: for the quotients compared in an
    /// allocation's inner loop, where reducing would cost more than the comparison.
    init(unreduced numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The same value in lowest terms.
    public var reduced: Rational { Rational(numerator, denominator) }

    /// Parses `1.4`, `7/5` or `2` (not negative); nil for anything else or a non-positive denominator.
    public init?(_ text: String) {
        if let slash = text.firstIndex(of: "/") {
            guard let n = Int(text[..<slash]), n >= 0, let d = Int(text[text.index(after: slash)...]), d > 0 else { return nil }
            self.init(n, d)
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber), let whole = Int(parts[0]) else {
            return nil
        }
        guard parts.count == 2 else {
            self.init(whole)
            return
        }
        let fraction = parts[1]
        guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isNumber), let digits = Int(fraction) else { return nil }
        var scale = 1
        for _ in 0..<fraction.count { scale *= 10 }
        // Too large a whole part for its decimals overflows: refused, where it trapped (bench/fuzz).
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
        let (numerator, carry) = scaled.addingReportingOverflow(digits)
        guard !overflow, !carry else { return nil }
        self.init(numerator, scale)
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    public static func == (a: Rational, b: Rational) -> Bool {
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return left.high == right.high && left.low == right.low
    }

    public func hash(into hasher: inout Hasher) {
        let r = reduced
        hasher.combine(r.numerator)
        hasher.combine(r.denominator)
    }

    /// The whole part, rounded down.
    public var floor: Int {
        numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator)
    }

    public var description: String {
        let r = reduced
        return r.denominator == 1 ? "\(r.numerator)" : "\(r.numerator)/\(r.denominator)"
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
