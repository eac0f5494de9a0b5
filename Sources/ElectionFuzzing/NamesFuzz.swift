import ElectionCore

/// Names as the public types them: the register's name key (the key of a key is the key
/// itself), the Latin sound key, the script rules, the station finder (a name finds itself) and
/// numerals.
enum NamesFuzz {
    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        let key = NameKey.of(text)
        try require(NameKey.of(key) == key, "the name key of the key of \(scalars(text)) is not the key: \(scalars(key)) → \(scalars(NameKey.of(key)))")
        if text.unicodeScalars.contains(where: { $0.properties.isAlphabetic && $0.isASCII }) {
            try require(!key.isEmpty, "a name with a letter has an empty key: \(scalars(text))")
        }
        _ = LatinKey.of(text)
        _ = LatinKey.of(key)
        _ = NameScript.isKhmer(name: text)
        _ = NameScript.isLatin(name: text)
        _ = NameScript.startsLikeFormula(text)

        let search = StationNameSearch(text)
        let names = StationNameSearch.Names(english: text, khmer: text)
        if !search.isEmpty {
            try require(search.match(names) == .exact, "a station's own name does not find it exactly: \(scalars(text))")
        }
        // The same bytes as another station's name: any answer, but no trap.
        _ = StationNameSearch(String(text.prefix(8))).match(names)

        let khmerDigits = Numerals.khmer(text)
        try require(khmerDigits.unicodeScalars.count == text.unicodeScalars.count, "Khmer numerals changed the length of \(scalars(text))")
        var n = 0
        for byte in bytes.prefix(8) { n = n << 8 | Int(byte) }
        try require(Numerals.grouped(n).replacingOccurrences(of: ",", with: "") == String(n), "\(n) grouped is \(Numerals.grouped(n))")
    }

    /// The text's scalars in hexadecimal, for a finding's message (names may hold invisible ones).
    static func scalars(_ text: String) -> String {
        text.unicodeScalars.prefix(40).map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}
