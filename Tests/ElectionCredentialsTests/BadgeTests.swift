import ElectionCore
import ElectionCredentials
import Foundation
import Testing

/// Badges signed with the NEC's key and checked with its public key alone.
@Suite struct BadgeTests {
    static let signer = try! NECSigner(privateKey: NECSigner.newPrivateKey())
    static let credential = BadgeCredential(
        badge: "A-000123", name: "Sok Sophea", category: .nationalObserver, organisation: "comfrel",
        validFrom: CalendarDate(year: 2023, month: 6, day: 20)!, validUntil: CalendarDate(year: 2023, month: 7, day: 31)!,
        election: "cambodia-2023")
    static let electionDay = CalendarDate(year: 2023, month: 7, day: 23)!

    @Test func aSignedBadgeIsValidWithThePublishedKeyAlone() throws {
        let text = try Self.signer.sign(Self.credential)
        #expect(text.hasPrefix("SALA1."))
        let published = try #require(NECVerifier(publicKey: Self.signer.verifier.publicKey))
        #expect(published.verify(text, on: Self.electionDay) == .valid(Self.credential))
    }

    /// Any one bit changed, in what it says or in its signature, and the badge fails.
    @Test func oneFlippedBitFailsTheSignature() throws {
        let text = try Self.signer.sign(Self.credential)
        let parts = text.dropFirst(BadgeCredential.prefix.count).split(separator: ".").map(String.init)
        let payload = try #require(Base64URL.decode(parts[0])), signature = try #require(Base64URL.decode(parts[1]))
        for (part, bytes) in [(0, payload), (1, signature)] {
            for bit in stride(from: 0, to: bytes.count * 8, by: 13) {
                var flipped = bytes
                flipped[bit / 8] ^= 1 << UInt8(bit % 8)
                let changed = part == 0 ? [Base64URL.encode(flipped), parts[1]] : [parts[0], Base64URL.encode(flipped)]
                let verdict = Self.signer.verifier.verify(BadgeCredential.prefix + changed.joined(separator: "."), on: Self.electionDay)
                #expect(verdict == .badSignature || verdict == .malformed, "bit \(bit) of part \(part): \(verdict)")
            }
        }
        let other = try NECSigner(privateKey: NECSigner.newPrivateKey())
        #expect(other.verifier.verify(text, on: Self.electionDay) == .badSignature, "another key's badge")
    }

    @Test func daysAndRevocationDecideWhetherAGenuineBadgeHolds() throws {
        let text = try Self.signer.sign(Self.credential)
        let verifier = Self.signer.verifier
        #expect(verifier.verify(text, on: CalendarDate(year: 2023, month: 6, day: 19)!) == .notYetValid(Self.credential))
        #expect(verifier.verify(text, on: CalendarDate(year: 2023, month: 6, day: 20)!) == .valid(Self.credential))
        #expect(verifier.verify(text, on: CalendarDate(year: 2023, month: 7, day: 31)!) == .valid(Self.credential))
        #expect(verifier.verify(text, on: CalendarDate(year: 2023, month: 8, day: 1)!) == .expired(Self.credential))
        #expect(verifier.verify(text, on: Self.electionDay, revoked: ["A-000123": "breach of the code"])
                == .revoked(Self.credential, reason: "breach of the code"))
        for broken in ["", "SALA1.", "SALA1.abc", "SALA2." + text.dropFirst(6), text + ".x", "SALA1.!!!.???"] {
            #expect(verifier.verify(broken, on: Self.electionDay) == .malformed, "\(broken)")
        }
        #expect(NECVerifier(publicKey: "not a key") == nil)
    }
}
