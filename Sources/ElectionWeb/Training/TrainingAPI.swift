import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Training in the JSON API: the sessions, who attended, and coverage by tier and province, for
/// the NEC and provincial commissions (machine token, `keep-training`, within their unit).
struct TrainingAPI: Sendable {
    let store: any PortalStore

    /// A session with who attended it.
    struct SessionAttendance: Encodable {
        let session: TrainingSession
        let attended: [MemberSeat]
    }

    private struct AttendanceBody: Decodable {
        var members: [MemberSeat]?
    }

    private struct Recorded: Encodable {
        let recorded: Int
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("training/sessions") { request, context in
            let official = try context.requireMachine()
            try official.require(.keepTraining, on: official.unitCode)
            let query = Input.query(of: request)
            let asked = try Input.optionalProvince(query["province"])
            let page = try Input.page(query)
            let province = official.unitCode.province ?? asked
            return try APIJSON.response(try await store.trainingSessions(province: province, page: page))
        }
        router.post("training/sessions") { request, context in
            let official = try context.requireMachine()
            let session = try TrainingInput.session(try await APIJSON.decode(TrainingInput.Fields.self, from: request))
            return try APIJSON.response(try await store.scheduleTraining([session], by: official)[0], status: .created)
        }
        router.get("training/sessions/:id") { _, context in
            let official = try context.requireMachine()
            let session = try await trainingSession(context)
            try official.require(.keepTraining, on: session.unit)
            return try APIJSON.response(SessionAttendance(session: session, attended: try await store.attendance(session: session.id)))
        }
        router.post("training/sessions/:id/attendance") { request, context in
            let official = try context.requireMachine()
            let session = try await trainingSession(context)
            try official.require(.keepTraining, on: session.unit)
            let body = try await APIJSON.decode(AttendanceBody.self, from: request, limit: 256 * 1024)
            guard let members = body.members, !members.isEmpty else { throw InputError(field: "members", reason: "missing") }
            return try APIJSON.response(Recorded(recorded: try await store.recordAttendance(session: session.id, members: members, by: official)))
        }
        router.get("training/coverage") { _, context in
            let official = try context.requireMachine()
            try official.require(.keepTraining, on: official.unitCode)
            let province = official.unitCode.province
            return try APIJSON.response(try await store.trainingCoverage().filter { province == nil || $0.province == province })
        }
    }

    private func trainingSession(_ context: PortalRequestContext) async throws -> TrainingSession {
        guard let text = context.parameters.get("id"), let id = Int(text) else { throw InputError(field: "id", reason: "number") }
        return try await store.trainingSession(id)
    }
}
