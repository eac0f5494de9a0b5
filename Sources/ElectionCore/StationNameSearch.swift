/// How the station finder matches what a voter typed with polling stations' names.
///
/// A station matches *exactly* when every typed word is in its English or Khmer name (ignoring
/// case), and is *similar* when the sounds of what was typed (``LatinKey``, the register's rule
/// for Latin spellings of Khmer) are in the sounds of its name: "Boeung Trabek" finds Boeng
/// Trabaek, "Toul Tom Poung" finds Tuol Tumpung, and Latin letters find a name written only in
/// Khmer. Exact matches come first.
public struct StationNameSearch: Sendable {
    public enum Match: Int, Sendable, Comparable {
        case exact, similar

        public static func < (a: Match, b: Match) -> Bool { a.rawValue < b.rawValue }
    }

    /// A station's names, prepared once for many searches: as UTF-8 bytes, because a search
    /// reads every station's names and comparing bytes is many times faster than comparing
    /// Strings (a search of 23,789 stations took 120 ms with String.contains).
    public struct Names: Sendable {
        let english: [UInt8]
        let khmer: [UInt8]
        let sounds: [[UInt8]]

        public init(english: String, khmer: String) {
            self.english = Array(english.lowercased().utf8)
            self.khmer = Array(khmer.utf8)
            sounds = [LatinKey.of(english), LatinKey.of(khmer)].filter { !$0.isEmpty }.map { Array($0.utf8) }
        }
    }

    let words: [[UInt8]]
    let sounds: [UInt8]

    /// At most five words are read; sounds shorter than two consonants match too much to count.
    public init(_ text: String) {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).prefix(5).map(String.init)
        self.words = words.map { Array($0.utf8) }
        let key = LatinKey.of(words.joined(separator: " "))
        sounds = key.count >= 2 ? Array(key.utf8) : []
    }

    /// Nothing was typed.
    public var isEmpty: Bool { words.isEmpty }

    public func match(_ names: Names) -> Match? {
        guard !words.isEmpty else { return nil }
        if words.allSatisfy({ Self.contains(names.english, $0) || Self.contains(names.khmer, $0) }) { return .exact }
        if !sounds.isEmpty, names.sounds.contains(where: { Self.contains($0, sounds) }) { return .similar }
        return nil
    }

    /// Whether `part` occurs in `whole`, byte for byte. UTF-8 never starts a character inside
    /// another, so bytes match exactly where the text does.
    static func contains(_ whole: [UInt8], _ part: [UInt8]) -> Bool {
        guard !part.isEmpty, whole.count >= part.count else { return part.isEmpty }
        let first = part[0]
        var i = 0
        let last = whole.count - part.count
        while i <= last {
            if whole[i] == first {
                var j = 1
                while j < part.count && whole[i + j] == part[j] { j += 1 }
                if j == part.count { return true }
            }
            i += 1
        }
        return false
    }
}
