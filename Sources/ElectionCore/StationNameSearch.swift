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

    /// A station's names, prepared once for many searches.
    public struct Names: Sendable {
        let english: String
        let khmer: String
        let sounds: [String]

        public init(english: String, khmer: String) {
            self.english = english.lowercased()
            self.khmer = khmer
            sounds = [LatinKey.of(english), LatinKey.of(khmer)].filter { !$0.isEmpty }
        }
    }

    let words: [String]
    let sounds: String

    /// At most five words are read; sounds shorter than two consonants match too much to count.
    public init(_ text: String) {
        words = text.lowercased().split(whereSeparator: \.isWhitespace).prefix(5).map(String.init)
        let key = LatinKey.of(words.joined(separator: " "))
        sounds = key.count >= 2 ? key : ""
    }

    /// Nothing was typed.
    public var isEmpty: Bool { words.isEmpty }

    public func match(_ names: Names) -> Match? {
        guard !words.isEmpty else { return nil }
        if words.allSatisfy({ names.english.contains($0) || names.khmer.contains($0) }) { return .exact }
        if !sounds.isEmpty, names.sounds.contains(where: { $0.contains(sounds) }) { return .similar }
        return nil
    }
}
