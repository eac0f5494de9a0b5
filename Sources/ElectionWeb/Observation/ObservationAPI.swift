import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The observation part of the JSON API: missions, their findings, and observers' checklists
/// (with an observer's bearer token from `sala mission token`).
/// Its routes need ``ObserverAuthenticator`` (bearer) in front.
struct ObservationAPI: Sendable {
    let store: any ElectionStore & ObservationStore
    let checklists: ChecklistDesk
    let intake: ChecklistIntake

    /// A checklist as an observer's phone sends it.
    struct ChecklistBody: Decodable {
        /// One answer: text, a number, or a list of option ids.
        struct Answer: Decodable {
            let values: [String]
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    values = [text]
                } else if let number = try? container.decode(Int.self) {
                    values = [String(number)]
                } else if let list = try? container.decode([String].self) {
                    values = list
                } else {
                    // Named as the checklist's own checks name an answer, not as a count.
                    let field = decoder.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
                    throw InputError(field: field, reason: InputError.checklistReason(.wrongType), label: "answers")
                }
            }
        }
        let id: String?
        let station: String?
        let form: String?
        let formVersion: Int?
        let observedOn: String?
        let observedAt: String?
        let answers: [String: Answer]?
    }

    struct ActivityBody: Decodable {
        let kind: String?
        let day: String?
        let with: String?
        let notes: String?
        let withKhmer: String?
        let notesKhmer: String?
    }

    struct StatusBody: Decodable {
        let status: String?
    }

    /// A member's badge number, e.g. `A-000123`; null takes the badge away.
    struct BadgeBody: Decodable {
        let badge: String?
    }

    struct Receipt: Encodable, Sendable {
        let id: String
        let outcome: SubmissionReceipt.Outcome
    }

    struct MissionDetail: Encodable, Sendable {
        let mission: ObserverMission
        let members: [MissionMember]
        let activities: [MissionActivity]
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.get("missions") { _, _ in try APIJSON.response(try await store.missions()) }
        api.get("missions/:id") { _, context in
            let id = try Input.missionID(context.parameters.get("id"))
            return try APIJSON.response(MissionDetail(
                mission: try await store.mission(id), members: try await store.members(ofMission: id),
                activities: try await store.activities(ofMission: id)))
        }
        api.get("missions/:id/findings") { request, context in
            let id = try Input.missionID(context.parameters.get("id"))
            let includeRejected = Input.query(of: request)["rejected"] == "include"
            return try APIJSON.response(try await store.missionFindings(id, includingRejected: includeRejected))
        }
        api.post("missions/:id/activities") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            _ = try context.requireObserver(.recordActivity, forMission: missionID)
            let body = try await APIJSON.decode(ActivityBody.self, from: request)
            guard let kind = body.kind.flatMap(MissionActivity.Kind.init(rawValue:)) else { throw InputError(field: "kind", reason: "choice") }
            guard let day = body.day.flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "day", reason: "date") }
            let activity = MissionActivity(
                missionID: missionID, kind: kind, day: day,
                with: try Input.text(body.with.map { Substring($0) }, field: "with") ?? "",
                notes: try Input.longText(body.notes, field: "notes") ?? "",
                withKhmer: try Input.text(body.withKhmer.map { Substring($0) }, field: "withKhmer", required: false),
                notesKhmer: try Input.longText(body.notesKhmer, field: "notesKhmer"))
            try await store.addActivities([activity])
            return try APIJSON.response(activity, status: .created)
        }
        api.get("missions/:id/coverage") { request, context in
            let id = try Input.missionID(context.parameters.get("id"))
            let page = try Input.page(Input.query(of: request))
            _ = try await store.mission(id)
            return try APIJSON.response(try await store.coverage(ofMission: id, page: page))
        }
        api.post("missions/:id/coverage") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            let monitor = try context.requireObserver(.recordActivity, forMission: missionID)
            let coverage = try await CoverageInput.coverage(
                try await APIJSON.decode(CoverageInput.Fields.self, from: request), missionID: missionID, recordedBy: monitor.seat, store: store)
            let outcome = try await store.addCoverage(coverage)
            return try APIJSON.response(coverage, status: outcome == .stored ? .created : .ok)
        }
        api.put("missions/:id/members/:seat/badge") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            _ = try context.requireObserver(.linkBadge, forMission: missionID)
            guard let text = context.parameters.get("seat"), let seat = Int(text) else { throw InputError(field: "seat", reason: "number") }
            let body = try await APIJSON.decode(BadgeBody.self, from: request)
            let badge = try body.badge.map { try Input.badge($0, field: "badge") }
            return try APIJSON.response(try await store.linkBadge(badge, seat: seat, ofMission: missionID))
        }
        api.post("missions/:id/statement") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            _ = try context.requireObserver(.giveStatement, forMission: missionID)
            let body = try await APIJSON.decode(MissionStatement.Body.self, from: request)
            func text(_ value: String?, _ field: String) throws -> String { try Input.longText(value, field: field, required: true) ?? "" }
            let statement = MissionStatement(
                missionID: missionID, assessmentEnglish: try text(body.assessmentEnglish, "assessmentEnglish"),
                assessmentKhmer: try text(body.assessmentKhmer, "assessmentKhmer"),
                conclusionsEnglish: try text(body.conclusionsEnglish, "conclusionsEnglish"),
                conclusionsKhmer: try text(body.conclusionsKhmer, "conclusionsKhmer"))
            try await store.setStatement(statement)
            return try APIJSON.response(statement)
        }
        api.get("missions/:id/visits") { request, context in
            let id = try Input.missionID(context.parameters.get("id"))
            let page = try Input.page(Input.query(of: request))
            _ = try await store.mission(id)
            return try APIJSON.response(try await store.visits(ofMission: id, page: page))
        }
        api.post("missions/:id/visits") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            let observer = try context.requireObserver(.recordVisit, forMission: missionID)
            let visit = try await VisitInput.visit(
                try await APIJSON.decode(VisitInput.Fields.self, from: request), missionID: missionID, recordedBy: observer.seat, store: store)
            let outcome = try await store.addVisit(visit)
            return try APIJSON.response(visit, status: outcome == .stored ? .created : .ok)
        }
        api.get("missions/:id/incidents") { request, context in
            let id = try Input.missionID(context.parameters.get("id"))
            let query = Input.query(of: request)
            let page = try Input.page(query)
            _ = try await store.mission(id)
            return try APIJSON.response(try await store.incidents(ofMission: id, includingRejected: query["rejected"] == "include", page: page))
        }
        api.post("missions/:id/incidents") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            let observer = try context.requireObserver(.reportIncident, forMission: missionID)
            let (incident, outcome) = try await store.addIncident(try await IncidentInput.incident(
                try await APIJSON.decode(IncidentInput.Fields.self, from: request), missionID: missionID, reportedBy: observer.seat,
                store: store))
            return try APIJSON.response(incident, status: outcome == .stored ? .created : .ok)
        }
        api.post("missions/:id/incidents/:number/status") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            _ = try context.requireObserver(.decideIncident, forMission: missionID)
            guard let text = context.parameters.get("number"), let number = Int(text) else { throw InputError(field: "number", reason: "number") }
            let body = try await APIJSON.decode(StatusBody.self, from: request)
            guard let status = body.status.flatMap(Incident.Status.init(rawValue:)) else { throw InputError(field: "status", reason: "choice") }
            return try APIJSON.response(try await store.setIncidentStatus(number, status, mission: missionID))
        }
        api.post("missions/:id/checklists") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            let submission = try await checklist(request, context, missionID: missionID)
            let receipt = try await checklists.submit(submission)
            return try APIJSON.response(
                Receipt(id: receipt.submission.id, outcome: receipt.outcome), status: receipt.outcome == .stored ? .created : .ok)
        }
    }

    /// The checklist in the request, checked: the observer, the station, the form and every answer.
    private func checklist(_ request: Request, _ context: PortalRequestContext, missionID: MissionID) async throws -> ChecklistSubmission {
        let observer = try context.requireObserver(.submitChecklist, forMission: missionID)
        let body = try await APIJSON.decode(ChecklistBody.self, from: request)
        return try await intake.submission(
            ChecklistIntake.Fields(
                id: body.id, station: body.station, form: body.form, formVersion: body.formVersion, observedOn: body.observedOn,
                observedAt: body.observedAt, answers: (body.answers ?? [:]).mapValues(\.values)),
            by: observer)
    }
}

extension MissionStatement {
    /// The statement as sent: every text in both languages is required.
    struct Body: Decodable {
        let assessmentEnglish: String?
        let assessmentKhmer: String?
        let conclusionsEnglish: String?
        let conclusionsKhmer: String?
    }
}
