import Foundation

/// One change to the register, with who made it and when. The register keeps every change; the
/// public check reads the register as the changes left it.
public struct RegisterChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A person added to the register.
        case registered
        /// A voter moved to another polling station.
        case moved
        /// A voter taken off the register (the reason says why: deceased, a duplicate, …).
        case removed
    }

    public var kind: Kind
    /// The voter as the change left them (as they were, for a removal).
    public var voter: Voter
    /// The station before a move.
    public var fromStation: StationCode?
    public var reason: String
    /// The official's account name.
    public var official: String
    public var at: Date

    public init(kind: Kind, voter: Voter, fromStation: StationCode? = nil, reason: String, official: String, at: Date) {
        self.kind = kind
        self.voter = voter
        self.fromStation = fromStation
        self.reason = reason
        self.official = official
        self.at = at
    }
}
