import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Adding, changing and retiring polling stations with an NEC machine token, and any station's
/// recorded changes (public), under `/api/v1`.
struct StationKeepingAPI: Sendable {
    let store: any ElectionStore & GeographyStore

    struct Body: Decodable {
        let nameEnglish: String?
        let nameKhmer: String?
        let addressEnglish: String?
        let addressKhmer: String?
        let latitude: Double?
        let longitude: Double?
        /// Absent or null: not recorded.
        let ramp: Bool?
        let groundFloor: Bool?
        let assistance: Bool?
        let reason: String?

        func details() throws -> StationDetails {
            var details = try StationInput.details(
                nameEnglish: nameEnglish, nameKhmer: nameKhmer, addressEnglish: addressEnglish, addressKhmer: addressKhmer,
                latitude: latitude.map { String($0) }, longitude: longitude.map { String($0) })
            details.accessibility = StationAccessibility(ramp: ramp, groundFloor: groundFloor, assistance: assistance)
            return details
        }
    }
    struct Retirement: Decodable {
        let reason: String?
    }
    struct Change: Encodable {
        let action: String
        let before: String?
        let after: String?
        let reason: String
        let official: String
        let recordedAt: Date

        init(_ change: GeographyChange) {
            action = change.action.rawValue
            before = change.before
            after = change.after
            reason = change.reason
            official = change.officialName
            recordedAt = change.recordedAt
        }
    }

    /// The public history of a station.
    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("stations/:code/changes") { _, context in
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            return try APIJSON.response(try await store.geographyChanges(of: .station(code)).map(Change.init))
        }
    }

    /// The changes; need ``MachineAuthenticator`` in front.
    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("communes/:code/stations") { request, context in
            let official = try context.requireMachine()
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            let body = try await APIJSON.decode(Body.self, from: request)
            let station = try await store.addPollingStation(in: code, try body.details(), reason: body.reason ?? "", by: official, at: Date())
            return try APIJSON.response(station, status: .created)
        }
        router.put("stations/:code") { request, context in
            let official = try context.requireMachine()
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let body = try await APIJSON.decode(Body.self, from: request)
            return try APIJSON.response(try await store.editPollingStation(code, try body.details(), reason: body.reason ?? "", by: official, at: Date()))
        }
        router.post("stations/:code/retirement") { request, context in
            let official = try context.requireMachine()
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let body = try await APIJSON.decode(Retirement.self, from: request)
            try await store.retirePollingStation(code, reason: body.reason ?? "", by: official, at: Date())
            return try APIJSON.response(try await store.geographyChanges(of: .station(code)).last.map(Change.init))
        }
    }
}
