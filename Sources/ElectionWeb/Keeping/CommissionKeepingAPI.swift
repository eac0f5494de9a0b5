import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Appointing and removing commission members with an NEC machine token, and a commission's
/// recorded changes (public), under `/api/v1`.
struct CommissionKeepingAPI: Sendable {
    let store: any ElectionStore & CommissionStore

    struct AppointmentBody: Decodable {
        let voterNumber: String?
        let name: String?
        let role: String?
        let reason: String?
    }
    struct RemovalBody: Decodable {
        let reason: String?
    }
    /// A member as the API shows them (never the voter number).
    struct Member: Encodable {
        let commissionID: String
        let seat: Int
        let role: String
        let name: PersonName
        let sex: String
    }
    struct Change: Encodable {
        let seat: Int
        let action: String
        let role: String
        let name: PersonName
        let reason: String
        let official: String
        let recordedAt: Date

        init(_ change: CommissionChange) {
            seat = change.seat
            action = change.action.rawValue
            role = change.role.rawValue
            name = change.name
            reason = change.reason
            official = change.officialName
            recordedAt = change.recordedAt
        }
    }
    struct Refused: Encodable {
        struct Body: Encodable {
            let status: Int
            let field: String
            let message: String
        }
        let error: Body
        let rules: [String]
    }

    /// The public history of a commission.
    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("commissions/:id/changes") { _, context in
            let id = context.parameters.get("id") ?? ""
            _ = try await store.commission(id)
            return try APIJSON.response(try await store.commissionChanges(of: id).map(Change.init))
        }
    }

    /// The changes; need ``MachineAuthenticator`` in front.
    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("commissions/:id/members") { request, context in
            let official = try context.requireMachine()
            let id = context.parameters.get("id") ?? ""
            let body = try await APIJSON.decode(AppointmentBody.self, from: request)
            let appointment = try CommissionKeepingPages.appointment(id, role: body.role, voterNumber: body.voterNumber, name: body.name)
            do {
                let member = try await store.appointMember(appointment, reason: body.reason ?? "", by: official, at: Date())
                return try APIJSON.response(
                    Member(commissionID: id, seat: member.seat, role: member.role.rawValue, name: member.name, sex: member.sex.rawValue), status: .created)
            } catch let problems as CommissionProblems {
                return try Self.refused(problems, request)
            }
        }
        router.post("commissions/:id/members/:seat/removal") { request, context in
            let official = try context.requireMachine()
            let id = context.parameters.get("id") ?? ""
            let seat = try Input.integer(context.parameters.get("seat").map { Substring($0) }, field: "seat", range: 1...1_000, default: 0)
            let body = try await APIJSON.decode(RemovalBody.self, from: request)
            do {
                return try APIJSON.response(Change(try await store.removeMember(commission: id, seat: seat, reason: body.reason ?? "", by: official, at: Date())))
            } catch let problems as CommissionProblems {
                return try Self.refused(problems, request)
            }
        }
    }

    static func refused(_ problems: CommissionProblems, _ request: Request) throws -> Response {
        let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        return try APIJSON.response(Refused(
            error: .init(status: 422, field: "commission", message: CommissionKeepingPages.message(problems, language)),
            rules: problems.rules.map(\.rawValue)), status: .unprocessableContent)
    }
}
