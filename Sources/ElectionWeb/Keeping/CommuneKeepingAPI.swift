import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Adding, changing and retiring communes with an NEC machine token, and any commune's recorded
/// changes (public), under `/api/v1`.
struct CommuneKeepingAPI: Sendable {
    let store: any ElectionStore & GeographyStore

    struct Body: Decodable {
        /// The new commune's code (only when adding).
        let code: String?
        let nameEnglish: String?
        let nameKhmer: String?
        let districtName: String?
        let districtNameKhmer: String?
        let kind: String?
        let latitude: Double?
        let longitude: Double?
        let reason: String?

        func details() throws -> CommuneDetails {
            try CommuneInput.details(
                nameEnglish: nameEnglish, nameKhmer: nameKhmer, districtName: districtName, districtNameKhmer: districtNameKhmer, kind: kind,
                latitude: latitude.map { String($0) }, longitude: longitude.map { String($0) })
        }
    }

    /// The public history of a commune.
    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("communes/:code/changes") { _, context in
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            return try APIJSON.response(try await store.geographyChanges(of: .commune(code)).map(StationKeepingAPI.Change.init))
        }
    }

    /// The changes; need ``MachineAuthenticator`` in front.
    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("provinces/:code/communes") { request, context in
            let official = try context.requireMachine()
            let province = try Input.code(context.parameters.get("code"), as: ProvinceCode.self)
            let body = try await APIJSON.decode(Body.self, from: request)
            let code = try Input.code(body.code, as: CommuneCode.self)
            guard code.province == province else { throw InputError(field: "code", reason: "code") }
            let commune = try await store.addCommune(code, try body.details(), reason: body.reason ?? "", by: official, at: Date())
            return try APIJSON.response(commune, status: .created)
        }
        router.put("communes/:code") { request, context in
            let official = try context.requireMachine()
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            let body = try await APIJSON.decode(Body.self, from: request)
            // A commune's code never changes.
            if let other = body.code, other != code.rawValue { throw InputError(field: "code", reason: "code") }
            return try APIJSON.response(try await store.editCommune(code, try body.details(), reason: body.reason ?? "", by: official, at: Date()))
        }
        router.post("communes/:code/retirement") { request, context in
            let official = try context.requireMachine()
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            let body = try await APIJSON.decode(StationKeepingAPI.Retirement.self, from: request)
            try await store.retireCommune(code, reason: body.reason ?? "", by: official, at: Date())
            return try APIJSON.response(try await store.geographyChanges(of: .commune(code)).last.map(StationKeepingAPI.Change.init))
        }
    }
}
