import Foundation

/// A person the NEC appoints to a commission, identified on the register by their voter number.
public struct Appointment: Sendable, Hashable, Codable {
    public var commissionID: String
    public var role: CommissionRole
    public var voterNumber: VoterNumber
    /// The name as typed; it must be the register's (either script).
    public var name: String

    public init(commissionID: String, role: CommissionRole, voterNumber: VoterNumber, name: String) {
        self.commissionID = commissionID
        self.role = role
        self.voterNumber = voterNumber
        self.name = name
    }
}

/// A rule of a commission's membership.
public enum CommissionRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// More members than the election allows at the commission's tier.
    case tooManyMembers = "too-many-members"
    /// Fewer members than the election requires at the commission's tier.
    case tooFewMembers = "too-few-members"
    /// A commission has one chair.
    case secondChair = "second-chair"
    /// A person holds one seat, on one commission.
    case alreadyOnACommission = "already-on-a-commission"
    /// A candidate may not sit on a commission.
    case candidate
    /// The voter number is not on the register, or not under that name.
    case notRegistered = "not-registered"
}

/// The rules a change to a commission breaks, every one of them; nothing is stored.
public struct CommissionProblems: Error, Sendable, Hashable, CustomStringConvertible {
    public var rules: [CommissionRule]
    /// The tier's allowed sizes, for the size rules.
    public var allowed: ClosedRange<Int>?

    public init(_ rules: [CommissionRule], allowed: ClosedRange<Int>? = nil) {
        self.rules = rules
        self.allowed = allowed
    }

    public var description: String {
        rules.map(\.rawValue).joined(separator: ", ") + (allowed.map { " (\($0.lowerBound) to \($0.upperBound) members)" } ?? "")
    }
}

/// The membership rules, asked before every appointment and removal.
public enum CommissionCheck {
    /// What appointing `appointment` to a commission whose members are `members` would break:
    /// the tier's largest size (`allowed`), one chair, the person on the register under that name
    /// (`voter`), on no other commission (`seatElsewhere`), and not a candidate.
    public static func appointing(
        _ appointment: Appointment, members: [CommissionMember], allowed: ClosedRange<Int>?, voter: Voter?, seatElsewhere: Bool,
        isCandidate: Bool
    ) -> [CommissionRule] {
        var broken: [CommissionRule] = []
        if let allowed, members.count + 1 > allowed.upperBound { broken.append(.tooManyMembers) }
        if appointment.role == .chair, members.contains(where: { $0.role == .chair }) { broken.append(.secondChair) }
        if voter.map({ !$0.name.matches(appointment.name) }) ?? true { broken.append(.notRegistered) }
        if seatElsewhere { broken.append(.alreadyOnACommission) }
        if isCandidate { broken.append(.candidate) }
        return broken
    }

    /// What removing one member of `members` would break: the tier's smallest size.
    public static func removing(members: [CommissionMember], allowed: ClosedRange<Int>?) -> [CommissionRule] {
        guard let allowed, members.count - 1 < allowed.lowerBound else { return [] }
        return [.tooFewMembers]
    }
}

/// A change to a commission's membership as recorded.
public struct CommissionChange: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable { case appointed, removed }

    public var commissionID: String
    public var seat: Int
    public var action: Action
    public var role: CommissionRole
    public var name: PersonName
    public var reason: String
    public var officialName: String
    public var recordedAt: Date

    public init(
        commissionID: String, seat: Int, action: Action, role: CommissionRole, name: PersonName, reason: String, officialName: String,
        recordedAt: Date
    ) {
        self.commissionID = commissionID
        self.seat = seat
        self.action = action
        self.role = role
        self.name = name
        self.reason = reason
        self.officialName = officialName
        self.recordedAt = recordedAt
    }
}
