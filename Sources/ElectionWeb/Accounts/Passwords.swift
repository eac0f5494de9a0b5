import Crypto
import ElectionStore
import Foundation
import HummingbirdBcrypt

/// Passwords and tokens: bcrypt for passwords; random tokens kept only as SHA-256 digests.
public enum Passwords {
    /// bcrypt's work factor: about a quarter of a second per check on one core.
    public static let cost: UInt8 = 12
    /// The hash stored for an account that cannot sign in with a password.
    public static let disabled = OfficialAccount.disabledPassword

    public static func hash(_ password: String, cost: UInt8 = Passwords.cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// ``hash(_:cost:)`` for a request, on ``checks`` beside the sign-in checks (it takes as long as
    /// one); throws ``TooManyLookups`` when too many are waiting.
    static func hashOnThePool(_ password: String) async throws -> String {
        try await checks.run { hash(password) }
    }

    /// Whether `password` matches `hash` (nil for an account that does not exist); never for a
    /// disabled or unknown account. Every call costs one bcrypt check, the same for a known name,
    /// an unknown one and a disabled account, so the time taken does not tell which names exist.
    /// Checks run on ``checks``, beside the tasks that serve other requests; throws
    /// ``TooManyLookups`` when too many are already waiting.
    static func verify(_ password: String, against hash: String?) async throws -> Bool {
        let checked = hashChecked(hash)
        return try await checks.run { Bcrypt.verify(password, hash: checked) } && checked == hash
    }

    /// The hash a password is checked against: the account's, or the stand-in when there is no
    /// account or it cannot sign in with a password.
    static func hashChecked(_ hash: String?) -> String {
        guard let hash, hash != disabled, hash.hasPrefix("$2") else { return standIn }
        return hash
    }

    /// What an unknown name's password is checked against: a hash at the standard cost, of a
    /// password no one knows, made once.
    private static let standIn = Bcrypt.hash(newToken(), cost: cost)

    /// At most one bcrypt check per core but one at a time, so that guessing cannot take every
    /// core from the pages and the API; at most 64 waiting.
    static let checks = BoundedPool(width: max(1, ProcessInfo.processInfo.activeProcessorCount - 1), waiting: 64)

    /// A new password of 16 letters and digits, without look-alikes (0/O, 1/l/I).
    public static func generate() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var random = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// A new session, form or machine token: 32 random bytes as hexadecimal.
    public static func newToken() -> String {
        var random = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
    }

    /// An observer's code, short enough to type on a phone or print on a badge: 12 characters of
    /// Crockford's base 32 (no I, L, O or U), 60 random bits, grouped "7KQ2-M9XD-4RTA". Sign-in
    /// is limited to a few tries a minute, so 60 bits cannot be guessed.
    public static func newObserverCode() -> String {
        var random = SystemRandomNumberGenerator()
        let symbols = Array(crockford)
        let code = String((0..<12).map { _ in symbols[Int.random(in: 0..<32, using: &random)] })
        return [code.prefix(4), code.dropFirst(4).prefix(4), code.suffix(4)].joined(separator: "-")
    }

    /// An observer's code as typed: spaces and hyphens dropped, case and the letters people
    /// confuse with digits (O, I, L) folded, so "7kq2 m9xd 4rta" is "7KQ2M9XD4RTA". Anything that
    /// is not 12 characters (a 64-character code made before short codes) is kept as typed.
    public static func observerCode(_ typed: String) -> String {
        let bare = typed.filter { $0 != " " && $0 != "-" }
        guard bare.count == 12 else { return typed.trimmingCharacters(in: .whitespaces) }
        return String(bare.uppercased().map { character -> Character in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        })
    }

    private static let crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

    /// What the database keeps of a token.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
