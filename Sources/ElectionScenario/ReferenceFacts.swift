import ElectionCore
import Foundation

/// The published facts about Cambodia's 2023 National Assembly election, read from the files
/// bundled under `Resources/cambodia-2023` (see SOURCES.md there).
struct ReferenceFacts: Sendable {
    struct Party: Sendable {
        let ballotOrder: PartyNumber
        let nameEnglish: String
        let nameKhmer: String
        let abbreviation: String
    }

    let constituencies: [Constituency]
    let communes: [Commune]
    let parties: [Party]
    /// Province outlines as GeoJSON geometry objects, by province code.
    let outlines: [String: String]
    let shapes: [ProvinceCode: AreaShape]
    let sources: String

    /// Why the bundled facts could not be read.
    struct Unreadable: Error, CustomStringConvertible {
        let file: String
        let reason: String
        var description: String { "bundled file \(file) is unreadable: \(reason)" }
    }

    static func load() throws -> ReferenceFacts {
        let provinces = try table("provinces_2023.csv").records(
            file: "provinces_2023.csv", required: ["code", "province", "khmer_name", "unit", "seats"])
        let constituencies = try provinces.map { p -> Constituency in
            guard let seats = Int(p["seats"] ?? "") else { throw Unreadable(file: "provinces_2023.csv", reason: "seats") }
            guard let code = ProvinceCode(p["code"] ?? "") else { throw Unreadable(file: "provinces_2023.csv", reason: "code") }
            return Constituency(
                id: code, nameEnglish: p["province"] ?? "", nameKhmer: p["khmer_name"] ?? "",
                kind: p["unit"] ?? "", seats: seats)
        }
        let communeRows = try table("communes_2023_ncdd_pumi.csv").records(
            file: "communes_2023_ncdd_pumi.csv",
            required: ["commune_code", "district_code", "province_code", "district_latin", "commune_latin",
                       "commune_km", "unit_type", "lat_approx", "lon_approx"])
        let districtRows = try table("districts_2023_pumi.csv").records(
            file: "districts_2023_pumi.csv", required: ["district_code", "district_km", "unit_km"])
        // In Khmer a district is named with its kind: ស្រុក (district), ខណ្ឌ (khan), ក្រុង (municipality).
        let districtsKhmer = Dictionary(
            districtRows.map { ($0["district_code"] ?? "", ($0["unit_km"] ?? "") + ($0["district_km"] ?? "")) }, uniquingKeysWith: { a, _ in a })
        let communes = try communeRows.map { c -> Commune in
            var position: GeoPoint?
            if let lat = Double(c["lat_approx"] ?? ""), let lon = Double(c["lon_approx"] ?? "") {
                position = GeoPoint(latitude: lat, longitude: lon)
            }
            guard let code = CommuneCode(c["commune_code"] ?? ""), code.province.rawValue == c["province_code"] else {
                throw Unreadable(file: "communes_2023_ncdd_pumi.csv", reason: "commune_code \(c["commune_code"] ?? "") in province \(c["province_code"] ?? "")")
            }
            return Commune(
                id: code,
                districtCode: c["district_code"] ?? "", districtName: c["district_latin"] ?? "",
                nameEnglish: c["commune_latin"] ?? "", nameKhmer: c["commune_km"] ?? "",
                // The gazetteer calls an urban sangkat a "Quarter".
                kind: c["unit_type"] == "Quarter" ? "Sangkat" : "Commune", approximatePosition: position,
                districtNameKhmer: districtsKhmer[c["district_code"] ?? ""] ?? "")
        }
        let partyRows = try table("parties_2023.csv").records(
            file: "parties_2023.csv", required: ["ballot_order", "party", "abbr", "khmer_name"])
        let parties = try partyRows.map { p -> Party in
            guard let order = PartyNumber(p["ballot_order"] ?? "") else {
                throw Unreadable(file: "parties_2023.csv", reason: "ballot_order")
            }
            return Party(
                ballotOrder: order, nameEnglish: p["party"] ?? "", nameKhmer: p["khmer_name"] ?? "",
                abbreviation: p["abbr"] ?? "")
        }
        let geojson = try data("geoBoundaries-KHM-ADM1_simplified.geojson")
        let shapes = try GeoJSON.areaShapes(from: geojson, codeProperty: "shapeISO", code: provinceCode(iso:))
        let outlines = try geometries(geojson)
        return ReferenceFacts(
            constituencies: constituencies, communes: communes, parties: parties, outlines: outlines,
            shapes: Dictionary(uniqueKeysWithValues: shapes.compactMap { shape in ProvinceCode(shape.code).map { ($0, shape) } }),
            sources: String(decoding: try data("SOURCES.md"), as: UTF8.self))
    }

    /// `KH-1` → `01`.
    static func provinceCode(iso: String) -> String? {
        guard iso.hasPrefix("KH-"), let number = Int(iso.dropFirst(3)), (1...99).contains(number) else { return nil }
        return number < 10 ? "0\(number)" : "\(number)"
    }

    private static func geometries(_ data: Data) throws -> [String: String] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else {
            throw Unreadable(file: "geoBoundaries", reason: "not a FeatureCollection")
        }
        var result: [String: String] = [:]
        for feature in features {
            guard let properties = feature["properties"] as? [String: Any],
                  let iso = properties["shapeISO"] as? String, let code = provinceCode(iso: iso),
                  let geometry = feature["geometry"] else { continue }
            let json = try JSONSerialization.data(withJSONObject: geometry, options: [.sortedKeys])
            result[code] = String(decoding: json, as: UTF8.self)
        }
        return result
    }

    private static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "cambodia-2023/\(name)", withExtension: nil) else {
            throw Unreadable(file: name, reason: "missing from the bundle")
        }
        return try Data(contentsOf: url)
    }

    static func table(_ name: String) throws -> CSVTable {
        CSVTable(text: String(decoding: try data(name), as: UTF8.self))
    }
}
