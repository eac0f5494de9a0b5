import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Election day in the JSON API: a station official's phone sends its station's reports (an
/// official's bearer token); commissions read a unit's tallies and alerts and a station's reports;
/// the NEC publishes turnout; anyone reads what was published.
struct ElectionDayAPI: Sendable {
    let store: any PortalStore
    let reports: StationReportDesk
    let watch: ElectionDayWatch
    let clock: PortalClock

    /// What a unit's dashboard shows.
    struct Overview: Encodable, Sendable {
        let unit: String
        let asOf: Date
        let total: ElectionDayTally
        let parts: [ElectionDayTally]
        let alerts: [ElectionDayAlert]
    }

    struct PublishBody: Decodable {
        let time: String?
    }

    struct PoliceBody: Decodable {
        let officers: Int?
    }

    struct Police: Codable, Sendable {
        let station: StationCode
        let officers: Int
    }

    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("turnout") { _, _ in
            try APIJSON.response(try await store.turnoutPublications())
        }
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("election-day/stations/:code/reports") { request, context in
            let official = try context.requireMachine()
            let station = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let fields = try await APIJSON.decode(StationReportInput.Fields.self, from: request)
            let report = try StationReportInput.report(fields, station: station)
            let outcome = try await reports.submit(StationReportSubmission(report, by: .official(official, channel: "api")))
            return try APIJSON.response(report, status: outcome == .stored ? .created : .ok)
        }
        router.get("election-day/stations/:code/reports") { _, context in
            let official = try context.requireMachine()
            let station = try Input.code(context.parameters.get("code"), as: StationCode.self)
            try official.require(.followElectionDay, on: .station(station))
            _ = try await store.pollingStation(station)
            return try APIJSON.response(try await store.stationReports(of: station))
        }
        router.put("election-day/stations/:code/police") { request, context in
            let official = try context.requireMachine()
            let station = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let body = try await APIJSON.decode(PoliceBody.self, from: request)
            guard let officers = body.officers, (0...1_000).contains(officers) else { throw InputError(field: "officers", reason: "number") }
            try await store.assignPolice([station: officers], by: official, at: clock.now())
            await watch.forget()
            return try APIJSON.response(Police(station: station, officers: try await store.police(at: station)))
        }
        router.get("election-day/overview") { request, context in
            let official = try context.requireMachine()
            let text = Input.query(of: request)["unit"].map(String.init) ?? official.unitCode.rawValue
            guard let unit = UnitCode(rawValue: text), unit.level != .station else { throw InputError(field: "unit", reason: "code") }
            try official.require(.followElectionDay, on: unit)
            let view = try await watch.view(of: unit, at: clock.now())
            return try APIJSON.response(Overview(unit: unit.rawValue, asOf: view.at, total: view.total, parts: view.parts, alerts: view.alerts))
        }
        router.post("election-day/turnout-publications") { request, context in
            let official = try context.requireMachine()
            let body = try await APIJSON.decode(PublishBody.self, from: request)
            guard let time = body.time.flatMap(ClockTime.init) else { throw InputError(field: "time", reason: "clock_time") }
            let publication = try await store.publishTurnout(at: time, by: official, at: clock.now())
            await watch.forget()
            return try APIJSON.response(publication, status: .created)
        }
    }
}
