import ElectionCore
import ElectionStore

/// One parsing of a team's visit to a station, for the API and the observer's phone page.
enum VisitInput {
    /// What the phone's form or the API's JSON body gives, by the same names.
    struct Fields: Sendable, Decodable {
        /// The identifier the phone made for this visit (a UUID), so that a retry is stored once.
        var id: String?
        var station: String?
        var arrival: String?
        var departure: String?
        var phase: String?
    }

    /// The visit the fields describe, recorded by the mission member in `seat`: the station must be
    /// deployed to one of the mission's teams (the visit is that team's), and the departure not
    /// before the arrival.
    static func visit(_ fields: Fields, missionID: MissionID, recordedBy seat: Int, store: any ObservationStore) async throws -> StationVisit {
        let station = try Input.code(fields.station, as: StationCode.self, field: "station")
        guard let team = try await store.deployedTeam(station: station, mission: missionID) else {
            throw InputError(field: "station", reason: "not_deployed")
        }
        guard let arrival = fields.arrival.flatMap(ClockTime.init) else { throw InputError(field: "arrival", reason: "clock_time") }
        guard let departure = fields.departure.flatMap(ClockTime.init) else { throw InputError(field: "departure", reason: "clock_time") }
        guard departure >= arrival else { throw InputError(field: "departure", reason: "before_arrival") }
        guard let phase = fields.phase.flatMap(VisitPhase.init(rawValue:)) else { throw InputError(field: "phase", reason: "choice") }
        return StationVisit(
            missionID: missionID, stationCode: station, team: team, arrival: arrival, departure: departure, phase: phase,
            submissionID: try Input.submissionID(fields.id), recordedBy: seat)
    }
}
