extension Rational {
    /// The value as a percentage with `decimals` decimals, rounded half up, computed exactly:
    /// `Rational(1, 3).percent(decimals: 2)` is `33.33`.
    public func percent(decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let negative = (numerator < 0) != (denominator < 0) && numerator != 0
        let (n, d) = (abs(numerator) * 100 * scale, abs(denominator))
        let rounded = (2 * n + d) / (2 * d)
        let whole = String(rounded / scale)
        guard decimals > 0 else { return (negative ? "-" : "") + whole }
        let fraction = String(rounded % scale)
        return (negative ? "-" : "") + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
