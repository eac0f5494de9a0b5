import ElectionCore
import ElectionStore

/// One parsing of a media monitor's record of coverage, for the API and the monitor's phone page.
enum CoverageInput {
    /// What the phone's form or the API's JSON body gives, by the same names; the API may send the
    /// numbers as numbers.
    struct Fields: Sendable, Decodable {
        /// The identifier the phone made for this record (a UUID), so that a retry is stored once.
        var id: String?
        var outlet: String?
        var day: String?
        var party: String?
        var seconds: String?
        var columnSpace: String?
        var tone: String?

        init(id: String? = nil, outlet: String? = nil, day: String? = nil, party: String? = nil, seconds: String? = nil,
             columnSpace: String? = nil, tone: String? = nil) {
            (self.id, self.outlet, self.day, self.party, self.seconds, self.columnSpace, self.tone) =
                (id, outlet, day, party, seconds, columnSpace, tone)
        }

        private enum CodingKeys: String, CodingKey { case id, outlet, day, party, seconds, columnSpace, tone }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) -> String? {
                (try? c.decodeIfPresent(String.self, forKey: key)) ?? (try? c.decodeIfPresent(Int.self, forKey: key)).flatMap { $0.map(String.init) }
            }
            self.init(id: text(.id), outlet: text(.outlet), day: text(.day), party: text(.party), seconds: text(.seconds),
                      columnSpace: text(.columnSpace), tone: text(.tone))
        }
    }

    /// The record the fields describe, by the mission member in `seat`: a registered party, a real
    /// day, broadcast seconds (up to a day) or column space, and a tone.
    static func coverage(
        _ fields: Fields, missionID: MissionID, recordedBy seat: Int, store: any ElectionStore
    ) async throws -> MediaCoverage {
        let outlet = try Input.text(fields.outlet.map { Substring($0) }, field: "outlet") ?? ""
        guard let day = fields.day.flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "day", reason: "date") }
        guard let party = fields.party.flatMap({ Int($0) }).flatMap(PartyNumber.init(rawValue:)),
              try await store.parties().contains(where: { $0.id == party })
        else { throw InputError(field: "party", reason: "choice") }
        func amount(_ text: String?, _ field: String, upTo limit: Int) throws -> Int {
            guard let text, !text.isEmpty else { return 0 }
            guard let value = Int(text), (0...limit).contains(value) else { throw InputError(field: field, reason: "number") }
            return value
        }
        let seconds = try amount(fields.seconds, "seconds", upTo: 86_400)
        let space = try amount(fields.columnSpace, "columnSpace", upTo: 1_000_000)
        guard seconds + space > 0 else { throw InputError(field: "seconds", reason: "coverage_amount") }
        guard let tone = fields.tone.flatMap(MediaCoverage.Tone.init(rawValue:)) else { throw InputError(field: "tone", reason: "choice") }
        return MediaCoverage(
            missionID: missionID, outlet: outlet, day: day, party: party, seconds: seconds, columnSpace: space, tone: tone,
            submissionID: try Input.submissionID(fields.id), recordedBy: seat)
    }
}
