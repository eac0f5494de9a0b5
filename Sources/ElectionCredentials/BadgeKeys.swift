import Crypto
import ElectionCore
import Foundation

/// The NEC's Ed25519 badge key: it signs each accepted badge's credential (``BadgeCredential``);
/// its public half, published on the site, lets anyone check a badge offline.
public struct BadgeSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    /// The signer of a stored key (its 32 raw bytes).
    public init(privateKey: Data) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
    }

    /// A new random key's 32 raw bytes, for the store to keep.
    public static func newPrivateKey() -> Data { Curve25519.Signing.PrivateKey().rawRepresentation }

    public var verifier: BadgeVerifier { BadgeVerifier(key.publicKey) }

    /// The text for the badge's QR code.
    public func sign(_ credential: BadgeCredential) throws -> String {
        try credential.signed { try key.signature(for: $0) }
    }
}

/// Checks badges with the NEC's public key alone: offline, with the revocation list when one is at hand.
public struct BadgeVerifier: Sendable {
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

    /// What the badge `text` is on `day`, given the revoked badges (number → reason).
    public func verify(_ text: String, on day: CalendarDate, revoked: [String: String] = [:]) -> BadgeCredential.Verdict {
        BadgeCredential.verify(text, on: day, revoked: revoked) { signature, payload in
            key.isValidSignature(signature, for: payload)
        }
    }
}
