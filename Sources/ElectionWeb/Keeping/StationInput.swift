import ElectionCore

/// A polling station's details as a form or a JSON body gives them: the names are required, the
/// address may be empty, the place is a latitude and a longitude.
enum StationInput {
    static func details(
        nameEnglish: String?, nameKhmer: String?, addressEnglish: String?, addressKhmer: String?, latitude: String?, longitude: String?
    ) throws -> StationDetails {
        StationDetails(
            nameEnglish: try Input.text(nameEnglish.map { Substring($0) }, field: "nameEnglish") ?? "",
            nameKhmer: try Input.text(nameKhmer.map { Substring($0) }, field: "nameKhmer") ?? "",
            addressEnglish: try Input.text(addressEnglish.map { Substring($0) }, field: "addressEnglish", required: false) ?? "",
            addressKhmer: try Input.text(addressKhmer.map { Substring($0) }, field: "addressKhmer", required: false) ?? "",
            position: GeoPoint(latitude: try Input.latitude(latitude.map { Substring($0) }, field: "latitude"),
                               longitude: try Input.longitude(longitude.map { Substring($0) }, field: "longitude")))
    }

    /// The form's fields, in order, with what was typed or the station's details.
    static let fields = ["nameEnglish", "nameKhmer", "addressEnglish", "addressKhmer", "latitude", "longitude"]
    static let labels = ["field.nameEnglish", "field.nameKhmer", "field.addressEnglish", "field.addressKhmer", "field.latitude", "field.longitude"]

    static func values(_ details: StationDetails?) -> [String: String] {
        guard let d = details else { return [:] }
        return ["nameEnglish": d.nameEnglish, "nameKhmer": d.nameKhmer, "addressEnglish": d.addressEnglish, "addressKhmer": d.addressKhmer,
                "latitude": String(d.position.latitude), "longitude": String(d.position.longitude)]
    }

    static func formFields(_ values: [String: String], invalid: String?, _ language: Language) -> [FormField] {
        zip(fields, labels).map { FormField(name: $0, label: language.text($1), value: values[$0] ?? "", invalid: $0 == invalid) }
    }
}
