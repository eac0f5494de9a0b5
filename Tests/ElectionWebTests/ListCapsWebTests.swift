import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Lists that grow with use (complaints, a mission's incidents, visits and coverage, the hotline's
/// enquiries, training sessions, revoked badges) come a page at a time: `limit` (100 unless asked,
/// at most 1,000) from `offset`. A larger limit or a bad offset is refused naming the field; a list
/// longer than 100 is cut at 100, and the pages together give the whole list in its order.
@Suite struct ListCapsWebTests {
    struct Fixture {
        let store: SQLElectionStore
        let token: String
    }

    /// A private database with more than 100 items in each capped list, and an NEC administrator's token.
    static func fixture() async throws -> Fixture {
        let store = try await TestDatabases.writableSQLite()
        let nec = try await store.addOfficial(name: "nec.caps", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
        let token = Passwords.newToken()
        try await store.addMachineToken(digest: Passwords.digest(token), officialID: nec.id, label: "test", expires: nil)
        let items = Self.items
        let at = Date(timeIntervalSince1970: 1_690_092_000)  // 23 July 2023, 13:00 in Phnom Penh

        var complaints = try await store.complaints(within: .nation).count
        while complaints < items {
            _ = try await store.lodgeComplaint(
                ComplaintDraft(category: .campaign, channel: .web, area: .province("12"), place: "At the gate", description: "Money handed out.",
                               complainant: Complainant(name: "Sok Dara", phone: "012 345 678")),
                evidence: [], by: nil, at: at)
            complaints += 1
        }
        let station = try #require(try await store.deployment(ofMission: DemoMission.id).keys.min())
        let day = try #require(CalendarDate(year: 2023, month: 7, day: 23))
        let team = try #require(try await store.deployedTeam(station: station, mission: DemoMission.id))
        var visits: [StationVisit] = []
        for i in 0..<items {
            _ = try await store.addIncident(Incident(
                id: 0, missionID: DemoMission.id, kind: .incident, category: .voteBuying, severity: .low, stationCode: station,
                place: "", day: day, time: ClockTime("09:00"), description: "Report \(i)", status: .reported, submissionID: nil, reportedBy: 2))
            _ = try await store.addCoverage(MediaCoverage(
                missionID: DemoMission.id, outlet: "Outlet \(i)", day: day, party: 1, seconds: 60, columnSpace: 0, tone: .neutral))
            visits.append(StationVisit(
                missionID: DemoMission.id, stationCode: station, team: team, arrival: try #require(ClockTime("08:00")),
                departure: try #require(ClockTime("08:30")), phase: .voting, submissionID: UUID().uuidString, recordedBy: 2))
            _ = try await store.logEnquiry(HotlineEnquiry(
                id: 0, at: at, channel: .phone, topic: .pollingStation, province: "12", question: "Where do I vote? \(i)",
                answer: "At the station of your list.", articleID: nil), by: nec)
        }
        try await store.addVisits(visits)
        let sessions = try await store.trainingSessions(province: nil).count
        if sessions < items {
            _ = try await store.scheduleTraining((sessions..<items).map { i in
                TrainingSession(id: 0, tier: .pollingStation, province: "12", title: "Session \(i)", day: day,
                                starts: ClockTime("08:00")!, ends: ClockTime("10:00")!, place: "Hall", trainers: ["Trainer"])
            }, by: nil)
        }
        let accepted = try await store.accreditationApplications(organisation: nil, status: .accepted, after: 0, limit: items)
        try #require(accepted.count == items)
        for application in accepted { _ = try await store.revokeAccreditation(application.id, reason: "breach", by: nec, at: at) }
        return Fixture(store: store, token: token)
    }

    /// One more than a page holds by default.
    static let items = Input.pageDefault + 1

    /// The capped routes, how to count the items of an answer, and the page's default and largest size.
    static let routes: [(path: String, count: @Sendable (Any) -> Int, default: Int, maximum: Int)] = [
        ("/api/v1/complaints", { ($0 as? [Any])?.count ?? -1 }, Input.pageDefault, Input.pageMaximum),
        ("/api/v1/missions/\(DemoMission.id)/incidents", { ($0 as? [Any])?.count ?? -1 }, Input.pageDefault, Input.pageMaximum),
        ("/api/v1/missions/\(DemoMission.id)/visits", { ($0 as? [Any])?.count ?? -1 }, Input.pageDefault, Input.pageMaximum),
        ("/api/v1/missions/\(DemoMission.id)/coverage", { ($0 as? [Any])?.count ?? -1 }, Input.pageDefault, Input.pageMaximum),
        ("/api/v1/hotline/enquiries?day=2023-07-23", { (($0 as? [String: Any])?["enquiries"] as? [Any])?.count ?? -1 }, Input.pageDefault, Input.pageMaximum),
        ("/api/v1/training/sessions", { ($0 as? [Any])?.count ?? -1 }, Input.pageDefault, Input.pageMaximum),
        // Verifiers keep the whole revocation list: one page holds 10,000.
        ("/api/v1/accreditation/revocations", { ($0 as? [String: Any])?.count ?? -1 }, Input.revocationsPage, Input.revocationsPage),
    ]

    @Test func everyGrowingListComesAPageAtATime() async throws {
        let fixture = try await Self.fixture()
        let app = Application(router: try await PortalApplication.router(store: fixture.store, registrationChecks: nil))
        let token = fixture.token
        do {
            try await app.test(.router) { client in
                let headers: HTTPFields = [.authorization: "Bearer \(token)"]
                for (path, count, pageDefault, maximum) in Self.routes {
                    let join = path.contains("?") ? "&" : "?"
                    func items(_ reply: Reply) throws -> Int {
                        count(try JSONSerialization.jsonObject(with: Data(reply.body.utf8), options: [.fragmentsAllowed]))
                    }
                    for (query, field) in [("limit=\(maximum + 1)", "limit"), ("limit=0", "limit"), ("limit=ten", "limit"),
                                           ("offset=-1", "offset"), ("offset=1000001", "offset")] {
                        let refused = try await client.get(path + join + query, headers: headers)
                        #expect(refused.status == .badRequest && refused.body.contains("\"field\":\"\(field)\""), "\(path) \(query): \(refused.body)")
                    }
                    let all = try items(try await client.get(path + join + "limit=\(maximum)", headers: headers))
                    #expect(all > Input.pageDefault, "\(path): \(all) items in all")
                    let first = try await client.get(path, headers: headers)
                    #expect(first.status == .ok)
                    #expect(try items(first) == min(all, pageDefault), "\(path)")
                    #expect(try items(try await client.get(path + join + "limit=7", headers: headers)) == 7, "\(path)")
                    let rest = try items(try await client.get(path + join + "offset=7&limit=\(maximum)", headers: headers))
                    // A list longer than a page's maximum (the scenario's training sessions) was itself cut there.
                    #expect(all < maximum ? rest == all - 7 : rest >= maximum - 7, "\(path)")
                }
            }
            // The pages of a list, one after another, are the whole list in its order.
            let store = fixture.store
            let complaints = try await store.complaints(within: .nation).map(\.id)
            var paged: [Int] = []
            for offset in stride(from: 0, to: complaints.count + 7, by: 7) {
                paged += try await store.complaints(within: .nation, page: ListPage(offset: offset, limit: 7)).map(\.id)
            }
            #expect(paged == complaints)
            let rejected = try #require(try await store.incidents(ofMission: DemoMission.id).last)
            _ = try await store.setIncidentStatus(rejected.id, .rejected, mission: DemoMission.id)
            let incidents = try await store.incidents(ofMission: DemoMission.id).filter { $0.status != .rejected }.map(\.id)
            #expect(!incidents.contains(rejected.id))
            #expect(try await store.incidents(ofMission: DemoMission.id, includingRejected: false, page: ListPage(limit: 1_000)).map(\.id) == incidents)
            #expect(try await store.incidents(ofMission: DemoMission.id, includingRejected: true, page: ListPage(limit: 1_000)).contains { $0.id == rejected.id })
            let pagedIncidents = try await store.incidents(ofMission: DemoMission.id, includingRejected: false, page: ListPage(offset: 3, limit: 5)).map(\.id)
            #expect(pagedIncidents == Array(incidents.dropFirst(3).prefix(5)))
            let day = try #require(CalendarDate(year: 2023, month: 7, day: 23))
            let enquiries = try await store.enquiries(on: day)
            #expect(try await store.tally(on: day) == HotlineTally(day: day, enquiries))
        } catch {
            try await fixture.store.close()
            throw error
        }
        try await fixture.store.close()
    }
}
