import Crypto
import ElectionCore
import Foundation

/// The NEC's Ed25519 key: it signs each accepted badge's credential (``BadgeCredential``) and
/// each results publication's content; its public half, published on the site, lets anyone check
/// a badge or a publication offline.
public struct NECSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    /// The signer of a stored key (its 32 raw bytes).
    public init(privateKey: Data) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
    }

    /// A new random key's 32 raw bytes, for the store to keep.
    public static func newPrivateKey() -> Data { Curve25519.Signing.PrivateKey().rawRepresentation }

    public var verifier: NECVerifier { NECVerifier(key.publicKey) }

    /// The text for the badge's QR code.
    public func sign(_ credential: BadgeCredential) throws -> String {
        try credential.signed { try key.signature(for: $0) }
    }

    /// The signature of a document's exact bytes (a results publication's content), base64url.
    public func signature(of content: Data) throws -> String {
        Base64URL.encode(try key.signature(for: content))
    }
}

/// Checks badges with the NEC's public key alone: offline, with the revocation list when one is at hand.
public struct NECVerifier: Sendable {
    private let key: Curve25519.Signing.PublicKey

    init(_ key: Curve25519.Signing.PublicKey) { self.key = key }

    /// The verifier of a published key, as ``publicKey`` writes it (base64url of 32 bytes);
    /// nil when the text is not one.
    public init?(publicKey text: String) {
        guard let data = Base64URL.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: data) else { return nil }
        self.key = key
    }

    /// The public key as published: base64url of its 32 raw bytes.
    public var publicKey: String { Base64URL.encode(key.rawRepresentation) }

    /// Lowercase hexadecimal SHA-256 of a document: a publication's `digest`.
    public static func digest(of content: Data) -> String {
        SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` (base64url, as ``NECSigner/signature(of:)`` writes it) is the NEC's
    /// signature of exactly these bytes.
    public func isSignature(_ signature: String, of content: Data) -> Bool {
        guard let bytes = Base64URL.decode(signature.trimmingCharacters(in: .whitespacesAndNewlines)) else { return false }
        return key.isValidSignature(bytes, for: content)
    }

    /// What the badge `text` is on `day`, given the revoked badges (number → reason).
    public func verify(_ text: String, on day: CalendarDate, revoked: [String: String] = [:]) -> BadgeCredential.Verdict {
        BadgeCredential.verify(text, on: day, revoked: revoked) { signature, payload in
            key.isValidSignature(signature, for: payload)
        }
    }
}
