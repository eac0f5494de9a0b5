import ElectionCore

/// One parsing of a station's election-day report, for the official's phone page and the API.
enum StationReportInput {
    /// What the phone's form or the API's JSON body gives, by the same names. Numbers come as text
    /// from a form and as numbers or text from JSON.
    struct Fields: Sendable, Decodable {
        /// The identifier the phone made for this report (a UUID), so that a resend is stored once.
        var id: String?
        var kind: String?
        var time: String?
        var staffPresent: String?
        var materialsComplete: String?
        var voted: String?
        var inLine: String?
        var category: String?
        var note: String?

        init(id: String? = nil, kind: String? = nil, time: String? = nil, staffPresent: String? = nil, materialsComplete: String? = nil,
             voted: String? = nil, inLine: String? = nil, category: String? = nil, note: String? = nil) {
            (self.id, self.kind, self.time, self.staffPresent, self.materialsComplete) = (id, kind, time, staffPresent, materialsComplete)
            (self.voted, self.inLine, self.category, self.note) = (voted, inLine, category, note)
        }

        /// The fields of a submitted form.
        init(form: [String: String]) {
            self.init(
                id: form["id"], kind: form["kind"], time: form["time"], staffPresent: form["staffPresent"],
                materialsComplete: form["materialsComplete"], voted: form["voted"], inLine: form["inLine"], category: form["category"],
                note: form["note"])
        }

        private enum CodingKeys: String, CodingKey {
            case id, kind, time, staffPresent, materialsComplete, voted, inLine, category, note
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func loose(_ key: CodingKeys) throws -> String? {
                if let number = try? c.decodeIfPresent(Int.self, forKey: key) { return String(number) }
                if let flag = try? c.decodeIfPresent(Bool.self, forKey: key) { return flag ? "yes" : "no" }
                guard let text = try? c.decodeIfPresent(String.self, forKey: key) else {
                    if c.contains(key), try !c.decodeNil(forKey: key) { throw InputError(field: key.rawValue, reason: "choice") }
                    return nil
                }
                return text
            }
            self.init(
                id: try loose(.id), kind: try loose(.kind), time: try loose(.time), staffPresent: try loose(.staffPresent),
                materialsComplete: try loose(.materialsComplete), voted: try loose(.voted), inLine: try loose(.inLine),
                category: try loose(.category), note: try loose(.note))
        }
    }

    /// The most commission members a station's report may count as present.
    static let staffLimit = 50
    /// The most voters a report may count (voted, in line): more than any station holds.
    static let voterLimit = 100_000

    /// The report the fields describe for `station`; every field is checked here, the day's
    /// rules (hours, order, registered voters) by the store.
    static func report(_ fields: Fields, station: StationCode) throws -> StationReport {
        guard let id = try Input.submissionID(fields.id) else { throw InputError(field: "id", reason: "missing") }
        guard let kind = fields.kind.flatMap(StationReport.Kind.init(rawValue:)) else { throw InputError(field: "kind", reason: "choice") }
        guard let time = fields.time.flatMap(ClockTime.init) else { throw InputError(field: "time", reason: "clock_time") }
        let note = try Input.longText(fields.note, field: "note", required: kind == .incident) ?? ""
        var report = StationReport(id: id, stationCode: station, kind: kind, time: time, note: note)
        switch kind {
        case .opening:
            report.staffPresent = try count(fields.staffPresent, field: "staffPresent", limit: staffLimit)
            switch fields.materialsComplete {
            case "yes": report.materialsComplete = true
            case "no": report.materialsComplete = false
            default: throw InputError(field: "materialsComplete", reason: "choice")
            }
        case .turnout:
            report.voted = try count(fields.voted, field: "voted", limit: voterLimit)
        case .closing:
            report.inLine = try count(fields.inLine, field: "inLine", limit: voterLimit)
        case .incident:
            guard let category = fields.category.flatMap(StationReport.IncidentCategory.init(rawValue:)) else {
                throw InputError(field: "category", reason: "choice")
            }
            report.category = category
        }
        return report
    }

    private static func count(_ text: String?, field: String, limit: Int) throws -> Int {
        guard let text, !text.isEmpty else { throw InputError(field: field, reason: "missing") }
        guard let number = Int(text), (0...limit).contains(number) else { throw InputError(field: field, reason: "number") }
        return number
    }
}
