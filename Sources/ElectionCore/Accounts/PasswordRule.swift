/// What an official's password must be: long, and not one an attacker tries first (a common
/// password, the account's own name, one character repeated or a run such as `123456789012`).
/// Sign-in is limited per client and per account, so a password that passes cannot be guessed
/// in the time an election lasts.
public enum PasswordRule {
    /// Why a password is refused.
    public enum Problem: String, Sendable, Hashable, CaseIterable {
        case tooShort = "too_short"
        case tooLong = "too_long"
        /// A password everyone tries first, perhaps with digits or signs after it.
        case common
        /// The account's name, in any case, forwards or backwards, inside the password.
        case nameDerived = "name_derived"
        /// Few different characters, or a run of neighbouring ones (`aaaa…`, `1234…`, `abcd…`).
        case repetitive
    }

    public static let minimumLength = 12
    /// bcrypt reads only the first 72 bytes: a longer password would give a false sense of strength.
    public static let maximumBytes = 72

    /// Why `password` may not be the password of the account `accountName`; nil when it may.
    public static func problem(_ password: String, accountName: String) -> Problem? {
        // Characters as typed: a Khmer syllable is several keystrokes (letters, signs, subscripts).
        guard password.unicodeScalars.count >= minimumLength else { return .tooShort }
        guard password.utf8.count <= maximumBytes else { return .tooLong }
        let lower = password.lowercased()
        let name = accountName.lowercased()
        let nameParts = name.split(whereSeparator: { ".-_ ".contains($0) }).map(String.init).filter { $0.count >= 4 } + [name]
        if nameParts.contains(where: { lower.contains($0) || lower.contains(String($0.reversed())) }) { return .nameDerived }
        let scalars = Array(lower.unicodeScalars)
        if Set(scalars).count < 5 { return .repetitive }
        let steps = zip(scalars.dropFirst(), scalars).map { Int($0.value) - Int($1.value) }
        if Set(steps).count == 1, let step = steps.first, abs(step) <= 1 { return .repetitive }
        // The word under the digits and signs people add to satisfy a rule: "Password2023!" is "password".
        let word = String(lower.unicodeScalars.filter { $0.properties.isAlphabetic })
        let digits = String(lower.unicodeScalars.filter { ("0"..."9").contains($0) })
        if commonWords.contains(word) || commonWords.contains(lower) || (word.isEmpty && commonDigits.contains { digits.hasPrefix($0) }) {
            return .common
        }
        return nil
    }

    /// Words the most common passwords are made of (from published lists of leaked passwords),
    /// and the words of this domain an attacker would try first.
    static let commonWords: Set<String> = [
        "password", "passw", "passwd", "pass", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm", "letmein", "welcome",
        "admin", "administrator", "iloveyou", "dragon", "monkey", "sunshine", "princess", "football", "baseball", "master",
        "superman", "batman", "trustno", "shadow", "michael", "jennifer", "login", "abc", "abcabc", "changeme", "secret",
        "starwars", "whatever", "freedom", "computer", "internet", "hello", "helloworld", "qazwsx", "qwer", "zaq", "azerty",
        "election", "elections", "vote", "voting", "voter", "ballot", "cambodia", "kampuchea", "phnompenh", "khmer", "angkor",
        "nec", "necadmin", "sala", "salaadmin", "commission", "official", "observer", "results", "national", "assembly",
    ]

    /// Digit strings that start the most common all-digit passwords.
    static let commonDigits = ["123456", "012345", "111111", "123123", "112233", "121212", "123321", "654321", "666666", "696969", "777777", "987654", "000000"]
}
