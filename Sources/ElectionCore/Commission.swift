/// The four tiers of election commissions, from the national committee down to each polling station.
public enum CommissionLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case national
    case provincial
    case commune
    case pollingStation = "polling-station"
}

/// An election commission: the body that runs the election for one unit (the country, a province, a commune or a polling station).
public struct Commission: Sendable, Hashable, Codable, Identifiable {
    /// `NEC`, `PEC-01`, `CEC-010201`, `PSC-010201003`.
    public var id: String
    public var level: CommissionLevel
    /// The unit it serves: the nation, a province, a commune or a station.
    public var unitCode: UnitCode
    public var nameEnglish: String
    public var nameKhmer: String

    public init(id: String, level: CommissionLevel, unitCode: UnitCode, nameEnglish: String, nameKhmer: String) {
        self.id = id
        self.level = level
        self.unitCode = unitCode
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
    }

    /// The identifier of the commission serving a unit at a level.
    public static func id(level: CommissionLevel, unitCode: UnitCode) -> String {
        switch level {
        case .national: "NEC"
        case .provincial: "PEC-\(unitCode)"
        case .commune: "CEC-\(unitCode)"
        case .pollingStation: "PSC-\(unitCode)"
        }
    }
}

/// A member's office within a commission.
public enum CommissionRole: String, Sendable, Hashable, Codable, CaseIterable {
    case chair
    case viceChair = "vice-chair"
    case member
}

/// A person serving on an election commission.
public struct CommissionMember: Sendable, Hashable, Codable {
    public var commissionID: String
    /// The member's seat, from 1 (generated and loaded commissions seat the chair first; a seat
    /// once held is not given again).
    public var seat: Int
    public var role: CommissionRole
    public var name: PersonName
    public var sex: Sex
    /// The member's entry on the register, for members appointed through Sala (members loaded
    /// from a bundle may not have it). Never shown to the public.
    public var voterNumber: VoterNumber?

    public init(commissionID: String, seat: Int, role: CommissionRole, name: PersonName, sex: Sex, voterNumber: VoterNumber? = nil) {
        self.commissionID = commissionID
        self.seat = seat
        self.role = role
        self.name = name
        self.sex = sex
        self.voterNumber = voterNumber
    }
}
