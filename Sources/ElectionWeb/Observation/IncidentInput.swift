import ElectionCore
import ElectionStore

/// One parsing of an incident or complaint report, for the API and the observer's phone page:
/// each bad field refused by name.
enum IncidentInput {
    /// What the phone's form or the API's JSON body gives, by the same names.
    struct Fields: Sendable, Decodable {
        /// The identifier the phone made for this report (a UUID), so that a retry is stored once.
        var id: String?
        var kind: String?
        var category: String?
        var severity: String?
        var station: String?
        var place: String?
        var day: String?
        var time: String?
        var description: String?
    }

    /// The incident the fields describe, as reported by the mission member in `seat` (not yet
    /// stored). A station must exist; without one, the place is required.
    static func incident(_ fields: Fields, missionID: MissionID, reportedBy seat: Int, store: any ElectionStore) async throws -> Incident {
        func parse<T: RawRepresentable>(_ text: String?, _ field: String) throws -> T where T.RawValue == String {
            guard let text, let value = T(rawValue: text) else { throw InputError(field: field, reason: "choice") }
            return value
        }
        var station: StationCode?
        if let code = fields.station, !code.isEmpty {
            let parsed = try Input.code(code, as: StationCode.self, field: "station")
            _ = try await store.pollingStation(parsed)
            station = parsed
        }
        guard let day = fields.day.flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "day", reason: "date") }
        let time = try fields.time.flatMap { $0.isEmpty ? nil : $0 }.map { text -> ClockTime in
            guard let time = ClockTime(text) else { throw InputError(field: "time", reason: "clock_time") }
            return time
        }
        let description = try Input.text(fields.description.map { Substring($0) }, field: "description") ?? ""
        return Incident(
            id: 0, missionID: missionID, kind: try parse(fields.kind, "kind"), category: try parse(fields.category, "category"),
            severity: try parse(fields.severity, "severity"), stationCode: station,
            place: try Input.text(fields.place.map { Substring($0) }, field: "place", required: station == nil) ?? "",
            day: day, time: time, description: description, status: .reported,
            submissionID: try Input.submissionID(fields.id), reportedBy: seat)
    }
}
