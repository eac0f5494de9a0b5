/// The reference a complainant keeps to follow a complaint, e.g. `C000123-K7PX`: the complaint's
/// number, and four letters drawn at random so that references cannot be guessed one after another.
public enum ComplaintReference {
    /// Letters and digits that are not mistaken for one another when read out on the phone.
    static let alphabet = Array("ACDEFHJKMNPRTVWXY34679")

    /// The reference of complaint number `id`, with letters drawn from `generator`.
    public static func make(id: Int, using generator: inout some RandomNumberGenerator) -> String {
        make(id: id, letters: letters(using: &generator))
    }

    /// Four letters of the alphabet, drawn from `generator`.
    public static func letters(using generator: inout some RandomNumberGenerator) -> String {
        String((0..<4).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The reference of complaint number `id` with these letters (four of the alphabet).
    public static func make(id: Int, letters: String) -> String {
        let number = String(id)
        return "C" + String(repeating: "0", count: max(0, 6 - number.count)) + number + "-" + letters
    }

    /// Whether `text` is four letters of the alphabet, as a reference ends.
    public static func areLetters(_ text: String) -> Bool { text.count == 4 && text.allSatisfy(alphabet.contains) }

    /// `text` as a reference (upper case, spaces dropped), or nil when it cannot be one.
    public static func normalized(_ text: some StringProtocol) -> String? {
        let reference = text.uppercased().filter { !$0.isWhitespace }
        let parts = reference.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count >= 7, parts[0].count <= 12, parts[0].first == "C",
              parts[0].dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[1].count == 4, parts[1].allSatisfy(alphabet.contains) else { return nil }
        return reference
    }
}
