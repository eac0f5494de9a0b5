import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// The hotline's log and its knowledge base, on SQLite and PostgreSQL: only the NEC's call-takers
/// log, an answer cites a question of the knowledge base (not another kind of document), and a
/// day's log reads back newest first.
@Suite struct HotlineStoreTests {
    @Test(arguments: StoreEngine.available)
    func enquiriesAreLoggedByCallTakersWithTheKnowledgeBase(_ engine: StoreEngine) async throws {
        // Its own copy on SQLite: the shared file is read by many tests at once.
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let questions = try await store.documents(kind: .faq)
        #expect(questions.count == ReferenceLibrary.documents.count { $0.kind == .faq } && questions.count >= 5)
        #expect(questions.filter { $0.matches("ដោយរបៀបណា") }.map(\.id) == ["faq-how-to-complain"], "found by Khmer words")
        #expect(questions.filter { $0.matches("polling STATIONS open") }.map(\.id) == ["faq-polling-hours"])

        let tag = UUID().uuidString.prefix(8).lowercased()
        let nec = try await store.addOfficial(name: "hotline-\(tag)", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
        let pec = try await store.addOfficial(name: "pec-hotline-\(tag)", role: .provincialOfficial, unitCode: "12", passwordHash: "!")
        // A day of its own in the far future, so the log read back is this test's alone.
        let at = Date(timeIntervalSince1970: 4_102_444_800 + Double(Int.random(in: 0..<3_000)) * 86_400 + 36_000)
        let day = try await store.election().localDay(at: at)
        let asked = HotlineEnquiry(id: 0, at: at, channel: .phone, topic: .pollingStation, province: "12", question: "Where do I vote?",
                                   answer: "At the station of your list.", articleID: "faq-where-do-i-vote")
        await #expect(throws: Refusal.self) { try await store.logEnquiry(asked, by: pec) }
        var notAnswer = asked
        notAnswer.articleID = "polling-hours-2023"
        await #expect(throws: StoreError.self) { try await store.logEnquiry(notAnswer, by: nec) }
        let first = try await store.logEnquiry(asked, by: nec)
        var second = asked
        (second.channel, second.topic, second.articleID, second.at) = (.sms, .complaints, nil, at.addingTimeInterval(60))
        let next = try await store.logEnquiry(second, by: nec)
        #expect(next.id > first.id)
        let log = try await store.enquiries(on: day)
        #expect(log.map(\.id) == [next.id, first.id] && log.last == first)
        let tally = HotlineTally(day: day, log)
        #expect(tally.byTopic == [.pollingStation: 1, .complaints: 1] && tally.byChannel == [.phone: 1, .sms: 1])
        try await store.close()
    }
}
