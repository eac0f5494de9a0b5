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
    /// How far the station finder looks around a place for the nearest stations: a voter walks or
    /// rides to a station of their commune, and a place farther than this from every station is
    /// outside the country (searching the whole country for it would cost every station's row).
    public static let nearestReachMetres = 50_000
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
    /// How voters with disabilities reach it and are helped there, as the NEC recorded it.
    public var accessibility: StationAccessibility

    public init(
        id: StationCode, nameEnglish: String, nameKhmer: String,
        addressEnglish: String, addressKhmer: String, position: GeoPoint, registeredVoters: Int,
        accessibility: StationAccessibility = .unrecorded
    ) {
        self.id = id
        self.communeCode = id.commune
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.addressEnglish = addressEnglish
        self.addressKhmer = addressKhmer
        self.position = position
        self.registeredVoters = registeredVoters
        self.accessibility = accessibility
    }

    private enum CodingKeys: String, CodingKey {
        case id, communeCode, nameEnglish, nameKhmer, addressEnglish, addressKhmer, position, registeredVoters, accessibility
    }

    /// Reads a station written before stations had their accessibility as unrecorded.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(StationCode.self, forKey: .id), nameEnglish: try c.decode(String.self, forKey: .nameEnglish),
            nameKhmer: try c.decode(String.self, forKey: .nameKhmer), addressEnglish: try c.decode(String.self, forKey: .addressEnglish),
            addressKhmer: try c.decode(String.self, forKey: .addressKhmer), position: try c.decode(GeoPoint.self, forKey: .position),
            registeredVoters: try c.decode(Int.self, forKey: .registeredVoters),
            accessibility: try c.decodeIfPresent(StationAccessibility.self, forKey: .accessibility) ?? .unrecorded)
    }

    /// The province the station lies in.
    public var provinceCode: ProvinceCode { id.province }
}

/// How voters with disabilities reach a polling station and are helped there, as the NEC recorded
/// it; nil where it was not recorded (never shown as a "no").
public struct StationAccessibility: Sendable, Hashable, Codable {
    /// A ramp to the voting room.
    public var ramp: Bool?
    /// The voting room is on the ground floor.
    public var groundFloor: Bool?
    /// Someone of the station's commission is there to assist voters who ask.
    public var assistance: Bool?

    public init(ramp: Bool? = nil, groundFloor: Bool? = nil, assistance: Bool? = nil) {
        self.ramp = ramp
        self.groundFloor = groundFloor
        self.assistance = assistance
    }

    public static let unrecorded = StationAccessibility()

    /// A wheelchair reaches the voting room without a step: a ramp, or the ground floor.
    public var isStepFree: Bool { ramp == true || groundFloor == true }

    /// What a voter may ask the station finder for.
    public enum Need: String, Sendable, Hashable, CaseIterable {
        case stepFree = "step-free"
        case assistance
    }

    /// Whether the station is recorded as meeting `need`.
    public func meets(_ need: Need) -> Bool {
        switch need {
        case .stepFree: isStepFree
        case .assistance: assistance == true
        }
    }

    /// The three as the bundle, the forms and the history write them: `yes`, `no`, or empty when not recorded.
    public static func text(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "" }

    /// What ``text(_:)`` wrote: a yes, a no, or not recorded (nil); nil when the text is none of them.
    public static func answer(_ text: String) -> Bool?? {
        switch text {
        case "": .some(nil)
        case "yes": true
        case "no": false
        default: nil
        }
    }
}
