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

    /// Whether `password` matches `hash`; never for a disabled account. Runs off the caller's
    /// task because bcrypt is deliberately slow.
    public static func verify(_ password: String, against hash: String) async -> Bool {
        guard hash != disabled, hash.hasPrefix("$2") else { return false }
        return await Task.detached { Bcrypt.verify(password, hash: hash) }.value
    }

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

    /// What the database keeps of a token.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
