import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// The lists the API hands out a page at a time read the same on SQLite and PostgreSQL: pages
/// join into the whole list, in its order, and hold no more than asked.
@Suite struct ListPageStoreTests {
    /// Two pages of `size` and the rest join into the whole list; each holds at most `size`. Other
    /// suites write to the shared PostgreSQL store meanwhile (a checklist adds a visit), so the whole
    /// list is read before and after the pages, and all of it again, up to five times, when another
    /// test changed it in between.
    static func checkPages<T: Hashable>(
        size: Int, whole: () async throws -> [T], _ read: (ListPage) async throws -> [T], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for attempt in 1...5 {
            let before = try await whole()
            let first = try await read(ListPage(offset: 0, limit: size))
            let second = try await read(ListPage(offset: size, limit: size))
            let rest = try await read(ListPage(offset: 2 * size, limit: 1_000))
            guard try await whole() == before || attempt == 5 else { continue }
            #expect(first.count == min(size, before.count) && second.count <= size, sourceLocation: sourceLocation)
            #expect(first + second + rest == before, sourceLocation: sourceLocation)
            return
        }
    }

    @Test(arguments: StoreEngine.available)
    func pagesJoinIntoTheWholeList(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        do {
            let incidents = try await store.incidents(ofMission: DemoMission.id, includingRejected: true, page: ListPage(limit: 1_000))
            // The test scenario's mission has no incidents: their query runs, the web test pages real ones.
            try await Self.checkPages(size: 4, whole: { incidents }) { try await store.incidents(ofMission: DemoMission.id, includingRejected: true, page: $0) }
            let visits = try await store.visits(ofMission: DemoMission.id, page: ListPage(limit: 1_000))
            #expect(visits.count > 10)
            try await Self.checkPages(size: 4, whole: { try await store.visits(ofMission: DemoMission.id) }) { try await store.visits(ofMission: DemoMission.id, page: $0) }
            try await Self.checkPages(size: 3, whole: { try await store.coverage(ofMission: DemoMission.id, page: ListPage(limit: 1_000)) }) {
                try await store.coverage(ofMission: DemoMission.id, page: $0)
            }
            let sessions = try await store.trainingSessions(province: "12", page: ListPage(limit: 1_000))
            let allSessions = try await store.trainingSessions(province: "12")
            #expect(sessions.count > 10 && Set(sessions) == Set(allSessions))
            try await Self.checkPages(size: 5, whole: { try await store.trainingSessions(province: "12", page: ListPage(limit: 1_000)) }) { try await store.trainingSessions(province: "12", page: $0) }
            let complaints = try await store.complaints(within: .nation, page: ListPage(limit: 1_000))
            #expect(complaints.count > 10)
            try await Self.checkPages(size: 5, whole: { try await store.complaints(within: .nation, page: ListPage(limit: 1_000)) }) { try await store.complaints(within: .nation, page: $0) }
            let revoked = try await store.revokedBadges()
            #expect(try await store.revokedBadges(page: ListPage(limit: 10_000)) == revoked)

            // A day of its own in the far future: its enquiries are this test's alone.
            let nec = try await store.addOfficial(name: "pages-\(UUID().uuidString.prefix(8))", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
            let at = Date(timeIntervalSince1970: 4_102_444_800 + Double(Int.random(in: 3_000..<6_000)) * 86_400 + 36_000)
            for (n, topic) in [HotlineEnquiry.Topic.pollingStation, .pollingStation, .registration].enumerated() {
                _ = try await store.logEnquiry(HotlineEnquiry(
                    id: 0, at: at.addingTimeInterval(Double(n)), channel: .phone, topic: topic, province: "12", question: "Question \(n)",
                    answer: "Answer.", articleID: nil), by: nec)
            }
            let day = try await store.election().localDay(at: at)
            let enquiries = try await store.enquiries(on: day)
            #expect(enquiries.count == 3)
            try await Self.checkPages(size: 1, whole: { try await store.enquiries(on: day) }) { try await store.enquiries(on: day, page: $0) }
            #expect(try await store.tally(on: day) == HotlineTally(day: day, enquiries))
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}
