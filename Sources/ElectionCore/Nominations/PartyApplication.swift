import Foundation

/// A party's application to stand in the election, and what the NEC decided.
public struct PartyApplication: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case pending
        case registered
        case rejected
    }

    public var id: Int
    public var nameEnglish: String
    public var nameKhmer: String
    public var abbreviation: String
    public var leader: String
    /// How the NEC reaches the party (address, telephone, e-mail).
    public var contact: String
    public var filedAt: Date
    public var status: Status
    /// The party number given on registration.
    public var party: PartyNumber?
    /// Why the NEC decided as it did (required for a rejection).
    public var decisionReason: String?
    public var decidedBy: String?
    public var decidedAt: Date?

    public init(
        id: Int, nameEnglish: String, nameKhmer: String, abbreviation: String, leader: String, contact: String,
        filedAt: Date, status: Status = .pending, party: PartyNumber? = nil, decisionReason: String? = nil,
        decidedBy: String? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.abbreviation = abbreviation
        self.leader = leader
        self.contact = contact
        self.filedAt = filedAt
        self.status = status
        self.party = party
        self.decisionReason = decisionReason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// The NEC's decision on a party's application.
public enum PartyDecision: Sendable, Hashable {
    /// Registered; the party gets the next free number and an agent who may submit its lists.
    case register(reason: String, agentName: String)
    case reject(reason: String)

    /// Throws a ``Refusal`` unless the application is still pending and a rejection says why.
    public func check(_ application: PartyApplication) throws(Refusal) {
        guard application.status == .pending else {
            throw Refusal(.wrongState, "application \(application.id) was already \(application.status.rawValue)")
        }
        switch self {
        case .reject(let reason) where reason.trimmingCharacters(in: .whitespaces).isEmpty:
            throw Refusal(.reasonRequired, field: "reason", "a rejection must give its reason")
        case .register(_, let agent) where agent.trimmingCharacters(in: .whitespaces).isEmpty:
            throw Refusal(.reasonRequired, field: "agent", "a registration names the party's agent")
        default: break
        }
    }
}

/// A party's agent, signed in with the code the NEC gave at registration: submits the party's lists.
public struct PartyAgent: Sendable, Hashable {
    public var party: PartyNumber
    public var name: String

    public init(party: PartyNumber, name: String) {
        self.party = party
        self.name = name
    }

    /// Throws a ``Refusal`` unless the list is the agent's own party's.
    public func requireOwn(_ party: PartyNumber) throws(Refusal) {
        guard party == self.party else { throw Refusal(.roleMayNot, "\(name) is the agent of party \(self.party), not \(party)") }
    }
}

/// A change to an accepted list after it was locked: a withdrawal (those below move up) or a
/// replacement (a new person, checked as at submission, takes the place).
public struct CandidateChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case withdrawn, replaced }

    public var kind: Kind
    public var party: PartyNumber
    public var constituency: ProvinceCode
    public var position: Int
    /// The candidate who left the list.
    public var former: PersonName
    /// The candidate who took the place, for a replacement.
    public var replacement: PersonName?
    public var reason: String
    public var officialName: String
    public var recordedAt: Date

    public init(
        kind: Kind, party: PartyNumber, constituency: ProvinceCode, position: Int, former: PersonName,
        replacement: PersonName?, reason: String, officialName: String, recordedAt: Date
    ) {
        self.kind = kind
        self.party = party
        self.constituency = constituency
        self.position = position
        self.former = former
        self.replacement = replacement
        self.reason = reason
        self.officialName = officialName
        self.recordedAt = recordedAt
    }
}
