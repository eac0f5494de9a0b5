import ElectionCore

/// A commune's details as a form or a JSON body gives them: the names and the kind are required,
/// the district's name may be empty, the place is both a latitude and a longitude or neither.
enum CommuneInput {
    static func details(
        nameEnglish: String?, nameKhmer: String?, districtName: String?, districtNameKhmer: String?, kind: String?,
        latitude: String?, longitude: String?
    ) throws -> CommuneDetails {
        let en = try Input.text(nameEnglish.map { Substring($0) }, field: "nameEnglish") ?? ""
        let km = try Input.text(nameKhmer.map { Substring($0) }, field: "nameKhmer") ?? ""
        let district = try Input.text(districtName.map { Substring($0) }, field: "districtName", required: false) ?? ""
        let districtKhmer = try Input.text(districtNameKhmer.map { Substring($0) }, field: "districtNameKhmer", required: false) ?? ""
        guard let kind, CommuneDetails.kinds.contains(kind) else { throw InputError(field: "kind", reason: "choice") }
        let lat = latitude?.trimmingCharacters(in: .whitespaces) ?? "", lon = longitude?.trimmingCharacters(in: .whitespaces) ?? ""
        var position: GeoPoint?
        if !lat.isEmpty || !lon.isEmpty {
            position = GeoPoint(latitude: try Input.latitude(Substring(lat), field: "latitude"),
                                longitude: try Input.longitude(Substring(lon), field: "longitude"))
        }
        return CommuneDetails(
            nameEnglish: en, nameKhmer: km, districtName: district, kind: kind, approximatePosition: position, districtNameKhmer: districtKhmer)
    }

    /// The form's text fields, in order (the kind is a choice of its own).
    static let fields = ["nameEnglish", "nameKhmer", "districtName", "districtNameKhmer", "latitude", "longitude"]
    static let labels = ["field.nameEnglish", "field.nameKhmer", "field.districtName", "field.districtNameKhmer", "field.latitude", "field.longitude"]

    static func values(_ details: CommuneDetails?) -> [String: String] {
        guard let d = details else { return [:] }
        return ["nameEnglish": d.nameEnglish, "nameKhmer": d.nameKhmer, "districtName": d.districtName, "districtNameKhmer": d.districtNameKhmer, "kind": d.kind,
                "latitude": d.approximatePosition.map { String($0.latitude) } ?? "", "longitude": d.approximatePosition.map { String($0.longitude) } ?? ""]
    }

    static func formFields(_ values: [String: String], invalid: String?, _ language: Language) -> [FormField] {
        zip(fields, labels).map { FormField(name: $0, label: language.text($1), value: values[$0] ?? "", invalid: $0 == invalid) }
    }

    /// The kinds to choose from, the given one chosen.
    static func kinds(_ values: [String: String], _ language: Language) -> [Choice] {
        CommuneDetails.kinds.map { Choice(value: $0, label: language.text(KeyFamilies.communeKind, $0), selected: values["kind"] == $0) }
    }
}
