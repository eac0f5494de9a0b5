/// What an account may do, tied to one unit of the electoral geography.
public enum OfficialRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// National Election Committee: every station, confirms the nation and publishes.
    case necAdministrator = "nec-administrator"
    /// A provincial commission: its province's stations; coordinates, confirms the province.
    case provincialOfficial = "provincial-official"
    /// A commune commission: its commune's stations; coordinates disputes and corrections.
    case communeOfficial = "commune-official"
    /// A polling station commission: enters its own station's form.
    case stationOfficial = "station-official"

    /// The level of the unit this role is tied to.
    public var unitLevel: ResultLevel {
        switch self {
        case .necAdministrator: .national
        case .provincialOfficial: .province
        case .communeOfficial: .commune
        case .stationOfficial: .station
        }
    }

    /// Whether the role may settle disputes, open corrections and acknowledge for others.
    public var coordinates: Bool { self != .stationOfficial }
}

/// A signed-in election official.
public struct Official: Sendable, Hashable, Codable {
    public var id: OfficialID
    /// The account name, unique.
    public var name: String
    public var role: OfficialRole
    /// The province, commune or station the role is limited to; the nation for the NEC.
    public var unitCode: UnitCode

    public init(id: OfficialID, name: String, role: OfficialRole, unitCode: UnitCode) {
        self.id = id
        self.name = name
        self.role = role
        self.unitCode = unitCode
    }

    /// Whether the unit (a station, commune or province) is within the official's unit.
    public func covers(_ unit: UnitCode) -> Bool { unitCode.contains(unit) }

    /// Whether the station is within the official's unit.
    public func covers(_ station: StationCode) -> Bool { unitCode.contains(station) }
}
