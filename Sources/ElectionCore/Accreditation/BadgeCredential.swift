import Foundation

/// What a badge's QR code holds: who it accredits as what, for which days, signed by the NEC.
/// Written as `SALA1.<payload>.<signature>`, both base64url without padding: the payload is the
/// JSON below with its keys sorted, the signature Ed25519 over the payload's bytes. Anyone with
/// the NEC's public key checks it offline; the revocation list says whether it still holds.
public struct BadgeCredential: Sendable, Hashable, Codable {
    /// The badge number, e.g. `A-000123`.
    public var badge: String
    /// The holder's name in Latin script, as printed under the photo.
    public var name: String
    public var category: AccreditationCategory
    public var organisation: String
    public var validFrom: CalendarDate
    public var validUntil: CalendarDate
    /// The election it is for.
    public var election: String

    enum CodingKeys: String, CodingKey {
        case badge = "b", name = "n", category = "c", organisation = "o", validFrom = "f", validUntil = "u", election = "e"
    }

    public init(
        badge: String, name: String, category: AccreditationCategory, organisation: String, validFrom: CalendarDate,
        validUntil: CalendarDate, election: String
    ) {
        self.badge = badge
        self.name = name
        self.category = category
        self.organisation = organisation
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.election = election
    }

    /// The credential of an accepted application; nil for one that is not accepted.
    public init?(_ application: AccreditationApplication, election: String) {
        guard application.status == .accepted, let from = application.validFrom, let until = application.validUntil else { return nil }
        self.init(
            badge: application.badgeNumber, name: application.name.latin, category: application.category,
            organisation: application.organisationID, validFrom: from, validUntil: until, election: election)
    }

    public static let prefix = "SALA1."

    /// The bytes that are signed.
    public func payload() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The text for the QR code, with the signature `sign` gives for the payload.
    public func signed(_ sign: (Data) throws -> Data) rethrows -> String {
        let payload = payload()
        return Self.prefix + Base64URL.encode(payload) + "." + Base64URL.encode(try sign(payload))
    }

    /// What checking a badge found.
    public enum Verdict: Sendable, Hashable {
        case valid(BadgeCredential)
        /// Not a Sala badge, or damaged: the parts cannot be read.
        case malformed
        /// The signature is not the NEC's over these contents: forged or altered.
        case badSignature
        case notYetValid(BadgeCredential)
        case expired(BadgeCredential)
        /// Withdrawn by the NEC, with its reason.
        case revoked(BadgeCredential, reason: String)

        public var isValid: Bool { if case .valid = self { true } else { false } }
    }

    /// Checks `text` on `day`: its form, its signature (by `isSignatureValid(signature, payload)`,
    /// the NEC's public key), its days, and the revocation list (badge number → reason).
    public static func verify(
        _ text: String, on day: CalendarDate, revoked: [String: String] = [:], isSignatureValid: (Data, Data) -> Bool
    ) -> Verdict {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(prefix) else { return .malformed }
        let parts = trimmed.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])), let signature = Base64URL.decode(String(parts[1])),
              let credential = try? JSONDecoder().decode(BadgeCredential.self, from: payload)
        else { return .malformed }
        guard isSignatureValid(signature, payload) else { return .badSignature }
        if let reason = revoked[credential.badge] { return .revoked(credential, reason: reason) }
        if day < credential.validFrom { return .notYetValid(credential) }
        if day > credential.validUntil { return .expired(credential) }
        return .valid(credential)
    }
}

/// Base64 with the URL's alphabet and no padding, as QR codes and URLs carry it.
public enum Base64URL {
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
