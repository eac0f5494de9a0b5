import ElectionCore

/// A polling station's details as a form or a JSON body gives them: the names are required, the
/// address may be empty, the place is a latitude and a longitude.
enum StationInput {
    static func details(
        nameEnglish: String?, nameKhmer: String?, addressEnglish: String?, addressKhmer: String?, latitude: String?, longitude: String?,
        ramp: String? = nil, groundFloor: String? = nil, assistance: String? = nil
    ) throws -> StationDetails {
        StationDetails(
            nameEnglish: try Input.text(nameEnglish.map { Substring($0) }, field: "nameEnglish") ?? "",
            nameKhmer: try Input.text(nameKhmer.map { Substring($0) }, field: "nameKhmer") ?? "",
            addressEnglish: try Input.text(addressEnglish.map { Substring($0) }, field: "addressEnglish", required: false) ?? "",
            addressKhmer: try Input.text(addressKhmer.map { Substring($0) }, field: "addressKhmer", required: false) ?? "",
            position: GeoPoint(latitude: try Input.latitude(latitude.map { Substring($0) }, field: "latitude"),
                               longitude: try Input.longitude(longitude.map { Substring($0) }, field: "longitude")),
            accessibility: StationAccessibility(
                ramp: try yesOrNo(ramp, field: "ramp"), groundFloor: try yesOrNo(groundFloor, field: "groundFloor"),
                assistance: try yesOrNo(assistance, field: "assistance")))
    }

    /// `yes`, `no`, or nothing for not recorded.
    static func yesOrNo(_ value: String?, field: String) throws -> Bool? {
        guard let answer = StationAccessibility.answer(value ?? "") else { throw InputError(field: field, reason: "choice") }
        return answer
    }

    /// The accessibility fields, each a choice of recorded yes, recorded no, or not recorded.
    static let accessFields = ["ramp", "groundFloor", "assistance"]
    static let accessLabels = ["field.ramp", "field.groundFloor", "field.assistance"]
    /// Each answer as a form sends it, and its words.
    static let accessAnswers: [(value: String, key: String)] = [
        ("", "stations.access_unrecorded"), ("yes", "stations.access_yes"), ("no", "stations.access_no"),
    ]

    /// The accessibility choices of the form, with what was typed or the station's.
    static func accessChoices(_ values: [String: String], invalid: String?, _ language: Language) -> [AccessField] {
        zip(accessFields, accessLabels).map { name, label in
            AccessField(name: name, label: language.text(label), invalid: name == invalid, choices: accessAnswers.map { value, key in
                Choice(value: value, label: language.text(key), selected: (values[name] ?? "") == value)
            })
        }
    }

    /// The form's fields, in order, with what was typed or the station's details.
    static let fields = ["nameEnglish", "nameKhmer", "addressEnglish", "addressKhmer", "latitude", "longitude"]
    static let labels = ["field.nameEnglish", "field.nameKhmer", "field.addressEnglish", "field.addressKhmer", "field.latitude", "field.longitude"]

    static func values(_ details: StationDetails?) -> [String: String] {
        guard let d = details else { return [:] }
        return ["nameEnglish": d.nameEnglish, "nameKhmer": d.nameKhmer, "addressEnglish": d.addressEnglish, "addressKhmer": d.addressKhmer,
                "latitude": String(d.position.latitude), "longitude": String(d.position.longitude),
                "ramp": StationAccessibility.text(d.accessibility.ramp), "groundFloor": StationAccessibility.text(d.accessibility.groundFloor),
                "assistance": StationAccessibility.text(d.accessibility.assistance)]
    }

    static func formFields(_ values: [String: String], invalid: String?, _ language: Language) -> [FormField] {
        zip(fields, labels).map { FormField(name: $0, label: language.text($1), value: values[$0] ?? "", invalid: $0 == invalid) }
    }
}

/// A yes-or-no question of a form whose answer may also be "not recorded".
struct AccessField: Sendable {
    let name: String
    let label: String
    let invalid: Bool
    let choices: [Choice]
}
