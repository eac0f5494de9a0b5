/// A constituency: in Cambodia a province or the capital, electing several members from closed lists.
public struct Constituency: Sendable, Hashable, Codable, Identifiable {
    /// Two-digit code, e.g. `12` for Phnom Penh.
    public var id: ProvinceCode
    public var nameEnglish: String
    public var nameKhmer: String
    /// `province` or `capital`.
    public var kind: String
    /// Members of the assembly it elects.
    public var seats: Int

    public init(id: ProvinceCode, nameEnglish: String, nameKhmer: String, kind: String, seats: Int) {
        self.id = id
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.kind = kind
        self.seats = seats
    }
}

/// A commune (rural) or sangkat (urban): the smallest administrative unit, with its own commission.
public struct Commune: Sendable, Hashable, Codable, Identifiable {
    /// Six-digit code whose first two digits are the province code, e.g. `010201`.
    public let id: CommuneCode
    /// The province the commune lies in (the first digits of ``id``).
    public let provinceCode: ProvinceCode
    public var districtCode: String
    public var districtName: String
    /// The district's name in Khmer; empty where it is not known.
    public var districtNameKhmer: String
    public var nameEnglish: String
    public var nameKhmer: String
    /// `Commune` or `Sangkat`.
    public var kind: String
    /// An approximate position from geocoding, where one is known.
    public var approximatePosition: GeoPoint?

    public init(
        id: CommuneCode, districtCode: String, districtName: String,
        nameEnglish: String, nameKhmer: String, kind: String, approximatePosition: GeoPoint?, districtNameKhmer: String = ""
    ) {
        self.id = id
        self.provinceCode = id.province
        self.districtCode = districtCode
        self.districtName = districtName
        self.districtNameKhmer = districtNameKhmer
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.kind = kind
        self.approximatePosition = approximatePosition
    }
}

/// A polling station: where a group of registered voters cast their ballots.
public struct PollingStation: Sendable, Hashable, Codable, Identifiable {
    /// Nine-digit code: the commune code followed by a three-digit number, e.g. `010201003`.
    public let id: StationCode
    /// The commune the station lies in (the first digits of ``id``).
    public let communeCode: CommuneCode
    public var nameEnglish: String
    public var nameKhmer: String
    public var addressEnglish: String
    public var addressKhmer: String
    public var position: GeoPoint
    /// Voters on the register assigned to this station.
    public var registeredVoters: Int

    public init(
        id: StationCode, nameEnglish: String, nameKhmer: String,
        addressEnglish: String, addressKhmer: String, position: GeoPoint, registeredVoters: Int
    ) {
        self.id = id
        self.communeCode = id.commune
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.addressEnglish = addressEnglish
        self.addressKhmer = addressKhmer
        self.position = position
        self.registeredVoters = registeredVoters
    }

    /// The province the station lies in.
    public var provinceCode: ProvinceCode { id.province }
}
