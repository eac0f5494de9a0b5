/// How numbers are written for people: thousands grouped, and in Khmer with Khmer digits.
public enum Numerals {
    /// 9710655 → `9,710,655`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var grouped = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return grouped
    }

    /// The ASCII digits of `text` written as Khmer digits (០ to ៩); everything else unchanged.
    public static func khmer(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if ("0"..."9").contains(c), let khmer = Unicode.Scalar(0x17E0 + c.value - 0x30) {
                result.append(khmer)
            } else {
                result.append(c)
            }
        }
        return String(result)
    }
}
