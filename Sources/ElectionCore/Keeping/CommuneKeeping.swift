/// What the NEC sets of a commune: its names, its district's name, whether it is a commune or a
/// sangkat, and an approximate place. Its code comes from the national gazetteer when it is added
/// (its first four digits are its district's) and never changes.
public struct CommuneDetails: Sendable, Hashable, Codable {
    public var nameEnglish: String
    public var nameKhmer: String
    public var districtName: String
    public var districtNameKhmer: String
    /// `Commune` or `Sangkat`.
    public var kind: String
    public var approximatePosition: GeoPoint?

    /// The kinds of commune: rural communes and urban sangkats.
    public static let kinds = ["Commune", "Sangkat"]

    public init(
        nameEnglish: String, nameKhmer: String, districtName: String, kind: String, approximatePosition: GeoPoint?, districtNameKhmer: String = ""
    ) {
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.districtName = districtName
        self.districtNameKhmer = districtNameKhmer
        self.kind = kind
        self.approximatePosition = approximatePosition
    }

    public init(_ commune: Commune) {
        self.init(nameEnglish: commune.nameEnglish, nameKhmer: commune.nameKhmer, districtName: commune.districtName, kind: commune.kind,
                  approximatePosition: commune.approximatePosition, districtNameKhmer: commune.districtNameKhmer)
    }

    /// The commune these details make, with `code`.
    public func commune(_ code: CommuneCode) -> Commune {
        Commune(id: code, districtCode: String(code.rawValue.prefix(4)), districtName: districtName, nameEnglish: nameEnglish,
                nameKhmer: nameKhmer, kind: kind, approximatePosition: approximatePosition, districtNameKhmer: districtNameKhmer)
    }

    /// The details as one line of history: `field: value` pairs in a fixed order.
    public var summary: String {
        "name_en: \(nameEnglish); name_km: \(nameKhmer); district: \(districtName); district_km: \(districtNameKhmer); kind: \(kind); position: "
            + (approximatePosition.map { "\($0.latitude), \($0.longitude)" } ?? "none")
    }
}

/// When a commune may be added and retired.
public enum CommuneKeeping {
    /// Throws a ``Refusal`` unless `code` may name a new commune: no commune has it now or had it
    /// before (a retired commune's history keeps it). Its province must be one of the election's,
    /// which the store looks up.
    public static func requireNewCode(_ code: CommuneCode, inUse: Bool, usedBefore: Bool) throws(Refusal) {
        if inUse { throw Refusal(.codeTaken, field: "code", "commune \(code) exists already") }
        if usedBefore { throw Refusal(.codeTaken, field: "code", "commune \(code) was retired; its code is not given again") }
    }

    /// Throws a ``Refusal`` naming what still depends on the commune: its polling stations (retire
    /// them first), or officials' accounts for its unit.
    public static func requireRetirable(_ code: CommuneCode, stations: Int, accounts: Int) throws(Refusal) {
        if stations > 0 { throw Refusal(.inUse, field: "commune", "commune \(code) still has \(stations) polling stations: retire them first") }
        if accounts > 0 { throw Refusal(.inUse, field: "commune", "\(accounts) officials' accounts belong to commune \(code)") }
    }
}

extension Commission {
    /// The commission a commune gets when it is added; its members are appointed afterwards.
    public static func forNewCommune(_ commune: Commune) -> Commission {
        let khmerUnit = commune.kind == "Sangkat" ? "សង្កាត់" : "ឃុំ"
        return Commission(
            id: id(level: .commune, unitCode: .commune(commune.id)), level: .commune, unitCode: .commune(commune.id),
            nameEnglish: "\(commune.nameEnglish) \(commune.kind) Election Commission",
            nameKhmer: "គណៈកម្មការរៀបចំការបោះឆ្នោត\(khmerUnit)\(commune.nameKhmer)")
    }
}
