import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// A complaint as the API gives it: no personal data, with where it stands.
struct ComplaintState: Sendable, Encodable {
    let complaint: Complaint
    let status: ComplaintStatus
    let decideBy: CalendarDate?
    let appealBy: CalendarDate?
    let overdue: Bool

    init(_ complaint: Complaint, on today: CalendarDate) {
        self.complaint = complaint
        status = complaint.status(on: today)
        decideBy = complaint.decideBy
        appealBy = complaint.appealBy
        overdue = complaint.isOverdue(on: today)
    }
}

/// Complaints in the JSON API: anyone lodges one (without evidence: the form takes files),
/// follows it by reference, appeals it and reads the statistics; the commissions handle them
/// (machine token); an observer mission's head files the mission's incidents.
struct ComplaintAPI: Sendable {
    let store: any PortalStore
    let attempts: LookupLimiter
    /// Look-ups of a complaint by its reference, per client (``ComplaintInput/complaint(_:store:lookups:_:)``).
    let lookups: LookupLimiter
    let clock: PortalClock

    private struct Appeal: Decodable {
        var phone: String?
        var reasons: String?
    }

    private struct MissionFiling: Decodable {
        var phone: String?
        /// Where it happened, when the incident names no station.
        var province: String?
    }

    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("complaints") { request, context in
            let fields = try await APIJSON.decode(ComplaintInput.Fields.self, from: request, limit: ComplaintInput.bodyLimit)
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            let draft = try await ComplaintInput.draft(fields, channel: .web, store: store)
            let complaint = try await store.lodgeComplaint(draft, evidence: try ComplaintInput.evidence(base64: fields.evidence), by: nil, at: clock.now())
            return try APIJSON.response(try await state(complaint), status: .created)
        }
        router.get("complaints/statistics") { _, _ in
            try APIJSON.response(try await store.complaintStatistics(on: try await today()))
        }
        router.get("complaints/:reference") { _, context in
            try APIJSON.response(try await state(try await complaint(context)))
        }
        router.post("complaints/:reference/appeal") { request, context in
            let complaint = try await complaint(context)
            let body = try await APIJSON.decode(Appeal.self, from: request)
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            let reasons = try Input.longText(body.reasons, field: "reasons", required: true) ?? ""
            return try APIJSON.response(try await state(
                try await store.appealComplaint(reference: complaint.reference, phone: body.phone ?? "", reasons: reasons, at: clock.now())))
        }
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("complaints") { request, context in
            let official = try context.requireMachine()
            try official.require(.handleComplaints, on: official.unitCode)
            let page = try Input.page(Input.query(of: request))
            let today = try await today()
            return try APIJSON.response(try await store.complaints(within: official.unitCode, page: page).map { ComplaintState($0, on: today) })
        }
        router.get("complaints/:reference/file") { _, context in
            let official = try context.requireMachine()
            let complaint = try await complaint(context)
            try official.requireHandling(complaint)
            return try APIJSON.response(
                ComplaintFile(complaint: complaint, complainant: complaint.complainant, evidence: try await store.evidence(ofComplaint: complaint.id)))
        }
        router.get("complaints/:reference/evidence/:number") { _, context in
            let official = try context.requireMachine()
            let complaint = try await complaint(context)
            guard let number = context.parameters.get("number").flatMap({ Int($0) }) else { throw InputError(field: "number", reason: "number") }
            let (evidence, bytes) = try await store.evidenceFile(ofComplaint: complaint.id, number: number, by: official)
            return ComplaintDeskPages.download(evidence, bytes, name: "\(complaint.reference)-evidence-\(number)")
        }
        router.post("complaints/:reference/hearing") { request, context in
            let official = try context.requireMachine()
            let complaint = try await complaint(context)
            try official.requireHandling(complaint)
            let (at, place) = try ComplaintInput.hearing(try await APIJSON.decode(ComplaintInput.Handling.self, from: request), election: try await store.election())
            return try APIJSON.response(try await state(
                try await store.setHearing(ofComplaint: complaint.id, at: at, place: place, by: official, now: clock.now())))
        }
        router.post("complaints/:reference/decision") { request, context in
            let official = try context.requireMachine()
            let complaint = try await complaint(context)
            try official.requireHandling(complaint)
            let (outcome, reasons) = try ComplaintInput.decision(try await APIJSON.decode(ComplaintInput.Handling.self, from: request))
            return try APIJSON.response(try await state(
                try await store.decideComplaint(complaint.id, outcome, reasons: reasons, by: official, at: clock.now())))
        }
    }

    /// The observer mission's head files one of the mission's incidents (or complaints brought to
    /// it) with the commissions, giving the phone number the commission calls back.
    func addObserverRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("missions/:id/incidents/:number/complaint") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            _ = try context.requireObserver(.fileComplaint, forMission: missionID)
            guard let number = context.parameters.get("number").flatMap({ Int($0) }) else { throw InputError(field: "number", reason: "number") }
            guard let incident = try await store.incidents(ofMission: missionID).first(where: { $0.id == number }) else {
                throw StoreError.notFound("incident", String(number))
            }
            let body = try await APIJSON.decode(MissionFiling.self, from: request)
            let mission = try await store.mission(missionID)
            let draft = try await ComplaintInput.draft(
                ComplaintInput.Fields(form: [
                    "category": ComplaintCategory(incident.category).rawValue, "province": incident.stationCode?.province.rawValue ?? body.province ?? "",
                    "area": incident.stationCode?.rawValue ?? "", "place": incident.place, "description": incident.description,
                    "phone": body.phone ?? "",
                ]),
                channel: .mission, complainant: mission.nameEnglish, store: store)
            var filed = draft
            (filed.missionID, filed.incidentID) = (missionID, incident.id)
            return try APIJSON.response(try await state(try await store.lodgeComplaint(filed, evidence: [], by: nil, at: clock.now())), status: .created)
        }
    }

    private func today() async throws -> CalendarDate { try await store.election().localDay(at: clock.now()) }

    private func state(_ complaint: Complaint) async throws -> ComplaintState { ComplaintState(complaint, on: try await today()) }

    private func complaint(_ context: PortalRequestContext) async throws -> Complaint {
        try await ComplaintInput.complaint(context.parameters.get("reference"), store: store, lookups: lookups, context)
    }
}
